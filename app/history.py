"""The document page's sections on time and on the parent plan: its status on a chosen day
with its history (graph/history.py), and which of the parent's tasks it takes up
(graph/coverage.py). Kept apart from views/document.py, which only places them."""
import datetime as dt
import html

import streamlit as st

from policykg.app.state import cached, lang, t
from policykg.app.widgets import doc_link, table
from policykg.graph.coverage import coverage, coverage_table
from policykg.graph.history import document_history
from policykg.graph.timeliness import today_in_vietnam
from policykg.queries.formats import format_date


def show_history(iri: str) -> None:
    st.subheader(t("history"))
    on = st.date_input(t("col.date"), value=dt.date.fromisoformat(today_in_vietnam()), format="DD/MM/YYYY", key="history-on")
    page = cached(document_history, iri, on)  # the session's store, computed once per store generation
    state = page["state"]
    line = f"**{t('history.on').format(date=format_date(page['on']))}: {t(f'history.state.{state}')}**"
    dates = [(t("history.entry"), page["entry_into_force"]), (t("history.end"), page["no_longer_in_force"])]
    line += "".join(f"  \n{k}: {format_date(v)}" for k, v in dates if v)  # Markdown's line break
    (st.success if state == "in-force" else st.warning)(line)
    instead = page["in_force_instead"]
    if instead and instead != iri:
        st.markdown(f"{t('history.instead')}: " + doc_link(instead, next((c["id"] for c in page["changed_by"] if c["iri"] == instead), None)
                                                           or instead))
    if not page["changed_by"] and not page["changes"]:
        st.caption(t("history.none"))
        return
    for key, rows in (("history.changed_by", page["changed_by"]), ("history.changes", page["changes"])):
        if rows:
            st.markdown(f"**{t(key)}**")
            table([t("col.kind"), t("col.document"), t("col.date"), t("col.quote")],
                  [[t(f"history.kind.{c['kind']}"), c["id"], dt.date.fromisoformat(c["date"]) if c["date"] else c["date_text"],
                    html.unescape(" ".join((c["quote"] or "").split()))] for c in rows], key=key)


def show_coverage(iri: str) -> None:
    result = cached(coverage, iri)
    if not result["parents"]:
        return
    st.subheader(t("coverage"))
    st.caption(t("coverage.method").format(threshold=int(result["threshold"])))
    for part in result["parents"]:
        c = part["counts"]
        st.markdown(t("coverage.headline").format(child=result["child_id"] or "", parent=part["parent_id"] or "",
                                                  taken=c["taken-up"], total=len(part["rows"]), left=c["left-out"]))
        if part["scope"] == "all":
            st.caption(t("coverage.scope_all"))
        header, rows = coverage_table(part, lang())
        table(header, rows, key=f"coverage-{part['parent']}")
