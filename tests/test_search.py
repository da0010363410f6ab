"""Full-text search (graph/search.py): folding, OCR tolerance, ranking, refresh, the CLI."""
import sqlite3
import subprocess
import sys

import pytest
from conftest import CORPUS

from policykg.base.text import fold
from policykg.graph import search as S
from policykg.graph.ingest import load_bytes, load_paths
from policykg.graph.store import open_store

PLAN = """ỦY BAN NHÂN DÂN
HUYỆN THỬ NGHIỆM
Số: {no}/KH-UBND

KẾ HOẠCH
Thực hiện công tác y tế năm 2025

{body}
"""


def plan(no: int, body: str) -> bytes:
    return PLAN.format(no=no, body=body).encode("utf-8")


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "db")
    load_paths(s, [CORPUS])
    return s


def test_passages_cover_the_text_and_fold_keeps_offsets():
    text = "Dòng một\nDòng hai\n\n" + "chữ " * 400 + "\nCuối."
    spans = S.passages(text)
    assert spans[0] == (0, len("Dòng một\nDòng hai\n"))
    assert all(b - a <= S.PASSAGE_MAX for a, b in spans)
    assert "".join(text[a:b] for a, b in spans).split() == text.split()  # nothing lost
    assert len(fold(text)) == len(text)


def test_accentless_query_finds_the_accented_phrase_at_its_offsets(store):
    hits = S.search(store, "y te co so", limit=10)
    assert hits
    texts = S._document_texts(store, list({h.graph for h in hits}))
    for h in hits:
        text = texts[h.graph][0]
        # the offsets are those of the document's text: the page highlights exactly this
        assert fold(text[h.start:h.end]).split() == ["y", "te", "co", "so"]
        assert h.passage == text[h.passage_start:h.passage_start + len(h.passage)]
    # the phrase as typed ranks first, and only it is marked
    assert fold(hits[0].passage[slice(*hits[0].marks[0])]) == "y te co so"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    # the same words with their diacritics give the same hits
    assert [(h.graph, h.start) for h in S.search(store, "Y tế cơ sở", limit=10)] == [(h.graph, h.start) for h in hits]


def test_ocr_damaged_text_is_found_and_ranked_below_exact(tmp_path):
    s = open_store(tmp_path / "db")
    load_bytes(s, plan(11, "1. Tăng cường tiêm chủng mở rộng cho trẻ em dưới 1 tuổi tại trạm y tế."), "a.txt")
    # the same words as a poor scan reads them: letters lost or swapped for look-alikes
    load_bytes(s, plan(12, "1. Tang cuong tlem chung m0 rông cho tre em duoi 1 tuoi tai tram y te."), "b.txt")
    hits = S.search(s, "tiêm chủng rộng")
    ids = [h.doc_id for h in hits]
    assert ids[:2] == ["11/KH-UBND", "12/KH-UBND"], ids   # both found, the exact one first
    assert not hits[0].approximate and hits[1].approximate and hits[0].score > hits[1].score
    # a query word that is itself damaged finds the clean text
    damaged = S.search(s, "tiem chunng")
    assert {h.doc_id for h in damaged} >= {"11/KH-UBND"} and damaged[0].approximate
    # short words are matched exactly only (one letter off is another word)
    assert not S.search(s, "tiem chunng xyz")


def test_html_escapes_the_passage(tmp_path):
    s = open_store(tmp_path / "db")
    load_bytes(s, plan(13, "Ghi chú <script>alert(1)</script> & y tế cơ sở."), "c.txt")
    html = S.search(s, "y te co so")[0].html()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert "<mark>y tế cơ sở</mark>" in html


def test_refresh_follows_the_store_and_is_atomic(tmp_path):
    s = open_store(tmp_path / "db")
    load_bytes(s, plan(21, "Phòng chống sốt xuất huyết."), "d.txt")
    assert S.refresh(s) == {"added": 1, "removed": 0, "unchanged": 0}
    assert S.refresh(s) == {"added": 0, "removed": 0, "unchanged": 1}
    assert [h.doc_id for h in S.search(s, "sot xuat huyet")] == ["21/KH-UBND"]
    load_bytes(s, plan(22, "Phòng chống bệnh dại."), "e.txt")
    load_bytes(s, plan(21, "Phòng chống bệnh tay chân miệng."), "d.txt")  # d.txt changed

    def failing(store, graphs):  # the store fails while the texts are read
        raise RuntimeError("endpoint gone")
    before = sqlite3.connect(S.index_path(s)).execute("SELECT graph, key FROM documents").fetchall()
    with pytest.raises(RuntimeError):
        S.refresh(s, fetch=failing)
    assert sqlite3.connect(S.index_path(s)).execute("SELECT graph, key FROM documents").fetchall() == before

    def half(store, graphs):  # one text read, then a failure while writing: rolled back whole
        texts = S._document_texts(store, graphs)
        return {g: texts[g] if i == 0 else None for i, g in enumerate(graphs)}
    with pytest.raises(TypeError):
        S.refresh(s, fetch=half)
    assert sqlite3.connect(S.index_path(s)).execute("SELECT graph, key FROM documents").fetchall() == before
    assert [h.doc_id for h in S.search(s, "sot xuat huyet", refresh_first=False)] == ["21/KH-UBND"]
    # a refresh that succeeds: the old text is gone, the new ones are found
    assert S.refresh(s)["added"] == 2
    assert not S.search(s, "sot xuat huyet") and [h.doc_id for h in S.search(s, "tay chan mieng")] == ["21/KH-UBND"]
    assert [h.doc_id for h in S.search(s, "benh dai")] == ["22/KH-UBND"]
    s.drop("22/KH-UBND")
    assert S.refresh(s)["removed"] == 1 and not S.search(s, "benh dai")


def test_cli_search(store, tmp_path):
    base = [sys.executable, "-m", "policykg", "search", "--store", str(store.path)]
    proc = subprocess.run(base + ["y te co so", "--limit", "3"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "«y tế cơ sở»" in proc.stdout and "Văn bản" in proc.stdout
    proc = subprocess.run(base + ["y te co so", "--format", "json", "--lang", "en"], capture_output=True, text=True,
                          timeout=120)
    import json

    rows = json.loads(proc.stdout)
    assert rows and {"Rank", "Document", "Passage", "From character"} <= set(rows[0])
    out = tmp_path / "hits.xlsx"
    proc = subprocess.run(base + ["y te co so", "--format", "xlsx", "-o", str(out)], capture_output=True, timeout=120)
    assert proc.returncode == 0 and out.read_bytes()[:2] == b"PK"


def test_search_benchmark_runs():
    """benchmarks/search.py works (on the bundled corpus; figures in docs/benchmarks.md)."""
    from conftest import ROOT

    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "search.py"), str(CORPUS), "--repeat", "1"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "5 documents held" in proc.stdout and "median ratio (scan / index)" in proc.stdout
