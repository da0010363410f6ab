import pandas as pd
import streamlit as st

from policykg.app.state import cached, get_runner, get_store, lang, saved_query_timeout, t
from policykg.app.widgets import chart, downloads, show_error, stop_if_empty, table, url_date, url_select
from policykg.graph import views
from policykg.queries import QueryError, run_saved

store = get_store()
runner = get_runner()
st.title(t("indicators"))
choices = cached(views.indicator_choices)
stop_if_empty(choices)
labels = {c["key"]: f"{c['label']} ({c['targets']})" for c in choices}
keys = list(labels)
key = url_select(t("indicator"), keys, "indicator", "doctors-per-10000", key="ind", format_func=labels.get)
try:
    result = run_saved(runner, "indicator_targets", {"indicator": key}, timeout=saved_query_timeout())
except QueryError as exc:
    show_error(exc)
    st.stop()
records = result.records()
frame = pd.DataFrame([r for r in records if r["number"] is not None and r["kind"] == "Chỉ tiêu"])
if not frame.empty:
    frame["series"] = frame["locality"].fillna("?") + " · " + frame["plan_id"].fillna("?")
    # long rows with a colour column: a wide table of one column per plan is melted back by Streamlit,
    # a third of a second at the district size
    year, value, locality = t("col.year"), t("col.value"), t("col.locality")
    lines = frame.drop_duplicates(["series", "year"])[["year", "number", "series"]].set_axis([year, value, locality], axis=1)
    chart(st, lines, "line", year, value, locality)
header, rows = result.header(lang()), result.rows
table(header, rows)
downloads(header, rows, f"chi-tieu-{key}")
st.subheader(t("consistency"))
# only the plans (and parent plans) in force on a chosen day; empty: every plan
on = url_date(t("indicators.in_force_on"), "in_force_on", key="in_force_on", help=t("indicators.in_force_on.help"))
try:
    weaker = run_saved(runner, "target_consistency", {"indicator": key, "in_force_on": on.isoformat() if on else ""},
                       timeout=saved_query_timeout())
except QueryError as exc:
    show_error(exc)
    st.stop()
if weaker.rows:
    table(weaker.header(lang()), weaker.rows, key="weaker")
else:
    st.success(t("no_weaker"))
