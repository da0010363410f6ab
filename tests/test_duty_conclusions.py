"""Duties of conclusions and notices (Kết luận of the Politburo, a Thông báo kết luận): work
is handed out in the sentence ('Giao X lãnh đạo, chỉ đạo …', 'Yêu cầu X …') among items that
state the conclusion's views (loaders/duties.py `_names_agencies`, `_heading_duties`). Small
conclusions written here, each rule with the case that needs it."""
from policykg.loaders import parse_text
from policykg.loaders.agencies import subject_end

HEAD = """BAN CHẤP HÀNH TRUNG ƯƠNG

Số 300-KL/TW

Hà Nội, ngày 20 tháng 11 năm 2025

KẾT LUẬN
CỦA BỘ CHÍNH TRỊ VỀ ĐỀ ÁN PHÁT TRIỂN Y TẾ CƠ SỞ

Tại phiên họp ngày 14/11/2025, xem xét Tờ trình của Đảng uỷ Bộ Y tế, Bộ Chính trị kết luận như sau:

"""

CONCLUSION = """1. Bộ Chính trị cơ bản nhất trí với Tờ trình của Đảng uỷ Bộ Y tế. Đây là vấn đề rất quan trọng.

2. Rà soát, đánh giá kỹ lưỡng mạng lưới trạm y tế cấp xã sau sắp xếp; khẩn trương hoàn thiện tiêu chí.

3. Giao Đảng uỷ Quốc hội lãnh đạo, chỉ đạo ban hành Nghị quyết về chính sách đối với y tế cơ sở (hoàn thành trong tháng 12/2025).

4. Giao Đảng uỷ Chính phủ lãnh đạo, chỉ đạo các bộ, ngành phối hợp với Bộ Tư pháp rà soát toàn bộ văn bản quy phạm pháp luật về y tế cơ sở.
Trong đó, ưu tiên các lĩnh vực: tài chính; nhân lực; dược.

5. Yêu cầu Đảng uỷ Chính phủ chỉ đạo các bộ, ngành nghiêm túc tổ chức thực hiện, hoàn thành trong năm 2025.
Yêu cầu các tỉnh uỷ, thành uỷ đẩy mạnh việc sắp xếp các trạm y tế cấp xã, hoàn thành trước ngày 31/12/2025.
*(Kèm theo Báo cáo số 565-BC/BTCTW, ngày 27/11/2025 của Ban Tổ chức Trung ương).*

Yêu cầu các tỉnh uỷ, thành uỷ, đảng uỷ trực thuộc Trung ương thực hiện nghiêm túc Kết luận này.

T/M BỘ CHÍNH TRỊ
"""


def _duties(text: str) -> list[dict]:
    return parse_text(text, "conclusion.md")["duties"]


def test_assignments_among_the_views_of_a_conclusion():
    """Two items of five name a body ('Giao …'), the others are views ('Bộ Chính trị nhất trí')
    or orientations that name none: the two are duties, the views are not."""
    text = HEAD + CONCLUSION.split("\n\n5.")[0] + "\n"
    got = [(d["agency"], d["section"], d["deadline"]) for d in _duties(text)]
    assert got == [("Đảng uỷ Quốc hội", "3", "trong tháng 12/2025"), ("Đảng uỷ Chính phủ", "4", None)]


def test_lanh_dao_is_a_verb_after_the_body():
    assert subject_end("Đảng uỷ Quốc hội lãnh đạo, chỉ đạo ban hành") == len("Đảng uỷ Quốc hội")
    assert subject_end("các cấp uỷ, cơ quan nghiêm túc triển khai") == len("các cấp uỷ, cơ quan")


def test_requests_in_the_body_are_duties_of_the_body_they_name():
    """'Yêu cầu X …' heads a duty of X, a paragraph under an item too; 'Trong đó, …' details the
    item's work; a note in brackets and 'Yêu cầu … thực hiện nghiêm túc Kết luận này' are none."""
    got = _duties(HEAD + CONCLUSION)
    assert [(d["agency"], d["section"], d["deadline"]) for d in got] == [
        ("Đảng uỷ Quốc hội", "3", "trong tháng 12/2025"),
        ("Đảng uỷ Chính phủ", "4", None),
        ("Đảng uỷ Chính phủ", "5", "trong năm 2025"),
        ("các tỉnh uỷ, thành uỷ", "5", "trước ngày 31/12/2025"),
    ]
    assert got[1]["text"].endswith("Trong đó, ưu tiên các lĩnh vực: tài chính; nhân lực; dược.")
    assert got[1]["coordinating"] == ["Bộ Tư pháp"]
    assert not any("Kèm theo" in d["text"] or "Kết luận này" in d["text"] for d in got)


def test_a_request_that_ends_the_document_is_its_closing():
    """'Yêu cầu các sở, ban, ngành, đơn vị, địa phương nghiêm túc triển khai thực hiện./.' asks
    for the document as a whole, even without 'Kết luận này'."""
    text = HEAD + CONCLUSION.replace("thực hiện nghiêm túc Kết luận này.", "nghiêm túc triển khai thực hiện./.")
    assert not any(d["text"].startswith("Yêu cầu các tỉnh uỷ, thành uỷ, đảng uỷ") for d in _duties(text))


NOTICE = """VĂN PHÒNG CHÍNH PHỦ

Số: 900/TB-VPCP

Hà Nội, ngày 25 tháng 11 năm 2025

THÔNG BÁO
KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TẠI BUỔI LÀM VIỆC VỚI TỈNH GIA LAI

I. ĐÁNH GIÁ CHUNG

Ghi nhận, biểu dương tinh thần đoàn kết của Tỉnh trong thời gian qua.

Để tiếp tục nâng cao chất lượng y tế cơ sở, tỉnh Gia Lai cần tập trung thực hiện tốt một số nhiệm vụ, giải pháp sau đây:

1. Rà soát, sắp xếp mạng lưới trạm y tế xã bảo đảm phục vụ người dân.

Sở Y tế chủ trì hướng dẫn các trạm y tế xã triển khai hồ sơ sức khỏe điện tử.

2. Tăng cường đào tạo nhân lực y tế cho cấp xã.

II. VỀ CÁC KIẾN NGHỊ CỦA TỈNH

1. Về đề nghị Bộ Y tế hỗ trợ trang thiết bị cho trạm y tế xã: Bộ Y tế nghiên cứu, xử lý theo thẩm quyền, hoàn thành trong Quý I/2026.

2. Về việc đầu tư bệnh viện đa khoa khu vực: Giao Bộ Tài chính chủ trì, phối hợp với Bộ Y tế bố trí vốn.

3. Về tồn tại, hạn chế: Đoàn công tác thẳng thắn chỉ ra những hạn chế: (1) Tiến độ còn chậm.

Văn phòng Chính phủ thông báo để các cơ quan liên quan biết, thực hiện./.
"""


def test_a_lead_in_names_the_body_of_the_items_after_it():
    """'…, tỉnh Gia Lai cần tập trung thực hiện tốt một số nhiệm vụ, giải pháp sau đây:' gives
    the items after it to the province; a paragraph under an item that opens with its own body
    ('Sở Y tế chủ trì …') is that body's."""
    got = [(d["agency"], d["section"]) for d in parse_text(NOTICE, "notice.md")["duties"] if d["section"].startswith("I.")]
    assert got == [("tỉnh Gia Lai", "I.1"), ("Sở Y tế", "I.1"), ("tỉnh Gia Lai", "I.2")]


def test_a_statute_asking_conditions_names_no_duty():
    """'… phải đáp ứng các điều kiện sau:' asks no work; a sentence that opens with its subject
    names it there, not after a comma inside its list ('Các siêu thị, nhà hàng … phải …')."""
    law = NOTICE.replace("tỉnh Gia Lai cần tập trung thực hiện tốt một số nhiệm vụ, giải pháp sau đây:",
                         "hồ sơ của tỉnh Gia Lai phải đáp ứng các điều kiện sau:")
    assert not [d for d in parse_text(law, "law.md")["duties"] if d["section"].startswith("I.")]
    shops = NOTICE.replace("Để tiếp tục nâng cao chất lượng y tế cơ sở, tỉnh Gia Lai cần",
                           "Các siêu thị, cửa hàng, nhà hàng cần")
    assert not [d for d in parse_text(shops, "shops.md")["duties"] if d["agency"].startswith("nhà hàng")]


def test_the_answer_to_a_proposal_is_a_duty_of_the_body_it_names():
    """'Về đề nghị …: Bộ Y tế nghiên cứu …' and 'Về …: Giao Bộ Tài chính chủ trì …' are duties of
    the body after the colon; a finding ('Về tồn tại, hạn chế: Đoàn công tác thẳng thắn chỉ ra
    …') is none."""
    got = [d for d in parse_text(NOTICE, "notice.md")["duties"] if d["section"].startswith("II.")]
    assert [(d["agency"], d["section"], d["deadline"]) for d in got] == [
        ("Bộ Y tế", "II.1", "trong Quý I/2026"), ("Bộ Tài chính", "II.2", None)]
    assert got[0]["text"].startswith("Bộ Y tế nghiên cứu, xử lý")
    assert got[1]["coordinating"] == ["Bộ Y tế"]


def test_a_colon_that_lists_provinces_does_not_open_the_duty():
    """'Chủ tịch UBND các tỉnh, thành phố: Hà Tĩnh, Quảng Trị, Huế chủ động phối hợp …' is one
    sentence (its colon lists the provinces): the duty is the whole of it, of the chairs; after
    'Thủ tướng Chính phủ yêu cầu …: Hà Tĩnh, Huế tập trung thực hiện một số giải pháp sau:' its
    items are asked for; a list that ends in a colon ('các xã: Tân An, Bình Minh:') heads items."""
    cd = HEAD.replace("KẾT LUẬN", "CÔNG ĐIỆN").replace(
        "Tại phiên họp ngày 14/11/2025, xem xét Tờ trình của Đảng uỷ Bộ Y tế, Bộ Chính trị kết luận như sau:",
        "Thủ tướng Chính phủ yêu cầu Bộ trưởng các Bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Hà Tĩnh, "
        "Huế tập trung thực hiện một số giải pháp sau:") + """1. Bộ Y tế chủ trì, phối hợp với Bộ Tài chính bảo đảm quyền lợi khám bệnh, chữa bệnh bảo hiểm y tế.
2. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Hà Tĩnh, Quảng Trị, Huế chủ động phối hợp chặt chẽ với Bộ Y tế để bảo đảm quyền lợi của người dân.
3. Ủy ban nhân dân các xã: Tân An, Bình Minh:
a) Rà soát các hộ dân bị ảnh hưởng.
b) Báo cáo Ủy ban nhân dân tỉnh trước ngày 05/12/2025.
"""
    got = _duties(cd)
    assert [(d["agency"], d["section"]) for d in got] == [
        ("Bộ Y tế", "1"), ("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố", "2"),
        ("Ủy ban nhân dân các xã", "3"), ("Ủy ban nhân dân các xã", "3")]
    assert got[1]["text"].startswith("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Hà Tĩnh")
    assert got[1]["coordinating"] == ["Bộ Y tế"]
    assert got[3]["deadline"] == "trước ngày 05/12/2025"


def test_a_list_of_provinces_joined_by_va_and_a_body_named_by_its_role():
    from policykg.loaders.duties import agency_of_title

    assert agency_of_title("Chủ tịch Ủy ban nhân dân các tỉnh: Đắk Lắk, Gia Lai và Lâm Đồng chỉ đạo cơ quan chức năng "
                           "khẩn trương rà soát một số nội dung sau:", False)[0] == "Chủ tịch Ủy ban nhân dân các tỉnh"
    # 'xử lý' ends a name ('Ủy ban nhân dân Thành phố xử lý dứt điểm …'), not 'cơ quan xử lý' (the handling body)
    assert subject_end("Ủy ban nhân dân Thành phố xử lý dứt điểm") == len("Ủy ban nhân dân Thành phố")
    assert subject_end("Các cơ quan xử lý phải có trách nhiệm cử đầu mối") == len("Các cơ quan xử lý")


def test_a_request_paragraph_of_its_own_is_a_duty():
    """In a section of prose, 'Đề nghị thường trực các tỉnh uỷ, thành uỷ tiếp tục quan tâm …' and
    'Giao Sở Y tế chủ trì …' are duties of the body they name; not 'Giáo viên …' (folds as
    'Giao'), a request that closes ('… khẩn trương triển khai, thực hiện./.'), nor advice to
    apply the law ('Đề nghị Công ty căn cứ quy định …')."""
    text = NOTICE.split("II. VỀ")[0] + """II. VỀ CÁC KIẾN NGHỊ

Những kiến nghị thuộc thẩm quyền của Văn phòng sẽ được xem xét, giải quyết kịp thời.

Đề nghị thường trực các tỉnh uỷ, thành uỷ tiếp tục quan tâm lãnh đạo, chỉ đạo công tác y tế cơ sở đến tháng 6/2027.

Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát nhu cầu trang thiết bị.

Giáo viên giảng dạy tại trung tâm được hưởng phụ cấp theo quy định.

Đề nghị Công ty căn cứ quy định tại Luật Quản lý thuế để thực hiện.

Đề nghị các cơ quan, đơn vị khẩn trương triển khai, thực hiện./.
"""
    got = [(d["agency"], d["deadline"], d["coordinating"]) for d in parse_text(text, "notice.md")["duties"]
           if d["section"] == "II"]
    assert got == [("thường trực các tỉnh uỷ, thành uỷ", "đến tháng 6/2027", []), ("Sở Y tế", None, ["Sở Tài chính"])]
