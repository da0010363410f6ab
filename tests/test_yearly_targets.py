"""Targets set again each year ('mỗi năm', 'hằng năm', 'hàng năm', 'năm sau cao hơn năm
trước'): `period: "yearly"` in the record (loaders/indicators.py), Data Cube's annual frequency
in the graph (graph/rdf.py); a unit per year ('2,5 lần/người/năm') is no such target."""
import datetime as dt

from policykg.loaders import Record, parse_record, parse_text

PLAN = """ỦY BAN NHÂN DÂN
TỈNH AN GIANG
Số: 88/KH-UBND
An Giang, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Phát triển nông nghiệp giai đoạn 2025 - 2030

I. MỤC TIÊU
1. Mục tiêu đến năm 2030
- Mỗi năm tổ chức ít nhất 20 lớp tập huấn cho nông dân.
- Tỷ lệ hộ nghèo giảm hằng năm 1,5%.
- Giá trị sản xuất nông nghiệp hàng năm tăng 3,5%, năm sau cao hơn năm trước.
- Số lần khám bệnh trung bình trên 2,5 lần/người/năm.
- Tỷ lệ trường học đạt chuẩn quốc gia đạt 80%.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nông nghiệp và Môi trường chủ trì triển khai kế hoạch.
"""


def _targets(record: dict) -> list[tuple]:
    return [(t["value"], t["year"], t.get("period")) for i in record["indicators"] for t in i["targets"]]


def test_a_target_set_each_year_is_yearly():
    record = parse_text(PLAN, "plan.md")
    assert _targets(record) == [
        ("20", 2030, "yearly"),
        ("1,5%", 2030, "yearly"),
        ("3,5%", 2030, "yearly"),
        ("2,5", 2030, None),     # a unit per year: a level, not a target set each year
        ("80%", 2030, None),
    ]
    # the key is there only when it says something: records of other targets are as before
    assert "period" not in record["indicators"][3]["targets"][0]


def test_a_yearly_target_is_annual_in_the_graph():
    from policykg.graph.rdf import record_quads

    record = parse_record(PLAN)
    assert Record.from_dict(record.to_dict()) == record  # the field reads back
    _, quads = record_quads(record, PLAN, file_name="plan.md", sha="0" * 64,
                            loaded_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), parser_version="t")
    freq = [q for q in quads if q.predicate.value == "http://purl.org/linked-data/sdmx/2009/dimension#freq"]
    assert len(freq) == 3
    assert {q.object.value for q in freq} == {"http://purl.org/linked-data/sdmx/2009/code#freq-A"}
    assert all(q.subject.value.endswith("/target/1") for q in freq)
