"""policykg — the front end. Run: streamlit run app/main.py (the README's `./dev app`)."""
import logging
import time
from pathlib import Path

import streamlit as st

from policykg.app.prefetch import prefetch
from policykg.app.state import is_admin, location, t, try_store
from policykg.app.widgets import streamlit_words
from policykg.graph.backends import is_endpoint

began = time.perf_counter()  # the server's time for this run of a page, logged below
st.set_page_config(page_title="policykg", page_icon=":material/health_and_safety:", layout="wide")

if "lang" not in st.session_state:
    st.session_state["lang"] = "en" if st.query_params.get("lang") == "en" else "vi"
st.sidebar.radio(t("lang"), ["vi", "en"], key="lang", horizontal=True,
                 format_func=lambda code: "Tiếng Việt" if code == "vi" else "English")

here = Path(__file__).parent / "views"
pages = {
    t("nav.graph"): [
        st.Page(here / "overview.py", title=t("overview"), icon=":material/dashboard:", url_path="home", default=True),
        # The default page is served at '/' only; /overview (the page's name in links and bookmarks)
        # would be Streamlit's English 'Page not found': the same page there, out of the menu.
        st.Page(here / "overview.py", title=t("overview"), url_path="overview", visibility="hidden"),
        st.Page(here / "cascade.py", title=t("cascade"), icon=":material/account_tree:", url_path="cascade"),
        st.Page(here / "document.py", title=t("document"), icon=":material/description:", url_path="document"),
    ],
    t("nav.analysis"): [
        st.Page(here / "search.py", title=t("search"), icon=":material/manage_search:", url_path="search"),
        st.Page(here / "queries.py", title=t("queries"), icon=":material/search:", url_path="queries"),
        st.Page(here / "audit.py", title=t("audit"), icon=":material/fact_check:", url_path="audit"),
        st.Page(here / "indicators.py", title=t("indicators"), icon=":material/monitoring:", url_path="indicators"),
        st.Page(here / "agencies.py", title=t("agencies"), icon=":material/account_balance:", url_path="agencies"),
    ],
}
with st.sidebar.expander(t("settings")):
    store_kind = t("store.endpoint") if is_endpoint(location()) else t("store.embedded")
    st.caption(f"{t('store')}: {store_kind}")
    st.code(location(), language=None)
    if is_admin():
        # An operator's setting only: a URL typed here makes the server send requests to it.
        with st.form("store_form", border=False):
            wanted = st.text_input(t("store.change"), placeholder="http://127.0.0.1:7878", key="store_input")
            if st.form_submit_button(t("store.use")) and wanted.strip():
                error = try_store(wanted)
                if error:
                    st.error(f"{t('store.failed')}: {error}")
                else:
                    logging.getLogger("policykg.app").info("store switched from %s to %s", location(), wanted.strip())
                    st.session_state["store_location"] = wanted.strip()
                    st.rerun()
st.sidebar.caption(t("app") + " · policykg")
# Streamlit writes a few words of its own in English: the upload box's and the 'Press Enter to apply'
# hints. Hidden, or said in the user's language, here.
st.sidebar.html(f"""<style>
[data-testid="InputInstructions"] {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span,
[data-testid="stFileUploaderDropzoneInstructions"] > div > small {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::before {{ content: "{t('upload.drop')}"; }}
[data-testid="stFileUploaderDropzone"] button {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button::after {{ content: "{t('upload.browse')}"; font-size: 0.875rem; }}
</style>""")
with st.sidebar:
    streamlit_words()
    prefetch()
page = st.navigation(pages)
try:
    page.run()
finally:  # also when the page stops early (st.stop) or asks for a rerun
    logging.getLogger("policykg.app").info("page %s ran in %.3f s", page.url_path or "overview", time.perf_counter() - began)
