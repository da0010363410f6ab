"""Bad input: a clear one-line error naming the file and the problem, never a traceback."""
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import corpus_files

from policykg.loaders import ParseError, parse_bytes, parse_file

DOCS = Path(__file__).resolve().parent / "documents"

SAMPLE = corpus_files()[3].read_text("utf-8")


@pytest.mark.parametrize("data, problem", [
    (b"", "empty file"),
    (b"   \n\t\n", "empty file"),
    (bytes(range(256)) * 40, "binary file"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00\x10" * 500, "corrupt or unreadable image"),  # read as what its bytes say
    # a legacy single-byte encoding (here Windows-1252 'Kê hoách sô 12/KH-UBND')
    (b"K\xea ho\xe1ch s\xf4 12/KH-UBND, ng\xe0y 12 th\xe1ng 3", "not UTF-8 or UTF-16"),
    ("Hôm nay trời đẹp, chúng tôi đi chơi công viên.".encode(), "not a policy document"),
])
def test_bad_bytes_raise_parse_error(data, problem):
    with pytest.raises(ParseError) as err:
        parse_bytes(data, "upload.txt")
    assert problem in str(err.value)
    assert str(err.value).startswith("upload.txt: ")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_are_read(encoding):
    record = parse_bytes(SAMPLE.encode(encoding), "x.txt")
    assert record["document"]["id"] == "542/KH-UBND"


def test_nfd_text_is_normalised():
    import unicodedata
    record = parse_bytes(unicodedata.normalize("NFD", SAMPLE).encode(), "x.txt")
    assert record["implements"] == ["281/QĐ-TTg", "1093/QĐ-BYT", "229-KH/TU"]


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ParseError, match="no such file"):
        parse_file(tmp_path / "nope.txt")
    with pytest.raises(ParseError, match="is a folder"):
        parse_file(tmp_path)


def test_cli_prints_one_line_and_exits_1(tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\x00\x01\x02" * 100)
    proc = subprocess.run([sys.executable, "-m", "policykg", "parse", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith(f"policykg: lỗi: {bad}: tệp PDF bị cắt (")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_cli_json_shape(tmp_path):
    import json
    proc = subprocess.run([sys.executable, "-m", "policykg", "parse", "--json", str(corpus_files()[0])],
                          capture_output=True, text=True, check=True)
    record = json.loads(proc.stdout)
    assert list(record) == ["document", "implements", "based_on", "cited", "indicators", "tasks",
                            "responsibilities", "duties", "expected_implementers", "recipients",
                            "entry_into_force", "no_longer_in_force", "changes", "spans"]
    assert list(record["document"]) == ["id", "number", "symbol", "type", "issuer", "issuer_level", "province",
                                        "district", "date", "place", "title", "signer"]
    assert "Kế hoạch" in proc.stdout  # ensure_ascii=False


def test_a_news_item_is_not_taken_for_the_document_it_reports():
    """A website's news item ('… vừa ký ban hành Nghị quyết số 196/2025/QH15 …', then the text)
    is refused with the id it reports, never read as that resolution."""
    from policykg.base.i18n import error_text

    with pytest.raises(ParseError) as err:
        parse_file(DOCS / "news_item.md")
    assert "a news item about 196/2025/QH15" in str(err.value)
    assert "một bản tin về văn bản 196/2025/QH15" in error_text(err.value)
    # a plan that reports in its opening what a ministry 'đã ban hành' is still a plan
    record = parse_file(DOCS / "web_cell_tables.md")
    assert record["document"]["id"] == "812/KH-UBND"
