"""Duties of directives (Chỉ thị, Công điện, a ministry's letter): no 'Tổ chức thực hiện'
section, the numbered items after 'UBND tỉnh yêu cầu:' / 'Thủ tướng Chính phủ yêu cầu:' are
the agency headings themselves, often within the first 4,000 characters after the title
(loaders/duties.py `find_duties`, loaders/record.py `read_duties`). Small directives written
here, each rule with the case that needs it."""
from policykg.loaders import parse_text
from policykg.loaders.agencies import split_agencies, starts_like_agency
from policykg.loaders.duties import coordinating_bodies, deadline_phrase

HEAD = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ

Số: 06/CT-UBND

Quảng Trị, ngày 25 tháng 11 năm 2025

CHỈ THỊ
VỀ VIỆC TĂNG CƯỜNG BẢO VỆ RỪNG

Trong những năm qua, công tác quản lý, bảo vệ rừng đạt được kết quả nhất định.

Để nâng cao hiệu quả công tác bảo vệ rừng trên địa bàn tỉnh, Ủy ban nhân dân tỉnh yêu cầu:

"""

DIRECTIVE = """1. Ủy ban nhân dân các xã, phường:
- Thực hiện đầy đủ trách nhiệm quản lý nhà nước về lâm nghiệp.
- Thường xuyên kiểm tra, kịp thời phát hiện các hành vi phá rừng.
2. Sở Nông nghiệp và Môi trường
- Theo dõi, đôn đốc, tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 25/12 hàng năm.
- Chỉ đạo lực lượng Kiểm lâm tuần tra rừng.
3. Công an tỉnh
Chỉ đạo Công an xã tăng cường phối hợp, hỗ trợ chính quyền địa phương và lực lượng Kiểm lâm, các đơn vị chủ rừng trong công tác tuần tra.
4. Các chủ rừng là tổ chức (các Ban quản lý rừng phòng hộ, các Công ty lâm nghiệp…)
- Thực hiện đầy đủ trách nhiệm chủ rừng.
- Phối hợp chặt chẽ với các cơ quan chức năng, chính quyền địa phương để bảo vệ rừng.
5. Các sở, ban, ngành liên quan theo chức năng nhiệm vụ phối hợp với các địa phương triển khai thực hiện Chỉ thị này.

Yêu cầu Giám đốc các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã, phường triển khai thực hiện nghiêm túc Chỉ thị này./.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
"""

# A preamble long enough that the agency items start beyond the 4,000 characters a document
# without sections gives its preamble.
LONG = "Thời gian qua, " + "tình trạng phá rừng, lấn chiếm đất lâm nghiệp còn diễn biến phức tạp; " * 70 + "\n\n"


def _duties(text: str) -> list[dict]:
    return parse_text(text, "directive.md")["duties"]


def test_numbered_agencies_of_a_directive_are_duty_headings():
    got = [(d["agency"], d["section"], d["deadline"]) for d in _duties(HEAD + DIRECTIVE)]
    assert got == [
        ("Ủy ban nhân dân các xã, phường", "1", None),
        ("Ủy ban nhân dân các xã, phường", "1", "Thường xuyên"),
        ("Sở Nông nghiệp và Môi trường", "2", "trước ngày 25/12 hàng năm"),
        ("Sở Nông nghiệp và Môi trường", "2", None),
        ("Công an tỉnh", "3", None),
        ("Các chủ rừng là tổ chức (các Ban quản lý rừng phòng hộ, các Công ty lâm nghiệp…)", "4", None),
        ("Các chủ rừng là tổ chức (các Ban quản lý rừng phòng hộ, các Công ty lâm nghiệp…)", "4", None),
        ("Các sở, ban, ngành liên quan", "5", None),
    ]


def test_the_closing_request_is_no_duty():
    """'Yêu cầu Giám đốc các sở …, Chủ tịch UBND … thực hiện nghiêm túc Chỉ thị này' closes it."""
    got = _duties(HEAD + DIRECTIVE)
    assert got[-1]["agency"] == "Các sở, ban, ngành liên quan"
    assert not any(d["text"].startswith("Yêu cầu") for d in got)


def test_duties_past_the_first_4000_characters_of_a_directive():
    assert len(LONG) > 4000
    got = {d["agency"] for d in _duties(HEAD + LONG + DIRECTIVE)}
    assert "Ủy ban nhân dân các xã, phường" in got and "Sở Nông nghiệp và Môi trường" in got


def test_topics_at_the_top_are_no_agency_headings():
    """A letter's numbered cases ('1. Trường hợp thuê đất …') name no body."""
    letter = HEAD + """1. Trường hợp thuê đất trả tiền hằng năm:
- Tỷ lệ phần trăm tính đơn giá thuê đất là từ 0,25% đến 3%.
- Giá đất để tính tiền thuê đất là giá đất trong Bảng giá đất.
2. Trường hợp thuê đất trước ngày Nghị định có hiệu lực:
- Tiền thuê đất được ổn định 05 năm.
"""
    assert not starts_like_agency("Trường hợp thuê đất")
    assert _duties(letter) == []


def test_an_official_heads_the_item_and_a_colon_inside_the_sentence():
    """Công điện: 'Bộ trưởng Bộ Tài chính chủ trì … cho các tỉnh: Đắk Lắk, …, hoàn thành trước
    …' is one duty, its text the whole sentence; 'Chủ tịch UBND các tỉnh …, trong đó trọng tâm là
    các tỉnh: …:' names the bodies before 'trong đó'; a paragraph after the last item that opens
    with a body is a duty of its own."""
    cd = HEAD.replace("CHỈ THỊ", "CÔNG ĐIỆN") + """1. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng, trong đó trọng tâm là các tỉnh: Đắk Lắk, Gia Lai:
a) Tổ chức xây dựng kế hoạch cụ thể, phát động chiến dịch.
b) Báo cáo nhu cầu hỗ trợ do đợt mưa lũ từ ngày 16-22/11/2025, gửi Bộ Tài chính trước ngày 03/12/2025.
Chủ tịch Ủy ban nhân dân cấp tỉnh chịu trách nhiệm toàn diện về tính chính xác của số liệu báo cáo.
2. Bộ trưởng Bộ Tài chính chủ trì phối hợp với các bộ, ngành liên quan rà soát, tổng hợp đề xuất phương án hỗ trợ từ ngân sách trung ương cho các tỉnh: Đắk Lắk, Gia Lai để xây dựng, sửa chữa nhà, hoàn thành trước ngày 05/12/2025./.
3. Bộ trưởng Bộ Xây dựng chỉ đạo Sở Xây dựng các địa phương nghiên cứu thiết kế nhà mẫu.
"""
    got = _duties(cd)
    chair = "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng"
    assert [(d["agency"], d["no"], d["deadline"]) for d in got] == [
        (chair, "a", None),
        (chair, "b", "trước ngày 03/12/2025"),
        ("Chủ tịch Ủy ban nhân dân cấp tỉnh", None, None),
        ("Bộ trưởng Bộ Tài chính", None, "trước ngày 05/12/2025"),
        ("Bộ trưởng Bộ Xây dựng", None, None),
    ]
    assert got[1]["text"].endswith("trước ngày 03/12/2025.")
    assert got[3]["text"].startswith("Bộ trưởng Bộ Tài chính chủ trì") and got[3]["coordinating"] == ["các bộ, ngành liên quan"]


def test_a_broken_line_after_the_last_item_runs_on():
    """'- Phối hợp Bộ Chỉ huy' / 'Quân sự tỉnh, Công an tỉnh … tổ chức vận chuyển': one duty."""
    plan = HEAD + """1. Sở Công Thương:
- Chủ trì điều phối nguồn hàng hỗ trợ.
- Phối hợp Bộ Chỉ huy
Quân sự tỉnh, Công an tỉnh tổ chức vận chuyển hàng đến các cụm dân cư.
2. Sở Y tế:
- Bảo đảm thuốc cho người dân vùng lũ.
"""
    got = [(d["agency"], d["text"]) for d in _duties(plan)]
    assert ("Sở Công Thương", "Phối hợp Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh tổ chức vận chuyển hàng đến các cụm dân cư.") in got
    assert len(got) == 3


def test_a_span_of_days_is_no_deadline():
    assert deadline_phrase("do đợt mưa lũ từ ngày 16-22/11/2025, gửi trước ngày 03/12/2025") == "trước ngày 03/12/2025"


def test_bodies_after_phoi_hop_ho_tro():
    assert coordinating_bodies("tăng cường phối hợp, hỗ trợ chính quyền địa phương và lực lượng Kiểm lâm, "
                               "các đơn vị chủ rừng trong công tác tuần tra", False) == [
        "chính quyền địa phương", "lực lượng Kiểm lâm", "các đơn vị chủ rừng"]
    assert coordinating_bodies("phối hợp với Văn phòng Chính phủ khẩn trương rà soát", False) == ["Văn phòng Chính phủ"]


def test_local_government_is_a_body_of_its_own_in_a_list():
    assert split_agencies("các cơ quan chức năng, chính quyền địa phương") == ["các cơ quan chức năng", "chính quyền địa phương"]
    assert split_agencies("cấp ủy, chính quyền các cấp") == ["cấp ủy, chính quyền các cấp"]


def test_a_government_office_notice_closes_with_no_duty():
    """'Văn phòng Chính phủ thông báo để Bộ Xây dựng … biết, thực hiện' closes a Thông báo."""
    tb = HEAD.replace("CHỈ THỊ", "THÔNG BÁO") + """1. Bộ Xây dựng:
- Chỉ đạo Ban Quản lý dự án tăng cường nhân lực.
2. Ủy ban nhân dân tỉnh Đồng Nai:
- Chỉ đạo hoàn thành giải phóng mặt bằng.
Văn phòng Chính phủ xin thông báo để Bộ Xây dựng và các cơ quan liên quan biết, thực hiện./.
"""
    got = _duties(tb)
    assert [d["agency"] for d in got] == ["Bộ Xây dựng", "Ủy ban nhân dân tỉnh Đồng Nai"]


def test_sentences_asked_for_after_yeu_cau_are_duties():
    """After 'Thủ tướng Chính phủ yêu cầu:' items that are sentences opening with their body
    ('3. Bộ Tài chính chủ trì cùng …') are duties, though none is a heading with work below it;
    without the request, such sentences are a statute's ('1. Ban Quản lý thực hiện …')."""
    items = """1. Bộ Tài chính chủ trì cùng Bộ Xây dựng rà soát, đánh giá đề xuất khen thưởng trước ngày 15/12/2025.
2. Đài Truyền hình Việt Nam chủ trì, phối hợp với các địa phương tổ chức truyền hình trực tiếp.
3. Bộ trưởng Bộ Nội vụ chỉ đạo rà soát, khen thưởng các tổ chức, cá nhân có thành tích.
"""
    head = HEAD.replace("Ủy ban nhân dân tỉnh yêu cầu:", "Thủ tướng Chính phủ yêu cầu:")
    got = [(d["agency"], d["deadline"]) for d in _duties(head + items)]
    assert got == [("Bộ Tài chính", "trước ngày 15/12/2025"), ("Đài Truyền hình Việt Nam", None), ("Bộ trưởng Bộ Nội vụ", None)]
    told = head.replace("Thủ tướng Chính phủ yêu cầu:", "Tình hình như sau.")
    assert _duties(told + items) == []
    concluded = head.replace("Thủ tướng Chính phủ yêu cầu:", "Phó Thủ tướng Chính phủ kết luận như sau:")
    assert len(_duties(concluded + items)) == 3


def test_a_capitalised_name_does_not_end_the_coordinating_bodies():
    """'xây dựng' is a verb that ends the list, 'Bộ Xây dựng' a body in it."""
    assert coordinating_bodies("chủ trì, phối hợp với Bộ Xây dựng, Văn phòng Chính phủ, các bộ, ngành liên quan "
                               "khẩn trương hướng dẫn", False) == ["Bộ Xây dựng", "Văn phòng Chính phủ", "các bộ, ngành liên quan"]
    assert coordinating_bodies("phối hợp với Sở Tài chính xây dựng dự toán", False) == ["Sở Tài chính"]


def test_the_bodies_of_a_clause_before_the_subject():
    """'Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương …' → Bộ Tài chính."""
    items = """1. Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính khẩn trương rà soát, bố trí kinh phí.
2. Căn cứ nội dung Chỉ thị, các sở, ngành và Ủy ban nhân dân các xã xây dựng kế hoạch thực hiện.
3. Bộ Tư pháp có trách nhiệm kiểm tra, đôn đốc các Bộ trong việc thực hiện.
"""
    got = [d["agency"] for d in _duties(HEAD + items)]
    assert got == ["Bộ Tài chính", "các sở, ngành và Ủy ban nhân dân các xã", "Bộ Tư pháp"]


def test_a_day_is_the_deadline_over_a_year_before_it():
    """A year that qualifies something else comes first; the day the work is due is later."""
    assert deadline_phrase("các vướng mắc tiếp tục được xử lý trong năm 2025; các Báo cáo trên gửi Bộ Tư pháp "
                           "trước ngày 05 tháng 12 năm 2025.") == "trước ngày 05 tháng 12 năm 2025"
    assert deadline_phrase("đối với các nhiệm vụ được giao trong năm 2025, tiếp tục rà soát kỹ") is None
    assert deadline_phrase("hoàn thành trong năm 2026") == "trong năm 2026"


def test_words_that_end_a_body_s_name_in_a_directive():
    """'Bộ trưởng Bộ Tài chính tổng hợp …', '… Thông tấn xã Việt Nam kịp thời thông tin …': the
    verb or adverb after the body; 'Số hộ dân …' (a count) folds as 'Sở' but names no body."""
    from policykg.loaders.agencies import subject_end

    text = "Bộ trưởng Bộ Tài chính tổng hợp nhu cầu hỗ trợ của các địa phương"
    assert text[:subject_end(text)] == "Bộ trưởng Bộ Tài chính"
    text = "Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam kịp thời thông tin về tình hình mưa lũ"
    assert text[:subject_end(text)] == "Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam"
    assert not starts_like_agency("Số hộ dân có nhà bị hư hỏng nặng")
    assert starts_like_agency("Sở Y tế")


def test_a_body_named_by_its_role():
    """'3. Cơ quan chủ trì giải quyết thủ tục đầu tư' / '4. Cơ quan phối hợp có trách nhiệm …':
    'chủ trì' and 'phối hợp' after 'cơ quan' name the body; as a noun or in the passive
    ('gửi cơ quan phối hợp', 'các đơn vị được phối hợp') they name no coordinating body."""
    from policykg.loaders.agencies import subject_end

    text = "Cơ quan phối hợp có trách nhiệm trả lời bằng văn bản"
    assert text[:subject_end(text)] == "Cơ quan phối hợp"
    assert subject_end("Sở Y tế chủ trì, phối hợp với Sở Tài chính") == 7
    assert coordinating_bodies("Trường hợp các đơn vị được phối hợp giải quyết có ý kiến khác, cơ quan chủ trì "
                               "phối hợp với các đơn vị liên quan xem xét, thống nhất", False) == ["các đơn vị liên quan"]
