"""policykg — the front end. Run: streamlit run app/main.py (the README's `./dev app`)."""
from pathlib import Path

import streamlit as st

from policykg.app.state import lang, t

st.set_page_config(page_title="policykg", page_icon=":material/health_and_safety:", layout="wide")

if "lang" not in st.session_state:
    st.session_state["lang"] = "en" if st.query_params.get("lang") == "en" else "vi"
st.sidebar.radio(t("lang"), ["vi", "en"], key="lang", horizontal=True,
                 format_func=lambda code: "Tiếng Việt" if code == "vi" else "English")

here = Path(__file__).parent / "views"
pages = {
    t("nav.graph"): [
        st.Page(here / "overview.py", title=t("overview"), icon=":material/dashboard:", url_path="overview", default=True),
        st.Page(here / "cascade.py", title=t("cascade"), icon=":material/account_tree:", url_path="cascade"),
        st.Page(here / "document.py", title=t("document"), icon=":material/description:", url_path="document"),
    ],
    t("nav.analysis"): [
        st.Page(here / "queries.py", title=t("queries"), icon=":material/search:", url_path="queries"),
        st.Page(here / "audit.py", title=t("audit"), icon=":material/fact_check:", url_path="audit"),
        st.Page(here / "indicators.py", title=t("indicators"), icon=":material/monitoring:", url_path="indicators"),
        st.Page(here / "agencies.py", title=t("agencies"), icon=":material/account_balance:", url_path="agencies"),
    ],
}
st.sidebar.caption(t("app") + " · policykg")
st.navigation(pages).run()
