import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from policykg.graph.ingest import load_paths

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
EXPECTED = Path(__file__).resolve().parent / "expected"


def corpus_files():
    return sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def parsed():
    from policykg.loaders import parse_file

    return {p.stem: parse_file(p) for p in corpus_files()}


def expected_record(stem: str) -> dict:
    return json.loads((EXPECTED / f"{stem}.record.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory):
    """An on-disk store with the five corpus documents loaded (shared, treat as read-only)."""
    from policykg.graph.store import open_store

    store = open_store(tmp_path_factory.mktemp("store") / "db")
    results = load_paths(store, [CORPUS])
    assert [r.status for r in results] == ["added"] * 5
    return store


def store_with(path: Path, documents: Iterable[tuple[str, str]]):
    """An on-disk store at `path` holding documents a test writes, as (file name, text) pairs:
    each one must be newly added."""
    from policykg.graph.ingest import load_bytes
    from policykg.graph.store import open_store

    store = open_store(path)
    for name, text in documents:
        assert load_bytes(store, text.encode(), name).status == "added", name
    return store


@contextmanager
def app_on(store: Path | str) -> Iterator[Path | str]:
    """The app's store (POLICYKG_STORE) set to `store` while the block runs, the old value back
    after: for module-scoped fixtures and AppTest, which cannot take the `monkeypatch` fixture."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POLICYKG_STORE", str(store))
        yield store


def ask(store, sparql: str, **kwargs) -> bool:
    return bool(store.query(sparql, **kwargs))


def select(store, sparql: str, **kwargs) -> list[dict]:
    result = store.query(sparql, **kwargs)
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(proc, url: str, what: str, timeout: float = 60) -> None:
    """Poll `url` until it answers; fail with the server's own output if it never does."""
    import time
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                out = proc.communicate()[0] or b""
                pytest.fail(f"{what} did not start: " + out.decode(errors="replace")[-2000:])
            time.sleep(0.3)


def stop(proc) -> None:
    """Stop a server a test started: politely, then for sure."""
    import subprocess

    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Listener:
    """An HTTP server on 127.0.0.1 that records every request it gets (a SERVICE target)."""

    def __init__(self):
        import http.server
        import threading

        self.hits = hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                hits.append(self.path)
                body = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            do_GET = do_POST

            def log_message(self, *args):
                pass
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()
