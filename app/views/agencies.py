import streamlit as st

from policykg.app.state import cached, get_runner, get_store, lang, saved_query_timeout, t
from policykg.app.widgets import downloads, show_error, stop_if_empty, table, url_select
from policykg.graph import views
from policykg.queries import QueryError, run_saved

store = get_store()
runner = get_runner()
st.title(t("agencies"))
agencies = cached(views.agency_choices)
stop_if_empty(agencies)
agency = url_select(t("agency"), agencies, "agency", "Sở Y tế", key="agency")
for name, title in (("agency_tasks", t("tasks")), ("agency_responsibilities", t("responsibilities"))):
    try:
        result = run_saved(runner, name, {"agency": agency}, timeout=saved_query_timeout())
    except QueryError as exc:
        show_error(exc)
        continue
    st.subheader(title)
    header, rows = result.header(lang()), result.rows
    table(header, rows, key=name)
    downloads(header, rows, name)
