"""Headers and articles that a web page broke over lines (loaders/header.py,
loaders/structure.py), on small documents written here: the kind word in two lines
('**NGHỊ' / 'QUYẾT**'), a title line that opens with 'SỐ' or 'BỐ' (no issuing body), a
title in capitals that runs into sentence case or into a capital 'THỰC HIỆN …' line,
'**Điều' / '8. Tổ chức thực hiện**' after 'QUYẾT NGHỊ:', 'Thường trực Hội đồng nhân dân' as a
body whose name 'trong phạm vi …' ends, and a council's closing sentence that is no duty."""
from policykg.loaders import parse_text

RESOLUTION = """|
**HỘI
ĐỒNG NHÂN DÂN**
THÀNH PHỐ HUẾ
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
|
Số: 36/2025/NQ-HĐND
|
*Thành phố Huế, ngày 18 tháng 11 năm 2025*
|

**NGHỊ
QUYẾT**

QUY ĐỊNH VỀ CHÍNH SÁCH HỌC PHÍ TRÊN ĐỊA BÀN
THÀNH PHỐ HUẾ TỪ NĂM HỌC 2025 - 2026

*Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;*

*Căn cứ Luật Giáo dục số 43/2019/QH14;*

**QUYẾT NGHỊ:**

**Điều
1. Phạm vi điều chỉnh**

Nghị quyết này quy định mức học phí.

**Điều
2. Tổ chức thực hiện**

1. Giao Ủy ban nhân dân
thành phố triển khai thực hiện Nghị quyết.

2. Giao Thường trực Hội đồng nhân dân, các Ban Hội đồng nhân dân và đại biểu Hội đồng
nhân dân thành phố trong phạm vi, nhiệm vụ, quyền hạn giám sát việc triển khai thực hiện Nghị quyết.

*Nghị quyết này đã được Hội đồng nhân dân thành phố Huế khóa VIII, Kỳ họp chuyên đề lần thứ 28
thông qua ngày 18 tháng 11 năm 2025./.*
"""


def test_a_kind_broken_over_lines_heads_the_document():
    d = parse_text(RESOLUTION, "nq.md")["document"]
    assert (d["id"], d["type"]) == ("36/2025/NQ-HĐND", "Nghị quyết")
    assert d["title"].lower() == "quy định về chính sách học phí trên địa bàn thành phố huế từ năm học 2025 - 2026"


def test_an_article_broken_from_its_number_keeps_its_items():
    r = parse_text(RESOLUTION, "nq.md")
    assert r["based_on"] == ["72/2025/QH15", "43/2019/QH14"]
    # 'trong phạm vi …' ends the name; the council's closing sentence is no duty
    assert [(x["agency"], x["section"]) for x in r["duties"]] == [
        ("Ủy ban nhân dân thành phố", "2.1"),
        ("Thường trực Hội đồng nhân dân, các Ban Hội đồng nhân dân và đại biểu Hội đồng nhân dân thành phố", "2.2"),
    ]


DECISION = """ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: 3004/QĐ-UBND
Hà Tĩnh, ngày 01 tháng 12 năm 2025

**QUYẾT
ĐỊNH**
CÔNG
BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC THIẾT BỊ Y TẾ THUỘC THẨM QUYỀN
GIẢI QUYẾT CỦA SỞ Y TẾ
**CHỦ TỊCH ỦY BAN
NHÂN DÂN TỈNH**

Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;

**QUYẾT ĐỊNH:**

Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.
"""


def test_a_title_line_opening_with_so_or_bo_goes_on():
    """'CÔNG' / 'BỐ DANH MỤC …' and '… QUYẾT ĐỊNH' / 'SỐ 15/2025/QĐ-UBND …': 'bố' and 'số' fold
    like 'Bộ' and 'Sở' but name no issuing body."""
    d = parse_text(DECISION, "qd.md")["document"]
    assert d["type"] == "Quyết định"
    assert d["title"].lower() == "công bố danh mục thủ tục hành chính lĩnh vực thiết bị y tế thuộc thẩm quyền giải quyết của sở y tế"
    repeal = DECISION.replace("CÔNG\nBỐ DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC THIẾT BỊ Y TẾ THUỘC THẨM QUYỀN\nGIẢI QUYẾT CỦA SỞ Y TẾ",
                              "BÃI BỎ QUYẾT ĐỊNH\nSỐ 15/2025/QĐ-UBND NGÀY 01/3/2025 CỦA ỦY BAN NHÂN DÂN TỈNH")
    assert parse_text(repeal, "qd.md")["document"]["title"].lower().startswith("bãi bỏ quyết định số 15/2025/qđ-ubnd ngày 01/3/2025")


def test_a_title_in_capitals_ends_where_sentence_case_starts():
    """A consolidated text: 'QUYẾT ĐỊNH' / 'VỀ' / 'THỰC HIỆN CHẾ ĐỘ …' (a capital 'THỰC HIỆN' goes
    on with the title, it opens no preamble) / 'Quyết định số 142/2008/QĐ-TTg …' (sentence
    case: the title has ended)."""
    text = DECISION.replace(
        "CÔNG\nBỐ DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC THIẾT BỊ Y TẾ THUỘC THẨM QUYỀN\nGIẢI QUYẾT CỦA SỞ Y TẾ\n"
        "**CHỦ TỊCH ỦY BAN\nNHÂN DÂN TỈNH**\n",
        "VỀ\nTHỰC HIỆN CHẾ ĐỘ ĐỐI VỚI QUÂN NHÂN ĐÃ PHỤC VIÊN, XUẤT NGŨ VỀ ĐỊA PHƯƠNG\n"
        "Quyết định số 142/2008/QĐ-TTg ngày 27 tháng 10 năm 2008 của Thủ tướng Chính phủ, được sửa đổi, bổ sung bởi:\n")
    r = parse_text(text, "qd.md")
    assert r["document"]["title"].lower() == "về thực hiện chế độ đối với quân nhân đã phục viên, xuất ngũ về địa phương"
    assert r["implements"] == []


def test_a_resolution_without_a_date_line_is_dated_by_its_adoption():
    """'Số: 1675/NQ-UBTVQH15' and no date line: the closing 'Nghị quyết này được Ủy ban Thường
    vụ Quốc hội … thông qua ngày 16 tháng 6 năm 2025' dates it (its span is that date)."""
    text = """Số: 1675/NQ-UBTVQH15 |
|

**NGHỊ QUYẾT**

**Về việc sắp xếp các đơn vị hành chính cấp xã của thành phố Huế năm 2025**

**ỦY BAN THƯỜNG VỤ QUỐC HỘI**

*Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;*

**QUYẾT NGHỊ:**

**Điều 1. Sắp xếp các đơn vị hành chính cấp xã của thành phố Huế**

Sắp xếp phường Phong Thu và xã Phong Mỹ thành phường Phong Điền.

**Điều 2. Tổ chức thực hiện**

Chính phủ, Hội đồng nhân dân, Ủy ban nhân dân thành phố Huế tổ chức thi hành Nghị quyết này.

*Nghị quyết này được Ủy ban Thường vụ Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV
thông qua ngày 16 tháng 6 năm 2025.*
"""
    r = parse_text(text, "nq.md")
    assert r["document"]["date"] == "2025-06-16"
    start, end = r["spans"]["document.date"]
    assert text[start:end] == "16 tháng 6 năm 2025"


def test_the_issuing_body_before_a_broken_republic_line():
    """'**HỘI' / 'ĐỒNG NHÂN DÂN **' / '**THÀNH PHỐ HÀ NỘI**' then '**CỘNG' / 'HÒA XÃ HỘI CHỦ NGHĨA
    VIỆT NAM**': the block before the republic's name, which the page broke, is the issuer."""
    text = RESOLUTION.replace("**HỘI\nĐỒNG NHÂN DÂN**\nTHÀNH PHỐ HUẾ\n", "**HỘI\nĐỒNG NHÂN DÂN **\n**THÀNH PHỐ HÀ NỘI**\n-------\n") \
        .replace("**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**", "**CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**") \
        .replace("*Thành phố Huế, ngày", "*Hà Nội, ngày")
    d = parse_text(text, "nq.md")["document"]
    assert (d["issuer"], d["issuer_level"], d["province"]) == ("Hội đồng nhân dân thành phố Hà Nội", "provincial-council", "Hà Nội")


def test_a_heads_signing_line_ends_the_title():
    """'THÔNG BÁO' / 'VỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ' / 'CỤC TRƯỞNG CỤC HẢI QUAN': the line that
    names who decides is no part of the title, as 'CHỦ TỊCH …' and 'BỘ TRƯỞNG …' are not."""
    text = """BỘ TÀI CHÍNH
CỤC HẢI QUAN
Số: 37698/TB-CHQ
Hà Nội, ngày 21 tháng 11 năm 2025

THÔNG BÁO
VỀ KẾT QUẢ XÁC ĐỊNH TRƯỚC MÃ SỐ
CỤC TRƯỞNG CỤC HẢI QUAN

Căn cứ Luật Hải quan ngày 23/6/2014;

Cục Hải quan thông báo kết quả xác định trước mã số như sau.
"""
    assert parse_text(text, "tb.md")["document"]["title"].lower() == "về kết quả xác định trước mã số"


LETTER_PAGE = """Đang tải văn bản...
#
**Số hiệu:**
|
5348/CT-CS
|
**Loại văn bản:**
|
Công văn
|
**Nơi ban hành:**
|
Cục Thuế
|
**Người ký:**
|
Phạm Thị Minh Hiền
|
**Ngày ban hành:**
|
20/11/2025
|
**Tình trạng:**
|
Đã biết
|
BỘ TÀI CHÍNH
CỤC THUẾ
-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
Số: 5348/CT-CS
V/v hướng dẫn góp vốn điều lệ
|
Hà Nội, ngày 20 tháng 11 năm 2025
|
Kính gửi: Thuế tỉnh Đắk Lắk.
Cục Thuế nhận được công văn số 1234/DLA-QLDN ngày 05/11/2025 của Thuế tỉnh Đắk Lắk
hỏi về chính sách thuế đối với khoản góp vốn điều lệ. Về vấn đề này, Cục Thuế có ý
kiến như sau:
Căn cứ khoản 3 Điều 18 Thông tư số 219/2013/TT-BTC ngày 31/12/2013 của Bộ Tài chính
hướng dẫn thi hành Luật Thuế giá trị gia tăng; căn cứ quy định nêu trên, trường hợp
doanh nghiệp góp vốn điều lệ bằng tài sản thì không phải lập hóa đơn giá trị gia
tăng; đề nghị Thuế tỉnh Đắk Lắk căn cứ tình hình thực tế để hướng dẫn doanh nghiệp
thực hiện theo đúng quy định của pháp luật về thuế và các văn bản hướng dẫn hiện
hành, bảo đảm quyền lợi hợp pháp của người nộp thuế trên địa bàn tỉnh.
Cục Thuế thông báo để Thuế tỉnh Đắk Lắk được biết và thực hiện.
Nơi nhận:
- Như trên;
- Website CT *(để đăng tin)*;
- Lưu: VT, CS.
|
**TL. CỤC TRƯỞNG**
PHÓ TRƯỞNG BAN
Phạm Thị Minh Hiền
|
Công văn 5348/CT-CS năm 2025 hướng dẫn góp vốn điều lệ theo Công văn 9999/CT-CS do Cục Thuế ban hành
Văn bản này chưa cập nhật nội dung Tiếng Anh
## Văn bản liên quan
Thông báo
về Lưu trữ, Sử dụng Thông tin Khách hàng
Kính gửi: Quý Thành viên,
Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân (hiệu lực từ ngày 01/07/2023) yêu cầu
xác nhận sự đồng ý của thành viên khi thu thập, lưu trữ, sử dụng thông tin.
"""


def test_a_web_page_that_wraps_its_lines_ends_where_the_site_starts():
    """A page whose lines are all short (wrapped) still ends at the site's 'Văn bản này chưa
    cập nhật …': the site's notice after it ('Thông báo' / 'Nghị định 13/2023/NĐ-CP …') is no
    kind, title, citation nor implemented document; a letter's kind is the page's 'Loại văn
    bản'; and its preamble stops at 'Nơi nhận:', whose list is read."""
    r = parse_text(LETTER_PAGE, "cv.md")
    assert (r["document"]["id"], r["document"]["type"]) == ("5348/CT-CS", "Công văn")
    assert "13/2023/NĐ-CP" not in {c["id"] for c in r["cited"]} | set(r["implements"])
    assert "219/2013/TT-BTC" in {c["id"] for c in r["cited"]}
    assert "9999/CT-CS" not in {c["id"] for c in r["cited"]}  # the site's caption of the document is not its text
    assert r["recipients"] == ["Như trên", "Website CT (để đăng tin)", "Lưu: VT, CS"]  # italics are markup


def test_a_short_letter_before_the_sites_list_of_related_documents():
    """A short letter: the site's list of related documents after it repeats 'Tình trạng:' within
    the page's first lines, which is no end of the metadata block (the document had begun), and
    '*Nơi' / 'nhận:*' broken over two lines still opens the recipients."""
    body = LETTER_PAGE.split("Kính gửi: Thuế tỉnh Đắk Lắk.")[0] + """Kính gửi: Bộ trưởng Bộ Khoa học và Công nghệ.
Xét Tờ trình số 226/TTr-BKHCN ngày 05 tháng 11 năm 2025 của Bộ Khoa học và Công nghệ, Phó Thủ
tướng Chính phủ có ý kiến như sau: Bộ Khoa học và Công nghệ chủ trì, phối hợp với Bộ Quốc phòng,
Bộ Nội vụ và các bộ, cơ quan liên quan rà soát, nghiên cứu, làm rõ mô hình tổ chức của Mạng lưới
quan trắc và cảnh báo phóng xạ môi trường quốc gia, trên cơ sở đó nêu rõ căn cứ pháp lý về thẩm
quyền thành lập Mạng lưới; rà soát việc xác định và đầu tư xây dựng các trạm quan trắc bảo đảm phù
hợp với quy hoạch; báo cáo Thủ tướng Chính phủ trong quý I năm 2026.
Văn phòng Chính phủ thông báo để Bộ Khoa học và Công nghệ biết, thực hiện.
|
*Nơi
nhận:*
- Như trên;
- Lưu: VT, KGVX.
|
**KT. BỘ TRƯỞNG**
Phạm Mạnh Cường
|
Văn bản này chưa cập nhật nội dung Tiếng Anh
## Văn bản liên quan
Ban hành:
11/11/2025
Tình trạng: Đã biết
Thông báo
về Lưu trữ, Sử dụng Thông tin Khách hàng
Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân yêu cầu xác nhận sự đồng ý của thành viên.
"""
    r = parse_text(body, "cv.md")
    assert r["document"]["type"] == "Công văn"
    assert [c["id"] for c in r["cited"]] == ["226/TTr-BKHCN"]
    assert r["recipients"] == ["Như trên", "Lưu: VT, KGVX"]
