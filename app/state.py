"""Process-wide resources (the store, the query runner) and the session's language."""
import os

import streamlit as st

from policykg.graph.store import default_store_path, open_store
from policykg.queries import QueryRunner

from .i18n import t as _t


def location() -> str:
    """$POLICYKG_STORE: a store folder or a SPARQL endpoint URL; else the per-user store."""
    return os.environ.get("POLICYKG_STORE") or str(default_store_path())


@st.cache_resource
def _store(where: str):
    return open_store(where)


@st.cache_resource
def _runner(where: str, timeout: float):
    return QueryRunner(where, timeout=timeout)


def get_store():
    """Opened once per process (per location) and shared by every session."""
    return _store(location())


def get_runner():
    return _runner(get_store().location, float(os.environ.get("POLICYKG_QUERY_TIMEOUT", "5")))


def lang() -> str:
    return st.session_state.get("lang", "vi")


def t(key: str) -> str:
    return _t(key, lang())
