"""Process-wide resources (the store, the query runner) and the session's language."""
import os

import streamlit as st

from policykg.graph.store import default_store_path, open_store
from policykg.queries import QueryRunner

from .i18n import t as _t


@st.cache_resource
def get_store():
    """Opened once per process and shared by every session."""
    return open_store(os.environ.get("POLICYKG_STORE") or default_store_path())


@st.cache_resource
def get_runner():
    timeout = float(os.environ.get("POLICYKG_QUERY_TIMEOUT", "5"))
    return QueryRunner(get_store().path, timeout=timeout)


def lang() -> str:
    return st.session_state.get("lang", "vi")


def t(key: str) -> str:
    return _t(key, lang())
