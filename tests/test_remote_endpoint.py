"""policykg on real SPARQL servers at 127.0.0.1 (`oxigraph serve`, and Virtuoso Open Source 7
for the loads, every saved query and the audit): answers equal the embedded store's; the
app and the CLI on an endpoint; dead endpoints and endpoint time-outs."""
import os
import subprocess
import sys
import time

import pytest
from conftest import CORPUS, ROOT, app_on, free_port, stop, wait_until_up
from engines import ENGINES, OXIGRAPH, engine

from policykg.graph.ingest import load_file, load_paths
from policykg.graph.store import StoreError, open_store
from policykg.queries import QueryError, QueryRunner, QueryTimeout, bind, catalog, run_saved


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """`oxigraph serve`, for the tests of what is Oxigraph's own (its time-out answer, its
    restart after a kill) and of the app and the CLI on an endpoint."""
    with engine("oxigraph", tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="module")
def remote(endpoint):
    store = open_store(endpoint)
    results = load_paths(store, [CORPUS])
    assert [r.status for r in results] == ["added"] * 5
    return store


@pytest.fixture(scope="module", params=ENGINES)
def engine_store(request, tmp_path_factory):
    """Each SPARQL engine in turn, started on 127.0.0.1, with the corpus loaded through
    policykg's endpoint backend: (engine name, URL, store)."""
    with engine(request.param, tmp_path_factory.mktemp(request.param)) as url:
        store = open_store(url)
        assert [r.status for r in load_paths(store, [CORPUS])] == ["added"] * 5
        yield request.param, url, store


# GROUP_CONCAT's order is the engine's (SPARQL leaves it open): these lists are compared as sets
LISTS = {"implements", "cited_by"}


def rows(runner, name):
    q = catalog()[name]
    result = runner.run(q.sparql, bind(q, {}))
    values = [tuple(", ".join(sorted(str(v).split(", "))) if c in LISTS and v is not None else
                    str(v) if v is not None else None for c, v in zip(result.columns, row, strict=True))
              for row in result.rows]
    return sorted(values, key=repr)


@pytest.mark.parametrize("name", sorted(catalog()))
def test_saved_queries_answer_the_same(corpus_store, engine_store, name):
    with QueryRunner(corpus_store.path) as local, QueryRunner(engine_store[1]) as far:
        assert rows(far, name) == rows(local, name)


def test_run_saved_on_the_endpoint(corpus_store, remote, endpoint):
    with QueryRunner(endpoint) as far, QueryRunner(corpus_store.path) as local:
        there = run_saved(far, "agency_tasks", {"agency": "Sở Y tế"})
        here = run_saved(local, "agency_tasks", {"agency": "Sở Y tế"})
    assert [c.name for c in there.columns] == [c.name for c in here.columns]
    assert "agency" not in [c.name for c in there.columns] and there.hidden == ["plan"]
    assert there.header("vi")[:2] == ["Cơ quan", "Vai trò"] and there.header("en")[:2] == ["Agency", "Role"]  # key column first
    assert len(there.rows) > 30 and sorted(map(repr, there.rows)) == sorted(map(repr, here.rows))


def test_audit_and_cascade_the_same(corpus_store, engine_store):
    remote = engine_store[2]
    from policykg.graph.audit import audit
    from policykg.graph.cascade import cascade_graph, summary

    for root in ("25-CT/TW", "176/KH-UBND"):
        assert audit(remote, root)["rows"] == audit(corpus_store, root)["rows"]
    assert summary(cascade_graph(remote, "25-CT/TW")) == summary(cascade_graph(corpus_store, "25-CT/TW"))
    assert remote.stats()["documents_held"] == 5


def test_reload_is_idempotent_on_the_endpoint(engine_store):
    remote = engine_store[2]
    assert {r.status for r in load_paths(remote, [CORPUS])} == {"unchanged"}
    assert len(remote.documents()) == 5


def test_dead_endpoint_is_a_clear_error_not_a_hang():
    port = free_port()  # nothing listens there
    start = time.monotonic()
    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint"):
        open_store(f"http://127.0.0.1:{port}")
    assert time.monotonic() - start < 5
    proc = subprocess.run([sys.executable, "-m", "policykg", "stats", "--store", f"http://127.0.0.1:{port}"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1 and proc.stderr.startswith("policykg: lỗi:") and "Traceback" not in proc.stderr


def test_endpoint_timeout_is_reported_never_a_partial_result(remote, endpoint):
    # a cross product that yields (almost) no row: the server works, streams nothing, and its
    # own --timeout-s 3 then answers 200 with a cut body ending 'The SPARQL operation has been
    # cancelled' — reported as a time-out, never as a (partial) empty result
    runaway = 'SELECT ?a WHERE { ?a ?p1 ?b . ?c ?p2 ?d . FILTER (STR(?b) = CONCAT(STR(?d), "·")) }'
    with QueryRunner(endpoint, timeout=60) as far:
        start = time.monotonic()
        with pytest.raises(QueryTimeout, match="cancelled"):
            far.run(runaway)
        assert time.monotonic() - start < 30
    with QueryRunner(endpoint, timeout=1) as far:  # our own limit, where the server keeps no limit
        start = time.monotonic()
        with pytest.raises(QueryTimeout):
            far.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f }")
        assert time.monotonic() - start < 10


def test_virtuoso_partial_answer_is_a_timeout(engine_store):
    # Virtuoso's 'anytime' query: at its MaxQueryExecutionTime (3 s here) it answers 200 with
    # what it has so far (here no row) and X-SQL-State S1TAT, or (when the limit strikes at
    # another stage) HTTP 500 'Virtuoso S1T00 Error SR171: Transaction timed out'; both are
    # reported as a time-out
    name, url, _store = engine_store
    if name != "virtuoso":
        pytest.skip("Virtuoso's own answer")
    with QueryRunner(url, timeout=60) as far:
        start = time.monotonic()
        with pytest.raises(QueryTimeout, match="at its time limit"):
            far.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f }")
        assert time.monotonic() - start < 30
    with QueryRunner(url, timeout=1) as far:  # our own limit, below the server's
        start = time.monotonic()
        with pytest.raises(QueryTimeout):
            far.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f }")
        assert time.monotonic() - start < 10


def test_updates_refused_and_syntax_errors_on_the_endpoint(endpoint):
    with QueryRunner(endpoint) as far:
        with pytest.raises(QueryError, match="chỉ cho phép truy vấn đọc"):
            far.run("DELETE WHERE { ?s ?p ?o }")
        with pytest.raises(QueryError, match="lỗi cú pháp SPARQL: dòng 1, cột 25"):
            far.run("SELECT ?s WHERE { ?s ?p }")  # checked here, as on the embedded store


def test_service_is_refused_on_the_endpoint(remote, endpoint, listener, tmp_path):
    # oxigraph serve federates SERVICE: the endpoint would send the request on our behalf
    service = "SELECT * WHERE { SERVICE <%s/service> { ?s ?p ?o } }" % listener.url
    with QueryRunner(endpoint) as far:
        with pytest.raises(QueryError, match="SERVICE hoặc LOAD"):
            far.run(service)
    rq = tmp_path / "service.rq"
    rq.write_text(service, "utf-8")
    base = [sys.executable, "-m", "policykg", "query", "--store", endpoint, "--file", str(rq)]
    proc = subprocess.run(base, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "SERVICE hoặc LOAD" in proc.stderr
    assert listener.hits == []
    with QueryRunner(endpoint, allow_remote=True) as far:  # an admin's choice
        far.run(service)
    assert listener.hits == ["/service"]


def test_cli_and_app_on_the_endpoint(remote, endpoint):
    out = subprocess.run([sys.executable, "-m", "policykg", "query", "indicator_targets", "--param", "year=2030",
                          "--store", endpoint, "--format", "csv"], capture_output=True, check=True).stdout.decode("utf-8-sig")
    assert "Thành phố Cần Thơ" in out
    from streamlit.testing.v1 import AppTest

    with app_on(endpoint):
        for page in (None, "views/audit.py", "views/document.py", "views/cascade.py"):
            at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=60)
            at.run()
            if page:
                at.switch_page(page)
                at.run()
            assert not at.exception, [e.value for e in at.exception]
        metrics = {m.label: m.value for m in AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=60).run().metric}
        assert metrics["Văn bản đã có toàn văn"] == "5"


def test_the_app_on_an_endpoint_logs_in_the_user_data_folder(remote, endpoint, tmp_path):
    """The app's log for an endpoint: in a process of its own (the log file is opened once a
    process), started in an empty folder with POLICYKG_STORE the URL."""
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "POLICYKG_LOG"} | {"POLICYKG_STORE": endpoint, "XDG_DATA_HOME": str(data)}
    script = ("from streamlit.testing.v1 import AppTest\n"
              f"at = AppTest.from_file({str(ROOT / 'app' / 'main.py')!r}, default_timeout=60).run()\n"
              "assert not at.exception, [e.value for e in at.exception]\n")
    subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, check=True, capture_output=True, timeout=180)
    [log] = (data / "policykg" / "logs").iterdir()
    assert log.name.startswith(endpoint.split("//")[1].split("/")[0].replace(":", "-") + "-")
    assert f"policykg.app: the app uses the store {endpoint} (log: {log})" in log.read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # nothing written where it was started


def test_app_settings_switch_an_admin_to_the_endpoint(remote, endpoint, tmp_path, monkeypatch):
    """The app starts on an empty embedded store; the operator points it at the endpoint in
    the settings. Without POLICYKG_ADMIN there is no such field."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("POLICYKG_STORE", str(tmp_path / "empty-store"))
    monkeypatch.delenv("POLICYKG_ADMIN", raising=False)
    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=60).run()
    assert not at.exception and not [w for w in at.text_input if w.key == "store_input"]
    assert {m.label: m.value for m in at.metric}["Văn bản đã có toàn văn"] == "0"

    monkeypatch.setenv("POLICYKG_ADMIN", "1")
    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=60).run()
    at.text_input(key="store_input").set_value("http://127.0.0.1:9/none")
    at.button[0].click().run()  # a dead endpoint: an error, the store stays
    assert "Không mở được kho" in " ".join(e.value for e in at.error)
    at.text_input(key="store_input").set_value(endpoint)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert {m.label: m.value for m in at.metric}["Văn bản đã có toàn văn"] == "5"
    assert endpoint in " ".join(c.value for c in at.code)


def serve(location, port: int):
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_up(proc, f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", "oxigraph serve", timeout=30)
    return proc


def held_state(store) -> tuple[str, tuple[int, int]]:
    """The held document's sha, and its graph's size and source text's length."""
    from conftest import select

    rows = select(store, """SELECT ?sha (COUNT(*) AS ?n) (MAX(STRLEN(?text)) AS ?len) WHERE {
        GRAPH ?g { ?g pkg:sha256 ?sha ; pkg:sourceText ?text } GRAPH ?g { ?s ?p ?o } } GROUP BY ?sha""")
    assert len(rows) == 1, rows
    return rows[0]["sha"], (int(rows[0]["n"]), int(rows[0]["len"]))


def derived(store) -> tuple[set, set]:
    from policykg.graph.namespaces import CATALOG_GRAPH, IDENTITY_GRAPH

    return tuple({ln for ln in store.dump_graph(g).decode("utf-8").splitlines() if ln.strip()}
                 for g in (IDENTITY_GRAPH, CATALOG_GRAPH))


def test_endpoint_killed_during_a_load_holds_the_old_or_the_new_document(tmp_path, monkeypatch):
    """kill -9 of `oxigraph serve` while a changed document is written to it: after a
    restart the document is wholly old or wholly new, and the catalog is what a rebuild
    gives. The kill is timed from the moment the document's write request leaves."""
    import threading

    from policykg.graph.backends import RemoteBackend

    location, port = tmp_path / "oxigraph", free_port()
    url = f"http://127.0.0.1:{port}"
    doc = tmp_path / "plan.txt"
    small = (CORPUS / "000_4b541d80a1f56cd0.txt").read_text("utf-8")
    big = small + "\n" + "\n".join(f"- Trên {i % 90}% dân số được khám sức khỏe định kỳ tại Trạm Y tế số {i}."
                                   for i in range(6000))
    server = serve(location, port)
    armed = {}
    real = RemoteBackend._request

    def request(self, url, data, headers, method="POST", timeout=None):
        if armed and data and len(data) > 20000:  # the document's write (the one request that writes it)
            threading.Timer(armed.pop("delay"), server.kill).start()
        return real(self, url, data, headers, method, timeout)
    monkeypatch.setattr(RemoteBackend, "_request", request)
    try:
        store = open_store(url)
        sizes, texts = {}, {}
        for text in (big, small):
            doc.write_text(text, "utf-8")
            load_file(store, doc)
            sha, sizes[sha] = held_state(store)
            texts[sha] = text
        outcomes = []
        for delay in (0.0, 0.02, 0.05, 0.1, 0.2, 0.4):
            sha, _n = held_state(store)
            doc.write_text(next(t for k, t in texts.items() if k != sha), "utf-8")  # the other version
            armed["delay"] = delay
            try:
                assert load_file(store, doc).status == "replaced"
            except StoreError:
                pass  # the endpoint died under the request
            server.wait(timeout=30)
            server = serve(location, port)
            store = open_store(url)
            now, n = held_state(store)
            assert sizes[now] == n  # the old version or the new one, whole
            outcomes.append("new" if now != sha else "old")  # (measured: 4 old, then 2 new)
            kept = derived(store)
            store.rebuild_derived()
            assert derived(store) == kept  # the catalog agrees with the graphs
    finally:
        stop(server)


def test_a_graph_without_its_catalog_entries_is_loaded_again(remote):
    """What a load cut short between the graph and the catalog used to leave: 'unchanged'
    skipped it on every later load. The check now wants the catalog entries too."""
    doc = remote.documents()[0]
    remote.update("DELETE WHERE { GRAPH graph:catalog { <%s> ?p ?o } }" % doc["document"])
    results = {r.path: r.status for r in load_paths(remote, [CORPUS])}
    assert sorted(results.values()) == ["replaced"] + ["unchanged"] * 4
    assert bool(remote.query("ASK { GRAPH graph:catalog { <%s> a pkg:HeldDocument } }" % doc["document"]))
