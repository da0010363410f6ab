"""Layouts beyond the corpus: a plan wrapped in a decision with a pipe-separated header,
hard line breaks inside names and dates, footnotes; a header run into one line with
literal '\\r\\n' escapes, a numbered 'Căn cứ' section and inline multi-year targets."""
from pathlib import Path

from policykg.graph.ingest import load_file
from policykg.loaders import parse_file

DOCS = Path(__file__).resolve().parent / "documents"


def test_decision_with_pipe_header_and_broken_lines():
    r = parse_file(DOCS / "decision_pipe_header.txt")
    d = r["document"]
    assert (d["id"], d["type"], d["date"], d["place"]) == ("1234/QĐ-UBND", "Quyết định", "2024-03-15", "Bắc Ninh")
    assert d["issuer"] == "Ủy ban nhân dân tỉnh Bắc Ninh"
    assert d["issuer_level"] == "provincial-people-committee"
    assert d["title"] == "Về việc ban hành Kế hoạch thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư"
    assert d["signer"] == "Nguyễn Văn An"
    # 'Thực hiện Chỉ\nthị số 46/CT-TTg ngày\n29 tháng 8 năm 2022' across line breaks
    assert r["implements"] == ["25-CT/TW", "46/CT-TTg"]
    assert r["based_on"] == ["75/KH-UBND"]  # '75/KH- UBND' with a space, footnote mark '[1]' after it
    cited = {c["id"]: c for c in r["cited"]}
    assert cited["46/CT-TTg"]["date"] == "2022-08-29"
    assert cited["75/KH-UBND"]["issuer"] == "Ủy ban nhân dân tỉnh Bắc Ninh"
    # the footnote body carries a citation, its symbol in lower case
    assert cited["75/KH-UBND"]["implements"] == ["20-NQ/TW"]
    assert r["recipients"] == ["Như Điều 2", "Lưu: VT"]


def test_run_on_header_with_literal_escapes():
    r = parse_file(DOCS / "runon_header_escaped.txt")
    d = r["document"]
    assert (d["id"], d["type"], d["date"], d["province"]) == ("45/KH-UBND", "Kế hoạch", "2024-04-03", "An Giang")
    assert d["title"] == "Triển khai thực hiện Kế hoạch số 12-KH/TU ngày 1/3/2024 của Tỉnh ủy An Giang"
    assert r["implements"] == ["12-KH/TU"]
    assert r["based_on"] == ["25-CT/TW", "1294/QĐ-BYT"]  # 'I. CĂN CỨ …' as a numbered section; 'số1294 /QĐ-BYT'
    first, second = r["indicators"]
    assert [(t["year"], t["value"], t["number"]) for t in first["targets"]] == [(2025, "65%", 65.0), (2030, "80%", 80.0)]
    assert second["name"] == "Tỷ lệ suy dinh dưỡng thể thấp còi dưới 24%"  # footnote digit '24%1' dropped
    assert second["targets"][0]["comparator"] == "<"
    assert [x["agency"] for x in r["responsibilities"]] == ["Sở Y tế", "UBND các huyện, thị xã, thành phố"]
    assert r["responsibilities"][0]["duties_count"] == 2
    assert r["expected_implementers"][0]["who"] == "UBND các huyện, thị xã, thành phố"


def test_markdown_pipe_tables_and_a_district_of_an_ambiguous_name():
    r = parse_file(DOCS / "markdown_pipe_tables.md")
    d = r["document"]
    # 'Châu Thành' is a district name in ten provinces; the plan says which one.
    assert (d["id"], d["district"], d["province"]) == ("88/KH-UBND", "Châu Thành", "Kiên Giang")
    assert d["issuer"] == "Ủy ban nhân dân huyện Châu Thành"
    assert d["issuer_level"] == "district-people-committee"
    assert r["implements"] == ["176/KH-UBND"]
    first, second = r["indicators"]
    assert (first["section"], first["name"], first["unit"]) == ("Chỉ số đầu vào", "Số bác sĩ/vạn dân", "Người")
    assert [(t["year"], t["value"], t["comparator"]) for t in first["targets"]] == [(2025, "9", None), (2030, "12", "≥")]
    assert second["targets"][1]["comparator"] == ">"
    assert r["tasks"] == [{"no": "1", "name": "Kiện toàn Trung tâm Y tế huyện", "lead": ["Phòng Nội vụ"],
                           "coordinating": ["Trung tâm Y tế huyện", "Phòng Tài chính - Kế hoạch"],
                           "deadline": "Quý 4/2024", "group": None}]


def test_commune_plan_is_issued_by_its_commune(tmp_path):
    """'ỦY BAN NHÂN DÂN / XÃ BÌNH TRUNG' beside the national motto: the People's Committee of
    that commune of Cao Lộc (Bình Trung is also a commune name in other provinces), not of
    the district; in the graph it has its own body and governs its commune."""
    from policykg.graph.store import open_store

    r = parse_file(DOCS / "commune_plan.txt")
    d = r["document"]
    assert (d["issuer"], d["issuer_level"], d["district"], d["province"], d["place"]) == (
        "Ủy ban nhân dân xã Bình Trung", "commune", "Cao Lộc", "Lạng Sơn", "Bình Trung")
    assert r["implements"] == ["319/KH-UBND"]
    store = open_store(tmp_path / "db")
    doc = load_file(store, DOCS / "commune_plan.txt").document
    assert doc == "https://policykg.vn/id/doc/ubnd-c6217/2024/45-kh-ubnd"
    rows = list(store.query(f"""SELECT ?unit ?parent ?boss WHERE {{ GRAPH graph:catalog {{
        <{doc}> eli:jurisdiction ?unit ; eli:ensures_implementation_of ?parent ; eli:passed_by/org:subOrganizationOf ?boss }} }}"""))
    assert [(x["unit"].value, x["parent"].value, x["boss"].value) for x in rows] == [(
        "https://policykg.vn/id/unit/pre2025/commune/6217", "https://policykg.vn/id/doc/ubnd-d183/2024/319-kh-ubnd",
        "https://policykg.vn/id/org/ubnd-d183")]


def test_web_cell_tables_with_group_rows_and_prose_duties():
    """A web page's table (each cell, then a lone '|'; an extra '|' ends a row) with group rows
    and numbering that restarts in each group; duties under a bold heading broken over lines."""
    r = parse_file(DOCS / "web_cell_tables.md")
    d = r["document"]
    assert (d["id"], d["issuer"], d["issuer_level"], d["province"], d["district"], d["date"]) == (
        "812/KH-UBND", "Ủy ban nhân dân tỉnh Lai Châu", "provincial-people-committee", "Lai Châu", None, "2025-12-02")
    assert r["implements"] == ["72-NQ/TW"]
    assert r["tasks"] == [
        {"no": "1", "name": "Rà soát quy định về trạm y tế xã", "lead": ["Sở Y tế"],
         "coordinating": ["Sở Tư pháp", "Sở Nội vụ"], "deadline": "Quý I/2026", "group": "Hoàn thiện thể chế"},
        {"no": "2", "name": "Ban hành cơ chế thu hút bác sĩ về xã", "lead": ["Sở Nội vụ"],
         "coordinating": ["Sở Y tế", "Sở Tài chính"], "deadline": "Năm 2026", "group": "Hoàn thiện thể chế"},
        {"no": "1", "name": "Đầu tư trang thiết bị cho trạm y tế xã", "lead": ["Ủy ban nhân dân các xã, phường"],
         "coordinating": ["Sở Y tế"], "deadline": "2026 - 2030", "group": "Nâng cao chất lượng dịch vụ"}]
    assert r["responsibilities"] == [{"agency": "Sở Y tế", "section": "II.1", "duties_count": 2}]
    assert [(x["agency"], x["section"], x["no"], x["coordinating"], x["deadline"]) for x in r["duties"]] == [
        ("Sở Y tế", "II.1", "a", ["Sở Tài chính"], "trước ngày 31/12/2025"), ("Sở Y tế", "II.1", "b", [], None)]
    assert r["duties"][1]["text"] == "Hướng dẫn Ủy ban nhân dân các xã, phường xây dựng kế hoạch."
    assert [(i["name"], i["targets"][0]["year"], i["targets"][0]["comparator"]) for i in r["indicators"]] == [
        ("Đến năm 2030, trên 90% trạm y tế xã đạt chuẩn", 2030, ">")]


def test_a_commune_plan_on_the_map_of_2025():
    """After 1 July 2025 there are no districts: a commune's People's Committee ('ỦY BAN NHÂN
    DÂN / XÃ HÒA PHÚ') is found among the communes of today's map, in the province the text
    names; what the plan carries out stops at its first level ('812/KH-UBND … về triển khai
    72-NQ/TW': 812 carries out 72)."""
    r = parse_file(DOCS / "commune_plan_2025.md")
    d = r["document"]
    assert (d["issuer"], d["issuer_level"], d["province"], d["district"], d["date"]) == (
        "Ủy ban nhân dân xã Hòa Phú", "commune", "Đắk Lắk", None, "2025-12-10")
    assert r["implements"] == ["812/KH-UBND"]
    assert {c["id"]: c["implements"] for c in r["cited"]}["812/KH-UBND"] == ["72-NQ/TW"]
    assert [(x["agency"], x["section"], x["duties_count"]) for x in r["responsibilities"]] == [
        ("Trạm Y tế xã", "I.1", 2), ("Văn phòng HĐND và UBND xã", "I.2", 1)]
    assert [(x["coordinating"], x["deadline"]) for x in r["duties"]] == [
        (["Công an xã"], "trước ngày 31/3/2026"), ([], "hằng quý"), ([], None)]


def test_the_commune_of_2025_is_looked_up_in_its_province():
    from policykg.base.places import commune_2025

    hoa_phu = commune_2025("ỦY BAN NHÂN DÂN XÃ HÒA PHÚ", "Đắk Lắk")
    assert hoa_phu is not None and (hoa_phu.unit_type, hoa_phu.province) == ("xã", "Đắk Lắk")
    assert commune_2025("UBND XA HOA PHU", "Đắk Lắk") == hoa_phu  # without diacritics too
    assert commune_2025("Ủy ban nhân dân phường Không Có Thật", None) is None


TARGETS_PLAN = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
Số: 130/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Nghệ An, ngày 15 tháng 3 năm 2025

KẾ HOẠCH
Chăm sóc sức khỏe ban đầu giai đoạn 2025 - 2030

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao chất lượng chăm sóc sức khỏe ban đầu, tỷ lệ trạm y tế xã có bác sĩ đến năm 2030 đạt 100%.
2. Yêu cầu
- Bảo đảm 100% cán bộ được phổ biến kế hoạch.
II. MỤC TIÊU
- Mỗi năm tổ chức ít nhất 150 lượt khám sàng lọc tại xã.
- Người bệnh nặng được chuyển tuyến trong 24 giờ.
- Tỷ suất sinh ở trẻ vị thành niên giảm từ 23 ca sinh/1.000 phụ nữ xuống 18 ca sinh/1.000 phụ nữ vào năm 2030.
- Giảm 50% số ca mắc sốt xuất huyết so với năm 2024.
- Giảm thời gian chờ khám còn 1,7 lần so với hiện nay.
- Xã có tỷ lệ bao phủ thấp dưới 30% có thể điều chỉnh mục tiêu phù hợp.
- Lấy mẫu nước tại 07 cửa sông.
III. NỘI DUNG
1. Nội dung thi đua
Vận động người dân tham gia bảo hiểm y tế, được cụ thể hóa bằng các chỉ tiêu cụ thể như sau:
(1) Ít nhất 85% người dân tham gia bảo hiểm y tế;
(2) 100% trạm y tế xã cập nhật dữ liệu.
2. Phương án triển khai
- Bảo đảm 100% hồ sơ được số hóa.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Y tế chủ trì triển khai kế hoạch.

Nơi nhận:
- Lưu: VT.
"""


def test_targets_in_prose_of_any_wording():
    """Targets under 'Mục đích' (not its 'Yêu cầu'), counts and time bounds after a comparator
    or 'trong', 'từ … xuống …' as baseline and target, a year compared with that is no target
    year, multiples, a block announced by 'các chỉ tiêu … như sau:' under another heading (to
    that heading's end); a caveat and a bare count are no targets."""
    from policykg.loaders import parse_text

    r = parse_text(TARGETS_PLAN)
    got = [(i["section"], i["no"], i["unit"], (i["baseline"] or {}).get("value"),
            [(t["value"], t["year"], t["comparator"]) for t in i["targets"]]) for i in r["indicators"]]
    assert got == [
        ("Mục đích", None, "%", None, [("100%", 2030, None)]),
        ("MỤC TIÊU", None, "lượt", None, [("150", None, "≥")]),
        ("MỤC TIÊU", None, "giờ", None, [("24", None, None)]),
        ("MỤC TIÊU", None, "ca sinh/1.000 phụ nữ", "23", [("18", 2030, None)]),
        ("MỤC TIÊU", None, "%", None, [("50%", None, None)]),
        ("MỤC TIÊU", None, "lần", None, [("1,7", None, None)]),
        ("Nội dung thi đua", "(1)", "%", None, [("85%", None, "≥")]),
        ("Nội dung thi đua", "(2)", "%", None, [("100%", None, None)]),
    ]
    assert r["indicators"][0]["name"].endswith("tỷ lệ trạm y tế xã có bác sĩ đến năm 2030 đạt 100%")


def test_counts_several_figures_periods_and_funding_shares():
    """Any count after a comparator or 'đạt' (what it counts as unit), several figures of one
    clause as several targets but not a 'trong đó' breakdown, a range as written, the end of a period as the year
    of its heading or of a lead bullet over '+' items, and no target from a funding share or an
    age ('dưới 5 tuổi')."""
    from policykg.loaders import parse_text

    head, _, tail = TARGETS_PLAN.partition("I. MỤC ĐÍCH")
    body = """II. MỤC TIÊU
1. Mục tiêu cụ thể giai đoạn 2026 - 2030
- Phấn đấu tối thiểu 01 sàn giao dịch dữ liệu được đưa vào vận hành.
- Sản lượng chè xuất khẩu đạt 12.000 tấn.
- Trong đó, xã Hòa Phú có tối thiểu 20 mô hình, xã Hòa Xuân có tối thiểu 30 mô hình.
- Trên 27,4% nhân lực y tế có trình độ đại học, trong đó có 4,1% sau đại học.
- Ngân sách tỉnh hỗ trợ 70% kinh phí thực hiện.
- Trẻ em dưới 5 tuổi được theo dõi tăng trưởng hằng tháng.
- Số lượt khám bệnh tăng bình quân 10 - 13%/năm.
- Giai đoạn 2026-2027
+ 95% người dân hài lòng với dịch vụ y tế.
2. Nhiệm vụ
"""
    r = parse_text(head + body + "IV. TỔ CHỨC" + tail.partition("IV. TỔ CHỨC")[2])
    got = [(i["unit"], [(t["value"], t["year"], t["comparator"]) for t in i["targets"]]) for i in r["indicators"]]
    assert got == [
        ("sàn giao dịch dữ liệu", [("01", 2030, "≥")]),
        ("tấn", [("12.000", 2030, None)]),
        ("mô hình", [("20", 2030, "≥"), ("30", 2030, "≥")]),
        ("%", [("27,4%", 2030, ">")]),
        ("%", [("10 - 13%", 2030, None)]),
        ("%", [("95%", 2027, None)]),
    ]
    assert r["indicators"][2]["targets"][1]["number"] == 30.0 and r["indicators"][1]["targets"][0]["number"] == 12000.0
