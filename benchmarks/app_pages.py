"""Time the app's pages as a user sees them: a real `streamlit run` on a synthetic store,
driven in Debian's Chromium (Playwright); print the figures.

    python benchmarks/app_pages.py --size district [--store DIR] [--repeat 5]

These figures, each the median and the slowest of the repeats (after one warm-up):
- navigation: from a click on 'Sơ đồ triển khai' in the sidebar (the app already open: its
  first page shown and what the other pages need fetched while the browser was idle,
  app/prefetch.py) to the network drawn (vis-network's first drawing, `window.policykgDrawn`),
  the first visit to the cascade page in the browser session; 'navigation, at once': the
  same click as soon as the first page's figures show, in another session (what is not
  fetched yet is fetched then);
- open from a link: a new tab on /cascade?root=25-CT/TW, to the network drawn (a new
  session: Streamlit's own start-up included); and, for comparison, a new tab on the
  lightest page (/search, 'link: Tìm kiếm') to its heading shown and its run finished;
- node click: from a click on a province's plan in the network to its document page's
  heading (same tab, same session);
- then every other page from its sidebar link: from the click to the page's heading shown
  and its run finished (Streamlit's script state back to 'notRunning', everything sent);
  on the search page also from a query typed without diacritics ('ke hoach', in every synthetic
  document's heading) to its passages shown.
With --store, an existing store is used as it is; without, the size is generated and loaded
into a temporary one first (benchmarks/generate.py; not timed).
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import SIZES, generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
DRAWN = "() => window.policykgDrawn !== undefined && window.policykgNetwork !== undefined"
# The sidebar's links to the other pages, each page's title the same words
# (after the node click the document page is open: its link comes after the others)
PAGES = ["Tìm kiếm", "Truy vấn", "Kiểm tra", "Chỉ tiêu", "Cơ quan", "Văn bản", "Tổng quan"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PREFETCHING = "() => window.policykgPrefetched !== undefined"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "main.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        env=dict(os.environ, POLICYKG_STORE=str(store)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2).read()
            return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise SystemExit("streamlit did not start") from None
            time.sleep(0.5)


def node_point(page, ident: str) -> tuple[float, float]:
    return page.evaluate("""(ident) => {
        const net = window.policykgNetwork, box = net.body.container.getBoundingClientRect();
        const n = net.body.data.nodes.get().find(n => n.label.split("\\n")[0] === ident);
        const p = net.canvasToDOM(net.getPositions([n.id])[n.id]);
        return [box.left + p.x, box.top + p.y]; }""", ident)


def navigate(page, name: str) -> float:
    """Seconds from a click on the page's sidebar link to the page shown with its run finished
    (the heading is the page's first element: the run after it is this page's)."""
    t0 = time.perf_counter()
    page.get_by_role("link", name=name, exact=True).click()
    page.get_by_role("heading", name=name, exact=True).wait_for()
    page.locator(IDLE).wait_for()
    return time.perf_counter() - t0


def measure(url: str, repeat: int, plan: str) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {"navigation": [], "navigation, at once": [], "open from a link": [], "link: Tìm kiếm": [], "node click": []}
    out |= {f"page: {name}": [] for name in PAGES} | {"search: ke hoach": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for i in range(repeat + 1):  # the first round warms up (caches, the store's pages)
            context = browser.new_context(viewport={"width": 1400, "height": 950}, locale="vi-VN")
            page = context.new_page()
            page.set_default_timeout(120_000)
            page.goto(url + "/")
            page.get_by_text("Lần nạp gần nhất").wait_for()
            page.wait_for_function(PREFETCHING)  # the app open a moment, as a user reads its first page:
            page.evaluate("() => window.policykgPrefetched")  # the other pages' code fetched (app/prefetch.py)
            t0 = time.perf_counter()
            page.get_by_role("link", name="Sơ đồ triển khai").click()
            page.wait_for_function(DRAWN, polling=20)
            navigation = time.perf_counter() - t0
            page.wait_for_timeout(300)
            x, y = node_point(page, plan)
            t0 = time.perf_counter()
            page.mouse.click(x, y)
            page.get_by_role("heading", name=f"Kế hoạch {plan}").wait_for()
            click = time.perf_counter() - t0
            tab = context.new_page()
            t0 = time.perf_counter()
            tab.goto(url + "/cascade?root=25-CT/TW")
            tab.wait_for_function(DRAWN, polling=20)
            fresh = time.perf_counter() - t0
            tab.close()
            tab = context.new_page()  # the same for the lightest page: Streamlit's own start-up in a new tab
            t0 = time.perf_counter()
            tab.goto(url + "/search")
            tab.get_by_role("heading", name="Tìm kiếm", exact=True).wait_for()
            tab.locator(IDLE).wait_for()
            fresh_light = time.perf_counter() - t0
            tab.close()
            pages = {f"page: {name}": navigate(page, name) for name in PAGES[:1]}
            t0 = time.perf_counter()  # on the search page: a query typed, to its passages
            page.get_by_placeholder("ví dụ: y te co so").fill("ke hoach")
            page.keyboard.press("Enter")
            page.locator(".pkg-hit").first.wait_for()
            page.locator(IDLE).wait_for()
            pages["search: ke hoach"] = time.perf_counter() - t0
            pages |= {f"page: {name}": navigate(page, name) for name in PAGES[1:]}
            context.close()
            # an impatient user: the cascade clicked as soon as the first page's figures show
            context = browser.new_context(viewport={"width": 1400, "height": 950}, locale="vi-VN")
            page = context.new_page()
            page.set_default_timeout(120_000)
            page.goto(url + "/")
            page.get_by_text("Lần nạp gần nhất").wait_for()
            t0 = time.perf_counter()
            page.get_by_role("link", name="Sơ đồ triển khai").click()
            page.wait_for_function(DRAWN, polling=20)
            at_once = time.perf_counter() - t0
            context.close()
            if i:
                out["navigation"].append(navigation * 1000)
                out["navigation, at once"].append(at_once * 1000)
                out["node click"].append(click * 1000)
                out["open from a link"].append(fresh * 1000)
                out["link: Tìm kiếm"].append(fresh_light * 1000)
                for name, seconds in pages.items():
                    out[name].append(seconds * 1000)
        browser.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", choices=SIZES, default="district")
    ap.add_argument("--store", help="an existing store folder to use instead of generating one")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from policykg.graph.ingest import load_records
    from policykg.graph.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store_path = Path(args.store) if args.store else Path(tmp) / "db"
        if not args.store:
            store = open_store(store_path)
            load_records(store, generate(args.size))
            store.close()
        store = open_store(store_path, read_only=True)
        from policykg.graph.cascade import cascade_graph

        g = cascade_graph(store, "25-CT/TW")
        nodes = g.number_of_nodes()
        plan = next(d["id"] for _, d in sorted(g.nodes(data=True), key=lambda x: x[1].get("id") or "")
                    if d.get("held") and d.get("level") == "provincial-people-committee")
        del store  # read-only: nothing to write back; the server opens it itself
        proc, url = serve(store_path)
        try:
            figures = measure(url, args.repeat, plan)
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    print(f"cascade page of 25-CT/TW, {nodes} documents ({'store ' + args.store if args.store else args.size + ' size'}),"
          f" {args.repeat} rounds in Chromium")
    print(f"{'step':<24}{'median ms':>12}{'slowest ms':>12}")
    for name, times in figures.items():
        print(f"{name:<24}{statistics.median(times):>12.0f}{max(times):>12.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
