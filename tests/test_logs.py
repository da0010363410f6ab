"""The log: loads, refused files, query time-outs, store switches; on stderr for the command
line (-v, -q), in a file for the app."""
import logging
import re
import subprocess
import sys

import pytest
from conftest import CORPUS, ROOT

from policykg.graph.ingest import load_file
from policykg.graph.store import open_store
from policykg.loaders import ParseError
from policykg.logs import app_log_path, setup_file
from policykg.queries import QueryRunner, QueryTimeout, run_saved

GOOD = CORPUS / "000_4b541d80a1f56cd0.txt"  # 201/KH-TTYT
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture
def bad_pdf(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj\n")  # cut short
    return bad


@pytest.fixture
def records(caplog):
    logging.getLogger("policykg").propagate = True  # to caplog, whatever set the logger up before
    caplog.set_level(logging.DEBUG, logger="policykg")
    return caplog


def policykg(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True, text=True, cwd=cwd)


def test_loads_and_refusals_are_logged(tmp_path, bad_pdf, records):
    store = open_store(tmp_path / "db")
    load_file(store, GOOD)
    with pytest.raises(ParseError):
        load_file(store, bad_pdf)
    load_file(store, GOOD)
    lines = [(r.levelname, r.name, r.getMessage()) for r in records.records]
    assert ("INFO", "policykg.graph.store", f"opened the store {tmp_path / 'db'}") in lines
    loads = [m for level, name, m in lines if level == "INFO" and " 201/KH-TTYT " in m]
    assert [m.split()[0] for m in loads] == ["added", "unchanged"] and str(GOOD) in loads[0]
    refused = [m for level, _, m in lines if m.startswith("refused ")]
    assert {level for level, _, m in lines if m.startswith("refused ")} == {"INFO"}  # the caller tells the user
    assert refused == [f"refused {bad_pdf}: truncated PDF (no end-of-file marker); the download or copy was cut short"]


def test_a_time_out_is_logged(corpus_store, records):
    with QueryRunner(corpus_store.path, timeout=0.5) as runner:
        with pytest.raises(QueryTimeout):
            run_saved(runner, None, sparql=RUNAWAY)
        run_saved(runner, "cascade", timeout=30)  # a fresh worker: starting it takes longer than 0.5 s
    # INFO: the caller tells the user; the app's log file (INFO) keeps it for the operator
    timeouts = [r.getMessage() for r in records.records if "timed out" in r.getMessage()]
    assert len(timeouts) == 1 and timeouts[0].startswith(f"query sparql timed out on {corpus_store.path}: ")
    # the runner says where the time went and which query it was (its words after the prefixes)
    stopped = [r.getMessage() for r in records.records if r.getMessage().startswith("query stopped at its 0.5 s limit")]
    assert len(stopped) == 1 and stopped[0].endswith(": " + " ".join(RUNAWAY.split())), stopped
    assert "s waiting for a free worker of " in stopped[0]
    assert any(r.levelname == "DEBUG" and r.getMessage().startswith("query cascade: 9 rows") for r in records.records)


def test_cli_log_levels(tmp_path, bad_pdf, corpus_store):
    store = str(tmp_path / "db")
    default = policykg("load", str(bad_pdf), str(GOOD), "--store", store)
    assert default.returncode == 1 and "đã nạp: 1" in default.stdout and "lỗi: 1" in default.stdout
    # one line for the refused file, its reason in Vietnamese; nothing about what went well
    assert len(default.stderr.splitlines()) == 1
    assert default.stderr.startswith(f"policykg: lỗi: {bad_pdf}: tệp PDF bị cắt (")
    quiet = policykg("load", "-q", str(bad_pdf), "--store", store)
    assert quiet.returncode == 1 and quiet.stderr.splitlines() == default.stderr.splitlines()  # errors only
    refused = policykg("-v", "load", str(bad_pdf), "--store", store)
    assert f"policykg: thông tin: refused {bad_pdf}: truncated PDF" in refused.stderr  # the operator's log
    verbose = policykg("-v", "load", str(GOOD), "--store", store)
    assert verbose.returncode == 0
    assert f"policykg: thông tin: unchanged {GOOD} → 201/KH-TTYT" in verbose.stderr
    assert f"policykg: thông tin: opened the store {store}" in verbose.stderr

    runaway = tmp_path / "runaway.rq"
    runaway.write_text(RUNAWAY, "utf-8")
    timed_out = policykg("query", "--file", str(runaway), "--timeout", "0.5", "--store", str(corpus_store.path))
    assert timed_out.returncode == 1
    assert timed_out.stderr.splitlines() == ["policykg: lỗi: Truy vấn vượt quá giới hạn thời gian và đã bị dừng (0,5 giây)."]
    debug = policykg("query", "cascade", "-vv", "--store", str(corpus_store.path))
    assert "policykg: gỡ lỗi: query cascade: 9 rows in" in debug.stderr


def test_app_log_file(tmp_path, monkeypatch):
    monkeypatch.delenv("POLICYKG_LOG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("POLICYKG_STORE", raising=False)
    assert app_log_path(tmp_path / "db") == tmp_path / "db" / "policykg.log"
    # an endpoint: a file of its own in the per-user data folder, whatever POLICYKG_STORE says
    # (it was once the URL itself, and the log went to a relative folder 'http:')
    for store in (None, "http://127.0.0.1:7878"):
        if store:
            monkeypatch.setenv("POLICYKG_STORE", store)
        path = app_log_path("http://127.0.0.1:7878")
        assert path.parent == tmp_path / "data" / "policykg" / "logs"
        assert path.name.startswith("127.0.0.1-7878-") and path.suffix == ".log"
    assert app_log_path("http://127.0.0.1:7878/other") != path  # two endpoints, two logs
    secret = app_log_path("https://ann:s3cret@sparql.example.vn:8443/ds/query").name
    assert secret.startswith("sparql.example.vn-8443-") and "ann" not in secret and "s3cret" not in secret
    monkeypatch.setenv("POLICYKG_LOG", str(tmp_path / "elsewhere.log"))
    assert app_log_path(tmp_path / "db") == tmp_path / "elsewhere.log"


def test_the_app_logs_time_outs_and_store_switches(tmp_path, monkeypatch, corpus_store):
    from streamlit.testing.v1 import AppTest

    first, other = tmp_path / "first", tmp_path / "other"
    open_store(first).close()
    monkeypatch.setenv("POLICYKG_STORE", str(first))
    monkeypatch.setenv("POLICYKG_ADMIN", "1")
    monkeypatch.setenv("POLICYKG_QUERY_TIMEOUT", "0.5")
    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=60)
    at.query_params["lang"] = "vi"
    # the editor is a component AppTest cannot type into: a free query comes in by its share link
    at.query_params["q"] = "__free__"
    at.query_params["sparql"] = RUNAWAY
    at.run()
    at.switch_page("views/queries.py").run()
    at.button(key="run").click().run()
    assert "giới hạn thời gian" in " ".join(e.value for e in at.error)
    at.text_input(key="store_input").set_value(str(other))
    next(b for b in at.button if b.label == "Chuyển kho").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert str(other) in " ".join(c.value for c in at.code)
    # the process's log file: the first store's folder, unless an earlier test's app opened one
    log = setup_file(app_log_path(first)).read_text("utf-8")
    assert f"policykg.app: the app uses the store {first} (log: " in log
    assert f"INFO policykg.queries.table: query sparql timed out on {first}: " in log
    assert f"INFO policykg.app: store switched from {first} to {other}" in log
    # each run of a page, with the server's time for it (benchmarks/load.py reads these)
    assert re.search(r"INFO policykg\.app: page queries ran in \d+\.\d{3} s", log)
