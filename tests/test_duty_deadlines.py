"""Duty deadlines and the agencies that carry them (loaders/duties.py), on small plans
written here, one per wording the parser met in real plans and first missed: a time of day,
a count per day, 'Cơ quan thực hiện:' with its bodies in '+' bullets, times given per body,
a time stated once for a group of items, and agency names a bracket or an enterprise opens."""
import pytest

from policykg.loaders import parse_text
from policykg.loaders.duties import deadline_phrase, time_for_items

HEAD = """ỦY BAN NHÂN DÂN
TỈNH LAI CHÂU

Số: 12/KH-UBND

Lai Châu, ngày 20 tháng 11 năm 2025

KẾ HOẠCH
Ứng phó mưa lũ

"""


def _duties(body: str) -> list[tuple]:
    record = parse_text(HEAD + body, "plan.md")
    return [(d["agency"], d["deadline"]) for d in record["duties"]]


@pytest.mark.parametrize("text,phrase", [
    ("gửi báo cáo về Sở Y tế trước 17 giờ ngày 27/11/2025 để tổng hợp", "trước 17 giờ ngày 27/11/2025"),
    ("báo cáo Ủy ban nhân dân tỉnh trước 19h00’ hằng ngày và đột xuất", "trước 19h00’ hằng ngày"),
    ("báo cáo 02 lần/ngày (trước 9h00’ và 16h00’) về tình hình", "02 lần/ngày (trước 9h00’ và 16h00’)"),
    ("báo cáo trước 10 giờ sáng ngày 05/12/2025", "trước 10 giờ sáng ngày 05/12/2025"),
    # a time counted from an event, read as plan_due reads it; a bare count is how long
    ("Trong thời hạn 02 ngày làm việc kể từ ngày có kết quả giải quyết, gửi báo cáo",
     "Trong thời hạn 02 ngày làm việc kể từ ngày có kết quả giải quyết"),
    ("báo cáo trong thời hạn 30 ngày", "trong thời hạn 30 ngày"),
    ("tổ chức hội thi trong 03 ngày tại hội trường tỉnh", None),
    ("hoàn thành trước ngày 15/12/2025; báo cáo 30 ngày kể từ ngày ký", "trước ngày 15/12/2025"),
    # adverbs of how, not of when
    ("Cập nhật liên tục tình hình ngập sâu", None),
    ("đưa vào chương trình giáo dục thường xuyên, chương trình giảng dạy", None),
])
def test_deadline_wordings(text, phrase):
    assert deadline_phrase(text) == phrase


@pytest.mark.parametrize("title,phrase", [
    ("Sở Y tế chủ trì, phối hợp với Sở Tài chính thực hiện trước ngày 30/11/2025:", "trước ngày 30/11/2025"),
    ("Hoàn thành các nội dung sau trong tháng 12/2025:", "trong tháng 12/2025"),
    ("Nhiệm vụ thực hiện trong Quý IV/2025", "trong Quý IV/2025"),
    # a time inside the sentence is its own, a horizon is not a time to do the work by
    ("Sở Y tế hướng dẫn Đề án đến năm 2030 trên địa bàn; thực hiện các nhiệm vụ sau:", None),
    ("Các nhiệm vụ đến năm 2030:", None),
    ("Trong Quý I/2026, Sở Y tế thực hiện:", "Trong Quý I/2026"),
    ("Sở Y tế thực hiện trong Quý I/2026 các nhiệm vụ sau:", None),
])
def test_a_time_stated_for_the_items_below(title, phrase):
    assert time_for_items(title) == phrase


def test_a_heading_deadline_applies_to_each_of_its_items():
    body = """V. TỔ CHỨC THỰC HIỆN

1. Sở Y tế chủ trì, phối hợp với Sở Tài chính thực hiện trước ngày 30/11/2025:

a) Rà soát danh sách hộ bị ảnh hưởng;

b) Bố trí thuốc cho các điểm sơ tán, báo cáo trước 17 giờ ngày 25/11/2025.

2. Sở Tài chính

Thời gian thực hiện: Quý I/2026.

a) Bảo đảm kinh phí theo quy định;

b) Hướng dẫn thanh quyết toán kinh phí.

3. Sở Xây dựng

Trong tháng 12/2025, thực hiện các nhiệm vụ sau:

a) Kiểm tra an toàn các công trình công cộng;

b) Hướng dẫn sửa chữa nhà ở bị hư hỏng.
"""
    assert _duties(body) == [
        ("Sở Y tế", "trước ngày 30/11/2025"),
        ("Sở Y tế", "trước 17 giờ ngày 25/11/2025"),  # its own time comes first
        ("Sở Tài chính", "Quý I/2026"),
        ("Sở Tài chính", "Quý I/2026"),
        ("Sở Xây dựng", "Trong tháng 12/2025"),  # the time that opens the lead-in
        ("Sở Xây dựng", "Trong tháng 12/2025"),
    ]


def test_bodies_in_bullets_under_an_empty_lead_field():
    body = """II. NỘI DUNG HOẠT ĐỘNG

1. Hoạt động 1

- Nội dung: Tuyên truyền về phòng ngừa bạo lực trên các phương tiện truyền thông.

- Cơ quan thực hiện:

+ Sở Văn hóa và Thể thao chủ trì, phối hợp với các sở, ban, ngành và các đơn vị có liên quan.

+ Sở Xây dựng đăng tải thông điệp truyền thông trên bảng quang báo giao thông của tỉnh.

- Thời gian thực hiện: tháng 12/2025.
"""
    record = parse_text(HEAD + body, "plan.md")
    got = [(d["agency"], d["text"], d["coordinating"], d["deadline"]) for d in record["duties"]]
    assert got == [
        ("Sở Văn hóa và Thể thao", "Tuyên truyền về phòng ngừa bạo lực trên các phương tiện truyền thông.",
         ["các sở, ban, ngành", "các đơn vị có liên quan"], "tháng 12/2025"),
        ("Sở Xây dựng", "Sở Xây dựng đăng tải thông điệp truyền thông trên bảng quang báo giao thông của tỉnh.",
         [], "tháng 12/2025"),
    ]


def test_times_given_per_body_go_to_the_lead():
    body = """II. NHIỆM VỤ

1. Rà soát văn bản quy phạm pháp luật

- Cơ quan thực hiện: Sở Tư pháp chủ trì; các sở, ngành, Ủy ban nhân dân các xã rà soát văn bản.

- Thời gian thực hiện:

+ Các sở, ngành, Ủy ban nhân dân các xã gửi kết quả rà soát về Sở Tư pháp trước ngày 15/12/2025.

+ Sở Tư pháp tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 31/12/2025.
"""
    duties = parse_text(HEAD + body, "plan.md")["duties"]
    assert [d["deadline"] for d in duties] == ["trước ngày 31/12/2025"]
    assert duties[0]["agency"].startswith("Sở Tư pháp")


def test_enterprises_and_bracketed_members_head_duties():
    body = """IV. PHÂN CÔNG NHIỆM VỤ

1. Sở Công Thương: Điều phối nguồn hàng hỗ trợ; báo cáo Ủy ban nhân dân tỉnh trước 19h00’ hằng ngày.

2. Đề nghị Công ty Điện lực Lai Châu: Khẩn trương khắc phục sự cố lưới điện.

3. Đề nghị các doanh nghiệp viễn thông (VNPT, Viettel, MobiFone và doanh nghiệp khác): Bảo đảm thông tin liên lạc.

4. Sở Nội vụ (cơ quan thường trực Ban Chỉ đạo): Tổng hợp kết quả thực hiện.

5. Hội đồng Thi đua - Khen thưởng các cấp phân công rõ trách nhiệm các thành viên trong quá trình chỉ đạo.
"""
    assert _duties(body) == [
        ("Sở Công Thương", "trước 19h00’ hằng ngày"),
        ("Công ty Điện lực Lai Châu", None),
        ("các doanh nghiệp viễn thông (VNPT, Viettel, MobiFone và doanh nghiệp khác)", None),
        ("Sở Nội vụ", None),  # a bracket that gives the body's role is not its name
        ("Hội đồng Thi đua - Khen thưởng các cấp", None),
    ]


def test_a_stray_bold_marker_does_not_join_two_headings():
    """'** Lưu ý …:*' opens a bold span it closes with one '*': the markers after it pair
    across blank lines ('**V. …**' / '' / '**1. Sở Y tế**'), which must not make one line."""
    body = """**IV. KHEN THƯỞNG**

** Lưu ý khi bình xét thi
đua:*

- Đối với các xã, phường: xét theo tổng số điểm.

**V. TỔ CHỨC THỰC HIỆN**

**1. Sở Y tế**

a) Chủ trì, phối hợp với Sở Tài chính triển khai Kế hoạch;

b) Tổng hợp kết quả, báo cáo trước ngày 15/12/2025.

**2. Sở Nội vụ**

Phối hợp Sở Y tế thẩm định hồ sơ khen thưởng.
"""
    assert _duties(body) == [("Sở Y tế", None), ("Sở Y tế", "trước ngày 15/12/2025"), ("Sở Nội vụ", None)]
