"""Duties under sections other than 'Tổ chức thực hiện' (loaders/duties.py) and bullets the
web split from their words (loaders/structure.py), on small plans written here: a 'NHIỆM VỤ
CỤ THỂ' section whose items are agency headings, one whose items are topics (no duties of
its headings), a statute's 'Nhiệm vụ, quyền hạn' article, a '-' alone on its line, an
id's Party symbol ('…-NQ/TW ngày …') that is no 'từ ngày …' deadline, a stray bold marker,
and headings broken over lines."""
from policykg.loaders import parse_text
from policykg.loaders.duties import deadline_phrase

HEAD = """ỦY BAN NHÂN DÂN
TỈNH ĐỒNG THÁP

Số: 56/KH-UBND

Đồng Tháp, ngày 19 tháng 11 năm 2025

KẾ HOẠCH
Phát triển bền vững kinh tế biển

"""

AGENCY_SECTION = """I. MỤC ĐÍCH, YÊU CẦU
Triển khai đồng bộ các nhiệm vụ.
II. NHIỆM VỤ CỤ THỂ
1. Sở Nông nghiệp và Môi trường
- Chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch; báo cáo trước ngày 15/12 hằng năm.
- Phối hợp với Sở Tài chính bố trí kinh phí quan trắc môi trường nước.
2. Sở Văn hóa, Thể thao và Du lịch
- Hướng dẫn các cơ quan truyền thông tăng cường công tác tuyên truyền.
3. Ủy ban nhân dân các xã
- Xây dựng kế hoạch triển khai trên địa bàn.
- Bố trí kinh phí thực hiện.
III. TỔ CHỨC THỰC HIỆN
Các sở, ngành báo cáo kết quả về Sở Nông nghiệp và Môi trường.
"""

TOPIC_SECTION = """I. MỤC ĐÍCH, YÊU CẦU
Triển khai đồng bộ các nhiệm vụ.
II. NHIỆM VỤ, GIẢI PHÁP
1. Hoàn thiện thể chế
- Rà soát các quy định về kinh tế biển.
- Xây dựng cơ chế thu hút đầu tư.
2. Bảo vệ môi trường biển và hải đảo
- Kiểm soát nguồn thải từ đất liền.
- Quan trắc chất lượng nước biển.
3. Phát triển nhân lực
- Đào tạo nghề cho lao động ven biển.
"""


def _duties(body: str) -> list[tuple]:
    record = parse_text(HEAD + body, "plan.md")
    return [(d["agency"], d["section"], d["text"]) for d in record["duties"]]


def test_agency_headings_of_a_tasks_section_are_duties():
    """'II. NHIỆM VỤ CỤ THỂ' / '1. Sở Nông nghiệp và Môi trường' / '- Chủ trì …': each item
    under an agency's heading is a duty of that agency, as under 'Tổ chức thực hiện'."""
    record = parse_text(HEAD + AGENCY_SECTION, "plan.md")
    got = [(d["agency"], d["section"], d["deadline"], d["coordinating"]) for d in record["duties"]]
    assert got == [
        ("Sở Nông nghiệp và Môi trường", "II.1", "trước ngày 15/12 hằng năm", []),
        ("Sở Nông nghiệp và Môi trường", "II.1", None, ["Sở Tài chính"]),
        ("Sở Văn hóa, Thể thao và Du lịch", "II.2", None, []),
        ("Ủy ban nhân dân các xã", "II.3", None, []),
        ("Ủy ban nhân dân các xã", "II.3", None, []),
    ]
    assert [(r["agency"], r["section"], r["duties_count"]) for r in record["responsibilities"]] == [
        ("Sở Nông nghiệp và Môi trường", "II.1", 2),
        ("Sở Văn hóa, Thể thao và Du lịch", "II.2", 1),
        ("Ủy ban nhân dân các xã", "II.3", 2),
    ]


def test_topics_of_a_tasks_section_are_not_agencies():
    """'II. NHIỆM VỤ, GIẢI PHÁP' whose items are topics ('Bảo vệ môi trường biển …' starts like
    'Báo …' but one in three is no agency section) gives no duties of its headings."""
    record = parse_text(HEAD + TOPIC_SECTION, "plan.md")
    assert record["duties"] == [] and record["responsibilities"] == []


def test_a_statutes_article_of_tasks_is_not_a_duties_section():
    """'Điều 2. Nhiệm vụ, quyền hạn của Ban Quản lý' / '1. Ban Quản lý thực hiện …': sentences,
    no agency headings with their work below or after a colon."""
    body = """QUYẾT ĐỊNH:
Điều 1. Thành lập Ban Quản lý khu công nghệ cao.
Điều 2. Nhiệm vụ, quyền hạn của Ban Quản lý
1. Ban Quản lý thực hiện nhiệm vụ, quyền hạn theo quy định của pháp luật.
2. Trưởng ban Ban Quản lý trình Ủy ban nhân dân tỉnh quy định chức năng của Ban.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
"""
    head = HEAD.replace("Số: 56/KH-UBND", "Số: 56/QĐ-UBND").replace("KẾ HOẠCH\nPhát triển bền vững kinh tế biển",
                                                                      "QUYẾT ĐỊNH\nVề việc thành lập Ban Quản lý")
    record = parse_text(head + body, "decision.md")
    assert record["duties"] == []


def test_a_bullet_alone_on_its_line_opens_an_item():
    """'-' / 'Phân công, chỉ đạo …': a web page put the bullet on a line of its own; it is an
    item of its own, not a rule nor a run-on of the item above."""
    body = AGENCY_SECTION.replace(
        "- Bố trí kinh phí thực hiện.",
        "-\nBố trí kinh phí thực hiện.\n\n-\nTổng hợp, báo cáo kết quả.")
    got = _duties(body)
    assert [t for a, s, t in got if a == "Ủy ban nhân dân các xã"] == [
        "Xây dựng kế hoạch triển khai trên địa bàn.", "Bố trí kinh phí thực hiện.", "Tổng hợp, báo cáo kết quả."]


def test_a_party_symbol_is_not_a_from_date():
    """'Nghị quyết số 36-NQ/TW ngày 22/10/2018': 'TW' folds to 'tw', the OCR spelling of 'từ',
    but a word that ends an id opens no period."""
    assert deadline_phrase("Tiếp tục thực hiện Nghị quyết số 36-NQ/TW ngày 22/10/2018 của Ban Chấp hành") is None
    assert deadline_phrase("Thực hiện từ ngày 15/11/2025") == "từ ngày 15/11/2025"


def test_a_stray_bold_marker_does_not_shift_the_headings_after_it():
    """'** Lưu ý: *Ưu tiên …' leaves one '**' unpaired: bold never runs over a blank line, so
    the pairs after it stay right and '**VI. TỔ CHỨC' / 'THỰC HIỆN**' is one heading over its
    agency headings."""
    body = """**I. MỤC ĐÍCH, YÊU CẦU**

Tổ chức phong trào thi đua.

** Lưu ý: *Ưu tiên khen thưởng người lao động trực tiếp.

**II. TỔ CHỨC
THỰC HIỆN**

**1. Sở Nội vụ: **Tham mưu Ủy ban nhân dân tỉnh theo dõi, đôn đốc phong trào thi đua.

**2. Sở Văn hóa, Thể thao và
Du lịch: **Chỉ đạo các cơ quan truyền thông đẩy mạnh tuyên truyền.
"""
    assert [(a, s) for a, s, _ in _duties(body)] == [("Sở Nội vụ", "II.1"), ("Sở Văn hóa, Thể thao và Du lịch", "II.2")]


def test_a_heading_broken_over_lines_is_one_heading():
    """'VI. TỔ CHỨC' / 'THỰC HIỆN' (capitals on both lines) and '1. Trách nhiệm của Sở Văn hóa,' /
    'Thể thao và Du lịch' (a heading ends on no comma): one heading each."""
    body = """I. MỤC ĐÍCH, YÊU CẦU
Tổ chức phong trào thi đua.

II. TỔ CHỨC
THỰC HIỆN

1. Trách nhiệm của Sở Văn hóa,
Thể thao và Du lịch

a) Tổ chức tuyên truyền phong trào thi đua.

b) Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh.

2. Trách nhiệm của Sở Nội vụ

a) Thẩm định hồ sơ khen thưởng.
"""
    assert [(a, s) for a, s, _ in _duties(body)] == [
        ("Sở Văn hóa, Thể thao và Du lịch", "II.1"), ("Sở Văn hóa, Thể thao và Du lịch", "II.1"), ("Sở Nội vụ", "II.2")]
