"""The document header of other kinds and bodies (loaders/header.py, the issuer in
loaders/record.py), on small documents written here in the style of the real web pages: a
header block that opens with any body in capitals (a ministry, the Government, the National
Assembly, the Party's Central Committee) or runs into one line; a law's 'Luật số:' and its
adoption date; italics broken inside the date line; a kind run into its title; the kind from
the symbol, a 'Công điện', a letter's 'V/v'; and the level of a body by its place in the
issuing-body block (a Cục of a ministry, a provincial branch, a centre under a province's
People's Committee, a national steering board)."""
from policykg.loaders import parse_text

BODY = """
*Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;*

**Điều 1. Phạm vi điều chỉnh**

Văn bản này quy định việc quản lý hồ sơ.

**Điều 2. Hiệu lực thi hành**

Văn bản này có hiệu lực thi hành kể từ ngày ký.
"""


def doc(text: str) -> dict:
    return parse_text(text, "header.md")["document"]


PARTY = """|
BAN CHẤP HÀNH
TRUNG ƯƠNG
**VĂN PHÒNG**
*
|
**ĐẢNG CỘNG SẢN
VIỆT NAM**
---------------
|
|
Số 07-KL/VPTW
|
*Hà Nội, ngày 01 tháng 12 năm 2025*
|


**KẾT LUẬN**

CỦA ĐỒNG CHÍ CHÁNH VĂN PHÒNG TRUNG ƯƠNG ĐẢNG TẠI HỘI NGHỊ CÔNG TÁC VĂN PHÒNG NĂM 2025

-----

Hội nghị toàn quốc công tác văn phòng năm 2025 đã thống nhất đánh giá kết quả hoạt động
của Văn phòng Trung ương Đảng, các văn phòng tỉnh uỷ, thành uỷ và phương hướng, nhiệm vụ trọng tâm đến tháng 6/2027.
"""


def test_a_party_header_under_the_central_committee_keeps_its_number_and_date():
    d = doc(PARTY)
    assert (d["id"], d["type"], d["date"]) == ("07-KL/VPTW", "Kết luận", "2025-12-01")
    # named in full as the text writes it ('Văn phòng Trung ương Đảng')
    assert (d["issuer"], d["issuer_level"]) == ("Văn phòng Trung ương Đảng", "national-party")


DECREE_ONE_LINE = ("CHÍNH PHỦ_______ Số: 172/2025/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập – Tự do – "
                   "Hạnh phúc________________________ Hà Nội, ngày 30 tháng 6 năm 2025 |\n|\n\n**NGHỊ ĐỊNH**\n\n"
                   "Quy định về xử lý kỷ luật cán bộ, công chức\n\n_\n\n" + BODY)


def test_a_header_run_into_one_line_gives_number_date_and_issuer():
    d = doc(DECREE_ONE_LINE)
    assert (d["id"], d["type"], d["date"]) == ("172/2025/NĐ-CP", "Nghị định", "2025-06-30")
    assert (d["issuer"], d["issuer_level"]) == ("Chính phủ", "national-government")
    assert d["title"] == "Quy định về xử lý kỷ luật cán bộ, công chức"  # not the rule '_' under it


LAW = """QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc |
Luật số: 60/2024/QH15 |
|

**LUẬT**

**DỮ LIỆU**

*Căn cứ **Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam**;*

*Quốc hội ban hành Luật Dữ liệu.*

**Điều 1. Phạm vi điều chỉnh**

Luật này quy định về dữ liệu số.

**Điều 2. Hiệu lực thi hành**

Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.

*Luật này được Quốc hội nước Cộng hoà xã hội chủ nghĩa Việt Nam khoá XV, kỳ họp thứ 8 thông qua ngày 30 tháng 11 năm 2024.*
"""


def test_a_law_is_numbered_by_its_header_and_dated_by_its_adoption():
    d = doc(LAW)
    assert (d["id"], d["type"], d["date"]) == ("60/2024/QH15", "Luật", "2024-11-30")
    assert (d["issuer"], d["issuer_level"]) == ("Quốc hội", "national-assembly")


def test_the_adoption_date_with_bold_markers_inside():
    text = ("| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc\n|\nSố: 1654/NQ-UBTVQH15 |\n\n"
            "**NGHỊ QUYẾT**\n\nVề việc sắp xếp các đơn vị hành chính cấp xã của tỉnh An Giang năm 2025\n" + BODY
            + "\n*Nghị quyết này được Ủy ban Thường vụ Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV "
              "thông qua **ngày** 16 **tháng** 6* *năm 2025.*\n")
    assert doc(text)["date"] == "2025-06-16"


CIRCULAR = """|
**BỘ CÔNG
THƯƠNG**
-------
|
**CỘNG HÒA
XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số:
58/2025/TT-BCT
|
*Hà Nội,
ngày*
*02 tháng 12 năm 2025*
|


**THÔNG
TƯ**

QUY
ĐỊNH PHƯƠNG PHÁP XÁC ĐỊNH GIÁ DỊCH VỤ PHÁT ĐIỆN
""" + BODY


def test_a_date_line_whose_italics_a_page_closed_and_reopened():
    d = doc(CIRCULAR)
    assert (d["id"], d["type"], d["date"], d["place"]) == ("58/2025/TT-BCT", "Thông tư", "2025-12-02", "Hà Nội")
    assert (d["issuer"], d["issuer_level"]) == ("Bộ Công Thương", "ministry")


def test_a_kind_run_into_its_title():
    text = ("|\nSố: 09/2025/NĐ-CP |\nĐộc lập - Tự do - Hạnh phúc\n|\n\n**NGHỊ ĐỊNH**Quy định về chính sách hỗ trợ "
            "sản xuất nông nghiệp để khôi phục sản xuất vùng bị thiệt hại do thiên tai\n\n____________\n" + BODY)
    d = doc(text)
    assert (d["id"], d["type"]) == ("09/2025/NĐ-CP", "Nghị định")
    assert d["title"] == "Quy định về chính sách hỗ trợ sản xuất nông nghiệp để khôi phục sản xuất vùng bị thiệt hại do thiên tai"


def test_the_kind_from_the_symbol_when_the_page_lost_the_heading():
    text = ("| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc |\nSố: 21/2025/TT-BGDĐT |\n|\n\n"
            "**Quy định chế độ trả tiền lương dạy thêm giờ đối với nhà giáo**\n" + BODY)
    assert doc(text)["type"] == "Thông tư"


def test_a_cuc_thue_letter_is_no_directive():
    """'CT' in '5680/CT-CS' is the Cục Thuế's code, not a Chỉ thị: the 'V/v' line makes it a letter."""
    text = ("|\nBỘ TÀI CHÍNH\nCỤC THUẾ\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n"
            "---------------\n|\n|\nSố:\n5680/CT-CS\n*V/v thuế TNCN từ tiền lương, tiền công.*\n|\n"
            "*Hà Nội, ngày 01 tháng 12 năm 2025*\n|\n\n\n**Kính gửi:** Ban Tuyên giáo và Dân vận Trung ương\n\n"
            "Cục Thuế nhận được công văn số 1879-CV/BTGVTW ngày 13/8/2025. Về vấn đề này, Cục Thuế có ý kiến như sau.\n")
    d = doc(text)
    assert (d["id"], d["type"]) == ("5680/CT-CS", "Công văn")
    assert (d["issuer"], d["issuer_level"], d["province"]) == ("Cục Thuế", "ministry", None)


CONG_DIEN = ("|\nTHỦ TƯỚNG CHÍNH\nPHỦ\n-------\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "|\n|\nSố: 224/CĐ-TTg\n|\n*Hà Nội, ngày 20 tháng 11 năm 2025*\n|\n\n**CÔNG ĐIỆN**\nVỀ VIỆC KHẨN TRƯƠNG "
            "CHUẨN BỊ TỔ CHỨC LỄ KHÁNH THÀNH CÁC DỰ ÁN\n\n"
            "THỦ TƯỚNG CHÍNH PHỦ điện:\n\nCác Bộ trưởng khẩn trương chuẩn bị tổ chức lễ khánh thành.\n")


def test_a_cong_dien_is_its_own_kind():
    d = doc(CONG_DIEN)
    assert (d["id"], d["type"], d["issuer"]) == ("224/CĐ-TTg", "Công điện", "Thủ tướng Chính phủ")


def test_a_cong_dien_has_its_kind_in_the_graph():
    import datetime as dt

    from policykg.graph.rdf import record_quads
    from policykg.loaders import parse_record

    _, quads = record_quads(parse_record(CONG_DIEN), CONG_DIEN, file_name="cd.md", sha="0" * 64,
                            loaded_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), parser_version="t")
    kinds = {q.object.value for q in quads if q.predicate.value.endswith("type_document")}
    assert len(kinds) == 1 and kinds.pop().endswith("#kind-cong-dien")


def _letter(block: str, number: str, named: str, place: str = "Hà Nội") -> str:
    """A decision of the body in `block`, whose text writes its name as `named` (the issuer's
    name takes the case the text writes it in)."""
    return (f"|\n{block}\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n"
            f"---------------\n|\n|\nSố: {number}\n|\n*{place}, ngày 21\ntháng 11 năm 2025*\n|\n\n\n"
            "**QUYẾT ĐỊNH**\n\nBAN HÀNH QUY CHẾ HOẠT ĐỘNG\n" + BODY + f"\n{named} chịu trách nhiệm thi hành Quyết định này.\n")


def test_a_provincial_branch_is_a_provincial_department():
    d = doc(_letter("CỤC THUẾ\n**THUẾ TỈNH TÂY NINH**", "3257/TNI-QLDN1", "Thuế tỉnh Tây Ninh", "Tây Ninh"))
    assert (d["issuer"], d["issuer_level"], d["province"]) == ("Thuế tỉnh Tây Ninh", "provincial-department", "Tây Ninh")


def test_a_unit_of_a_ministry_is_the_ministrys():
    d = doc(_letter("BỘ TÀI\nCHÍNH\n**CỤC HẢI QUAN**", "39992/CHQ-GSQL", "Cục Hải quan"))
    assert (d["issuer"], d["issuer_level"], d["province"]) == ("Cục Hải quan", "ministry", None)


def test_a_centre_under_a_provinces_peoples_committee_takes_its_province():
    d = doc(_letter("UBND THÀNH PHỐ HÀ\nNỘI\n**TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG**", "1594/QĐ-TTPVHCC", "Trung tâm Phục vụ hành chính công"))
    assert (d["issuer"], d["issuer_level"]) == ("Trung tâm Phục vụ hành chính công thành phố Hà Nội", "provincial-department")


def test_a_national_steering_board_is_the_governments():
    d = doc(_letter("**BAN CHỈ ĐẠO NHÀ\nNƯỚC **\nVỀ DU LỊCH", "170/QĐ-BCĐNNDL", "Ban Chỉ đạo Nhà nước về Du lịch"))
    assert (d["issuer"], d["issuer_level"]) == ("Ban Chỉ đạo Nhà nước về Du lịch", "national-government")


def test_a_chairman_block_that_dropped_the_committee():
    d = doc(_letter("**CHỦ TỊCH NHÂN\nDÂN **\nTHÀNH PHỐ HUẾ", "123/2025/QĐ-CTUBND", "Chủ tịch Ủy ban nhân dân thành phố", "Huế"))
    assert (d["issuer"], d["issuer_level"]) == ("Chủ tịch Ủy ban nhân dân thành phố Huế", "provincial-people-committee")


def test_a_central_party_unit_the_text_never_names_with_dang():
    text = PARTY.replace("của Văn phòng Trung ương Đảng", "của Văn phòng Trung ương")
    assert doc(text)["issuer"] == "Văn phòng Trung ương"


def test_a_central_state_body_alone_in_the_block_is_of_a_ministrys_rank():
    d = doc(_letter("**KIỂM TOÁN NHÀ NƯỚC**", "1760/QĐ-KTNN", "Kiểm toán nhà nước"))
    assert (d["issuer"], d["issuer_level"]) == ("Kiểm toán nhà nước", "ministry")


def test_a_departments_header_run_into_one_line_under_an_abbreviated_committee():
    """'UBND TỈNH … / SỞ … Số: … | CỘNG HÒA … ngày …': the block starts at its first line, so its
    'Số:' and date line are the document's, not lost above the kind heading."""
    text = ("UBND TỈNH NGHỆ AN\nSỞ GIÁO DỤC VÀ ĐÀO TẠO_______ Số: 123/KH-SGDĐT | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT "
            "NAMĐộc lập - Tự do - Hạnh phúc_______ Nghệ An, ngày 20 tháng 11 năm 2025 |\n|\n\n"
            "**KẾ HOẠCH**\n\nTriển khai công tác chuyển đổi số năm 2026\n\n"
            "Sở Giáo dục và Đào tạo ban hành Kế hoạch triển khai công tác chuyển đổi số như sau.\n")
    d = doc(text)
    assert (d["id"], d["date"], d["issuer_level"]) == ("123/KH-SGDĐT", "2025-11-20", "provincial-department")


def test_a_letters_title_is_its_subject_line():
    """'*V/v thuế suất thuế' / 'GTGT*' under the number: the letter's title, to the end of its
    italics, not the date line or 'Kính gửi' under it."""
    text = ("|\nCỤC THUẾ\n**THUẾ TỈNH TÂY NINH**\n--------\n|\n**CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
            "Độc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố: 3257/TNI-QLDN1\n*V/v thuế suất thuế\nGTGT*\n|\n"
            "*Tây\nNinh, ngày 01 tháng 12 năm 2025*\n|\n|\n**Kính\ngửi:**\n|\nCông ty TNHH Khuôn Mẫu Yong Hong;\n|\n"
            "Trả lời văn bản số 01/CV-01 ngày 20/11/2025 của Công ty, Thuế tỉnh Tây Ninh có ý kiến như sau.\n")
    r = parse_text(text, "cv.md")
    d = r["document"]
    assert (d["type"], d["title"], d["date"]) == ("Công văn", "V/v thuế suất thuế GTGT", "2025-12-01")
    a, b = r["spans"]["document.title"]
    assert text[a:b] == "V/v thuế suất thuế\nGTGT"
