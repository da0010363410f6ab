import streamlit as st

from policykg.app.state import get_store, lang, t
from policykg.app.widgets import downloads, show_error, table, url_select
from policykg.base.formats import format_date, to_date
from policykg.base.i18n import level_label
from policykg.graph import views
from policykg.graph.audit import AuditError, audit, audit_table
from policykg.graph.timeliness import today_in_vietnam

store = get_store()
st.title(t("audit"))
ids = [d["id"] for d in views.document_choices(store, implemented_only=True) if d["id"]] + \
      [d["id"] for d in views.document_choices(store) if d["held"] and d["id"]]
ids = list(dict.fromkeys(ids))
cols = st.columns(4)
root = url_select(t("root"), ids, "root", "25-CT/TW", key="audit-root", container=cols[0])
level = cols[1].radio(t("level"), ["auto", "province", "district", "commune"], horizontal=True, key="audit-level",
                      format_func=lambda x: t("auto") if x == "auto" else level_label(x, lang()))
province = cols[2].selectbox(t("province"), [""] + views.province_choices(), key="audit-province",
                             placeholder=t("choose"))
# statuses (on time, late, overdue) as of this day: today in Vietnam unless the user picks another
as_of = cols[3].date_input(t("audit.as_of_status"), value=to_date(today_in_vietnam()), format="DD/MM/YYYY", key="audit-asof")
try:
    result = audit(store, root, None if level == "auto" else level, province or None, as_of.isoformat() if as_of else None)
except AuditError as exc:
    show_error(exc)
    st.stop()
c = st.columns(4)
c[0].metric(t("status.held"), result["counts"]["held"])
c[1].metric(t("status.cited-only"), result["counts"]["cited-only"])
c[2].metric(t("status.missing"), result["counts"]["missing"])
c[3].metric(t("plans_as_evidence"), result["plans"])
st.caption(t("audit.caveat"))
if result["due_as_written"]:
    st.caption(t("audit.due_line").format(due=format_date(result["due"]) or "?", written=result["due_as_written"]))
    d = st.columns(len(result["timeliness"]))
    for col, (k, n) in zip(d, result["timeliness"].items(), strict=True):
        col.metric(t(f"duecount.{k}"), n)
header, rows = audit_table(result, lang())
table(header, rows)
downloads(header, rows, "kiem-tra", json_too=True)
