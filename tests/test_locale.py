"""Vietnamese formats (queries/formats.py), errors in the user's language (app/i18n.py), and
exports that keep a document's text as text (no formula injection in CSV or Excel)."""
import csv
import datetime as dt
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS

from policykg.base.i18n import TEXT, error_text
from policykg.graph.ingest import load_paths
from policykg.queries.formats import (
    Plain,
    display,
    format_date,
    format_number,
    local_time,
    name_key,
    safe_text,
    sort_names,
    to_csv,
    to_xlsx,
)

DOCS = Path(__file__).resolve().parent / "documents"
HOSTILE_TASK = '=HYPERLINK("http://evil.example/x";"Kiện toàn Trung tâm Y tế huyện")'


def hostile_plan(path: Path) -> Path:
    """A district plan whose one task name is an Excel formula."""
    text = (DOCS / "markdown_pipe_tables.md").read_text("utf-8").replace("88/KH-UBND", "89/KH-UBND")
    text = text.replace("| 1 | Kiện toàn Trung tâm Y tế huyện |", f"| 1 | {HOSTILE_TASK} |")
    assert HOSTILE_TASK in text
    path.write_text(text, "utf-8")
    return path


# -- collation ----------------------------------------------------------------------------------

def test_names_sort_in_vietnamese_order():
    names = ["Yên Bái", "Điện Biên", "Đà Nẵng", "Đắk Lắk", "Ủy ban nhân dân tỉnh", "Bình Thuận", "Bình Định",
             "Gia Lai", "Dung", "Uông Bí", "Vĩnh Long", "An Giang", "Ăn", "Âu", "Hà Nội", "Hải Phòng", "Ô Môn", "Ơ"]
    assert sort_names(names) == ["An Giang", "Ăn", "Âu", "Bình Định", "Bình Thuận", "Dung", "Đà Nẵng", "Đắk Lắk",
                                 "Điện Biên", "Gia Lai", "Hà Nội", "Hải Phòng", "Ô Môn", "Ơ", "Uông Bí",
                                 "Ủy ban nhân dân tỉnh", "Vĩnh Long", "Yên Bái"]
    assert name_key("Bình Định") < name_key("Bình Thuận")
    assert name_key("Dung") < name_key("Đà Nẵng") < name_key("Gia Lai")
    assert name_key("Uông Bí") < name_key("Ủy ban") < name_key("Văn phòng")  # among the U's, not last
    assert sorted(names) != sort_names(names)  # code-point order is what this replaces


def test_province_and_agency_pickers_are_in_vietnamese_order(corpus_store):
    from policykg.graph import views

    provinces = views.province_choices()
    assert provinces == sort_names(provinces)
    assert provinces.index("Đà Nẵng") < provinces.index("Gia Lai") < provinces.index("Yên Bái")
    assert provinces.index("Bình Định") < provinces.index("Bình Thuận")
    agencies = views.agency_choices(corpus_store)
    assert agencies == sort_names(agencies) and len(agencies) > 10


def test_audit_rows_follow_vietnamese_order(corpus_store):
    from policykg.graph.audit import audit

    missing = [r["locality"] for r in audit(corpus_store, "25-CT/TW")["rows"] if r["status"] == "missing"]
    names = [m.removeprefix("Tỉnh ").removeprefix("Thành phố ") for m in missing]  # by the name, not its 'Tỉnh'
    assert names == sort_names(names)
    assert missing.index("Bình Định".join(("Tỉnh ", ""))) < missing.index("Tỉnh Bình Thuận")
    assert missing.index("Thành phố Đà Nẵng") < missing.index("Tỉnh Gia Lai") < missing.index("Tỉnh Yên Bái")


# -- dates, times, numbers -------------------------------------------------------------------

def test_dates_and_local_time():
    assert format_date("2023-10-25") == "25/10/2023"
    assert format_date(dt.date(2024, 1, 2)) == "02/01/2024"
    # UTC from the store, shown in Vietnam's time (UTC+7): the date moves too
    assert format_date("2026-11-28T20:00:34Z") == "29/11/2026 03:00"
    assert local_time(dt.datetime(2026, 11, 28, 20, 0, tzinfo=dt.timezone.utc)).utcoffset() == dt.timedelta(hours=7)
    assert format_date("Quý 4/2024") == "Quý 4/2024"  # text that is not a date stays as written
    assert format_date(None) == ""


def test_numbers():
    assert format_number(18.02) == "18,02" and format_number(18.02, "en") == "18.02"
    assert format_number(1234567) == "1.234.567" and format_number(1234567, "en") == "1,234,567"
    assert format_number(1234.5) == "1.234,5" and format_number(-0.25) == "-0,25"
    assert format_number(Plain(2030)) == "2030" and display(Plain(2030)) == "2030"  # a year is not 2.030
    assert display(True) == "Có" and display(False, "en") == "No" and display(None) == ""
    assert display(dt.date(2030, 12, 31)) == "31/12/2030" and display("18.02") == "18.02"


# -- CSV and Excel -----------------------------------------------------------------------------

def read_csv(data: bytes, sep: str = ",") -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads the Vietnamese letters
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=sep))


def test_csv_quotes_text_that_starts_like_a_formula_and_leaves_numbers_alone():
    rows = [[HOSTILE_TASK, -3, -2.5, "-x", "+1", "@SUM(A1)", "\tx", "Sở Y tế", dt.date(2024, 5, 2), Plain(2030)]]
    body = read_csv(to_csv(["=Tên", "b", "c", "d", "e", "f", "g", "h", "i", "j"], rows))
    assert body[0][0] == "'=Tên"
    assert body[1] == ["'" + HOSTILE_TASK, "-3", "-2.5", "'-x", "'+1", "'@SUM(A1)", "x", "Sở Y tế", "02/05/2024", "2030"]
    semi = read_csv(to_csv(["a", "b"], [[18.02, "=1+1"]], sep=";"), sep=";")
    assert semi[1] == ["18,02", "'=1+1"]  # ';' goes with a decimal comma
    assert safe_text("\rx") == "'\rx" and safe_text("Hà Nội") == "Hà Nội"
    with pytest.raises(ValueError):
        to_csv(["a"], [], sep="|")


def test_xlsx_cells_are_typed_and_formulas_stay_text(tmp_path):
    from openpyxl import load_workbook

    data = to_xlsx(["Nhiệm vụ", "Năm", "Giá trị", "Số", "Ngày", "Nạp lúc"],
                   [[HOSTILE_TASK, Plain(2030), 18.02, 1234, dt.date(2024, 5, 2),
                     local_time(dt.datetime(2026, 11, 28, 20, 0, 34, tzinfo=dt.timezone.utc))],
                    ["=1+1", None, -3, 0, None, None]], "Kết quả")
    ws = load_workbook(io.BytesIO(data)).active
    task, year, value, number, date, moment = ws[2]
    assert task.data_type == "s" and task.value == HOSTILE_TASK and task.quotePrefix
    assert ws["A3"].data_type == "s" and ws["A3"].value == "=1+1"
    assert year.value == 2030 and year.data_type == "n" and year.number_format == "0"
    assert value.value == 18.02 and value.data_type == "n" and ws["C3"].value == -3
    assert number.value == 1234 and number.number_format == "#,##0"
    assert date.is_date and date.value.date() == dt.date(2024, 5, 2) and date.number_format == "DD/MM/YYYY"
    assert moment.is_date and moment.value == dt.datetime(2026, 11, 29, 3, 0, 34)  # local time
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no cell is a formula


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    from policykg.graph.store import open_store

    where = tmp_path_factory.mktemp("hostile")
    store = open_store(where / "db")
    load_paths(store, [CORPUS, hostile_plan(where / "ke-hoach-89.md")])
    store.close()
    return where / "db"


def test_cli_exports_of_a_formula_task_are_text(hostile_store, tmp_path):
    from openpyxl import load_workbook

    base = [sys.executable, "-m", "policykg", "query", "task_keyword", "--store", str(hostile_store),
            "--param", "keyword=kiện toàn trung tâm"]
    out = tmp_path / "tasks.xlsx"
    subprocess.run(base + ["--format", "xlsx", "-o", str(out)], check=True, capture_output=True)
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    cells = [ws.cell(row=r, column=header.index("Nhiệm vụ") + 1) for r in range(2, ws.max_row + 1)]
    hostile = [c for c in cells if c.value == HOSTILE_TASK]
    assert hostile and all(c.data_type == "s" for c in hostile)
    assert "<f>" not in zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    text = subprocess.run(base + ["--format", "csv"], check=True, capture_output=True).stdout
    rows = read_csv(text)
    column = rows[0].index("Nhiệm vụ")
    assert "'" + HOSTILE_TASK in [r[column] for r in rows[1:]]
    assert not any(cell.startswith(("=", "+", "@")) for r in rows for cell in r)


def test_audit_exports_have_typed_codes(corpus_store, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "audit.xlsx"
    subprocess.run([sys.executable, "-m", "policykg", "audit", "--store", str(corpus_store.path), "--format", "xlsx",
                    "-o", str(out)], check=True)
    ws = load_workbook(out).active
    assert ws["B1"].value == "Mã" and isinstance(ws["B2"].value, int) and ws["B2"].number_format == "0"
    assert ws["C2"].value == "Tỉnh"  # the level in words, not 'province'


# -- errors in the user's language ------------------------------------------------------------

@pytest.mark.parametrize("name, data, vi, en", [
    ("rong.txt", b"", "tệp rỗng", "empty file"),
    ("anh.txt", b"\x00\x01\x02binary" * 50, "tệp nhị phân, không phải văn bản", "binary file, not text"),
    ("thu.txt", "Kính gửi anh Nam,\nhẹn gặp lại.\n".encode(), "không phải văn bản chính sách", "not a policy document"),
    ("bang.xlsx", None, "bảng tính Excel", "an Excel workbook"),
    ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Word 97-2003", "a Word 97-2003 (.doc) file"),
    ("hong.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\n", "PDF bị cắt", "truncated PDF"),
])
def test_parse_errors_are_said_in_the_users_language(tmp_path, name, data, vi, en):
    from policykg.loaders import ParseError, parse_bytes

    if data is None:
        from openpyxl import Workbook

        buf = io.BytesIO()
        Workbook().save(buf)
        data = buf.getvalue()
    with pytest.raises(ParseError) as info:
        parse_bytes(data, name)
    said_vi, said_en = error_text(info.value, "vi"), error_text(info.value, "en")
    assert said_vi.startswith(f"{name}: ") and vi in said_vi, said_vi
    assert en in said_en and said_en == str(info.value)  # English: the loaders' own words
    english = info.value.problem.split(" (")[0].split(";")[0]
    assert english not in said_vi


def test_query_and_audit_errors_have_codes_and_both_languages(corpus_store):
    from policykg.graph.audit import AuditError, audit
    from policykg.queries import QueryError, QueryRunner, bind, get

    with pytest.raises(QueryError) as info:
        bind(get("deadlines"), {"from": "hôm qua"})
    assert info.value.code == "param.date"
    assert error_text(info.value, "vi").startswith("Tham số from: 'hôm qua' không phải ngày")
    assert error_text(info.value, "en").startswith("Parameter from: 'hôm qua' is not a date")
    with QueryRunner(corpus_store.path) as runner:
        with pytest.raises(QueryError) as info:
            runner.run("SELECT ?s WHERE { ?s ?p }")  # through the worker process: the code survives
    assert info.value.code == "query.syntax" and info.value.params["line"] == 1
    assert error_text(info.value, "en").startswith("SPARQL syntax error on line 1")
    assert "error at" not in error_text(info.value, "vi")
    with pytest.raises(AuditError) as info:
        audit(corpus_store, "999/XX-YY")
    assert error_text(info.value, "en") == "No document '999/XX-YY' in the graph"


def test_every_key_has_both_languages():
    assert all(isinstance(v, tuple) and len(v) == 2 and all(v) for v in TEXT.values())


def test_cli_speaks_vietnamese(corpus_store):
    helped = subprocess.run([sys.executable, "-m", "policykg", "--help"], capture_output=True, text=True, check=True).stdout
    assert helped.startswith("Cách dùng: policykg") and "show this help" not in helped and "usage" not in helped
    bad = subprocess.run([sys.executable, "-m", "policykg", "audit", "--level", "ward"], capture_output=True, text=True)
    assert bad.returncode == 2 and "lỗi: đối số --level: giá trị 'ward' không hợp lệ" in bad.stderr
    table = subprocess.run([sys.executable, "-m", "policykg", "audit", "--store", str(corpus_store.path)],
                           capture_output=True, text=True, check=True).stdout
    first = table.splitlines()[0]
    assert first.startswith("Kiểm tra: 25-CT/TW — cấp tỉnh — bản đồ trước 1/7/2025 (văn bản ngày ") and "province" not in first
    english = subprocess.run([sys.executable, "-m", "policykg", "audit", "--store", str(corpus_store.path), "--lang", "en"],
                             capture_output=True, text=True, check=True).stdout
    assert english.splitlines()[0].startswith("Audit: 25-CT/TW — province level") and "Chưa có" not in english
