"""A range of percents that a web page broke over lines (loaders/structure.py joins a '- 06%'
that only goes on with a number, loaders/indicators.py reads the range across the break):
one target, its value on one line."""
from policykg.loaders import parse_text

PLAN = """ỦY BAN NHÂN DÂN
TỈNH SƠN LA
Số: 45/KH-UBND
Sơn La, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Phát triển xuất khẩu nông sản đến năm 2030

I. MỤC TIÊU
1. Mục tiêu đến năm 2030
+ Tổng sản phẩm Xoài tham gia xuất khẩu phấn đấu đạt 18.000 tấn; tổng giá trị sản phẩm Xoài
tham gia xuất khẩu dự kiến đạt 10 triệu USD, tốc độ tăng bình quân 08 -
09%/năm.
+ Tổng sản phẩm Nhãn tham gia xuất khẩu phấn đấu đạt 8.500 tấn; tổng giá trị sản phẩm Nhãn
tham gia xuất khẩu dự kiến đạt 30,2 triệu USD, tốc độ tăng bình quân 05
- 06%/năm.
- 95% diện tích cây ăn quả được cấp mã số vùng trồng.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nông nghiệp và Môi trường chủ trì triển khai kế hoạch.
"""


def test_a_range_broken_over_lines_is_one_value():
    record = parse_text(PLAN, "plan.md")
    got = [(t["value"], t["number"], t["year"]) for i in record["indicators"] for t in i["targets"]]
    assert ("08 - 09%", 8.0, 2030) in got and ("05 - 06%", 5.0, 2030) in got
    assert ("06%", 6.0, 2030) not in got and ("09%", 9.0, 2030) not in got
    # a bullet that opens with a percent after a line that ends on no number stays a bullet
    assert ("95%", 95.0, 2030) in got
