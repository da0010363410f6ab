"""Documents replaced, amended, repealed in the graph (graph/rdf.py, graph/history.py): ELI's
relations, the document in force on a chosen date, the audit and the target comparison as of
that date, the saved query and the CLI; on a real on-disk store, with documents written here."""
from pathlib import Path

import pytest
from conftest import CORPUS, ask, select, store_with

from policykg.graph.audit import audit
from policykg.graph.history import document_history, load_history
from policykg.graph.ingest import load_bytes, load_file
from policykg.graph.store import open_store
from policykg.queries import QueryRunner, bind, get

DOCS = Path(__file__).resolve().parent / "documents"

OLD = """ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG
Số: 12/KH-UBND
Hà Giang, ngày 10 tháng 01 năm 2024

KẾ HOẠCH
Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư

Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC TIÊU
Nâng cao sức khỏe nhân dân.
"""
NEW = """ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG
Số: 88/KH-UBND
Hà Giang, ngày 20 tháng 5 năm 2024

KẾ HOẠCH
Về công tác y tế cơ sở giai đoạn 2024 - 2030

I. MỤC TIÊU
Nâng cao sức khỏe nhân dân.
II. TỔ CHỨC THỰC HIỆN
Kế hoạch này có hiệu lực kể từ ngày 01 tháng 6 năm 2024 và thay thế Kế hoạch số 12/KH-UBND của Ủy ban nhân dân tỉnh Hà Giang.
"""
# A later plan amends the new one: it stays in force
AMEND = """ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG
Số: 95/KH-UBND
Hà Giang, ngày 01 tháng 8 năm 2024

KẾ HOẠCH
Sửa đổi, bổ sung một số nội dung của Kế hoạch số 88/KH-UBND ngày 20/5/2024 của Ủy ban nhân dân tỉnh

I. NỘI DUNG
1. Sửa đổi mục I như sau: nâng cao sức khỏe nhân dân và y tế cơ sở.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return store_with(tmp_path_factory.mktemp("history") / "db", [("old.txt", OLD), ("new.txt", NEW), ("amend.txt", AMEND)])


def iri(store, doc_id: str) -> str:
    from policykg.graph.views import resolve_document

    found = resolve_document(store, doc_id)
    assert found is not None
    return found


def test_eli_relations_reach_the_held_document_through_a_citation_without_year(store):
    old, new, amend = iri(store, "12/KH-UBND"), iri(store, "88/KH-UBND"), iri(store, "95/KH-UBND")
    rows = select(store, f"""SELECT ?p ?o WHERE {{ GRAPH graph:catalog {{ <{old}> ?p ?o }}
        FILTER (?p IN (eli:repealed_by, pkg:replacedBy, eli:changed_by, eli:date_no_longer_in_force)) }}""")
    got = {(r["p"].rsplit("#", 1)[-1], r["o"]) for r in rows}
    assert got == {("repealed_by", new), ("replacedBy", new), ("changed_by", new), ("date_no_longer_in_force", "2024-06-01")}
    assert ask(store, f"ASK {{ GRAPH graph:catalog {{ <{amend}> eli:amends <{new}> ; eli:changes <{new}> . <{new}> eli:amended_by <{amend}> }} }}")
    assert select(store, f"SELECT ?d WHERE {{ GRAPH graph:catalog {{ <{new}> eli:first_date_entry_in_force ?d }} }}")[0]["d"] == "2024-06-01"


def test_the_document_in_force_on_a_date(store):
    old, new, amend = iri(store, "12/KH-UBND"), iri(store, "88/KH-UBND"), iri(store, "95/KH-UBND")
    h = load_history(store, [old, new, amend])
    assert h.state(old, "2024-05-31") == "in-force" and h.current(old, "2024-05-31") == old
    assert h.state(old, "2024-06-01") == "replaced" and h.current(old, "2024-06-01") == new
    assert h.state(new, "2024-05-25") == "not-yet"  # signed 20 May, in force from 1 June
    assert h.state(new, "2025-01-01") == "in-force"  # amended, still in force
    assert h.state(old, "2023-12-31") == "not-yet"


def test_document_history_for_the_page(store):
    old, new = iri(store, "12/KH-UBND"), iri(store, "88/KH-UBND")
    page = document_history(store, old, "2024-07-01")
    assert page["state"] == "replaced" and page["in_force_instead"] == new
    assert [(c["kind"], c["id"], c["date"]) for c in page["changed_by"]] == [("replaces", "88/KH-UBND", "2024-06-01")]
    assert "thay thế Kế hoạch số 12/KH-UBND" in page["changed_by"][0]["quote"]
    amended = document_history(store, new, "2024-09-01")
    assert amended["state"] == "in-force" and [c["id"] for c in amended["changed_by"]] == ["95/KH-UBND"]
    assert [(c["kind"], c["id"]) for c in amended["changes"]] == [("replaces", "12/KH-UBND")]
    from policykg.graph.timeliness import today_in_vietnam

    assert document_history(store, new)["on"] == today_in_vietnam()  # the officer's today, not the server's


def test_audit_as_of_a_date_follows_the_replacement(store):
    def ha_giang(result):
        return next(r for r in result["rows"] if r["locality"].endswith("Hà Giang"))

    default = ha_giang(audit(store, "25-CT/TW", level="province"))
    assert [e["document"] for e in default["evidence"]] == ["12/KH-UBND"]  # as before: no date, no change
    before = ha_giang(audit(store, "25-CT/TW", level="province", as_of="2024-03-01"))
    assert [e["document"] for e in before["evidence"]] == ["12/KH-UBND"]
    after = ha_giang(audit(store, "25-CT/TW", level="province", as_of="2024-07-01"))
    assert after["status"] == "held" and [e["document"] for e in after["evidence"]] == ["88/KH-UBND"]
    too_early = ha_giang(audit(store, "25-CT/TW", level="province", as_of="2023-12-01"))
    assert too_early["status"] == "missing"  # no plan yet on that day


def test_cli_audit_counts_the_plans_in_force_today_by_default(store):
    """Without --as-of the CLI audits today, as the app's date picker does: Hà Giang's plan is
    the one that replaced 12/KH-UBND, in the table and in JSON."""
    import json
    import subprocess
    import sys

    base = [sys.executable, "-m", "policykg", "audit", "--store", str(store.path), "--root", "25-CT/TW"]
    rows = json.loads(subprocess.run(base + ["--format", "json"], capture_output=True, text=True, check=True).stdout)
    ha_giang = next(r for r in rows if r["locality"].endswith("Hà Giang"))
    assert [e["document"] for e in ha_giang["evidence"]] == ["88/KH-UBND"]
    early = json.loads(subprocess.run(base + ["--format", "json", "--as-of", "01/03/2024"], capture_output=True, text=True,
                                      check=True).stdout)
    assert [e["document"] for e in next(r for r in early if r["locality"].endswith("Hà Giang"))["evidence"]] == ["12/KH-UBND"]


def test_saved_query_lists_the_changes(store):
    with QueryRunner(store.path) as r:
        q = get("document_changes")
        rows = r.run(q.sparql, bind(q, {})).records()
        replaced = r.run(q.sparql, bind(q, {"kind": "thay thế"})).records()
    got = {(row["doc_id"], row["change"], row["by_id"], row["date"]) for row in rows}
    assert got == {("12/KH-UBND", "Bị thay thế", "88/KH-UBND", "2024-06-01"),
                   ("88/KH-UBND", "Được sửa đổi, bổ sung", "95/KH-UBND", "2024-08-01")}
    assert [row["doc_id"] for row in replaced] == ["12/KH-UBND"]
    assert all(row["held"] for row in rows)


REPLACEMENT = """ỦY BAN NHÂN DÂN
QUẬN NINH KIỀU
Số: 60/KH-UBND
Ninh Kiều, ngày 02 tháng 12 năm 2024

KẾ HOẠCH
Triển khai thực hiện Kế hoạch số 177/KH-UBND ngày 23/8/2024 của Ủy ban nhân dân thành phố Cần Thơ

Thực hiện Kế hoạch số 177/KH-UBND ngày 23/8/2024 của Ủy ban nhân dân thành phố Cần Thơ, Ủy ban nhân dân quận Ninh Kiều ban hành Kế hoạch như sau:

I. MỤC TIÊU
Các chỉ tiêu chi tiết tại Phụ lục.

II. TỔ CHỨC THỰC HIỆN
Kế hoạch này thay thế Kế hoạch số 45/KH-UBND ngày 15/10/2024 của Ủy ban nhân dân quận Ninh Kiều.

PHỤ LỤC
CÁC CHỈ TIÊU Y TẾ

TT	Chỉ tiêu	Đơn vị	Năm 2025	Năm 2030
1	Số bác sĩ trên 10.000 dân	Người	18	22
"""


def test_target_comparison_uses_the_plans_in_force(tmp_path):
    s = open_store(tmp_path / "db")
    load_file(s, CORPUS / "004_807a71750ac034ee.txt")
    load_file(s, DOCS / "district_weaker_target.txt")
    load_bytes(s, REPLACEMENT.encode(), "replacement.txt")
    q = get("target_consistency")
    with QueryRunner(s.path) as r:
        def weaker(**params):
            return {(row["plan_id"], row["indicator_label"]) for row in r.run(q.sparql, bind(q, params)).records()}
        everything = weaker()
        before = weaker(in_force_on="2024-11-01")
        after = weaker(in_force_on="2025-01-01")
    assert ("45/KH-UBND", "Số bác sĩ trên 10.000 dân") in everything  # no date: every plan, as before
    assert before == {("45/KH-UBND", "Số bác sĩ trên 10.000 dân"), ("45/KH-UBND", "Số ca mắc mới lao trên 100.000 dân")}
    assert after == set()  # 45/KH-UBND replaced on 2 December 2024; 60/KH-UBND's 22 is not weaker than ≥ 20
