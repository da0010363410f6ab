"""End to end: a real `streamlit run` on 127.0.0.1 driven in Debian's Chromium (Playwright).

The suite saves a screenshot of each page in docs/screenshots/ (the README shows them).
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, free_port, stop, wait_until_up

CHROMIUM = "/usr/bin/chromium"
# The flags this machine needs: no sandbox as root, and no background traffic to a closed network.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
SHOTS = ROOT / "docs" / "screenshots"
DOCS = Path(__file__).resolve().parent / "documents"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("e2e") / "db"
    subprocess.run([sys.executable, "-m", "policykg", "load", str(CORPUS), "--store", str(store)], check=True,
                   capture_output=True)
    port = free_port()
    env = dict(os.environ, POLICYKG_STORE=str(store))
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "main.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(proc, url + "/_stcore/health", "streamlit", timeout=90)
    yield url
    stop(proc)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `./dev test` installs Debian's chromium package")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 950}, accept_downloads=True, locale="vi-VN")
    pg = context.new_page()
    pg.set_default_timeout(45_000)
    yield pg
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def network_frame(page):
    for _ in range(90):
        for frame in page.frames:
            try:
                if frame.evaluate("typeof window.policykgNetwork === 'object'"):
                    return frame
            except Exception:
                pass
        page.wait_for_timeout(500)
    raise AssertionError("the cascade network never appeared")


@pytest.mark.parametrize("path, title", [
    ("", "Tổng quan"), ("cascade", "Sơ đồ triển khai"), ("document?doc=542/KH-UBND", "Văn bản"),
    ("queries", "Truy vấn"), ("audit", "Kiểm tra"), ("indicators", "Chỉ tiêu"), ("agencies", "Cơ quan"),
])
def test_each_page_opens(server, page, path, title):
    page.goto(f"{server}/{path}")
    page.get_by_role("heading", name=title, exact=True).wait_for()
    if path.startswith("cascade"):
        network_frame(page)
    if path == "":
        page.get_by_text("Lần nạp gần nhất").wait_for()
    assert not page.get_by_text("Page not found").count()
    shot(page, path.split("?")[0] or "overview")


def test_saved_query_with_parameter_and_csv(server, page):
    page.goto(f"{server}/queries?q=indicator_targets&p_indicator=doctors-per-10000&p_year=2030&run=1")
    page.get_by_text("2 dòng").wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải CSV").click()
    data = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    assert data.splitlines()[0].startswith("Địa bàn,Loại")
    assert "Thành phố Cần Thơ" in data and "Huyện Kiên Hải" in data
    shot(page, "queries-result")


def test_cascade_shows_the_25_ct_tw_node(server, page):
    page.goto(f"{server}/cascade?root=25-CT/TW")
    frame = network_frame(page)
    labels = frame.evaluate("window.policykgNetwork.body.data.nodes.get().map(n => n.label)")
    assert "25-CT/TW" in labels and "176/KH-UBND" in labels and len(labels) == 10


def test_update_query_is_refused(server, page):
    page.goto(f"{server}/queries?q=__free__")
    box = page.get_by_label("Câu truy vấn SPARQL (có thể sửa)")
    box.fill("DELETE WHERE { ?s ?p ?o }")
    box.press("Control+Enter")
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Chạy truy vấn").click()
    page.get_by_text("chỉ cho phép truy vấn đọc").wait_for()


def test_upload_a_document_and_see_it(server, page):
    upload(page, server, DOCS / "district_weaker_target.txt")
    page.get_by_text("45/KH-UBND").first.wait_for()
    page.goto(f"{server}/document?doc=45/KH-UBND")
    page.get_by_role("heading", name="Kế hoạch 45/KH-UBND").wait_for()


def upload(page, server, path) -> None:
    """Add one file through the Overview page's upload box."""
    page.goto(f"{server}/")
    page.locator("details summary", has_text="Thêm văn bản").first.click()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Nạp vào đồ thị").click()


def test_a_script_in_a_title_shows_as_text(server, page, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nSố: 9/KH-UBND\nLong An, ngày 2 tháng 2 năm 2024\nKẾ HOẠCH\n"
                       "Thực hiện <script>window.pkgxss=1</script><img src=x onerror=\"window.pkgxss=2\"> "
                       "Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư\nI. MỤC ĐÍCH\n", "utf-8")
    upload(page, server, hostile)
    page.get_by_text("9/KH-UBND").first.wait_for()
    page.goto(f"{server}/document?doc=9/KH-UBND")
    page.get_by_text("<script>window.pkgxss=1</script>", exact=False).first.wait_for()
    assert page.evaluate("window.pkgxss") is None
    page.goto(f"{server}/cascade?root=25-CT/TW")
    frame = network_frame(page)
    titles = frame.evaluate("window.policykgNetwork.body.data.nodes.get().map(n => n.title).join(' ')")
    assert "<script>window.pkgxss=1</script>" in titles  # shown as text in the tooltip
    assert frame.evaluate("window.pkgxss") is None and page.evaluate("window.pkgxss") is None


def test_upload_a_word_file_and_see_it(server, page, tmp_path):
    from make_formats import write_docx

    word = write_docx((DOCS / "markdown_pipe_tables.md").read_text("utf-8"), tmp_path / "ke-hoach-88.docx")
    upload(page, server, word)
    page.get_by_text("ke-hoach-88.docx → 88/KH-UBND").first.wait_for()
    page.goto(f"{server}/document?doc=88/KH-UBND")
    page.get_by_role("heading", name="Kế hoạch 88/KH-UBND").wait_for()
    page.get_by_text("Word (.docx)").first.wait_for()  # the source format on the document page


# English words that must not show in the Vietnamese interface: Streamlit's own ('Choose options',
# 'Select all', 'Deploy', 'Press Enter'), codes ('province', 'HeldDocument') and English messages.
ENGLISH = ["Choose options", "Select all", "Deploy", "Press Enter", "Drag and drop", "Browse files", "province",
           "district", "document", "HeldDocument", "error at", "Error", "Held", "Cited only", "Missing",
           "Download", "Loading", "No results"]
# Vietnamese words of the interface that must not show in English (the graph's data stays Vietnamese).
VIETNAMESE = ["Tổng quan", "Ngôn ngữ", "Tình trạng", "Đã có toàn văn", "Chỉ được dẫn chiếu", "Chưa có", "Thời điểm nạp",
              "Tải CSV", "Tải Excel", "Chọn…", "Cấp tỉnh", "Văn bản gốc", "Kho dữ liệu", "Kế hoạch làm bằng chứng"]
PAGES = [("", "Tổng quan", "Overview"), ("cascade?root=25-CT/TW", "Sơ đồ triển khai", "Cascade"),
         ("document?doc=542/KH-UBND", "Văn bản", "Document"), ("queries?q=indicator_targets&run=1", "Truy vấn", "Queries"),
         ("audit", "Kiểm tra", "Audit"), ("indicators", "Chỉ tiêu", "Indicators"), ("agencies", "Cơ quan", "Agencies")]


def visible_text(page) -> str:
    """What a user reads: the page's rendered text (hidden elements left out). Tables are drawn on a
    canvas: their cells are checked in test_app.py (AppTest sees the shown values)."""
    page.wait_for_timeout(1500)  # the last widgets settle
    return page.inner_text("body")


def interface_text(page) -> str:
    """The visible text without a document's own words (its source text and the quote of a fact)."""
    visible_text(page)
    return page.evaluate("""() => {
        const data = Array.from(document.querySelectorAll('[data-testid="stHtml"], blockquote'));
        const before = data.map(e => e.style.display);
        data.forEach(e => e.style.display = 'none');
        const text = document.body.innerText;
        data.forEach((e, i) => e.style.display = before[i]);
        return text; }""")


def words_in(text: str, words: list[str]) -> list[str]:
    import re

    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


@pytest.mark.parametrize("path, vi_title, en_title", PAGES)
def test_vietnamese_pages_show_no_english(server, page, path, vi_title, en_title):
    page.goto(f"{server}/{path}")
    page.get_by_role("heading", name=vi_title, exact=True).wait_for()
    if path.startswith("cascade"):
        network_frame(page)
        # the filters render with the page; on a loaded machine they can come after the network
        page.locator('[data-testid="stMultiSelect"]').nth(1).wait_for(timeout=30000)
        placeholders = page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stMultiSelect"]'))
            .map(m => m.innerText + ' ' + Array.from(m.querySelectorAll('input')).map(i => i.placeholder).join(' '))""")
        assert sum("Chọn…" in p for p in placeholders) >= 2, placeholders  # levels and provinces, none chosen
    assert words_in(visible_text(page), ENGLISH) == []
    assert not page.get_by_role("button", name="Deploy").count()


@pytest.mark.parametrize("path, vi_title, en_title", PAGES)
def test_english_pages_show_no_vietnamese_interface(server, page, path, vi_title, en_title):
    page.goto(f"{server}/{path}{'&' if '?' in path else '?'}lang=en")
    page.get_by_role("heading", name=en_title, exact=True).wait_for()
    if path.startswith("cascade"):
        network_frame(page)
    assert words_in(interface_text(page), VIETNAMESE) == []


def test_formats_on_the_page(server, page):
    import re

    page.goto(f"{server}/document?doc=542/KH-UBND")
    page.get_by_role("heading", name="Kế hoạch 542/KH-UBND").wait_for()
    text = visible_text(page)
    assert "Cấp:" in text and "UBND tỉnh" in text and not re.search(r"\b20\d{2}-\d{2}-\d{2}\b", text)


def test_an_upload_error_is_in_vietnamese(server, page, tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    upload(page, server, empty)
    page.get_by_text("rong.txt: tệp rỗng").wait_for()
    assert not page.get_by_text("empty file").count()


def test_downloads_keep_a_formula_task_as_text(server, page, tmp_path):
    """A task whose name is an Excel formula, downloaded as CSV and Excel from the app."""
    import zipfile

    from openpyxl import load_workbook
    from test_locale import HOSTILE_TASK, hostile_plan

    upload(page, server, hostile_plan(tmp_path / "ke-hoach-89.md"))
    page.get_by_text("89/KH-UBND").first.wait_for()
    page.goto(f"{server}/queries?q=task_keyword&p_keyword=ki%E1%BB%87n+to%C3%A0n+trung+t%C3%A2m&run=1")
    page.get_by_role("button", name="Tải Excel").wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải CSV").click()
    lines = Path(info.value.path()).read_bytes().decode("utf-8-sig").splitlines()
    assert any("'=HYPERLINK(" in line for line in lines[1:])
    assert not any(line.startswith("=") or ",=" in line for line in lines)
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải Excel").click()
    path = tmp_path / "download.xlsx"
    info.value.save_as(path)
    ws = load_workbook(path).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == HOSTILE_TASK]
    assert cells and all(c.data_type == "s" for c in cells)
    assert "<f>" not in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()


def test_a_broken_word_file_is_one_line_in_vietnamese(server, page, tmp_path):
    """A .docx with a bad zip, or packed with a zip version Python cannot read: one line, no traceback."""
    from make_hostile import zip_unsupported_version

    for name, data, words in [("hong.docx", b"PK\x03\x04 not a zip at all", "tệp ZIP/Word bị hỏng"),
                              ("zip-moi.docx", zip_unsupported_version(), "tệp ZIP/Word được nén theo cách không đọc được")]:
        path = tmp_path / name
        path.write_bytes(data)
        upload(page, server, path)
        page.get_by_text(f"{name}: {words}", exact=False).first.wait_for()
        assert "Traceback" not in visible_text(page)


def test_an_upload_of_another_file_with_a_held_document_asks(server, page, tmp_path):
    """Another file that reads as a held document: the app asks; Keep leaves it, Replace replaces."""
    copy = tmp_path / "ban-sao-542.txt"
    copy.write_bytes((CORPUS / "003_de43d9b20077fde2.txt").read_bytes() + "\nGhi chú: bản sao.\n".encode())
    upload(page, server, copy)
    page.get_by_text("ban-sao-542.txt: văn bản 542/KH-UBND đã có từ tệp 003_de43d9b20077fde2.txt").first.wait_for()
    page.get_by_role("button", name="Giữ văn bản đang có").click()
    page.get_by_text("ban-sao-542.txt: đã giữ văn bản đang có 542/KH-UBND").first.wait_for()
    upload(page, server, copy)
    page.get_by_role("button", name="Thay thế").click()
    page.get_by_text("Đã thay bản mới: ban-sao-542.txt → 542/KH-UBND").first.wait_for()
