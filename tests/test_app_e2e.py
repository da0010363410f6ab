"""End to end: a real `streamlit run` on 127.0.0.1 driven in Debian's Chromium (Playwright).

The suite saves a screenshot of each page in docs/screenshots/ (the README shows them).
"""
import os
import re
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
SERVER_OUTPUT: list[Path] = []  # the output file of the module's app server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("e2e") / "db"
    subprocess.run([sys.executable, "-m", "policykg", "load", str(CORPUS), "--store", str(store)], check=True,
                   capture_output=True)
    port = free_port()
    env = dict(os.environ, POLICYKG_STORE=str(store))
    # The server's output goes to a file: a pipe nobody reads blocks the server once it holds 64 KB,
    # and the file is what a failing test shows (server_output).
    SERVER_OUTPUT.append(store.parent / "streamlit.out")
    with SERVER_OUTPUT[-1].open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "main.py"), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(proc, url + "/_stcore/health", "streamlit", timeout=90)
    except BaseException:
        pytest.fail("streamlit did not start: " + server_output())
    yield url
    stop(proc)


def server_output(tail: int = 4000) -> str:
    """The end of what the module's app server printed (its log and Streamlit's)."""
    return SERVER_OUTPUT[-1].read_text(errors="replace")[-tail:] if SERVER_OUTPUT else ""


def download(page, button: str, tries: int = 3):
    """Click a download button and return the download. Its file is made on the server at the click
    (deferred data): a click that lands while the page is being run again holds a file id the run has
    just revoked and brings nothing, so it is clicked again, as a user would, before failing with the
    server's output."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    target = page.get_by_role("button", name=button)
    for _ in range(tries):
        target.wait_for()
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=45_000)
        try:
            with page.expect_download(timeout=20_000) as info:
                target.click()
            return info.value
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"no download from «{button}» after {tries} clicks; the server printed:\n" + server_output())


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
    ("", "Tổng quan"), ("overview", "Tổng quan"), ("cascade", "Sơ đồ triển khai"), ("document?doc=542/KH-UBND", "Văn bản"),
    ("queries", "Truy vấn"), ("audit", "Kiểm tra"), ("indicators", "Chỉ tiêu"), ("agencies", "Cơ quan"),
])
def test_each_page_opens(server, page, path, title):
    page.goto(f"{server}/{path}")
    page.get_by_role("heading", name=title, exact=True).wait_for()
    if path.startswith("cascade"):
        network_frame(page)
    if path in ("", "overview"):
        page.get_by_text("Lần nạp gần nhất").wait_for()
    page.wait_for_timeout(1000)  # Streamlit's 'Page not found' box comes after the page's first elements
    assert not page.get_by_text("Page not found").count() and not page.get_by_text("does not seem to exist").count()
    shot(page, path.split("?")[0] or "overview")


def test_an_address_that_is_no_page_is_said_in_the_users_language(server, page):
    """Streamlit's own 'Page not found' box, for a mistyped address: in Vietnamese, the overview shown."""
    page.goto(f"{server}/khong-co-trang-nay")
    box = page.get_by_role("dialog")
    box.get_by_text("Không có trang này").wait_for()
    assert "đang mở trang Tổng quan" in box.inner_text() and "Page not found" not in box.inner_text()
    page.get_by_role("heading", name="Tổng quan", exact=True).wait_for()
    page.goto(f"{server}/no-such-page?lang=en")
    page.get_by_role("dialog").get_by_text("This address is no page of the app").wait_for()


def test_saved_query_with_parameter_and_csv(server, page):
    page.goto(f"{server}/queries?q=indicator_targets&p_indicator=doctors-per-10000&p_year=2030&run=1")
    page.get_by_text("2 dòng").wait_for()
    info = download(page, "Tải CSV")
    data = Path(info.path()).read_bytes().decode("utf-8-sig")
    assert data.splitlines()[0].startswith("Địa bàn,Loại")
    assert "Thành phố Cần Thơ" in data and "Huyện Kiên Hải" in data
    shot(page, "queries-result")


def test_cascade_shows_the_25_ct_tw_node(server, page):
    page.goto(f"{server}/cascade?root=25-CT/TW")
    frame = network_frame(page)
    labels = frame.evaluate("window.policykgNetwork.body.data.nodes.get().map(n => n.label.split('\\n')[0])")
    assert "25-CT/TW" in labels and "176/KH-UBND" in labels and len(labels) == 10


def test_the_other_pages_code_is_fetched_while_the_first_page_is_read(server, page):
    """app/prefetch.py: with the overview open and the browser idle, Streamlit's code for the other
    pages' widgets and vis-network's script are fetched; the cascade page then fetches none of its
    widgets' code, and draws with the script already there (its stylesheet is the page's own)."""
    page.goto(f"{server}/")
    page.get_by_text("Lần nạp gần nhất").wait_for()
    page.wait_for_function("() => window.policykgPrefetched !== undefined")
    assert page.evaluate("() => window.policykgPrefetched") >= 5  # the files asked for, all settled
    assert page.evaluate("() => typeof window.vis === 'object' && typeof window.vis.Network === 'function'")
    fetched = []
    page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]) if r.url.endswith(".js") else None)
    page.get_by_role("link", name="Sơ đồ triển khai").click()
    network_frame(page)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    assert fetched == [], fetched


def node_points(page, frame) -> dict:
    """{label's first line: (x, y) on the page, y in the network, level group} for every node."""
    return frame.evaluate("""() => {
        const net = window.policykgNetwork, box = net.body.container.getBoundingClientRect();
        const pos = net.getPositions(), out = {};
        for (const n of net.body.data.nodes.get()) {
            const dom = net.canvasToDOM(pos[n.id]);
            out[n.label.split("\\n")[0]] = [box.left + dom.x, box.top + dom.y, pos[n.id].y, n.group, n.label];
        }
        return out; }""")


def test_cascade_rows_by_level_tooltip_legend_and_controls(server, page):
    fetched = []  # vis-network's files: fetched by their address, to be kept by the browser
    page.on("response", lambda r: fetched.append((r.url.rsplit("/", 1)[-1], r.status, r.headers.get("cache-control")))
            if "/component/" in r.url and "vis-network" in r.url else None)
    page.goto(f"{server}/cascade?root=25-CT/TW")
    frame = network_frame(page)
    assert sorted(fetched) == [("vis-network.css", 200, "public"), ("vis-network.min.js", 200, "public")], fetched
    page.wait_for_timeout(500)  # fitted after the first drawing
    nodes = node_points(page, frame)
    assert nodes["542/KH-UBND"][4] == "542/KH-UBND\nUBND Nghệ An"  # id, short issuer and locality
    # rows by administrative level, the root on top: 25-CT/TW above the provinces' plans above the districts'
    root_y = nodes["25-CT/TW"][2]
    province_y = {nodes[i][2] for i in ("176/KH-UBND", "197-KH/TU", "542/KH-UBND", "265-KH/TU")}
    district_y = {nodes[i][2] for i in ("198-KH/HU", "120/KH-UBND")}
    assert len(province_y) == 1 and len(district_y) == 1, (province_y, district_y)
    assert root_y < min(province_y) < min(district_y)
    # the legend names the three relations and the levels; zoom and fit buttons are drawn
    relations = page.locator(".pkg-legend [data-relation]")
    assert relations.count() == 3 and all(relations.nth(i).is_visible() for i in range(3))
    assert page.locator(".pkg-legend").inner_text().count("thực hiện") == 1
    # the relation filter: its three chips all shown (the third one was hidden in a multiselect)
    chips = page.locator('[data-testid="stButtonGroup"]').first
    assert all(chips.get_by_role("button", name=name, exact=True).is_visible() for name in ("thực hiện", "căn cứ", "dẫn chiếu"))
    for cls in ("vis-zoomIn", "vis-zoomOut", "vis-zoomExtends"):
        assert page.locator(f".vis-navigation .{cls}").is_visible()

    def press(cls: str) -> float:  # vis-network acts while its button is held down
        button = page.locator(f".vis-navigation .{cls}").bounding_box()
        page.mouse.move(button["x"] + button["width"] / 2, button["y"] + button["height"] / 2)
        page.mouse.down()
        page.wait_for_timeout(600)
        page.mouse.up()
        page.wait_for_timeout(300)
        return frame.evaluate("window.policykgNetwork.getScale()")

    fitted = frame.evaluate("window.policykgNetwork.getScale()")
    assert press("vis-zoomIn") > fitted * 1.05  # zoom works
    assert abs(press("vis-zoomExtends") - fitted) < fitted * 0.02  # and fit brings the whole cascade back
    page.mouse.move(0, 0)
    nodes = node_points(page, frame)  # where the fit put them
    # a tooltip that shows, over the network, on hovering a node
    x, y = nodes["542/KH-UBND"][:2]
    page.mouse.move(x, y)
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=10000)
    assert "542/KH-UBND" in tip.inner_text() and "Đã có toàn văn" in tip.inner_text()
    box, canvas = tip.bounding_box(), page.locator(".pkg-network").bounding_box()
    assert canvas["y"] <= box["y"] <= canvas["y"] + canvas["height"], (box, canvas)
    # beside the network, the CLI's indented tree: the root at the left edge, each plan under what it carries out
    tree = page.locator(".pkg-tree")
    assert tree.bounding_box()["x"] > canvas["x"] + canvas["width"] - 5  # to its right, not below
    rows = dict(tree.evaluate("t => Array.from(t.children).map(d => [d.querySelector('b').innerText, parseInt(d.style.paddingLeft)])"))
    assert rows["25-CT/TW"] == 0 and rows["229-KH/TU"] > 0 and rows["542/KH-UBND"] > rows["229-KH/TU"], rows
    page.get_by_role("button", name="Tải cây (.txt) để in").wait_for()


def test_cascade_node_click_opens_the_document_in_the_same_tab_in_english(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 950}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(45_000)
    try:
        # filtered to the provinces' plans, two relations shown
        page.goto(f"{server}/cascade?root=25-CT/TW&lang=en&lvl=province&rel=implements,cites")
        page.get_by_role("heading", name="Cascade", exact=True).wait_for()
        frame = network_frame(page)
        page.wait_for_timeout(500)
        nodes = node_points(page, frame)
        assert "198-KH/HU" not in nodes and "542/KH-UBND" in nodes  # a district's plan is filtered out
        x, y = nodes["542/KH-UBND"][:2]
        page.mouse.click(x, y)
        page.get_by_role("heading", name="Plan 542/KH-UBND").wait_for(timeout=15000)
        assert "/document?" in page.url and "lang=en" in page.url
        assert len(context.pages) == 1  # the same tab, no new one
        page.get_by_role("heading", name="Document", exact=True).wait_for()
        assert not page.get_by_role("heading", name="Văn bản", exact=True).count()
        # back to the cascade from the menu: the same filters, still in English
        page.get_by_role("link", name="Cascade").click()
        page.get_by_role("heading", name="Cascade", exact=True).wait_for()
        frame = network_frame(page)
        page.wait_for_function("() => window.policykgDrawn", polling=100)
        back = frame.evaluate("window.policykgNetwork.body.data.nodes.get().map(n => n.label.split('\\n')[0])")
        assert sorted(back) == sorted(nodes), (back, list(nodes))
        assert "lvl=province" in page.url and "rel=implements%2Ccites" in page.url.replace(",", "%2C"), page.url
    finally:
        context.close()


def test_document_page_opens_on_a_held_text_with_diacritics_in_a_proportional_font(server, page):
    from policykg.base.text import diacritic_share

    page.goto(f"{server}/document")
    page.get_by_role("heading", name="Toàn văn, phần được trích xuất tô màu").wait_for()  # held: its text is shown
    chosen = page.locator('[data-testid="stSelectbox"]').first.inner_text()
    assert "○" not in chosen and diacritic_share(chosen) > 0.2, chosen  # not 176/KH-UBND's OCR text
    source = page.locator(".pkg-source")
    font = source.evaluate("e => getComputedStyle(e).fontFamily")
    assert "mono" not in font.lower() and ("Noto Sans" in font or "DejaVu Sans" in font), font
    assert "Kế hoạch" in source.inner_text()


def test_a_cited_only_document_shows_the_title_its_citing_text_gives(server, page):
    page.goto(f"{server}/document?doc=25-CT/TW")
    page.get_by_text("Về tiếp tục củng cố, hoàn thiện, nâng cao chất lượng hoạt động của y tế cơ sở").first.wait_for()
    page.get_by_text("Trích yếu theo văn bản dẫn chiếu").wait_for()
def ace_set(page, text: str) -> None:
    """Type into the queries page's SPARQL editor (Ace, in the component's frame) as a user's
    paste would: through the editor, whose change reaches the app."""
    frame = page.frame_locator('iframe[title="code_editor.code_editor"]')
    frame.locator(".ace_content").first.wait_for()
    frame.locator(".ace_editor").first.evaluate("(el, text) => ace.edit(el).setValue(text, 1)", text)
    page.wait_for_timeout(1200)  # the editor sends its text after a pause in typing


def test_update_query_is_refused(server, page):
    page.goto(f"{server}/queries?q=__free__")
    ace_set(page, "DELETE WHERE { ?s ?p ?o }")
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
         ("audit", "Kiểm tra", "Audit"), ("indicators", "Chỉ tiêu", "Indicators"), ("agencies", "Cơ quan", "Agencies"),
         ("search?s=y+te+co+so", "Tìm kiếm", "Search")]


def visible_text(page) -> str:
    """What a user reads: the page's rendered text (hidden elements left out). Tables are drawn on a
    canvas: their cells are checked in test_app.py (AppTest sees the shown values)."""
    page.wait_for_timeout(1500)  # the last widgets settle
    return page.inner_text("body")


def interface_text(page) -> str:
    """The visible text without a document's own words (its source text and the quote of a fact)
    and without the names of Material icons (drawn as pictures: 'dashboard', 'keyboard_arrow_right')."""
    visible_text(page)
    return page.evaluate("""() => {
        const data = Array.from(document.querySelectorAll('[data-testid="stHtml"], blockquote, [data-testid="stIconMaterial"]'));
        const before = data.map(e => e.style.display);
        data.forEach(e => e.style.display = 'none');
        const text = document.body.innerText;
        data.forEach((e, i) => e.style.display = before[i]);
        return text; }""")


def words_in(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


# What a Vietnamese page may show that is no Vietnamese word: proper names (of this program,
# languages, file formats, the map's source), the abbreviations of document numbers and issuers,
# and the date format's letters.
ALLOWED = {"policykg", "English", "PDF", "Word", "Excel", "CSV", "JSON", "SPARQL", "OCR", "docx", "html", "md", "txt",
           "Natural", "Earth", "UBND", "HĐND", "KH", "CT", "TW", "TU", "HU", "QĐ", "TTg", "BYT", "TTYT", "dd", "mm",
           "yyyy"}
# One Vietnamese syllable, its diacritics folded away: onset, one to three vowels, a final consonant.
SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?")


def not_vietnamese(text: str) -> list[str]:
    """The words of `text` that are neither a Vietnamese syllable nor in ALLOWED (links, numbers,
    ids with digits and single letters of lists left aside): English shows up here."""
    from policykg.base.text import fold

    words = re.findall(r"[^\W_]+", re.sub(r"https?://\S+", " ", text))
    return sorted({w for w in words if len(w) > 1 and not any(c.isdigit() for c in w) and w not in ALLOWED
                   and not SYLLABLE.fullmatch(fold(w))})


def vietnamese_interface_phrases() -> set[str]:
    """Every phrase of two or more words of the interface's Vietnamese (the translation table, the
    saved questions) that no document of the test corpus contains: on an English page such a
    phrase can only come from the interface, not from the graph's Vietnamese data."""
    from policykg.base.i18n import TEXT
    from policykg.base.text import fold
    from policykg.queries import catalog

    def words(text: str) -> str:
        return " ".join(re.findall(r"[^\W_]+", fold(text)))

    corpus = f" {words(' '.join(p.read_text('utf-8', errors='ignore') for d in (CORPUS, DOCS) for p in d.iterdir()))} "
    texts = [vi for vi, _en in TEXT.values()]
    for q in catalog().values():
        texts += [q.ask("vi"), q.description.get("vi", "")] + [p.label.get("vi", "") for p in q.parameters]
        texts += [q.label(c, "vi") for c in q.columns]
    phrases = set()
    for text in texts:
        for segment in re.split(r"\{[^}]*\}|[^\w\s]", text):  # between placeholders and punctuation
            if len(segment.split()) >= 2 and not segment.isascii() and f" {words(segment)} " not in corpus:
                phrases.add(" ".join(segment.split()))
    return phrases


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
    assert not_vietnamese(interface_text(page)) == []  # every other word: Vietnamese or a proper name
    assert not page.get_by_role("button", name="Deploy").count()
    assert not page.locator('[data-testid="stMainMenu"]').count()  # no toolbar menu (its items are English)


@pytest.mark.parametrize("path, vi_title, en_title", PAGES)
def test_english_pages_show_no_vietnamese_interface(server, page, path, vi_title, en_title):
    page.goto(f"{server}/{path}{'&' if '?' in path else '?'}lang=en")
    page.get_by_role("heading", name=en_title, exact=True).wait_for()
    if path.startswith("cascade"):
        network_frame(page)
    text = interface_text(page)
    assert words_in(text, VIETNAMESE) == []
    assert sorted(p for p in vietnamese_interface_phrases() if p in text) == []


def test_formats_on_the_page(server, page):
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
    info = download(page, "Tải CSV")
    lines = Path(info.path()).read_bytes().decode("utf-8-sig").splitlines()
    assert any("'=HYPERLINK(" in line for line in lines[1:])
    assert not any(line.startswith("=") or ",=" in line for line in lines)
    info = download(page, "Tải Excel")
    path = tmp_path / "download.xlsx"
    info.save_as(path)
    ws = load_workbook(path).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == HOSTILE_TASK]
    assert cells and all(c.data_type == "s" for c in cells)
    assert "<f>" not in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()


def svg_frame(page, selector: str, tries: int = 90):
    """The frame that holds an SVG of the audit page (drawn in a frame of its own)."""
    for _ in range(tries):
        for frame in page.frames:
            try:
                if frame.evaluate(f"document.querySelectorAll({selector!r}).length > 0"):
                    return frame
            except Exception:
                pass
        page.wait_for_timeout(500)
    raise AssertionError(f"{selector} never appeared")


def test_audit_map_in_three_colours_and_the_word_report(server, page, tmp_path):
    from docx import Document

    page.goto(f"{server}/audit?root=25-CT/TW")
    page.get_by_role("heading", name="Bản đồ kiểm tra").wait_for()
    frame = svg_frame(page, "svg.audit-map path.province")
    provinces = frame.evaluate("""() => Array.from(document.querySelectorAll('svg.audit-map path.province')).map(p => ({
        name: p.dataset.name, status: p.dataset.status, fill: getComputedStyle(p).fill}))""")
    assert len(provinces) == 63
    fills = {p["status"]: set() for p in provinces}
    for p in provinces:
        fills[p["status"]].add(p["fill"])
    # three statuses, each one colour, three colours apart
    assert set(fills) == {"held", "cited-only", "missing"} and all(len(f) == 1 for f in fills.values())
    assert len(set().union(*fills.values())) == 3
    status = {p["name"]: p["status"] for p in provinces}
    assert status["Tỉnh Kiên Giang"] == status["Tỉnh Nghệ An"] == "held"  # (earlier tests of this server add plans)
    counts = {s: sum(p["status"] == s for p in provinces) for s in ("held", "cited-only", "missing")}
    assert frame.evaluate("document.body.innerText").count("Quần đảo") == 2
    shot(page, "audit")
    info = download(page, "Tải báo cáo Word")
    assert info.suggested_filename == "kiem-tra.docx"
    path = tmp_path / "kiem-tra.docx"
    info.save_as(path)
    doc = Document(str(path))
    assert doc.paragraphs[0].text == "Báo cáo kiểm tra việc ban hành kế hoạch thực hiện 25-CT/TW"
    counts_table = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert counts_table[1:4] == [["Đã có toàn văn", str(counts["held"])], ["Chỉ được dẫn chiếu", str(counts["cited-only"])],
                                 ["Chưa có", str(counts["missing"])]]  # the report's counts are the map's
    assert len(doc.tables[-1].rows) == 64


def test_audit_map_of_2025_and_of_a_province_districts(server, page):
    page.goto(f"{server}/audit?root=25-CT/TW&lang=en")
    page.get_by_role("heading", name="Audit map").wait_for()
    page.get_by_text("from 1 July 2025", exact=True).click()  # the map switch (the caption says it too)
    frame = svg_frame(page, "svg.audit-map[data-map='2025']", tries=240)  # the page reruns the audit: slow on a busy machine
    statuses = frame.evaluate("Object.fromEntries(Array.from(document.querySelectorAll('path.province')).map(p => [p.dataset.name, p.dataset.status]))")
    assert len(statuses) == 34 and statuses["An Giang"] == statuses["Nghệ An"] == "held"  # Kiên Giang is part of An Giang
    page.goto(f"{server}/audit?root=176/KH-UBND")
    page.get_by_role("heading", name="Các huyện của Tỉnh Kiên Giang").wait_for()
    tiles = svg_frame(page, "svg.audit-districts g.district")
    districts = tiles.evaluate("Array.from(document.querySelectorAll('g.district')).map(g => g.dataset.status)")
    names = tiles.evaluate("Object.fromEntries(Array.from(document.querySelectorAll('g.district')).map(g => [g.querySelector('title').textContent.split(':')[0], g.dataset.status]))")
    assert len(districts) == 15 and names["Huyện Kiên Hải"] == "cited-only" and set(districts) <= {"held", "cited-only", "missing"}
def test_queries_page_asks_questions_before_any_sparql(server, page):
    page.goto(f"{server}/queries")
    question = page.get_by_text("Những kế hoạch nào triển khai văn bản này?")
    question.wait_for()
    expander = page.get_by_text("Câu truy vấn SPARQL (xem và sửa)")
    assert question.bounding_box()["y"] < expander.bounding_box()["y"]
    # the SPARQL stays folded away until the expander is opened
    editor = page.locator('iframe[title="code_editor.code_editor"]').first
    assert not editor.is_visible()
    expander.click()
    editor.wait_for()
    assert page.frame_locator('iframe[title="code_editor.code_editor"]').locator(".ace_keyword").first.is_visible()


def test_sparql_editor_highlights_with_no_network(server, browser):
    """Ace and its SPARQL mode come from this server: everything else is refused, and the
    editor still colours the query."""
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    outside = []

    def only_here(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    context.route("**/*", only_here)
    try:
        pg = context.new_page()
        pg.set_default_timeout(45_000)
        pg.goto(f"{server}/queries?q=__free__")
        frame = pg.frame_locator('iframe[title="code_editor.code_editor"]')
        keyword = frame.locator(".ace_keyword", has_text="SELECT").first
        keyword.wait_for()
        assert frame.locator(".ace_variable, .ace_variable-2, .ace_variable-parameter").count() or keyword.count()
        assert all("fonts.g" in u for u in outside), outside  # only web fonts were asked for, and refused
    finally:
        context.close()


def test_syntax_error_in_vietnamese_at_the_right_line(server, page):
    page.goto(f"{server}/queries?q=__free__")
    ace_set(page, "SELECT ?d ?id\nWHERE {\n  ?d eli:id_local ?id .\n  FILTER (?id = )\n}")
    page.get_by_role("button", name="Chạy truy vấn").click()
    # line 4, at the ')' where an expression was expected (not at FILTER, not in the prefixes)
    page.get_by_text("Lỗi cú pháp SPARQL ở dòng 4, cột 17").wait_for()
    assert not page.get_by_text("error at").count() and not page.get_by_text("Expected").count()


def share_link(page) -> str:
    code = page.locator("code", has_text="/queries?").first
    code.wait_for()
    return code.inner_text().strip()


def test_share_url_is_absolute_and_reproduces_the_result(server, page, browser):
    from playwright.sync_api import expect

    page.goto(f"{server}/queries?q=indicator_targets&p_indicator=doctors-per-10000&p_year=2030&run=1")
    count = page.get_by_text(re.compile(r"^\d+ dòng")).first  # (an earlier test may have uploaded a plan)
    count.wait_for()
    rows = count.inner_text().split()[0]
    url = share_link(page)
    assert url.startswith(server + "/queries?") and "p_indicator=doctors-per-10000" in url
    # the copy button puts that address on the clipboard
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    copy = page.frame_locator("iframe[srcdoc*='clipboard']").locator("#copy")
    copy.click()
    page.frame_locator("iframe[srcdoc*='clipboard']").get_by_text("Đã sao chép").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == url
    info = download(page, "Tải CSV")
    here = Path(info.path()).read_bytes()
    fresh = browser.new_context(viewport={"width": 1400, "height": 950})
    try:
        other = fresh.new_page()
        other.set_default_timeout(45_000)
        other.goto(url)
        other.get_by_text(f"{rows} dòng").first.wait_for()
        other.get_by_text("Các địa phương đặt chỉ tiêu này ở mức nào?").wait_for()
        info = download(other, "Tải CSV")
        there = Path(info.path()).read_bytes()
        assert there == here  # the same answer, row for row
        data = there.decode("utf-8-sig")
        assert "Thành phố Cần Thơ" in data and "Huyện Kiên Hải" in data and len(data.strip().splitlines()) == int(rows) + 1
    finally:
        fresh.close()
    # a date left at its default is shared as the word 'today', not frozen
    page.goto(f"{server}/queries?q=deadlines&run=1")
    url = share_link(page)
    assert "p_today=today" in url and "p_from=2024-01-01" in url
    # readable: Vietnamese words and document numbers as written, not percent-encoded
    page.goto(f"{server}/queries?q=task_keyword&p_keyword=ki%E1%BB%87n+to%C3%A0n&run=1")
    count = page.get_by_text(re.compile(r"^\d+ dòng")).first
    count.wait_for()
    url, found = share_link(page), count.inner_text().split(" · ")[0]  # '5 dòng'
    assert "p_keyword=kiện+toàn" in url and "%" not in url, url
    page.goto(f"{server}/queries?q=cascade&p_root_id=25-CT%2FTW&run=1")
    assert "p_root_id=25-CT/TW" in share_link(page)
    fresh = browser.new_context(viewport={"width": 1400, "height": 950})
    try:
        other = fresh.new_page()
        other.set_default_timeout(45_000)
        other.goto(url)  # the readable link gives the same answer
        other.get_by_text(re.compile("^" + re.escape(found) + " ")).first.wait_for()  # '5 dòng · …', not '15 dòng'
        # the box may get its value just after the answer is drawn: waited for, not read once
        expect(other.get_by_label("Từ khóa")).to_have_value("kiện toàn")
    finally:
        fresh.close()


def test_search_finds_an_accentless_query_and_opens_the_passage(server, page):
    from policykg.base.text import fold

    page.goto(f"{server}/search?s=y+te+co+so")
    first = page.locator(".pkg-hit").first
    first.wait_for()
    marks = [fold(m) for m in first.locator("mark").all_inner_texts()]
    assert marks and set(marks) == {"y te co so"}
    shot(page, "search")
    first.locator("a.pkg-open").click()
    page.wait_for_url("**/document?*at=*")
    hit = page.locator("#pkg-hit")
    hit.wait_for()
    assert fold(hit.inner_text()) == "y te co so"
    page.wait_for_timeout(1500)  # scrolled to it: the passage is on screen
    box = hit.bounding_box()
    assert box is not None and 0 <= box["y"] <= 950
    # in English the link keeps the language, in the same tab
    page.goto(f"{server}/search?s=y+te+co+so&lang=en")
    page.get_by_role("heading", name="Search", exact=True).wait_for()
    page.locator(".pkg-hit a.pkg-open").first.click()
    page.wait_for_url("**/document?*lang=en*")
    page.get_by_role("heading", name="Document", exact=True).wait_for()
    page.locator("#pkg-hit").wait_for()


def test_a_document_number_in_a_result_opens_the_document_in_the_same_tab(server, page):
    page.goto(f"{server}/queries?q=indicator_targets&p_indicator=doctors-per-10000&p_year=2030&run=1&lang=en")
    page.get_by_text(re.compile(r"^\d+ rows")).first.wait_for()
    pages_before = len(page.context.pages)
    # the grid is a canvas: click the first row's first cell, then walk right to the plan's number
    cell = page.locator("[data-testid=stDataFrame] [role=gridcell]", has_text="201/KH-TTYT").first
    column = int(cell.get_attribute("aria-colindex")) - 1
    # its row (an earlier test may have uploaded a plan that sorts first): the grid's rows carry their index
    row = int(cell.evaluate("el => el.closest('[role=row]').getAttribute('aria-rowindex')")) - 2
    box = page.locator("[data-testid=stDataFrame]").first.bounding_box()
    page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.wait_for_url("**/document?doc=*")
    page.get_by_role("heading", name="Document", exact=True).wait_for()  # still in English
    assert len(page.context.pages) == pages_before and "201/KH-TTYT" in page.locator("h3").first.inner_text()


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
