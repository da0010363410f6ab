"""The structure layer (loaders/structure.py): logical lines that map back to the source,
and the outline; the duties read from it (loaders/duties.py)."""
from pathlib import Path

import pytest

from policykg.loaders.duties import deadline_phrase, find_duties
from policykg.loaders.structure import logical_lines, outline, walk
from policykg.loaders.text import make_source_text

WEB = """|
**ỦY BAN NHÂN
DÂN**
**TỈNH ĐẮK LẮK**
|
Thực hiện Quyết định số
7619/QĐ-BCA ngày 12/11/2025 của Bộ Công an, Ủy ban nhân dân tỉnh ban hành Kế hoạch
như sau:

**V. TỔ
CHỨC THỰC HIỆN**

**1.
Sở Y tế:**

a) Chủ trì, phối hợp với Sở Tài chính tham mưu bố trí kinh phí, hoàn thành trước ngày
15/12/2025;

b) Hướng dẫn các xã, phường triển khai thực hiện hằng năm.

**2. Sở Tài chính:** Bảo đảm kinh phí theo quy định.

**3. Ủy ban nhân dân các xã, phường**

- Xây dựng kế hoạch triển khai trong Quý I/2026.

1. Rà soát văn bản
- *Cơ quan chủ trì:* Sở Tư pháp.
- *Cơ quan phối hợp:* Các sở, ngành.
- *Thời gian thực hiện:* Quý
IV/2025.
"""


def _lines(text):
    st = make_source_text(text)
    return st, logical_lines(st)


def test_logical_lines_join_breaks_and_map_back_to_the_source():
    st, lines = _lines(WEB)
    texts = [ln.text for ln in lines]
    assert "ỦY BAN NHÂN DÂN" in texts
    assert any(t.startswith("Thực hiện Quyết định số 7619/QĐ-BCA ngày 12/11/2025") for t in texts)
    assert "V. TỔ CHỨC THỰC HIỆN" in texts
    assert "1. Sở Y tế:" in texts
    assert any(t.endswith("hoàn thành trước ngày 15/12/2025;") for t in texts)
    for ln in lines:  # nothing lost: every logical line is a span of the source
        a, b = st.span(ln.start, ln.end)
        assert " ".join(st.source[a:b].replace("*", " ").split()) == ln.text


def test_outline_nests_by_marker_order_whatever_the_numbers_say():
    st, lines = _lines(WEB)
    roots = outline(lines)
    org = next(n for n in walk(roots) if n.kind == "roman")
    assert org.marker == "V"
    heads = [n for n in org.children if n.kind == "num"]
    # numbering that restarts ('1.' again after '3.') stays at its level
    assert [n.marker for n in heads] == ["1", "2", "3", "1"]
    assert [c.marker for c in heads[0].items] == ["a", "b"]


def test_duties_under_agency_headings_and_in_blocks():
    st, lines = _lines(WEB)
    heads, duties = find_duties(st, lines, outline(lines), False, 0, len(st.clean))
    assert [h.agency for h in heads] == ["Sở Y tế", "Sở Tài chính", "Ủy ban nhân dân các xã, phường"]
    assert [h.section for h in heads] == ["V.1", "V.2", "V.3"]
    first = duties[0]
    assert (first.agency, first.no, first.coordinating, first.deadline) == \
        ("Sở Y tế", "a", ["Sở Tài chính"], "trước ngày 15/12/2025")
    assert duties[1].deadline == "hằng năm"
    assert duties[2].agency == "Sở Tài chính" and duties[2].text == "Bảo đảm kinh phí theo quy định."
    assert duties[3].deadline == "trong Quý I/2026"
    block = duties[-1]
    assert (block.agency, block.text, block.coordinating, block.deadline) == \
        ("Sở Tư pháp", "Rà soát văn bản", ["Các sở, ngành"], "Quý IV/2025")
    for d in duties:  # each duty quotes its item
        a, b = st.span(d.start, d.end)
        assert d.text.split()[0] in st.source[a:b]


@pytest.mark.parametrize("text,phrase", [
    ("hoàn thành trước ngày 30/6/2026.", "trước ngày 30/6/2026"),
    ("báo cáo chậm nhất ngày 15 tháng 12 năm 2025", "chậm nhất ngày 15 tháng 12 năm 2025"),
    ("thực hiện thường xuyên", "thường xuyên"),
    ("định kỳ hằng quý báo cáo", "định kỳ hằng quý"),
    ("trong tháng 12/2025", "trong tháng 12/2025"),
    ("tổ chức tuyên truyền sâu rộng", None),
    ("báo cáo trước ngày 15/12 hàng năm", "trước ngày 15/12 hàng năm"),
    ("theo Luật số 15/2012/QH13 ngày 11 tháng 11 năm 2009", None),  # a document's date, no deadline
    ("đến năm 2030, tầm nhìn đến năm 2045", "đến năm 2030"),
    ("Phát triển du lịch, tầm nhìn đến năm 2045", None),
    ("Định kỳ báo cáo kết quả", "Định kỳ"),
])
def test_deadline_phrases(text, phrase):
    assert deadline_phrase(text) == phrase


DEV_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "dev-corpus" / "documents"


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="needs ../shared/dev-corpus (absent in a user's checkout)")
def test_corpus_report_on_the_dev_corpus():
    """`policykg parse DIR --summary`'s numbers on the 466 real documents, held to floors
    (parser 2.0 read: ids 415, issuers 370, dates 430, duties in 168 documents, agency
    responsibilities in 162, task tables in 8)."""
    from policykg.loaders.report import corpus_report

    report = corpus_report([DEV_CORPUS])
    totals = report.totals()
    assert totals["files"] == 466
    assert totals["with id"] >= 400 and totals["with date"] >= 420
    assert totals["with issuer"] >= 350
    assert totals["with duties"] >= 155 and totals["with responsibilities"] >= 150
    assert totals["with tasks"] >= 7 and totals["tasks in all"] >= 300
