"""Process-wide resources (the store, the query runner, the log) and the session's language."""
import logging
import os

import streamlit as st

from policykg.base.i18n import t as _t
from policykg.graph.store import default_store_path, open_store
from policykg.logs import app_log_path, setup_file
from policykg.queries import QueryRunner


def is_admin() -> bool:
    """$POLICYKG_ADMIN=1: this server's operator may point the app at another store."""
    return os.environ.get("POLICYKG_ADMIN") == "1"


def location() -> str:
    """The store chosen in the settings (admin only), else $POLICYKG_STORE (a store folder or
    a SPARQL endpoint URL), else the per-user store."""
    chosen = st.session_state.get("store_location") if is_admin() else None
    return chosen or os.environ.get("POLICYKG_STORE") or str(default_store_path())


@st.cache_resource(max_entries=4)
def _store(where: str):
    store = open_store(where)
    # the log file once the store exists (a new folder must hold the store's marker first)
    path = setup_file(app_log_path(store.location))
    logging.getLogger("policykg.app").info("the app uses the store %s (log: %s)", store.location, path)
    return store


def try_store(where: str) -> str | None:
    """Open the store at `where` (folder or URL) now; the error to show, or None."""
    from policykg.graph.store import StoreError

    try:
        _store(where.strip())
    except StoreError as exc:
        from policykg.base.i18n import error_text

        return error_text(exc, lang())
    return None


@st.cache_resource
def _runner(where: str, timeout: float, allow_remote: bool):
    return QueryRunner(where, timeout=timeout, allow_remote=allow_remote)


def get_store():
    """Opened once per process (per location) and shared by every session."""
    return _store(location())


@st.cache_data(max_entries=128, ttl=3600, show_spinner=False)  # a document page holds its text: bounded
def _cached(where: str, generation: str, name: str, args: tuple, kwargs: tuple, _read):
    return _read(_store(where), *args, **dict(kwargs))


def cached(read, *args, **kwargs):
    """`read(store, *args, **kwargs)` (a read model of graph/, e.g. views.document_choices or
    audit) on this session's store, computed once per store generation and shared by every
    session: Streamlit reruns a page at each click, and a province's staff open the same
    pages. Each caller gets its own copy. A load or a drop changes the generation."""
    from policykg.graph.store import store_generation

    where = get_store().location
    return _cached(where, store_generation(where), f"{read.__module__}.{read.__qualname__}", args,
                   tuple(sorted(kwargs.items())), read)


class _Kept:
    """A few answers ready to show, keyed (store, generation, …): least recently used first out,
    and those of an older generation of a store go when one of its new generation comes in."""

    def __init__(self, max_entries: int = 32):
        import collections
        import threading

        self.max_entries = max_entries
        self.items: collections.OrderedDict = collections.OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple):
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: tuple, value) -> None:
        with self.lock:
            for old in [k for k in self.items if k[0] == key[0] and k[1] != key[1]]:  # older generations
                del self.items[old]
            self.items[key] = value
            while len(self.items) > self.max_entries:
                self.items.popitem(last=False)


@st.cache_resource
def _kept_answers() -> _Kept:
    return _Kept()


def kept(compute, *key):
    """`compute()` once per store generation and day for `key`, then the same object for every
    session, uncopied (callers only read it): `(value, True)` when it was kept. For what a page
    makes of a query's answer (cell texts, the table sent to the browser), which costs more than
    the query kept by the runner: a page of 10,000 rows runs again at each click."""
    from policykg.graph.store import store_generation
    from policykg.graph.timeliness import today_in_vietnam

    where = get_store().location
    # the officer's day (a bound 'today' is Vietnam's), not the server's
    full = (where, store_generation(where), lang(), today_in_vietnam(), *key)
    box = _kept_answers()
    value = box.get(full)
    if value is not None:
        return value, True
    value = compute()
    box.put(full, value)
    return value, False


def saved_query_timeout() -> float:
    """The limit of a saved query run as written (reviewed, and its cost grows only with the
    data: comparing every target of a district-size graph takes about five seconds):
    $POLICYKG_SAVED_QUERY_TIMEOUT, 30 s by default. A query the user wrote or edited keeps
    the runner's limit ($POLICYKG_QUERY_TIMEOUT, 5 s by default)."""
    return float(os.environ.get("POLICYKG_SAVED_QUERY_TIMEOUT", "30"))


def get_runner():
    # SERVICE in a query makes the server send requests to any address: an operator's choice.
    return _runner(get_store().location, float(os.environ.get("POLICYKG_QUERY_TIMEOUT", "5")), is_admin())


def lang() -> str:
    return st.session_state.get("lang", "vi")


def t(key: str) -> str:
    return _t(key, lang())
