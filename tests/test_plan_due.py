"""Due dates of the plans a document asks for (loaders/plan_due.py), the audit's timeliness
(graph/timeliness.py) and the audit on the map of 2025 (graph/audit.py): synthetic plans
written here, loaded into an on-disk store."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.base.text import squash
from policykg.graph.audit import AuditError, audit, audit_table
from policykg.graph.timeliness import demand_level, parse_as_of, timeliness
from policykg.loaders import parse_text

DOCS = Path(__file__).resolve().parent / "documents"
DEV_72 = Path(__file__).resolve().parents[2] / "shared" / "dev-corpus" / "documents" / "e6a38be28e06d39e.md"  # named by issue 16; absent from some copies of the corpus

PROVINCIAL = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: {no}/KH-UBND
Bắc Ninh, ngày {day} tháng {month} năm {year}

KẾ HOẠCH
Triển khai thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư

Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. TỔ CHỨC THỰC HIỆN
1. Sở Y tế
Chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch này.

2. UBND các huyện, thị xã, thành phố
{sentence}

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def demand(sentence: str, date=(10, 6, 2024)) -> tuple[dict, str, list[int] | None]:
    text = PROVINCIAL.format(no=1, day=date[0], month=date[1], year=date[2], sentence=sentence)
    r = parse_text(text)
    [e] = r["expected_implementers"]
    return e, text, r["spans"].get("expected_implementers[0].due")


# sentence → (due, as written), for a plan dated 10/6/2024
VARIANTS = [
    ("Xây dựng kế hoạch triển khai tại địa phương, hoàn thành trước ngày 30/6/2024.", "2024-06-30", "trước ngày 30/6/2024"),
    ("Xây dựng kế hoạch thực hiện, gửi về Sở Y tế chậm nhất ngày 15 tháng 7 năm 2024.", "2024-07-15",
     "chậm nhất ngày 15 tháng 7 năm 2024"),
    ("Chậm nhất đến hết ngày 31/7/2024 phải ban hành kế hoạch thực hiện.", "2024-07-31", "Chậm nhất đến hết ngày 31/7/2024"),
    ("Xây dựng kế hoạch triển khai trong tháng 7/2024.", "2024-07-31", "trong tháng 7/2024"),
    ("Xây dựng và ban hành kế hoạch thực hiện, hoàn thành trong Quý III/2024.", "2024-09-30", "trong Quý III/2024"),
    ("Xây dựng kế hoạch thực hiện trong quý 4 năm 2024.", "2024-12-31", "trong quý 4 năm 2024"),
    ("Xây dựng kế hoạch trước 31/12/2025.", "2025-12-31", "trước 31/12/2025"),
    ("Xây dựng kế hoạch trước tháng 8/2024.", "2024-07-31", "trước tháng 8/2024"),  # the month itself excluded
    ("Xây dựng kế hoạch trong năm 2024.", "2024-12-31", "trong năm 2024"),
    # relative to the document's date (10/6/2024), the day of signing not counted
    ("Xây dựng kế hoạch thực hiện trong thời hạn 30 ngày kể từ ngày ký ban hành Kế hoạch này.", "2024-07-10",
     "trong thời hạn 30 ngày kể từ ngày ký"),
    ("Xây dựng kế hoạch trong vòng 02 (hai) tháng kể từ ngày Kế hoạch này được ban hành.", "2024-08-10",
     "trong vòng 02 (hai) tháng kể từ ngày Kế hoạch này được ban hành"),
    ("Xây dựng kế hoạch trong thời hạn 02 tuần kể từ ngày ký.", "2024-06-24", "trong thời hạn 02 tuần kể từ ngày ký"),
    # a day without its year: the document's year, or the next once that day has passed
    ("Xây dựng kế hoạch trước ngày 30/6 và báo cáo kết quả trước ngày 15/12/2024.", "2024-06-30", "trước ngày 30/6"),
    ("Xây dựng kế hoạch trước ngày 20/5.", "2025-05-20", "trước ngày 20/5"),
    # kept as written, not computed: working days, a time from an undated event
    ("Xây dựng kế hoạch trong thời hạn 15 ngày làm việc kể từ ngày ký.", None, "trong thời hạn 15 ngày làm việc kể từ ngày ký"),
    ("Xây dựng kế hoạch trong thời hạn 15 ngày kể từ ngày nhận được Kế hoạch này.", None,
     "trong thời hạn 15 ngày kể từ ngày nhận được Kế hoạch này"),
    # no due date: a horizon, a report's recurring deadline, nothing said
    ("Xây dựng kế hoạch thực hiện giai đoạn đến năm 2030; báo cáo kết quả trước ngày 15/12 hằng năm.", None, None),
    ("Xây dựng kế hoạch triển khai thực hiện, báo cáo Sở Y tế trước ngày 15/7/2024.", None, None),
    ("Xây dựng kế hoạch triển khai thực hiện.", None, None),
]


@pytest.mark.parametrize("sentence,due,written", VARIANTS)
def test_due_date_variants(sentence, due, written):
    e, text, span = demand(sentence)
    assert (e["due"], e["due_as_written"]) == (due, written)
    if written:  # its span quotes it
        assert span is not None and squash(text[span[0]:span[1]]) == written
    else:
        assert span is None


INLINE = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 5/KH-UBND
Bắc Ninh, ngày 10 tháng 6 năm 2024

KẾ HOẠCH
Triển khai thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư

I. TỔ CHỨC THỰC HIỆN
{body}

Nơi nhận:
- Lưu: VT.
"""


@pytest.mark.parametrize("body,who,due,written", [
    # the body named in the sentence itself, not as a heading
    ("UBND các huyện, thành phố ban hành kế hoạch thực hiện trong thời hạn 30 ngày kể từ ngày ký Kế hoạch này.",
     "UBND các huyện, thành phố", "2024-07-10", "trong thời hạn 30 ngày kể từ ngày ký"),
    # asked for: 'Đề nghị …', 'Giao …' before the body
    ("Đề nghị Ủy ban nhân dân các huyện, thành phố căn cứ Kế hoạch này xây dựng kế hoạch của địa phương, "
     "gửi về Sở Y tế trước ngày 30/6/2024.", "Ủy ban nhân dân các huyện, thành phố", "2024-06-30", "trước ngày 30/6/2024"),
    ("Giao UBND các xã, phường, thị trấn xây dựng kế hoạch thực hiện, hoàn thành chậm nhất ngày 15/7/2024.",
     "UBND các xã, phường, thị trấn", "2024-07-15", "chậm nhất ngày 15/7/2024"),
    # the body, a colon, then what it is to do
    ("Ủy ban nhân dân các huyện, thị xã, thành phố: Trên cơ sở Kế hoạch này, xây dựng Kế hoạch triển khai thực hiện "
     "tại địa phương trước ngày 30 tháng 6 năm 2024.", "Ủy ban nhân dân các huyện, thị xã, thành phố", "2024-06-30",
     "trước ngày 30 tháng 6 năm 2024"),
])
def test_demand_wordings(body, who, due, written):
    [e] = parse_text(INLINE.format(body=body))["expected_implementers"]
    assert (e["who"], e["due"], e["due_as_written"]) == (who, due, written)


def test_relative_due_needs_the_documents_date():
    # 'Bắc Ninh, ngày … tháng … năm' without a year: the document has no date, so no due date
    e, _, _ = demand("Xây dựng kế hoạch trong thời hạn 30 ngày kể từ ngày ký.", date=(10, 6, 2024))
    assert e["due"] == "2024-07-10"
    e, _, _ = demand("Xây dựng kế hoạch trong thời hạn 30 ngày kể từ ngày ký.", date=(31, 1, 2024))
    assert e["due"] == "2024-03-01"  # 2024 is a leap year
    e, _, _ = demand("Xây dựng kế hoạch trong thời hạn 01 tháng kể từ ngày ký.", date=(31, 1, 2025))
    assert e["due"] == "2025-02-28"  # no 31 February: the month's last day


def test_timeliness_boundaries():
    # due today: a missing plan is not yet overdue, a plan of the day is on time
    assert timeliness("2024-06-30", [], "2024-06-30") == ("not-yet-due", None, None)
    assert timeliness("2024-06-30", ["2024-06-30"], "2024-06-30") == ("on-time", "2024-06-30", None)
    assert timeliness("2024-06-30", [], "2024-07-01") == ("overdue", None, 1)
    assert timeliness("2024-06-30", ["2024-07-12"], "2024-08-01") == ("late", "2024-07-12", 12)
    # a plan dated after the chosen day did not exist yet
    assert timeliness("2024-06-30", ["2024-07-12"], "2024-07-05") == ("overdue", None, 5)
    # a plan before the root (it carried out the root's parent already): on time
    assert timeliness("2024-06-30", ["2023-01-15"], "2024-08-01") == ("on-time", "2023-01-15", None)
    # no due date: the plan's date still shown
    assert timeliness(None, ["2024-07-12"], "2024-08-01") == ("no-due-date", "2024-07-12", None)
    assert timeliness(None, [], "2024-08-01") == ("no-due-date", None, None)
    assert timeliness("2024-06-30", [None], "2024-08-01") == ("undated", None, None)
    # the earliest of several plans counts
    assert timeliness("2024-06-30", ["2024-08-01", "2024-06-01"], "2024-09-01") == ("on-time", "2024-06-01", None)


def test_as_of_and_levels_of_demands():
    assert parse_as_of("05/08/2024") == parse_as_of("2024-08-05") == "2024-08-05"
    assert parse_as_of(None) is None
    with pytest.raises(ValueError):
        parse_as_of("31/02/2024")
    assert demand_level("UBND các huyện, thị xã, thành phố") == "district"
    assert demand_level("Các tỉnh ủy, thành ủy") == "province"
    assert demand_level("UBND các tỉnh, thành phố trực thuộc Trung ương") == "province"
    assert demand_level("UBND các xã, phường, đặc khu") == "commune"
    assert demand_level("Sở Y tế") is None


# -- the audit over a store --------------------------------------------------------------------
DISTRICT = """ỦY BAN NHÂN DÂN
HUYỆN {upper}
Số: {no}/KH-UBND
{name}, {date}

KẾ HOẠCH
Triển khai thực hiện Kế hoạch số 1/KH-UBND ngày 10/6/2024 của Ủy ban nhân dân tỉnh Bắc Ninh

Thực hiện Kế hoạch số 1/KH-UBND ngày 10/6/2024 của Ủy ban nhân dân tỉnh Bắc Ninh, Ủy ban nhân dân huyện {name} ban hành Kế hoạch như sau:

I. TỔ CHỨC THỰC HIỆN
1. Trung tâm Y tế huyện
Chủ trì tổ chức thực hiện Kế hoạch này.

Nơi nhận:
- Lưu: VT.
"""


@pytest.fixture(scope="module")
def due_store(tmp_path_factory):
    from policykg.graph.ingest import load_paths
    from policykg.graph.store import open_store

    folder = tmp_path_factory.mktemp("due-docs")
    (folder / "tinh.txt").write_text(PROVINCIAL.format(
        no=1, day=10, month=6, year=2024,
        sentence="Xây dựng kế hoạch triển khai tại địa phương, hoàn thành trước ngày 30/6/2024."), "utf-8")
    (folder / "tien-du.txt").write_text(DISTRICT.format(upper="TIÊN DU", name="Tiên Du", no=21, date="ngày 25 tháng 6 năm 2024"), "utf-8")
    (folder / "yen-phong.txt").write_text(DISTRICT.format(upper="YÊN PHONG", name="Yên Phong", no=35, date="ngày 12 tháng 7 năm 2024"), "utf-8")
    store = open_store(tmp_path_factory.mktemp("due-store") / "db")
    assert [r.status for r in load_paths(store, [folder])] == ["added"] * 3
    return store


def test_audit_page_shows_due_date_and_timeliness(tmp_path):
    """The Kiểm tra page with a provincial plan that gives its districts a due date: the due line,
    the counts by timeliness and each district's status as of the chosen day (Streamlit's
    AppTest on a store of its own)."""
    import datetime as dt

    from conftest import ROOT, app_on, store_with
    from streamlit.testing.v1 import AppTest

    path = tmp_path / "db"
    store_with(path, [
        ("tinh.txt", PROVINCIAL.format(no=1, day=10, month=6, year=2024,
                                      sentence="Xây dựng kế hoạch triển khai tại địa phương, hoàn thành trước ngày 30/6/2024.")),
        ("tien-du.txt", DISTRICT.format(upper="TIÊN DU", name="Tiên Du", no=21, date="ngày 25 tháng 6 năm 2024")),
        ("yen-phong.txt", DISTRICT.format(upper="YÊN PHONG", name="Yên Phong", no=35, date="ngày 12 tháng 7 năm 2024"))]).close()
    with app_on(path):
        at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=60)
        at.run()
        at.switch_page("views/audit.py")
        at.run()
        at.selectbox(key="audit-root").set_value("1/KH-UBND").run()
        at.date_input(key="audit-asof").set_value(dt.date(2024, 8, 1)).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Hạn ban hành kế hoạch: 30/06/2024 («trước ngày 30/6/2024»)" in c.value for c in at.caption)
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Đúng hạn"], metrics["Chậm"], metrics["Chưa có, quá hạn"]) == ("1", "1", "6")
    frame = next(d.value for d in at.dataframe if "Tiến độ" in d.value.columns)
    progress = dict(zip(frame["Địa phương"], frame["Tiến độ"], strict=True))
    assert progress["Huyện Yên Phong"] == "Chậm 12 ngày" and progress["Huyện Tiên Du"] == "Đúng hạn"
    assert progress["Huyện Gia Bình"] == "Chưa có, quá hạn 32 ngày"
    assert dict(zip(frame["Địa phương"], frame["Ngày kế hoạch"], strict=True))["Huyện Tiên Du"] == "25/06/2024"


def test_due_dates_in_the_graph_conform_to_the_shapes(due_store):
    from conftest import select

    from policykg.graph.validate import validate

    rows = select(due_store, """SELECT ?text ?date ?exact WHERE { ?dm a pkg:PlanDemand ; pkg:due ?d .
        ?d a pkg:PlanDue ; pkg:dueText ?text ; pkg:dueDate ?date ; pkg:evidence/oa:exact ?exact }""")
    assert [(r["text"], r["date"], r["exact"]) for r in rows] == [("trước ngày 30/6/2024", "2024-06-30", "trước ngày 30/6/2024")]
    conforms, violations = validate(due_store)
    assert conforms, violations[:3]


def test_audit_timeliness_as_of(due_store):
    result = audit(due_store, "1/KH-UBND", as_of="01/07/2024")
    rows = {r["locality"]: r for r in result["rows"]}
    assert result["level"] == "district" and result["due"] == "2024-06-30"
    assert result["due_as_written"] == "trước ngày 30/6/2024"
    assert rows["Huyện Tiên Du"]["timeliness"] == "on-time" and rows["Huyện Tiên Du"]["plan_date"] == "2024-06-25"
    # Yên Phong's plan of 12/7 did not exist on 1/7: missing and overdue by one day
    assert (rows["Huyện Yên Phong"]["timeliness"], rows["Huyện Yên Phong"]["late_days"]) == ("overdue", 1)
    later = {r["locality"]: r for r in audit(due_store, "1/KH-UBND", as_of="2024-08-01")["rows"]}
    assert (later["Huyện Yên Phong"]["timeliness"], later["Huyện Yên Phong"]["late_days"]) == ("late", 12)
    assert (later["Huyện Gia Bình"]["timeliness"], later["Huyện Gia Bình"]["late_days"]) == ("overdue", 32)
    early = audit(due_store, "1/KH-UBND", as_of="2024-06-30")
    assert early["timeliness"]["not-yet-due"] == len(early["rows"]) - 1  # due today: not yet late
    header, body = audit_table(audit(due_store, "1/KH-UBND", as_of="2024-08-01"), "en")
    assert header[-3:] == ["Plan due", "Plan date", "Timeliness"]
    assert {row[-1] for row in body} == {"On time", "Late by 12 days", "Missing, overdue by 32 days"}
    with pytest.raises(AuditError, match="ngày không hợp lệ"):
        audit(due_store, "1/KH-UBND", as_of="32/13/2024")


def test_cli_as_of(due_store):
    base = [sys.executable, "-m", "policykg", "audit", "--store", str(due_store.path), "--root", "1/KH-UBND"]
    out = subprocess.run(base + ["--as-of", "01/08/2024"], capture_output=True, text=True, check=True).stdout
    assert "Hạn ban hành kế hoạch: 30/06/2024 («trước ngày 30/6/2024»)" in out
    assert "Tình hình đến ngày 01/08/2024: Đúng hạn: 1   Chậm: 1   Chưa có, quá hạn: 6" in out
    assert "Chậm 12 ngày" in out
    rows = json.loads(subprocess.run(base + ["--as-of", "2024-07-01", "--format", "json"], capture_output=True, text=True,
                                     check=True).stdout)
    assert {r["locality"]: r["timeliness"] for r in rows}["Huyện Yên Phong"] == "overdue"
    bad = subprocess.run(base + ["--as-of", "hôm qua"], capture_output=True, text=True)
    assert bad.returncode != 0 and "Ngày không hợp lệ: 'hôm qua'" in bad.stderr


# -- the map of 2025 ----------------------------------------------------------------------------
DAK_LAK = """ỦY BAN NHÂN DÂN
TỈNH ĐẮK LẮK
Số: 812/KH-UBND
Đắk Lắk, ngày 02 tháng 12 năm 2025

KẾ HOẠCH
Triển khai thực hiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị

Thực hiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. TỔ CHỨC THỰC HIỆN
1. Sở Y tế
Chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch này.

2. UBND các xã, phường
Xây dựng kế hoạch thực hiện trong thời hạn 30 ngày kể từ ngày ký ban hành Kế hoạch này.

Nơi nhận:
- Lưu: VT.
"""


@pytest.fixture(scope="module")
def store_2025(tmp_path_factory):
    from policykg.graph.ingest import load_paths
    from policykg.graph.store import open_store

    folder = tmp_path_factory.mktemp("docs-2025")
    (folder / "dak-lak.txt").write_text(DAK_LAK, "utf-8")
    (folder / "hoa-phu.md").write_bytes((DOCS / "commune_plan_2025.md").read_bytes())
    store = open_store(tmp_path_factory.mktemp("store-2025") / "db")
    assert [r.status for r in load_paths(store, [folder])] == ["added"] * 2
    return store


def test_commune_level_of_a_2025_root(store_2025):
    result = audit(store_2025, "72-NQ/TW", level="commune", as_of="2026-01-10")
    assert result["map"] == "2025" and len(result["rows"]) == 3321
    rows = {r["locality"]: r for r in result["rows"]}
    assert rows["Xã Hòa Phú (Đắk Lắk)"]["status"] == "held"
    assert result["counts"] == {"held": 1, "cited-only": 0, "missing": 3320}
    # the national root, 2025: the 34 provinces by default
    provinces = audit(store_2025, "72-NQ/TW", as_of="2026-01-10")
    assert provinces["level"] == "province" and len(provinces["rows"]) == 34
    # the province's own plan first, then its commune's that carries it out (by date, not by number)
    dak_lak = next(r for r in provinces["rows"] if r["locality"] == "Đắk Lắk")
    assert [e["document"] for e in dak_lak["evidence"]] == ["812/KH-UBND", "37/KH-UBND"]
    narrowed = audit(store_2025, "72-NQ/TW", level="commune", province="Đắk Lắk")
    assert 0 < len(narrowed["rows"]) < 3321 and all("(" not in r["locality"] for r in narrowed["rows"])


def test_commune_audit_map_colours_each_province_and_a_province_communes_as_tiles(store_2025):
    """At the commune level (map of 2025) the map colours the 34 provinces from their communes, and a
    province's communes are drawn as tiles (they were counted as 3,321 'provinces', none drawn)."""
    from policykg.graph.auditmap import district_tiles_svg, map_statuses, province_counts, tiles_province

    result = audit(store_2025, "72-NQ/TW", level="commune", as_of="2026-01-10")
    units = map_statuses(result)
    assert len(units) == 34 and all(u["status"] is not None for u in units.values())
    assert sum(sum(u["counts"].values()) for u in units.values()) == 3321
    by_name = {u["name"]: u for u in units.values()}
    assert by_name["Đắk Lắk"]["status"] == "held" and by_name["Đắk Lắk"]["counts"]["held"] == 1
    assert sum(u["status"] == "missing" for u in units.values()) == 33
    assert len(province_counts(result)) == 34 and tiles_province(result) is None  # 34 provinces: no tiles
    narrowed = audit(store_2025, "72-NQ/TW", level="commune", province="Đắk Lắk")
    assert tiles_province(narrowed) == "Đắk Lắk"
    assert {u["name"] for u in map_statuses(narrowed).values() if u["status"]} == {"Đắk Lắk"}
    tiles = district_tiles_svg(narrowed)
    statuses = dict((name, status) for status, name in re.findall(r'<g class="commune" data-code="\d+" data-status="([^"]+)">'
                                                                 r'<title>([^:<]+)', tiles))
    assert len(statuses) == len(narrowed["rows"]) and statuses["Xã Hòa Phú"] == "held"
    assert set(statuses.values()) == {"held", "missing"}


def test_provincial_2025_root_audits_its_communes_with_due(store_2025):
    result = audit(store_2025, "812/KH-UBND", as_of="2026-01-10")
    assert result["level"] == "commune" and result["due"] == "2026-01-01"
    rows = {r["locality"]: r for r in result["rows"]}
    hoa_phu = rows["Xã Hòa Phú"]
    assert (hoa_phu["status"], hoa_phu["plan_date"], hoa_phu["timeliness"]) == ("held", "2025-12-10", "on-time")
    assert result["timeliness"]["overdue"] == len(rows) - 1
    assert all(r["late_days"] == 9 for r in result["rows"] if r["timeliness"] == "overdue")
    with pytest.raises(AuditError, match="không còn cấp huyện"):
        audit(store_2025, "812/KH-UBND", level="district")


def test_cli_commune_level(store_2025):
    base = [sys.executable, "-m", "policykg", "audit", "--store", str(store_2025.path), "--root", "72-NQ/TW"]
    rows = json.loads(subprocess.run(base + ["--level", "commune", "--format", "json"], capture_output=True, text=True,
                                     check=True).stdout)
    assert len(rows) == 3321 and {r["level"] for r in rows} == {"commune"}


def test_commune_audit_reads_well_in_both_languages(store_2025):
    """The headline says 'cấp xã' (not 'cấp cấp xã') and names the root's date as such, not as
    the chosen day; one day overdue is 'Missing, overdue by 1 day'; the Word report's scope too."""
    import io

    from docx import Document

    from policykg.queries.audit_report import audit_docx

    base = [sys.executable, "-m", "policykg", "audit", "--store", str(store_2025.path), "--root", "812/KH-UBND",
            "--as-of", "02/01/2026"]
    vi = subprocess.run(base, capture_output=True, text=True, check=True).stdout
    assert vi.splitlines()[0] == "Kiểm tra: 812/KH-UBND — cấp xã — bản đồ từ 1/7/2025 (văn bản ngày 02/12/2025)"
    assert "Chưa có, quá hạn 1 ngày" in vi and "kế hoạch (Cấp xã: 1)" in vi
    en = subprocess.run(base + ["--lang", "en"], capture_output=True, text=True, check=True).stdout
    assert en.splitlines()[0] == "Audit: 812/KH-UBND — commune level — map from 1 July 2025 (document dated 02/12/2025)"
    assert "Missing, overdue by 1 day" in en and "1 days" not in en and "1 plans" not in en
    paragraphs = [p.text for p in Document(io.BytesIO(audit_docx(audit(store_2025, "812/KH-UBND", as_of="2026-01-02"), "vi"))).paragraphs]
    assert "Phạm vi: cấp xã, bản đồ hành chính từ 1/7/2025 (theo ngày văn bản 02/12/2025)" in paragraphs


def test_earlier_root_keeps_its_map_with_todays_units(corpus_store):
    result = audit(corpus_store, "25-CT/TW", as_of="2026-01-01")
    assert result["map"] == "pre2025" and len(result["rows"]) == 63
    assert {r["locality"]: r for r in result["rows"]}["Tỉnh Kiên Giang"]["today"] == ["An Giang"]
    communes = audit(corpus_store, "25-CT/TW", level="commune")
    assert communes["map"] == "2025" and len(communes["rows"]) == 3321


@pytest.mark.skipif(not DEV_72.exists(), reason="needs the dev corpus (../shared)")
def test_resolution_72_of_the_dev_corpus(tmp_path):
    from policykg.graph.ingest import load_paths
    from policykg.graph.store import open_store

    store = open_store(tmp_path / "db")
    load_paths(store, [DEV_72])
    result = audit(store, "72-NQ/TW", level="commune")
    assert result["map"] == "2025" and len(result["rows"]) == 3321
    assert len(audit(store, "72-NQ/TW")["rows"]) == 34


def test_saved_query_plan_due(due_store):
    from policykg.queries import QueryRunner, bind, get

    q = get("plan_due")
    with QueryRunner(due_store.path, timeout=20) as r:
        rows = r.run(q.sparql, bind(q, {"root_id": "1/KH-UBND", "as_of": "2024-07-01"})).records()
        later = r.run(q.sparql, bind(q, {"root_id": "1/KH-UBND", "as_of": "2024-08-01"})).records()
    got = {x["plan_id"]: (str(x["due"]), x["due_text"], x["status"]) for x in rows}
    assert got == {"21/KH-UBND": ("2024-06-30", "trước ngày 30/6/2024", "Đúng hạn"),
                   "35/KH-UBND": ("2024-06-30", "trước ngày 30/6/2024", "Chưa ban hành tại ngày chọn")}
    assert {x["plan_id"]: x["status"] for x in later}["35/KH-UBND"] == "Chậm hạn"


def test_saved_query_plan_due_keeps_an_undated_plan_apart(corpus_store):
    """120/KH-UBND is known only from a citation without its date: its date is unknown, it was
    not 'not yet issued' on the chosen day."""
    from policykg.queries import QueryRunner, bind, get

    q = get("plan_due")
    with QueryRunner(corpus_store.path, timeout=20) as r:
        rows = r.run(q.sparql, bind(q, {"root_id": "25-CT/TW", "as_of": "2024-12-31"})).records()
    status = {x["plan_id"]: x["status"] for x in rows}
    assert status["120/KH-UBND"] == "Chưa rõ ngày kế hoạch"
    assert status["229-KH/TU"] == "Không nêu hạn"


def test_queries_page_answers_plan_due_in_the_officers_formats(tmp_path):
    """The Truy vấn page runs plan_due from a share link: dates dd/mm/yyyy, the statuses; 'today'
    is the day in Vietnam, as in the audit."""
    from conftest import ROOT, app_on, store_with
    from streamlit.testing.v1 import AppTest

    from policykg.graph.timeliness import today_in_vietnam
    from policykg.queries import bind, get

    q = get("plan_due")
    assert str(bind(q, {"root_id": "1/KH-UBND", "as_of": "today"})["as_of"]) == today_in_vietnam()
    path = tmp_path / "db"
    store_with(path, [
        ("tinh.txt", PROVINCIAL.format(no=1, day=10, month=6, year=2024,
                                      sentence="Xây dựng kế hoạch triển khai tại địa phương, hoàn thành trước ngày 30/6/2024.")),
        ("yen-phong.txt", DISTRICT.format(upper="YÊN PHONG", name="Yên Phong", no=35, date="ngày 12 tháng 7 năm 2024"))]).close()
    with app_on(path):
        at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=60)
        at.run()
        at.switch_page("views/queries.py")
        at.query_params.update({"q": "plan_due", "p_root_id": "1/KH-UBND", "p_as_of": "2024-08-01", "run": "1"})
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    frame = at.dataframe[0].value
    assert list(frame.iloc[0][["Kế hoạch", "Ngày kế hoạch", "Hạn ban hành", "Tiến độ"]]) == \
        ["35/KH-UBND", "12/07/2024", "30/06/2024", "Chậm hạn"]
