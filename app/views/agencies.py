import streamlit as st

from policykg.app.state import get_runner, get_store, lang, t
from policykg.app.widgets import downloads, show_error, stop_if_empty, table, url_select
from policykg.graph import views
from policykg.queries import QueryError, run_saved

store = get_store()
runner = get_runner()
st.title(t("agencies"))
agencies = views.agency_choices(store)
stop_if_empty(agencies)
agency = url_select(t("agency"), agencies, "agency", "Sở Y tế", key="agency")
for name, title in (("agency_tasks", t("tasks")), ("agency_responsibilities", t("responsibilities"))):
    try:
        result = run_saved(runner, name, {"agency": agency})
    except QueryError as exc:
        show_error(exc)
        continue
    st.subheader(title)
    header, rows = result.header(lang()), result.rows
    table(header, rows, key=name)
    downloads(header, rows, name)
