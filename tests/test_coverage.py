"""Coverage of a parent plan's tasks (graph/coverage.py): the threshold recomputed from the
hand-labelled pairs, which parent tasks fall to a level, and a province and district plan
written here, loaded in a real on-disk store, through the library and the CLI."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import store_with

from policykg.graph.coverage import THRESHOLD, addressed_to, coverage, similarity
from policykg.graph.views import resolve_document

PAIRS = Path(__file__).resolve().parent / "coverage" / "labelled_pairs.json"


def test_threshold_is_the_best_f1_on_the_labelled_pairs():
    pairs = json.loads(PAIRS.read_text("utf-8"))["pairs"]
    assert len(pairs) >= 40 and 0 < sum(p["same"] for p in pairs) < len(pairs)
    scored = [(similarity(p["parent"]["text"], p["child"]["text"]), p["same"]) for p in pairs]

    def f1_at(t: float) -> tuple[float, float, float]:
        tp = sum(1 for s, y in scored if s >= t and y)
        fp = sum(1 for s, y in scored if s >= t and not y)
        fn = sum(1 for s, y in scored if s < t and y)
        return (2 * tp / (2 * tp + fp + fn) if tp else 0.0), (tp / (tp + fp) if tp else 0.0), (tp / (tp + fn) if tp else 0.0)

    best = max(range(0, 101), key=lambda t: (f1_at(t)[0], -t))  # the lowest threshold of the best F1
    assert best == THRESHOLD
    f1, precision, recall = f1_at(THRESHOLD)
    assert (round(f1, 2), round(precision, 2), round(recall, 2)) == (0.67, 0.71, 0.62)  # as docs/graph.md states


@pytest.mark.parametrize("agency,level,issuer,expected", [
    ("UBND các huyện, thành phố", "district-people-committee", None, True),
    ("Ủy ban nhân dân cấp huyện", "district-people-committee", None, True),
    ("Sở Y tế", "district-people-committee", None, False),
    ("Sở Y tế; UBND các huyện, thị xã", "district-people-committee", None, True),
    ("UBND cấp xã", "commune", None, True),
    ("UBND các huyện", "commune", None, False),
    ("Sở Y tế", "provincial-department", "Sở Y tế tỉnh Nghệ An", True),
    ("Sở Tài chính; Sở Y tế", "provincial-department", "Sở Y tế tỉnh Nghệ An", True),
    ("Các sở, ban, ngành", "provincial-department", "Sở Y tế tỉnh Nghệ An", True),
    ("Sở Nội vụ", "provincial-department", "Sở Y tế tỉnh Nghệ An", False),
    ("Trung tâm Y tế huyện", "district-health-centre", None, True),
    ("UBND các tỉnh, thành phố trực thuộc Trung ương", "provincial-people-committee", None, True),
    ("Bộ Y tế", "provincial-people-committee", None, False),
])
def test_which_tasks_fall_to_a_level(agency, level, issuer, expected):
    assert addressed_to(agency, level, issuer) is expected


PROVINCE = """ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG
Số: 70/KH-UBND
Hà Giang, ngày 10 tháng 3 năm 2024

KẾ HOẠCH
Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư

Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC TIÊU
Nâng cao chất lượng y tế cơ sở.
II. TỔ CHỨC THỰC HIỆN
1. Sở Y tế
a) Chủ trì hướng dẫn chuyên môn cho các trạm y tế xã.
b) Tổng hợp báo cáo kết quả thực hiện Kế hoạch về Ủy ban nhân dân tỉnh.
2. Ủy ban nhân dân các huyện, thành phố
a) Xây dựng kế hoạch triển khai thực hiện Chỉ thị phù hợp với điều kiện thực tế tại địa phương.
b) Bố trí ngân sách chi thường xuyên cho các hoạt động của y tế cơ sở theo phân cấp.
c) Đầu tư cơ sở vật chất, trang thiết bị cho các trạm y tế xã đạt chuẩn.
d) Tổ chức kiểm tra, giám sát, định kỳ tổng hợp báo cáo kết quả thực hiện về Sở Y tế.
"""
DISTRICT = """ỦY BAN NHÂN DÂN
HUYỆN VỊ XUYÊN
Số: 15/KH-UBND
Vị Xuyên, ngày 02 tháng 5 năm 2024

KẾ HOẠCH
Triển khai thực hiện Kế hoạch số 70/KH-UBND ngày 10/3/2024 của Ủy ban nhân dân tỉnh Hà Giang

Thực hiện Kế hoạch số 70/KH-UBND ngày 10/3/2024 của Ủy ban nhân dân tỉnh Hà Giang, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:
I. MỤC TIÊU
Nâng cao chất lượng y tế cơ sở.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Tài chính - Kế hoạch
a) Bố trí ngân sách chi thường xuyên cho hoạt động của y tế cơ sở theo phân cấp.
2. Trung tâm Y tế huyện
a) Tổ chức kiểm tra, giám sát và định kỳ tổng hợp báo cáo kết quả thực hiện về Sở Y tế.
b) Tập huấn chuyên môn cho nhân viên y tế thôn bản.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return store_with(tmp_path_factory.mktemp("coverage") / "db", [("province.txt", PROVINCE), ("district.txt", DISTRICT)])


def test_district_plan_against_its_province_plan(store):
    child = resolve_document(store, "15/KH-UBND")
    result = coverage(store, child)
    assert result["level"] == "district-people-committee"
    [part] = result["parents"]
    assert part["parent_id"] == "70/KH-UBND" and part["scope"] == "level"
    got = {" ".join(r["parent_task"].split()[:3]): r["status"] for r in part["rows"]}
    # only the four tasks given to the districts; Sở Y tế's two are not this level's
    assert got == {"Xây dựng kế": "left-out", "Bố trí ngân": "taken-up", "Đầu tư cơ": "left-out", "Tổ chức kiểm": "taken-up"}
    assert part["counts"] == {"taken-up": 2, "left-out": 2}
    budget = next(r for r in part["rows"] if r["parent_task"].startswith("Bố trí"))
    assert budget["child_task"].startswith("Bố trí ngân sách") and budget["score"] >= THRESHOLD


def test_cli_coverage(store, tmp_path):
    cmd = [sys.executable, "-m", "policykg", "coverage", "15/KH-UBND", "--parent", "70/KH-UBND", "--store", str(store.path)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "15/KH-UBND so với 70/KH-UBND: nhận 2 / 4 nhiệm vụ giao cho cấp này, bỏ sót 2" in out.stdout
    assert "Bỏ sót" in out.stdout and "Đã nhận" in out.stdout
    en = subprocess.run(cmd + ["--lang", "en", "--format", "csv"], capture_output=True, text=True, timeout=120)
    assert en.returncode == 0 and "Taken up" in en.stdout and "Parent's task" in en.stdout
    missing = subprocess.run([sys.executable, "-m", "policykg", "coverage", "999/KH-UBND", "--store", str(store.path)],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1 and "Không có văn bản '999/KH-UBND'" in missing.stderr
