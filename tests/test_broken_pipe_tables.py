"""Markdown pipe tables whose rows a web page broke over lines (loaders/tables.py), and the
lead of a programme of drafting ('Cơ quan soạn thảo', loaders/record.py), on a small
programme written here: cells of one row over several lines, a cell's words on a line of
their own, a line that holds a whole row, a row left short by a cell merged from above,
group rows, remarks in brackets, a row whose name says 'nhiệm vụ' (no header)."""
from policykg.loaders import parse_text

HEAD = """ỦY BAN THƯỜNG VỤ QUỐC HỘI

Số: 12/NQ-UBTVQH15

Hà Nội, ngày 28 tháng 12 năm 2024

NGHỊ QUYẾT
Về Chương trình xây dựng văn bản năm 2025

Điều 1. Ban hành kèm theo Nghị quyết này Chương trình xây dựng văn bản năm 2025.

"""

TABLE = """| TT | Tên văn bản | Cơ quan trình | Cơ quan soạn thảo | Cơ quan thẩm tra | Tiến độ | Hồ sơ | |
|
| I. Văn bản thuộc thẩm quyền của Quốc hội |
| |||||
| | Luật sửa đổi Luật Tổ chức Quốc hội | Ủy ban Thường vụ Quốc hội | Ban soạn thảo do UBTVQH thành lập (Văn phòng Quốc hội là cơ quan thường trực)
| - Ủy ban Pháp luật chủ trì thẩm tra.
| - Trình Quốc hội tại Kỳ họp thứ 9 (tháng 5/2025). | - Tờ trình, dự thảo Luật. |
| II. Văn bản thuộc thẩm quyền của Ủy ban Thường vụ Quốc hội | |||||||
| |||||||
| | Nghị quyết về chức năng, nhiệm vụ, quyền hạn của Viện Nghiên cứu lập pháp | Ban Công tác đại biểu |
Ban Công tác đại biểu (Viện Nghiên cứu lập pháp phối hợp chuẩn bị dự thảo) |
| Trình UBTVQH trước ngày 10/01/2025 | - Tờ trình, dự thảo Nghị quyết. | |
| Nghị quyết sửa đổi Quy chế làm việc | Ban Dân nguyện | Ban Dân nguyện | - Ủy ban Pháp luật chủ trì thẩm tra | Trình UBTVQH trước ngày 10/01/2025 | - Tờ trình. |
| ||
| Nghị quyết về Quy chế hoạt động đối ngoại
| Ủy ban Đối ngoại | Ủy ban Đối ngoại [3] |
| Theo kết quả rà soát | - Tờ trình. | ||

Điều 2. Nghị quyết này có hiệu lực kể từ ngày ký.
"""


def test_rows_broken_over_lines_are_joined():
    record = parse_text(HEAD + TABLE, "nq.md")
    got = [(t["group"], t["name"], t["lead"], t["deadline"]) for t in record["tasks"]]
    assert got == [
        ("Văn bản thuộc thẩm quyền của Quốc hội", "Luật sửa đổi Luật Tổ chức Quốc hội",
         ["Ban soạn thảo do UBTVQH thành lập"], "Trình Quốc hội tại Kỳ họp thứ 9 (tháng 5/2025)."),
        # a name that says 'nhiệm vụ' is a row, not the header repeated
        ("Văn bản thuộc thẩm quyền của Ủy ban Thường vụ Quốc hội",
         "Nghị quyết về chức năng, nhiệm vụ, quyền hạn của Viện Nghiên cứu lập pháp",
         ["Ban Công tác đại biểu"], "Trình UBTVQH trước ngày 10/01/2025"),
        ("Văn bản thuộc thẩm quyền của Ủy ban Thường vụ Quốc hội", "Nghị quyết sửa đổi Quy chế làm việc",
         ["Ban Dân nguyện"], "Trình UBTVQH trước ngày 10/01/2025"),
        # one cell merged from above: the name stays first, the rest fill from the right
        ("Văn bản thuộc thẩm quyền của Ủy ban Thường vụ Quốc hội", "Nghị quyết về Quy chế hoạt động đối ngoại",
         ["Ủy ban Đối ngoại"], "Theo kết quả rà soát"),
    ]
    assert all(t["coordinating"] == [] for t in record["tasks"])


def test_a_whole_table_keeps_its_rows_as_they_are():
    """A pipe table written whole (every row its cells, an empty one too) is read line by line."""
    table = """| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Rà soát văn bản | Sở Tư pháp | | Quý I/2025 |
| 2 | Tập huấn cán bộ | Sở Nội vụ | Sở Tài chính | |
| 3 | Kiểm tra, giám sát | Sở Y tế | | |
"""
    record = parse_text(HEAD + table, "nq.md")
    assert [(t["no"], t["name"], t["lead"], t["coordinating"], t["deadline"]) for t in record["tasks"]] == [
        ("1", "Rà soát văn bản", ["Sở Tư pháp"], [], "Quý I/2025"),
        ("2", "Tập huấn cán bộ", ["Sở Nội vụ"], ["Sở Tài chính"], None),
        ("3", "Kiểm tra, giám sát", ["Sở Y tế"], [], None),
    ]
