"""The on-disk store: atomic, idempotent loads; identity across documents; bad folders."""
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import CORPUS, ask, corpus_files, select

from policykg.graph.ingest import load_file, load_paths, load_records
from policykg.graph.store import StoreError, open_store
from policykg.loaders import ParseError

ROOT = Path(__file__).resolve().parent.parent
KIEN_HAI = corpus_files()[0]


def triples(store) -> int:
    return int(select(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"])


def test_reload_changes_nothing_and_change_replaces(tmp_path):
    store = open_store(tmp_path / "db")
    doc = tmp_path / "kien_hai.txt"
    doc.write_bytes(KIEN_HAI.read_bytes())
    assert load_file(store, doc).status == "added"
    before = triples(store)
    assert load_file(store, doc).status == "unchanged"
    assert triples(store) == before
    # the same file changed: a task's deadline moves from 2025 to 2026
    doc.write_text(KIEN_HAI.read_text("utf-8").replace("Ban Quản lý Dự án huyện, các cơ quan, ban, ngành, UBND xã\t2025",
                                                      "Ban Quản lý Dự án huyện, các cơ quan, ban, ngành, UBND xã\t2026"), "utf-8")
    assert load_file(store, doc).status == "replaced"
    deadlines = {r["d"] for r in select(store, 'SELECT ?d WHERE { ?t pkg:no "7" ; a pkg:Task ; pkg:deadlineText ?d }')}
    assert deadlines == {"2026"}
    assert len(store.documents()) == 1
    assert triples(store) == before


def test_bad_file_leaves_store_as_it_was(tmp_path):
    store = open_store(tmp_path / "db")
    load_file(store, KIEN_HAI)
    before = triples(store)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary" * 100)
    with pytest.raises(ParseError):
        load_file(store, bad)
    results = load_paths(store, [bad, CORPUS / "003_de43d9b20077fde2.txt"])
    assert [r.status for r in results] == ["failed", "added"]
    assert "binary" in results[0].error
    assert triples(store) > before


def test_cited_document_becomes_held_under_the_same_iri(tmp_path):
    store = open_store(tmp_path / "db")
    load_file(store, CORPUS / "002_1a8614c488dbc4c5.txt")
    iri = "https://policykg.vn/id/doc/tu-p91/2024/197-kh-tu"
    assert ask(store, f"ASK {{ <{iri}> a pkg:CitedOnlyDocument }}")
    plan = tmp_path / "197.txt"
    plan.write_text(textwrap.dedent("""\
        ĐẢNG BỘ TỈNH KIÊN GIANG
        TỈNH ỦY
        Số 197-KH/TU
        Kiên Giang, ngày 07 tháng 3 năm 2024
        KẾ HOẠCH
        Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư về tiếp tục củng cố y tế cơ sở
        I. MỤC ĐÍCH, YÊU CẦU
        Quán triệt Chỉ thị.
        """), "utf-8")
    result = load_file(store, plan)
    assert result.document == iri
    assert ask(store, f"ASK {{ <{iri}> a pkg:HeldDocument ; eli:passed_by/skos:prefLabel 'Tỉnh ủy Kiên Giang'@vi }}")
    assert not ask(store, f"ASK {{ <{iri}> a pkg:CitedOnlyDocument }}")
    # 176/KH-UBND still reaches 25-CT/TW through it
    assert ask(store, """ASK { ?p eli:id_local "176/KH-UBND" ; eli:ensures_implementation_of/eli:ensures_implementation_of ?d .
                              ?d eli:id_local "25-CT/TW" }""")


def test_citation_without_year_merges_when_the_document_is_loaded(tmp_path):
    store = open_store(tmp_path / "db")
    load_file(store, KIEN_HAI)  # cites 'Kế hoạch số 120/KH-UBND huyện' with no date
    yearless = "https://policykg.vn/id/doc/ubnd-d912/120-kh-ubnd"
    assert ask(store, f"ASK {{ <{yearless}> a pkg:CitedOnlyDocument }}")
    plan = tmp_path / "120.txt"
    plan.write_text(textwrap.dedent("""\
        ỦY BAN NHÂN DÂN
        HUYỆN KIÊN HẢI
        Số: 120/KH-UBND
        Kiên Hải, ngày 10 tháng 7 năm 2024
        KẾ HOẠCH
        Thực hiện Kế hoạch số 197-KH/TU ngày 07/3/2024 của Tỉnh ủy Kiên Giang
        I. MỤC ĐÍCH
        """), "utf-8")
    dated = load_file(store, plan).document
    assert dated == "https://policykg.vn/id/doc/ubnd-d912/2024/120-kh-ubnd"
    assert ask(store, f"ASK {{ <{yearless}> pkg:resolvedTo <{dated}> }}")
    assert not ask(store, f"ASK {{ <{yearless}> a pkg:CitedOnlyDocument }}")
    # what 201/KH-TTYT said of the yearless node now holds for the dated one
    assert ask(store, f"""ASK {{ <{dated}> eli:ensures_implementation_of ?d . ?d eli:id_local "25-CT/TW" }}""")


def test_drop(tmp_path):
    store = open_store(tmp_path / "db")
    load_paths(store, [CORPUS])
    assert store.drop("542/KH-UBND")
    assert not ask(store, 'ASK { ?d eli:id_local "542/KH-UBND" }')
    assert len(store.documents()) == 4
    assert store.drop("no-such/KH") == []


CRASHER = textwrap.dedent("""
    import sys, time
    from policykg.graph.store import open_store
    store = open_store(sys.argv[1])
    print("ready", flush=True)
    load_file(store, sys.argv[2])
    print("done", flush=True)
    time.sleep(30)
""")


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.3])
def test_killed_in_the_middle_of_a_load(tmp_path, delay):
    """kill -9 while a changed document loads: the store opens and holds the old or the new version."""
    path = tmp_path / "db"
    doc = tmp_path / "big.txt"
    original = KIEN_HAI.read_text("utf-8")
    doc.write_text(original, "utf-8")
    store = open_store(path)
    load_file(store, doc)
    old = triples(store)
    store.close()
    # the new version is much larger, so its load takes a while
    doc.write_text(original + "\n" + "\n".join(
        f"- Trên {i % 90}% dân số được khám sức khỏe định kỳ tại Trạm Y tế số {i}." for i in range(20000)), "utf-8")
    proc = subprocess.Popen([sys.executable, "-c", CRASHER, str(path), str(doc)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    store = open_store(path)
    shas = select(store, "SELECT ?sha WHERE { GRAPH ?g { ?g pkg:sha256 ?sha } }")
    assert len(shas) == 1
    import hashlib
    new_sha = hashlib.sha256(doc.read_bytes()).hexdigest()
    if shas[0]["sha"] == new_sha:
        assert triples(store) > old
    else:
        assert triples(store) == old
    assert load_file(store, doc).status in ("replaced", "unchanged")


MAKER = textwrap.dedent("""
    import sys
    print("go", flush=True)
    from policykg.graph.store import open_store
    open_store(sys.argv[1])
    print("done", flush=True)
""")


def reference_counts(store) -> dict:
    rows = select(store, """SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g { graph:ontology graph:gazetteer graph:indicators }
        GRAPH ?g { ?s ?p ?o } } GROUP BY ?g""")
    return {r["g"]: int(r["n"]) for r in rows}


def test_store_killed_while_it_is_made_is_whole_at_the_next_opening(tmp_path, corpus_store):
    """kill -9 while a new store loads its gazetteer (the version marker used to be written
    first): the next opening finds the reference graphs short and loads them again."""
    whole = reference_counts(corpus_store)
    short = 0
    for i, delay in enumerate((0.6, 1.0, 1.4, 1.8, 2.4)):
        path = tmp_path / f"db{i}"
        proc = subprocess.Popen([sys.executable, "-c", MAKER, str(path)], stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout.readline().strip() == "go"
            time.sleep(delay)
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.wait(timeout=30)
        if not path.exists():
            continue
        try:
            read_only = open_store(path, read_only=True)
        except StoreError:
            continue  # killed before the store had its folder marker
        short += bool(read_only.reference_problems())
        del read_only
        store = open_store(path)
        assert store.reference_problems() == [] and reference_counts(store) == whole
        load_file(store, KIEN_HAI)
        assert len(select(store, "SELECT ?u WHERE { GRAPH graph:gazetteer { ?u a pkg:Province } }")) > 60
        store.close()
    assert short, "no kill landed while the reference graphs were made: the test proves nothing"


def test_a_reference_graph_cut_short_is_reported_and_rebuilt(tmp_path):
    path = tmp_path / "db"
    store = open_store(path)
    load_file(store, KIEN_HAI)
    whole = reference_counts(store)
    store.update("DELETE WHERE { GRAPH graph:gazetteer { ?u a pkg:Province ; ?p ?o } }")
    store.close()
    del store
    out = subprocess.run([sys.executable, "-m", "policykg", "validate", "--store", str(path)], capture_output=True,
                         text=True)
    assert out.returncode == 1 and "đồ thị tham chiếu không đầy đủ" in out.stdout and "graph/gazetteer" in out.stdout
    store = open_store(path)
    assert reference_counts(store) == whole and store.reference_problems() == []
    assert len(store.documents()) == 1


def test_folder_that_is_not_a_store(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8\xff")
    with pytest.raises(StoreError, match="not a policykg store"):
        open_store(folder)
    proc = subprocess.run([sys.executable, "-m", "policykg", "stats", "--store", str(folder)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith("policykg: lỗi:") and "Traceback" not in proc.stderr
    with pytest.raises(StoreError, match="no policykg store here"):
        open_store(tmp_path / "empty", read_only=True)


def test_export_formats(corpus_store):
    import rdflib

    for fmt, parse_as in (("nq", "nquads"), ("ttl", "turtle"), ("jsonld", "json-ld")):
        buf = io.BytesIO()
        corpus_store.export(buf, fmt)
        data = buf.getvalue()
        if fmt == "nq":
            graph = rdflib.Dataset()
            graph.parse(data=data, format=parse_as)
        else:
            graph = rdflib.Graph() if fmt == "ttl" else rdflib.Dataset()
            graph.parse(data=data, format=parse_as)
        assert len(graph) > 1000 or sum(1 for _ in graph.quads()) > 1000, fmt


def test_validate_reports_a_violation(tmp_path):
    from policykg.graph.validate import validate

    store = open_store(tmp_path / "db")
    result = load_file(store, CORPUS / "003_de43d9b20077fde2.txt")
    store.update(f"""INSERT DATA {{ GRAPH <{result.graph}> {{
        <{result.document}/task/99> a <https://policykg.vn/ontology#Task> ;
          <http://purl.org/net/p-plan#isStepOfPlan> <{result.document}> ;
          <https://policykg.vn/ontology#periodStart> "2026-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ;
          <https://policykg.vn/ontology#periodEnd> "2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date> }} }}""")
    conforms, violations = validate(store)
    assert not conforms
    messages = [str(v) for v in violations]
    assert any("Nhiệm vụ phải có tên" in m for m in messages)
    assert any("ngày bắt đầu sau ngày kết thúc" in m for m in messages)
    assert all(m.startswith("Violation: 542/KH-UBND") for m in messages)


def test_cli_load_stats_cascade(tmp_path):
    store = tmp_path / "db"
    def run(*a):
        return subprocess.run([sys.executable, "-m", "policykg", *a, "--store", str(store)],
                                        capture_output=True, text=True)
    proc = run("load", str(CORPUS))
    assert proc.returncode == 0, proc.stderr
    assert "đã nạp: 5" in proc.stdout
    assert "không đổi: 5" in run("load", str(CORPUS)).stdout
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["documents_held"] == 5 and stats["documents_cited_only"] > 20
    cascade = json.loads(run("cascade", "89/QĐ-TTg", "--json").stdout)
    assert cascade["plans"] == 2 and set(cascade["provinces"]) == {"Kiên Giang", "Cần Thơ"}
    env = dict(os.environ, POLICYKG_STORE=str(store))
    proc = subprocess.run([sys.executable, "-m", "policykg", "validate"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0 and "Hợp lệ" in proc.stdout


def derived_graphs(store) -> tuple[set, set]:
    """The identity and catalog graphs' statements, as sets of N-Triples lines."""
    from policykg.graph.namespaces import CATALOG_GRAPH, IDENTITY_GRAPH

    return tuple({ln for ln in store.dump_graph(g).decode("utf-8").splitlines() if ln.strip()}
                 for g in (IDENTITY_GRAPH, CATALOG_GRAPH))


def test_catalog_kept_by_each_load_and_drop_equals_a_rebuild(tmp_path):
    """Loads and drops refresh the catalog for the subjects they touch only; the result must be
    what rebuilding it from every graph gives, whatever the order of loads and drops."""
    store = open_store(tmp_path / "db")
    files = corpus_files()
    for f in reversed(files):  # cited documents after the plans that cite them, and then before
        load_file(store, f)
    store.drop(store.documents()[-1]["id"])
    load_file(store, files[-1])
    store.drop(store.documents()[0]["id"])
    kept = derived_graphs(store)
    assert len(kept[1]) > 300
    store.rebuild_derived()
    assert derived_graphs(store) == kept
    # a statement is in the catalog once even when many graphs make it
    doubled = select(store, """SELECT ?s ?p ?o (COUNT(*) AS ?n) WHERE { GRAPH graph:catalog { ?s ?p ?o } }
        GROUP BY ?s ?p ?o HAVING (COUNT(*) > 1) LIMIT 1""")
    assert doubled == []


def test_commune_plans_have_their_own_issuer_and_unit(tmp_path):
    """Two communes of one district issue plans: each plan is passed by its own commune's
    People's Committee and governs its own commune, not the district (before, all of a
    district's communes were one organisation with every commune's name as its label)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import random

    from generate import DISTRICT_AGENCIES, _plan

    rng = random.Random(1)
    pairs = []
    for ident, issuer in (("12/KH-UBND", "Ủy ban nhân dân Xã Bình Trung"), ("12/KH-UBND", "UBND thị trấn Đồng Đăng")):
        rec = _plan(rng, ident, "12", "KH-UBND", issuer, "commune", "Lạng Sơn", "Cao Lộc", "2024-10-01",
                    "Kế hoạch thực hiện", [], [], DISTRICT_AGENCIES)
        pairs.append((rec, f"{issuer}\nSố: 12/KH-UBND\nKẾ HOẠCH\n"))
    store = open_store(tmp_path / "db")
    load_records(store, pairs)
    rows = select(store, """SELECT ?org ?name ?unit WHERE { GRAPH graph:catalog {
        ?d eli:id_local "12/KH-UBND" ; eli:passed_by ?org ; eli:jurisdiction ?unit . ?org skos:prefLabel ?name } }
        ORDER BY ?name""")
    assert [(r["name"], r["unit"].rsplit("/", 2)[-2:]) for r in rows] == [
        ("UBND thị trấn Đồng Đăng", ["commune", "6184"]), ("Ủy ban nhân dân Xã Bình Trung", ["commune", "6217"])]
    assert rows[0]["org"] != rows[1]["org"]
    # each answers to the district's People's Committee
    parents = {r["p"] for r in select(store, """SELECT DISTINCT ?p WHERE { GRAPH graph:catalog {
        ?d eli:id_local "12/KH-UBND" ; eli:passed_by/org:subOrganizationOf ?p } }""")}
    assert parents == {"https://policykg.vn/id/org/ubnd-d183"}


def test_catalog_keeps_one_preferred_label_per_language(corpus_store):
    """Documents spell an agency their own way; the catalog (what queries show) chooses one
    prefLabel per language and keeps the other spellings as altLabel."""
    doubled = select(corpus_store, """SELECT ?s WHERE { GRAPH graph:catalog { ?s skos:prefLabel ?a , ?b
        FILTER (?a != ?b && LANG(?a) = LANG(?b)) } } LIMIT 1""")
    assert doubled == []
    labels = select(corpus_store, """SELECT ?p ?l WHERE { GRAPH graph:catalog {
        <https://policykg.vn/id/agency/p92/so-ke-hoach-va-dau-tu> ?p ?l FILTER (?p IN (skos:prefLabel, skos:altLabel)) } }""")
    assert sorted((r["p"].rsplit("#", 1)[1], r["l"]) for r in labels) == [
        ("altLabel", "Sở Kế hoạch và đầu tư"), ("prefLabel", "Sở Kế hoạch và Đầu tư")]
    # each document's own graph keeps the spelling it used
    assert ask(corpus_store, """ASK { GRAPH ?g { <https://policykg.vn/id/agency/p92/so-ke-hoach-va-dau-tu>
        skos:prefLabel "Sở Kế hoạch và đầu tư"@vi } FILTER (?g != graph:catalog) }""")
