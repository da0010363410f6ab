import streamlit as st

from policykg.app.state import cached, get_store, lang, t
from policykg.app.widgets import downloads, multiselect, show_error, table, url_select
from policykg.base.formats import format_date, format_number, to_date
from policykg.base.i18n import level_label
from policykg.graph import views
from policykg.graph.audit import AuditError, audit, audit_table
from policykg.graph.auditmap import STATUSES, audit_map_svg, district_tiles_svg, filter_rows, province_table, svg_size, tiles_province
from policykg.graph.timeliness import today_in_vietnam
from policykg.queries.audit_report import audit_docx


def show_svg(svg: str) -> None:
    """An SVG of graph/auditmap.py (names escaped there) in a frame of its own: st.html's sanitiser drops
    SVG; a frame keeps its tooltips. Drawn by the browser from the page itself: no network."""
    _width, height = svg_size(svg)
    st.iframe(f'<!doctype html><html><body style="margin:0">{svg}</body></html>', height=height + 8)


store = get_store()
st.title(t("audit"))
ids = [d["id"] for d in cached(views.document_choices, implemented_only=True) if d["id"]] + \
      [d["id"] for d in cached(views.document_choices) if d["held"] and d["id"]]
ids = list(dict.fromkeys(ids))
cols = st.columns(4)
root = url_select(t("root"), ids, "root", "25-CT/TW", key="audit-root", container=cols[0])
level = cols[1].radio(t("level"), ["auto", "province", "district", "commune"], horizontal=True, key="audit-level",
                      format_func=lambda x: t("auto") if x == "auto" else level_label(x, lang()))
province = cols[2].selectbox(t("province"), [""] + views.province_choices(), key="audit-province",
                             placeholder=t("choose"))
# statuses (on time, late, overdue) as of this day: today in Vietnam unless the user picks another
as_of = cols[3].date_input(t("audit.as_of_status"), value=to_date(today_in_vietnam()), format="DD/MM/YYYY", key="audit-asof")
era_col, status_col = st.columns(2)
era = era_col.radio(t("audit.map_era"), ["auto", "pre2025", "2025"], horizontal=True, key="audit-era",
                    format_func=lambda x: t("audit.map_era.auto") if x == "auto" else t(f"map.{x}"))
statuses = multiselect(status_col, t("audit.status_filter"), list(STATUSES), key="audit-status",
                       format_func=lambda s: t(f"status.{s}"))
try:
    result = cached(audit, root, None if level == "auto" else level, province or None, as_of.isoformat() if as_of else None,
                   None if era == "auto" else era)
except AuditError as exc:
    show_error(exc)
    st.stop()
shown = filter_rows(result, statuses)
grouped = result["level"] == "district" and not result["province"]  # all districts of the country: by province
left, right = st.columns([5, 7])  # the map at its own size (about 410 pixels) beside the rest
with left:
    st.subheader(t("audit.map"))
    show_svg(audit_map_svg(result, lang()))  # the whole audit: the filter is the table's
    st.caption(t("audit.map.source"))
with right:
    c = st.columns(4)
    c[0].metric(t("status.held"), format_number(result["counts"]["held"], lang()))
    c[1].metric(t("status.cited-only"), format_number(result["counts"]["cited-only"], lang()))
    c[2].metric(t("status.missing"), format_number(result["counts"]["missing"], lang()))
    c[3].metric(t("plans_as_evidence"), format_number(result["plans"], lang()))
    st.caption(t("audit.caveat"))
    if result["due_as_written"]:
        st.caption(t("audit.due_line").format(due=format_date(result["due"]) or "?", written=result["due_as_written"]))
        d = st.columns(len(result["timeliness"]))
        for col, (k, n) in zip(d, result["timeliness"].items(), strict=True):
            col.metric(t(f"duecount.{k}"), format_number(n, lang()))
    tiles_of = tiles_province(result)  # a province's districts, or its communes on the map of 2025
    if tiles_of:
        kind = "commune" if result["level"] == "commune" else "district"
        st.subheader(t(f"audit.map.{kind}s").format(province=tiles_of))
        show_svg(district_tiles_svg(result, lang()))
        st.caption(t(f"audit.map.no_{kind}_shapes"))
    if result["level"] == "district":
        if grouped:
            st.info(t("audit.need_province"))
        st.subheader(t("audit.by_province"))
        header, rows = province_table(result, lang())
        table(header, rows, key="audit-by-province")

def rows_and_downloads() -> None:
    if grouped:
        header, rows = province_table(result, lang())
        downloads(header, rows, "kiem-tra-theo-tinh", json_too=True)
    else:
        header, rows = audit_table(shown, lang())
        table(header, rows, key="audit-rows")
        downloads(header, rows, "kiem-tra", json_too=True)
    report_lang = lang()
    # written when clicked (the callable runs apart from the page), not on every rerun
    st.download_button(t("download_docx"), lambda: audit_docx(shown, report_lang), file_name="kiem-tra.docx",
                       key="audit-docx", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


if result["level"] == "district":
    rows_and_downloads()  # below the districts, across the page
else:
    with right:  # a province-level audit: its table beside the map
        rows_and_downloads()
