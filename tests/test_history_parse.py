"""Documents replaced, amended, repealed, and their entry into force (loaders/history.py): one
small document per wording, written here; and the same verbs about other documents, which
are not this document's changes."""
from policykg.loaders import parse_text

HEAD = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
Số: {number}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Nghệ An, ngày 15 tháng 3 năm 2024

{kind}
{title}

"""


def parse(body: str, number: str = "120/KH-UBND", kind: str = "KẾ HOẠCH", title: str = "Triển khai công tác y tế cơ sở năm 2024") -> dict:
    return parse_text(HEAD.format(number=number, kind=kind, title=title) + body + "\n\nNơi nhận:\n- Lưu: VT.\n")


def changes(r: dict) -> list[tuple]:
    return [(c["kind"], c["target"], c["date"]) for c in r["changes"]]


def quote(r: dict, key: str, source: str | None = None) -> str:
    a, b = r["spans"][key]
    return source[a:b] if source else ""


def test_plan_replaces_a_plan():
    r = parse("I. MỤC ĐÍCH\nNâng cao chất lượng.\n\nII. TỔ CHỨC THỰC HIỆN\nKế hoạch này thay thế Kế hoạch số 123/KH-UBND "
              "ngày 10/02/2023 của Ủy ban nhân dân tỉnh về công tác y tế cơ sở.")
    assert changes(r) == [("replaces", "123/KH-UBND", "2024-03-15")]  # from this plan's date: no other is stated
    assert r["changes"][0]["date_text"] is None
    assert "changes[0]" in r["spans"] and r["entry_into_force"] is None


def test_decision_in_force_from_signing_and_replacing():
    src = HEAD.format(number="45/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Về việc ban hành Kế hoạch y tế cơ sở") + (
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch y tế cơ sở.\n"
        "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký và thay thế Quyết định số 270/QĐ-UBND ngày 02 tháng 4 "
        "năm 2022 của Ủy ban nhân dân tỉnh.\n\nNơi nhận:\n- Lưu: VT.\n")
    r = parse_text(src)
    assert r["entry_into_force"] == {"date": "2024-03-15", "text": "kể từ ngày ký"}
    assert changes(r) == [("replaces", "270/QĐ-UBND", "2024-03-15")]
    assert quote(r, "entry_into_force", src).startswith("Quyết định này có hiệu lực")
    assert "270/QĐ-UBND" in quote(r, "changes[0]", src)


def test_stated_entry_into_force_date_dates_the_change():
    r = parse("Điều 3. Hiệu lực thi hành\n1. Quyết định này có hiệu lực từ ngày 01 tháng 5 năm 2024.\n"
              "2. Quyết định này thay thế Quyết định số 13/2020/QĐ-UBND ngày 09/5/2020 của UBND tỉnh.",
              number="30/2024/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Ban hành Quy chế phối hợp")
    assert r["entry_into_force"]["date"] == "2024-05-01"
    assert changes(r) == [("replaces", "13/2020/QĐ-UBND", "2024-05-01")]


def test_entry_into_force_some_days_after_signing():
    r = parse("Điều 2. Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.", number="31/2024/QĐ-UBND", kind="QUYẾT ĐỊNH",
              title="Ban hành Quy định")
    assert r["entry_into_force"]["date"] == "2024-03-25"


def test_amendment_in_the_title_and_in_an_article():
    r = parse("Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 25/2023/QĐ-UBND ngày 18/3/2023 của UBND tỉnh:\n"
              "1. Sửa đổi khoản 2 Điều 3 như sau: …",
              number="40/2024/QĐ-UBND", kind="QUYẾT ĐỊNH",
              title="Sửa đổi, bổ sung một số điều của Quyết định số 25/2023/QĐ-UBND ngày 18/3/2023 của UBND tỉnh")
    assert changes(r) == [("amends", "25/2023/QĐ-UBND", "2024-03-15")]


def test_repeal_as_an_article_and_in_force_date():
    r = parse("Điều 1. Bãi bỏ Quyết định số 27/2018/QĐ-UBND ngày 04/10/2018 của Ủy ban nhân dân tỉnh.\n"
              "Điều 2. Quyết định này có hiệu lực kể từ ngày 05 tháng 4 năm 2024.",
              number="41/2024/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Về việc bãi bỏ Quyết định số 27/2018/QĐ-UBND")
    assert changes(r) == [("repeals", "27/2018/QĐ-UBND", "2024-04-05")]


def test_repeal_of_a_part_is_an_amendment():
    r = parse("Điều 1. Bãi bỏ khoản 2 Điều 32 của Quyết định số 12/2022/QĐ-UBND ngày 01/3/2022 của UBND tỉnh.",
              number="42/2024/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Ban hành Quy định")
    assert changes(r) == [("amends", "12/2022/QĐ-UBND", "2024-03-15")]


def test_no_longer_in_force_with_its_own_date_and_from_this_ones():
    r = parse("Điều 3. 1. Quyết định này có hiệu lực từ ngày 01 tháng 4 năm 2024.\n"
              "2. Quyết định số 1292/QĐ-UBND ngày 16 tháng 4 năm 2021 của Ủy ban nhân dân tỉnh hết hiệu lực kể từ ngày "
              "Quyết định này có hiệu lực thi hành.\n"
              "3. Kế hoạch số 50/KH-UBND ngày 02/02/2022 của Ủy ban nhân dân tỉnh hết hiệu lực kể từ ngày 01 tháng 6 năm 2024.",
              number="43/2024/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Ban hành Quy định")
    assert changes(r) == [("repeals", "1292/QĐ-UBND", "2024-04-01"), ("repeals", "50/KH-UBND", "2024-06-01")]
    assert r["changes"][0]["date_text"] == "kể từ ngày Quyết định này có hiệu lực thi hành"


def test_a_list_of_documents_no_longer_in_force():
    r = parse("Điều 2. Các quyết định sau hết hiệu lực thi hành kể từ ngày 01 tháng 12 năm 2024:\n"
              "a) Quyết định số 06/2021/QĐ-UBND ngày 22 tháng 01 năm 2021 của Ủy ban nhân dân tỉnh ban hành Quy chế "
              "thực hiện Quyết định số 99/QĐ-TTg;\n"
              "b) Quyết định số 07/2022/QĐ-UBND ngày 17 tháng 02 năm 2022 của Ủy ban nhân dân tỉnh.\n"
              "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành.",
              number="44/2024/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Ban hành Quy định")
    # 99/QĐ-TTg is named in a description, not ended
    assert changes(r) == [("repeals", "06/2021/QĐ-UBND", "2024-12-01"), ("repeals", "07/2022/QĐ-UBND", "2024-12-01")]


def test_replacing_several_listed_after_a_colon():
    r = parse("Điều 4. Quyết định này thay thế các Quyết định sau đây:\n"
              "a) Quyết định số 27/2009/QĐ-UBND ngày 26 tháng 8 năm 2009 của Ủy ban nhân dân tỉnh;\n"
              "b) Quyết định số 15/2016/QĐ-UBND ngày 05 tháng 5 năm 2016 của Ủy ban nhân dân tỉnh.",
              number="46/2024/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Ban hành Quy định")
    assert [c[:2] for c in changes(r)] == [("replaces", "27/2009/QĐ-UBND"), ("replaces", "15/2016/QĐ-UBND")]


def test_in_force_until_a_date():
    r = parse("Quyết định này có hiệu lực từ ngày 01 tháng 4 năm 2024 đến hết ngày 31 tháng 12 năm 2025.",
              number="47/2024/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Ban hành Quy định")
    assert r["entry_into_force"]["date"] == "2024-04-01"
    assert r["no_longer_in_force"]["date"] == "2026-01-01"  # the first day it is no longer in force


def test_other_documents_changes_are_not_this_ones():
    r = parse("Căn cứ Luật Tổ chức chính quyền địa phương; Căn cứ Hiến pháp đã được sửa đổi, bổ sung một số điều theo "
              "Nghị quyết số 203/2025/QH15;\nCăn cứ Thông tư số 11/2025/TT-BTP ngày 25/6/2025 của Bộ trưởng Bộ Tư pháp "
              "sửa đổi, bổ sung, bãi bỏ một số điều của Thông tư số 02/2023/TT-BTP;\n\n"
              "I. NHIỆM VỤ\n1. Rà soát, kiến nghị sửa đổi Quyết định số 88/2020/QĐ-UBND cho phù hợp.\n"
              "2. Trường hợp các văn bản dẫn chiếu tại Kế hoạch này được sửa đổi, bổ sung hoặc thay thế thì thực hiện "
              "theo văn bản mới.\n3. Quyết định số 12/2019/QĐ-UBND đã hết hiệu lực.\n"
              "4. Công khai thủ tục hành chính bị bãi bỏ theo Quyết định số 719/QĐ-UBND ngày 11/4/2024.")
    assert r["changes"] == [] and r["no_longer_in_force"] is None


def test_wrapped_line_is_not_a_clause_of_its_own():
    r = parse("- Nghị định số 82/2023/NĐ-CP ngày 28 tháng 11 năm 2023 của Chính phủ\nsửa đổi, bổ sung một số điều của "
              "Nghị định số 120/2016/NĐ-CP ngày 23 tháng 8 năm 2016 của Chính phủ.")
    assert r["changes"] == []


def test_ocr_without_diacritics():
    r = parse("Ke hoach nay thay the Ke hoach so 77/KH-UBND ngay 01/02/2023 cua Uy ban nhan dan tinh.")
    assert changes(r) == [("replaces", "77/KH-UBND", "2024-03-15")]


def test_repealing_several_listed_documents_whole():
    r = parse("Điều 2. Bãi bỏ các Thông tư sau:\na) Thông tư số 57/2014/TT-BCT ngày 19 tháng 12 năm 2014 của Bộ trưởng "
              "Bộ Công Thương;\nb) Thông tư số 15/2022/TT-BCT ngày 03 tháng 10 năm 2022 của Bộ trưởng Bộ Công Thương.",
              number="48/2024/QĐ-UBND", kind="QUYẾT ĐỊNH", title="Ban hành Quy định")
    assert [c[:2] for c in changes(r)] == [("repeals", "57/2014/TT-BCT"), ("repeals", "15/2022/TT-BCT")]


def test_adjusting_to_a_standard_changes_nothing():
    r = parse("I. NHIỆM VỤ\n- Điều chỉnh công năng sử dụng phù hợp với quy định tại Phụ lục H QCVN 06:2022/BXD.")
    assert r["changes"] == []
