"""The audit as a work tool: status filter, district level and its province, counts per
province, the audit map (its colouring data, the SVG, the shipped outlines) and the Word report."""
import io
import json
import re
import subprocess
import sys

import pytest

from policykg.graph.audit import audit
from policykg.graph.auditmap import (
    COLOURS,
    audit_map_svg,
    district_tiles_svg,
    filter_rows,
    map_statuses,
    province_counts,
    province_table,
)


def cli(store, *args):
    return subprocess.run([sys.executable, "-m", "policykg", "audit", "--store", str(store.path), *args],
                          capture_output=True, text=True)


def test_filter_keeps_the_counts_of_the_whole_audit(corpus_store):
    result = audit(corpus_store, "25-CT/TW")
    shown = filter_rows(result, ["cited-only", "held"])
    assert [r["locality"] for r in shown["rows"]] == ["Tỉnh Kiên Giang", "Tỉnh Nghệ An", "Thành phố Cần Thơ"]
    assert shown["counts"] == result["counts"] == {"held": 2, "cited-only": 1, "missing": 60}
    assert shown["status_filter"] == ["held", "cited-only"]  # in the table's order
    assert filter_rows(result, []) is result and filter_rows(result, None) is result
    assert {r["status"] for r in filter_rows(result, ["missing"])["rows"]} == {"missing"}


def test_cli_status_filter(corpus_store):
    rows = json.loads(cli(corpus_store, "--status", "missing", "--format", "json").stdout)
    assert len(rows) == 60 and {r["status"] for r in rows} == {"missing"}
    rows = json.loads(cli(corpus_store, "--status", "held", "--status", "cited-only", "--format", "json").stdout)
    assert [r["status"] for r in rows] == ["held", "held", "cited-only"]
    bad = cli(corpus_store, "--status", "done")
    assert bad.returncode == 2 and "không hợp lệ" in bad.stderr


def test_district_level_needs_a_province(corpus_store):
    result = audit(corpus_store, "25-CT/TW", level="district")
    assert result["province"] is None and len(result["rows"]) > 600  # the library keeps them, for the grouping
    for lang, words in (("vi", "Cấp huyện cần một tỉnh: thêm --province TỈNH"), ("en", "The district level needs a province")):
        out = cli(corpus_store, "--level", "district", "--lang", lang)
        assert out.returncode == 1 and out.stdout == "" and words in out.stderr
    out = cli(corpus_store, "--level", "district", "--province", "Kiên Giang", "--format", "json")
    rows = json.loads(out.stdout)
    assert out.returncode == 0 and len(rows) == 15 and rows[0]["locality"] == "Huyện Kiên Hải"
    assert audit(corpus_store, "176/KH-UBND")["province"] == "Tỉnh Kiên Giang"  # a provincial plan's own province
    assert audit(corpus_store, "25-CT/TW", level="district", province="Kiên Giang")["province"] == "Tỉnh Kiên Giang"  # as chosen
    assert audit(corpus_store, "25-CT/TW", level="province")["province"] is None  # no province at the province level


def test_counts_per_province(corpus_store):
    result = audit(corpus_store, "25-CT/TW", level="district")
    counts = {e["province"]: e for e in province_counts(result)}
    assert len(counts) == 63
    assert sum(e["held"] + e["cited-only"] + e["missing"] for e in counts.values()) == len(result["rows"])
    kien_giang = counts["Tỉnh Kiên Giang"]
    assert (kien_giang["code"], kien_giang["held"], kien_giang["cited-only"], kien_giang["missing"]) == (91, 0, 1, 14)
    header, rows = province_table(result, "en")
    assert header == ["Province", "Held", "Cited only", "Missing"]
    names = [r[0] for r in rows]
    assert names.index("Tỉnh Bình Định") < names.index("Tỉnh Bình Thuận") < names.index("Thành phố Cần Thơ")  # by the name
    assert names.index("Thành phố Đà Nẵng") < names.index("Tỉnh Gia Lai") < names.index("Tỉnh Yên Bái")  # Đ after D
    assert names[0] == "Tỉnh An Giang" and names[-1] == "Tỉnh Yên Bái"
    by_province = json.loads(cli(corpus_store, "--level", "district", "--by-province", "--format", "json").stdout)
    assert {e["province"]: e["cited-only"] for e in by_province}["Tỉnh Kiên Giang"] == 1
    # at the province level each province counts itself
    assert {e["province"]: e["held"] for e in province_counts(audit(corpus_store, "25-CT/TW"))}["Tỉnh Nghệ An"] == 1


def test_map_colours_every_province_before_2025(corpus_store):
    from policykg.base.places import places

    result = audit(corpus_store, "25-CT/TW")
    units = map_statuses(result)
    assert set(units) == set(places().provinces)  # all 63
    assert units[91]["status"] == "held" and units[40]["status"] == "held" and units[92]["status"] == "cited-only"
    assert sum(u["status"] == "missing" for u in units.values()) == 60
    svg = audit_map_svg(result)
    paths = re.findall(r'<path class="province" d="[^"]+" fill="([^"]+)" data-code="(\d+)" data-status="([^"]+)"', svg)
    assert len(paths) == 63
    for fill, code, status in paths:
        assert status == units[int(code)]["status"] and fill == COLOURS[status]
    assert "Quần đảo Hoàng Sa" in svg and "Quần đảo Trường Sa" in svg and "Chưa có (60)" in svg


def test_map_of_2025_has_34_provinces(corpus_store):
    from policykg.graph.gazetteer import current_divisions

    result = audit(corpus_store, "25-CT/TW", map_of="2025")
    units = map_statuses(result)
    assert set(units) == {p["code"] for p in current_divisions()} and len(units) == 34
    by_name = {u["name"]: u["status"] for u in units.values()}
    assert by_name["An Giang"] == "held" and by_name["Thành phố Cần Thơ"] == "cited-only"
    svg = audit_map_svg(result, "en")
    assert svg.count('<path class="province"') == 34 and 'data-map="2025"' in svg and "Missing (31)" in svg


def test_map_of_a_provincial_plan_and_its_districts(corpus_store):
    result = audit(corpus_store, "176/KH-UBND")
    units = map_statuses(result)
    assert units[91]["status"] == "cited-only" and units[91]["counts"] == {"held": 0, "cited-only": 1, "missing": 14}
    assert all(u["status"] is None for code, u in units.items() if code != 91)  # outside the audit: grey
    assert 'data-status="none"' in audit_map_svg(result) and "Không thuộc phạm vi kiểm tra" in audit_map_svg(result)
    tiles = district_tiles_svg(result)
    statuses = dict(re.findall(r'<g class="district" data-code="\d+" data-status="([^"]+)"><title>([^:<]+)', tiles)[i][::-1]
                    for i in range(15))
    assert len(statuses) == 15 and statuses["Huyện Kiên Hải"] == "cited-only"
    assert sum(s == "missing" for s in statuses.values()) == 14


def test_shipped_outlines_match_the_gazetteer():
    from shapely.geometry import Polygon
    from shapely.ops import unary_union

    from policykg.base.places import places
    from policykg.graph.auditmap import SHAPES, _shapes

    assert len(SHAPES.read_bytes()) < 150_000  # simplified: small enough to ship and draw at once
    data = _shapes()

    def geometry(polygons):
        return unary_union([Polygon(p[0], p[1:]).buffer(0) for p in polygons])  # simplified parts may touch

    assert {int(c) for c in data["pre2025"]} == set(places().provinces)
    assert len(data["2025"]) == 34
    for new, old in data["members_2025"].items():  # each 2025 province covers the old ones merged into it
        merged = geometry(data["2025"][new]).buffer(0.02)
        for code in old:
            assert merged.contains(geometry(data["pre2025"][str(code)]).representative_point()), (new, code)
    from policykg.resources import PROVINCE_SHAPES

    licence = PROVINCE_SHAPES.traversable().parent / "LICENSE.md"
    assert "public domain" in licence.read_text("utf-8") and "Natural Earth" in data["source"]


def docx_text(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return [p.text for p in doc.paragraphs], [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]


def test_word_report_holds_the_counts_the_table_and_the_quotes(corpus_store):
    import datetime as dt

    from policykg.queries.audit_report import audit_docx

    result = audit(corpus_store, "176/KH-UBND")
    paragraphs, tables = docx_text(audit_docx(result, "vi", today=dt.date(2026, 11, 29)))
    assert paragraphs[0] == "Báo cáo kiểm tra việc ban hành kế hoạch thực hiện 176/KH-UBND"
    assert "Ngày lập báo cáo: 29/11/2026" in paragraphs
    assert any(p.startswith("Văn bản gốc: 176/KH-UBND — ") for p in paragraphs)
    counts, rows = tables  # one province: no table by province
    assert counts[1:] == [["Đã có toàn văn", "0"], ["Chỉ được dẫn chiếu", "1"], ["Chưa có", "14"], ["Kế hoạch làm bằng chứng", "2"]]
    assert rows[0] == ["Địa phương", "Mã", "Cấp", "Tình trạng", "Bằng chứng", "Nay thuộc", "Hạn ban hành KH", "Ngày kế hoạch",
                       "Tiến độ"]
    assert len(rows) == 16 and rows[1][0] == "Huyện Kiên Hải" and rows[1][3] == "Chỉ được dẫn chiếu"
    assert any("Huyện Kiên Hải — 198-KH/HU (dẫn chiếu trong 201/KH-TTYT): «" in p for p in paragraphs)
    assert paragraphs[-1] == result["caveat"]


def test_word_report_in_english_filtered_and_hostile_text_stays_text(corpus_store):
    from policykg.queries.audit_report import audit_docx

    result = filter_rows(audit(corpus_store, "25-CT/TW"), ["held"])
    hostile = '=HYPERLINK("http://x","y")\x01<script>alert(1)</script>'
    result["rows"][0]["evidence"][0]["quote"] = hostile
    paragraphs, tables = docx_text(audit_docx(result, "en"))
    assert paragraphs[0] == "Report: which localities have a plan carrying out 25-CT/TW"
    assert re.fullmatch(r"Report date: \d{2}/\d{2}/\d{4}", paragraphs[1])
    assert "The table holds only the localities whose status is: Held" in paragraphs
    assert tables[0][1:4] == [["Held", "2"], ["Cited only", "1"], ["Missing", "60"]]  # counts of the whole audit
    assert [r[3] for r in tables[1][1:]] == ["Held", "Held"]
    assert any('«=HYPERLINK("http://x","y")<script>alert(1)</script>»' in p for p in paragraphs)  # as text, \x01 dropped
    assert paragraphs[-1] == "'Missing' means no plan is known to the graph, not that none exists."


def test_word_report_rows_are_the_cells_python_docx_writes(corpus_store):
    """The body rows are written as XML directly (python-docx's add_row took 5 ms a row): each cell
    as wide as its column, one run, a newline as a line break; Word's reader sees the same cells."""
    import io

    from docx import Document

    from policykg.queries.audit_report import audit_docx

    result = audit(corpus_store, "25-CT/TW", level="district")
    result["rows"][0]["locality"] = "Dòng một\nDòng hai"
    doc = Document(io.BytesIO(audit_docx(result)))
    table = doc.tables[-1]
    assert len(table.rows) == 1 + len(result["rows"]) == 697
    assert table.rows[1].cells[0].text == "Dòng một\nDòng hai"  # python-docx reads a <w:br/> as a newline
    assert table.rows[1].cells[0]._tc.xml.count("<w:br/>") == 1
    widths = [c.width for c in table.rows[0].cells]
    assert all([c.width for c in row.cells] == widths for row in table.rows[1:]) and all(widths)


def test_cli_word_report(corpus_store, tmp_path):
    out = tmp_path / "kiem-tra.docx"
    done = cli(corpus_store, "--format", "docx", "-o", str(out))
    assert done.returncode == 0, done.stderr
    paragraphs, tables = docx_text(out.read_bytes())
    assert tables[0][1:4] == [["Đã có toàn văn", "2"], ["Chỉ được dẫn chiếu", "1"], ["Chưa có", "60"]]
    assert len(tables[-1]) == 64
    missing = cli(corpus_store, "--format", "docx")
    assert missing.returncode == 1 and "--format docx cần -o TỆP.docx" in missing.stderr


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_new_key_has_both_languages(lang):
    from policykg.base.i18n import TEXT

    keys = [k for k in TEXT if k.startswith(("audit.", "download_docx", "error.audit.need", "error.need_output_docx"))]
    assert len(keys) > 20 and all(TEXT[k][0 if lang == "vi" else 1].strip() for k in keys)
    assert all(TEXT[k][0] != TEXT[k][1] for k in keys if k != "audit.caveat")  # translated, not copied
