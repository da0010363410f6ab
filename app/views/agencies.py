import streamlit as st

from policykg.app.state import get_runner, get_store, lang, t
from policykg.app.widgets import downloads, show_error, stop_if_empty, table, url_select
from policykg.graph import views
from policykg.queries import QueryError, bind, get
from policykg.queries.formats import labelled

store = get_store()
runner = get_runner()
st.title(t("agencies"))
agencies = views.agency_choices(store)
stop_if_empty(agencies)
agency = url_select(t("agency"), agencies, "agency", "Sở Y tế", key="agency")
for name, title in (("agency_tasks", t("tasks")), ("agency_responsibilities", t("responsibilities"))):
    q = get(name)
    try:
        result = runner.run(q.sparql, bind(q, {"agency": agency}))
    except QueryError as exc:
        show_error(exc)
        continue
    st.subheader(title)
    header, rows = labelled(result, {c: q.label(c, lang()) for c in result.columns}, {"agency", "plan"})
    table(header, rows, key=name)
    downloads(header, rows, name)
