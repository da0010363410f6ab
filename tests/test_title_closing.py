"""The document's title (loaders/header.py) and its closing block (where loaders/record.py
finds it; the signer in loaders/sections.py), on small documents written here in the style of
the real web pages: a one-line title in capitals over the first paragraph, the official who
decides above a decision's preamble, a page that lost the kind heading (a bold title) or the
title (the enacting formula says it), a letter's subject in italics without 'V/v', and a
closing block without 'Nơi nhận' (the signing line, the name under it, in a pipe cell)."""
from policykg.loaders import parse_text

HEADER = ("|\n**ỦY BAN NHÂN DÂN\n**\nTỈNH QUẢNG TRỊ\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n"
          "Độc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố: {number}\n|\n*Quảng Trị, ngày\n25 tháng 11 năm 2025*\n|\n\n\n")

DIRECTIVE_BODY = """Trong những năm qua, các địa phương, đơn vị trên địa bàn tỉnh đã tích cực
triển khai thực hiện và đạt được kết quả nhất định trong việc quản lý, bảo vệ rừng.

Để khắc phục tình trạng trên, Ủy ban nhân dân tỉnh yêu cầu:

1. Sở Nông nghiệp và Môi trường

- Chủ trì, phối hợp với các địa phương rà soát diện tích rừng bị lấn chiếm.

2. Công an tỉnh

- Chỉ đạo lực lượng Công an xã phối hợp tuần tra, kiểm soát.

Yêu cầu Giám đốc các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã, phường triển khai thực
hiện nghiêm túc Chỉ thị này./.

** **

|
|
**KT. CHỦ TỊCH **
PHÓ CHỦ TỊCH
Hoàng Nam
|
"""


def test_a_one_line_title_in_capitals_stops_at_the_first_paragraph():
    """'VỀ TĂNG CƯỜNG …' on one line, a blank line, then ordinary text: the title is the line."""
    text = (HEADER.format(number="06/CT-UBND") + "**CHỈ THỊ**\n\nVỀ TĂNG CƯỜNG QUẢN LÝ, BẢO VỆ RỪNG TRÊN ĐỊA BÀN TỈNH\n\n"
            + DIRECTIVE_BODY)
    r = parse_text(text, "ct.md")
    assert r["document"]["title"] == "Về tăng cường quản lý, bảo vệ rừng trên địa bàn tỉnh"
    a, b = r["spans"]["document.title"]
    assert text[a:b] == "VỀ TĂNG CƯỜNG QUẢN LÝ, BẢO VỆ RỪNG TRÊN ĐỊA BÀN TỈNH"


def test_a_title_in_capitals_broken_by_the_page_goes_on_over_its_lines():
    """No blank line between: the title's second line in sentence case still belongs to it."""
    text = (HEADER.format(number="15/QĐ-UBND") + "**QUYẾT ĐỊNH**\n\nBÃI BỎ\nQuyết định số 10/2016/QĐ-UBND của Ủy ban nhân dân tỉnh\n\n"
            "*Căn cứ Luật Tổ chức chính quyền địa phương;*\n\n**QUYẾT ĐỊNH:**\n\n**Điều 1.** Bãi bỏ Quyết định số 10/2016/QĐ-UBND.\n")
    title = parse_text(text, "qd.md")["document"]["title"]
    assert title.upper().startswith("BÃI BỎ QUYẾT ĐỊNH SỐ 10/2016") and title.endswith("của Ủy ban nhân dân tỉnh")


def test_the_official_who_decides_is_not_part_of_the_title():
    """'**TRƯỞNG BAN CHỈ ĐẠO …' in its own paragraph above the 'Căn cứ': who decides, not the title."""
    text = (HEADER.format(number="170/QĐ-BCĐ") + "**QUYẾT ĐỊNH**\n\nBAN\nHÀNH QUY CHẾ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO PHÁT TRIỂN RỪNG\n\n"
            "**TRƯỞNG BAN CHỈ ĐẠO PHÁT TRIỂN RỪNG**\n\n*Căn cứ Luật Lâm nghiệp;*\n\n**QUYẾT ĐỊNH:**\n\n"
            "**Điều 1.** Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo.\n")
    assert parse_text(text, "qd.md")["document"]["title"] == "Ban hành Quy chế hoạt động của Ban Chỉ đạo phát triển rừng"


def test_a_page_that_lost_the_title_takes_it_from_the_enacting_formula():
    """'**THÔNG TƯ**' then 'Căn cứ …' at once: the title is what the minister 'ban hành Thông
    tư …' says, not the first basis."""
    text = ("|\n**BỘ XÂY DỰNG**\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n|\n|\n"
            "Số: 39/2025/TT-BXD\n|\n*Hà Nội, ngày 25\ntháng 11 năm 2025*\n|\n\n\n**THÔNG TƯ**\n\n"
            "*Căn cứ Luật Đường\nbộ số 35/2024/QH15;*\n\n*Theo đề nghị của Cục trưởng Cục Đường bộ Việt\nNam;*\n\n"
            "*Bộ trưởng Bộ Xây dựng ban hành Thông tư sửa đổi,\nbổ sung một số định mức bảo dưỡng thường xuyên đường bộ.*\n\n"
            "**Điều 1. Phạm vi điều chỉnh**\n\nThông tư này sửa đổi một số định mức.\n")
    r = parse_text(text, "tt.md")
    assert r["document"]["title"] == "Sửa đổi, bổ sung một số định mức bảo dưỡng thường xuyên đường bộ"
    a, b = r["spans"]["document.title"]
    assert text[a:b] == "sửa đổi,\nbổ sung một số định mức bảo dưỡng thường xuyên đường bộ"


def test_a_page_without_a_kind_heading_takes_its_bold_title():
    """The header, then a bold paragraph before the 'Căn cứ': the title; and the closing block
    without 'Nơi nhận' gives the signer written in a pipe cell ('Phạm Ngọc Thưởng |')."""
    text = ("| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc |\nSố: 21/2025/TT-BGDĐT |\n|\n\n"
            "**Quy định chế độ trả tiền lương dạy thêm giờ đối với nhà giáo ****trong các cơ sở giáo dục công lập**\n\n"
            "*Căn cứ Luật Giáo dục số 43/2019/QH14;*\n\n**Điều 1. Phạm vi điều chỉnh**\n\n"
            "Thông tư này quy định chế độ trả tiền lương dạy thêm giờ./.\n\n|\nTHỨ TRƯỞNG THƯỜNG TRỰC\n(Đã ký)\n"
            "Phạm Ngọc Thưởng |\n\n* *")
    d = parse_text(text, "tt.md")["document"]
    assert d["title"] == "Quy định chế độ trả tiền lương dạy thêm giờ đối với nhà giáo trong các cơ sở giáo dục công lập"
    assert d["signer"] == "Phạm Ngọc Thưởng"


def test_a_letters_subject_in_italics_without_v_v():
    """'*Về hướng dẫn …*' under the number: the letter's title."""
    text = ("|\nỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n**SỞ GIÁO DỤC VÀ ĐÀO TẠO**\n--------\n|\n**CỘNG HÒA XÃ\n"
            "HỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố: 5155/SGDĐT-GDTX\n"
            "*Về hướng dẫn đánh giá, xếp loại trung tâm\nhọc tập cộng đồng năm 2025*\n|\n*Thành phố Hồ Chí Minh, ngày 28 tháng 11 "
            "năm 2025*\n|\n\nKính gửi: Ủy ban nhân dân các phường, xã.\n\nSở Giáo dục và Đào tạo hướng dẫn như sau.\n")
    d = parse_text(text, "cv.md")["document"]
    assert d["title"] == "Về hướng dẫn đánh giá, xếp loại trung tâm học tập cộng đồng năm 2025"


def test_a_closing_block_without_noi_nhan_gives_the_signer_and_ends_the_body():
    """'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH' / 'Hoàng Nam' with no 'Nơi nhận': the signer is found and
    the signature is no duty of the last agency heading."""
    text = HEADER.format(number="06/CT-UBND") + "**CHỈ THỊ**\n\nVỀ TĂNG CƯỜNG BẢO VỆ RỪNG\n\n" + DIRECTIVE_BODY
    r = parse_text(text, "ct.md")
    assert r["document"]["signer"] == "Hoàng Nam"
    a, b = r["spans"]["document.signer"]
    assert text[a:b] == "Hoàng Nam"
    assert not any("Hoàng Nam" in d["text"] or "CHỦ TỊCH" in d["text"] for d in r["duties"])


def test_a_heading_in_capitals_inside_the_body_is_no_closing_block():
    """'CHỦ TỊCH …' in capitals with no name under it opens no closing block."""
    text = (HEADER.format(number="06/CT-UBND") + "**CHỈ THỊ**\n\nVỀ TĂNG CƯỜNG BẢO VỆ RỪNG\n\n"
            + DIRECTIVE_BODY.replace("Hoàng Nam\n", "").replace("**KT. CHỦ TỊCH **\nPHÓ CHỦ TỊCH\n", "CHỦ TỊCH\n"))
    assert parse_text(text, "ct.md")["document"]["signer"] is None


CLOSING = """
**Điều 3.** Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Tư pháp chịu trách nhiệm thi hành Quyết định này./.

|
Nơi nhận:
*-*** **Như Điều 3:
- Bộ Tư pháp,
- Chủ tịch, các Phó Chủ tịch UBND tỉnh;
- Lưu: VT, NC.
|
**KT. BỘ TRƯỞNG**
THỨ TRƯỞNG
**Đại
tướng Nguyễn Văn Bình**
|
"""


def _decision_with_closing() -> str:
    return (HEADER.format(number="15/QĐ-UBND") + "**QUYẾT ĐỊNH**\n\nVỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH\n\n"
            "*Căn cứ Luật Tổ chức chính quyền địa phương;*\n\n**QUYẾT ĐỊNH:**\n\n**Điều 1.** Công bố kèm theo Quyết định này "
            "Danh mục thủ tục hành chính.\n" + CLOSING)


def test_recipients_whose_first_dash_is_in_italics():
    """'*-*** **Như Điều 3:' opens the list as '- …' does; an item keeps no closing ':' or ','."""
    r = parse_text(_decision_with_closing(), "qd.md")
    assert r["recipients"] == ["Như Điều 3", "Bộ Tư pháp", "Chủ tịch, các Phó Chủ tịch UBND tỉnh", "Lưu: VT, NC"]


def test_a_signer_with_a_rank_over_a_line_break():
    """'Đại' / 'tướng Nguyễn Văn Bình': the rank and the name over a line break; the signer is the name."""
    text = _decision_with_closing()
    r = parse_text(text, "qd.md")
    assert r["document"]["signer"] == "Nguyễn Văn Bình"
    a, b = r["spans"]["document.signer"]
    assert text[a:b] == "Nguyễn Văn Bình"


def test_a_page_without_the_documents_text_takes_no_title_from_the_sites_notice():
    """The site's metadata, its caption and 'Văn bản này chưa cập nhật …' with no text of the
    document, then a list of related documents ('Tình trạng:') and the site's notice: no kind,
    title or implemented decree from that notice."""
    text = ("Đang tải văn bản...\n#\n**Số hiệu:**\n|\n97/VBHN-BQP\n|\n**Loại văn bản:**\n|\nVăn bản hợp nhất\n|\n"
            "**Người ký:**\n|\nVõ Minh Lương\n|\n**Ngày ban hành:**\n|\n24/11/2025\n|\n**Tình trạng:**\n|\nĐã biết\n|\n"
            "Văn bản hợp nhất 97/VBHN-BQP năm 2025 hợp nhất Thông tư hướng dẫn định mức do Bộ trưởng Bộ Quốc phòng ban hành\n"
            "Văn bản này chưa cập nhật nội dung Tiếng Anh\n## Văn bản liên quan\nBan hành:\n28/11/2013\nHiệu lực: Đã biết\n"
            "Tình trạng: Đã biết\n|\nTP. HCM, ngày 31/05/2021\nThưa Quý khách,\n**THÔNG BÁO **\n"
            "**về Lưu trữ, Sử dụng Thông tin Khách hàng**\n**Kính gửi:** Quý Thành viên,\n"
            "Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân yêu cầu xác nhận sự đồng ý của thành viên.\n"
            "Thực hiện Nghị định 13/2023/NĐ-CP, chúng tôi cập nhật Quy chế và Thỏa thuận Bảo vệ Dữ liệu cá nhân.\n")
    r = parse_text(text, "vbhn.md")
    d = r["document"]
    assert (d["id"], d["signer"]) == ("97/VBHN-BQP", "Võ Minh Lương")
    assert d["type"] != "Thông báo" and d["title"] is None
    assert "13/2023/NĐ-CP" not in r["implements"] + [c["id"] for c in r["cited"]]


def test_a_closing_block_without_noi_nhan_signed_with_a_rank():
    """'KT. CHỦ TỊCH' / … / 'Thượng tướng Hoàng Nam': the rank does not hide the name under the
    signing line."""
    text = (HEADER.format(number="06/CT-UBND") + "**CHỈ THỊ**\n\nVỀ TĂNG CƯỜNG BẢO VỆ RỪNG\n\n"
            + DIRECTIVE_BODY.replace("Hoàng Nam\n", "Thượng tướng Hoàng Nam\n"))
    assert parse_text(text, "ct.md")["document"]["signer"] == "Hoàng Nam"


def test_a_closing_block_run_into_one_line():
    """'- A; - B; - Lưu: … | TM. CHÍNH PHỦKT. THỦ TƯỚNGPHÓ THỦ TƯỚNG(Đã ký)Hồ Đức Phớc |': the
    recipients without their label and the name after '(Đã ký)'; a form's 'Nơi nhận' in the annex
    after it is not the document's."""
    text = ("CHÍNH PHỦ_______ Số: 158/2025/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập – Tự do – "
            "Hạnh phúc________________________ Hà Nội, ngày 25 tháng 6 năm 2025 |\n|\n\n**NGHỊ ĐỊNH**\n\n"
            "Quy định chi tiết một số điều của Luật Bảo hiểm xã hội\n\n*Căn cứ Luật Bảo hiểm xã hội ngày 29 tháng 6 năm 2024;*\n\n"
            "**Điều 1. Phạm vi điều chỉnh**\n\nNghị định này quy định chi tiết một số điều.\n\n"
            "**Điều 2. Trách nhiệm thi hành**\n\nCác Bộ trưởng chịu trách nhiệm thi hành Nghị định này./.\n\n"
            "- Thủ tướng, các Phó Thủ tướng Chính phủ; - Các bộ, cơ quan ngang bộ; - Kiểm toán nhà nước; "
            "- Lưu: VT, KTTH(2b) | TM. CHÍNH PHỦKT. THỦ TƯỚNGPHÓ THỦ TƯỚNG(Đã ký)Hồ Đức Phớc |\n|\n\n"
            "**Mẫu số 03**\n\nGiấy xác nhận\n\nNơi nhận:- Ông (bà) ………; - Lưu VT, Cục QLLĐNN. |\n")
    r = parse_text(text, "nd.md")
    assert r["recipients"] == ["Thủ tướng, các Phó Thủ tướng Chính phủ", "Các bộ, cơ quan ngang bộ", "Kiểm toán nhà nước",
                               "Lưu: VT, KTTH(2b)"]
    a, b = r["spans"]["recipients[2]"]
    assert text[a:b] == "- Kiểm toán nhà nước"
    d = r["document"]
    assert d["signer"] == "Hồ Đức Phớc"
    a, b = r["spans"]["document.signer"]
    assert text[a:b] == "Hồ Đức Phớc"
