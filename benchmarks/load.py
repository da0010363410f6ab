"""Many users at once (issue 17, item 3): N browser sessions on one `streamlit run` of the
app, each going through every page and running saved queries for a while, as one of them
uploads a document. It reports page times (median, p95), errors, the number of query
worker processes and the peak memory of the server with its workers.

    .venv/bin/python benchmarks/load.py --users 1 5 20 --duration 300 --size district

Sessions are Playwright contexts in Debian's Chromium (/usr/bin/chromium), one browser,
on 127.0.0.1. A page's time runs from the request to the moment Streamlit stops running the
script and the page's heading is there; an error is a page that shows an exception or an
error box, or does not finish within --page-timeout. --json writes the figures.

The browsers run on the same cores as the server: it also reports the CPU the server and its
workers used against the machine's, and each page run's time on the server itself (the app
logs it: 'page … ran in … s'), which is what users on their own computers would wait for
beyond the network and their browser.
"""
import argparse
import asyncio
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
PAGES = [("", "Tổng quan"), ("cascade?root=25-CT/TW", "Sơ đồ triển khai"), ("document?doc=25-CT/TW", "Văn bản"),
         ("queries", "Truy vấn"), ("audit?root=25-CT/TW", "Kiểm tra"), ("indicators", "Chỉ tiêu"),
         ("agencies", "Cơ quan")]
QUERIES = ["agency_responsibilities", "agency_tasks", "cascade", "cited_not_held", "data_quality", "deadlines",
           "indicator_targets", "missing_localities", "target_consistency", "task_keyword"]
UPLOAD = ROOT / "tests" / "documents" / "district_weaker_target.txt"


def questions() -> dict[str, str]:
    """Each saved question's wording on the Truy vấn page, by name."""
    from policykg.queries import catalog

    return {name: query.ask("vi") for name, query in catalog().items()}


QUESTIONS = questions()


def make_store(size: str, folder: Path) -> str:
    """The store the server runs on: the bundled corpus, or a synthetic cascade (generate.py)."""
    if size == "corpus":
        subprocess.run([sys.executable, "-m", "policykg", "load", str(ROOT / "data" / "corpus"), "--store",
                        str(folder)], check=True, capture_output=True)
        return str(folder)
    from generate import generate

    from policykg.graph.ingest import load_records
    from policykg.graph.store import open_store

    store = open_store(folder)
    load_records(store, generate(size))
    store.compact()
    return str(folder)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    """Every process below `pid` (/proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, ValueError):
            continue
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parents.items() if pp == p]
        out.extend(kids)
        todo.extend(kids)
    return out


def is_worker(pid: int) -> bool:
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


TICK = os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int, with_reaped: bool = False) -> float:
    """CPU seconds of a process (user + system), and of its reaped children with `with_reaped`."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if with_reaped else 0)
    return ticks / TICK


def machine_cpu_s() -> float:
    """CPU seconds every core spent busy since boot (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    return (sum(values[:8]) - idle) / TICK


class Sampler(threading.Thread):
    """Every 0.25 s: the server's query workers, the memory of the server with them, and the CPU
    they used against the machine's (the browsers run on the same cores)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.stop, self.workers, self.peak_mb = pid, threading.Event(), 0, 0.0
        self.workers_seen: set[int] = set()
        self.live_cpu: dict[int, float] = {}
        self.server_cpu_start = cpu_s(pid, with_reaped=True)
        self.machine_cpu_start = machine_cpu_s()
        self.server_cpu = self.machine_cpu = 0.0

    def run(self) -> None:
        while not self.stop.is_set():
            procs = children(self.pid)
            workers = [p for p in procs if is_worker(p)]
            self.workers = max(self.workers, len(workers))
            self.workers_seen.update(workers)
            self.peak_mb = max(self.peak_mb, rss_mb(self.pid) + sum(rss_mb(p) for p in procs))
            # workers still running are not yet in the server's reaped-children count
            self.live_cpu = {p: cpu_s(p) for p in procs}
            self.server_cpu = cpu_s(self.pid, with_reaped=True) + sum(self.live_cpu.values()) - self.server_cpu_start
            self.machine_cpu = machine_cpu_s() - self.machine_cpu_start
            time.sleep(0.25)


IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')"""


async def errors_shown(page) -> str | None:
    """The exception or error box the page shows, or None."""
    for selector in ('[data-testid="stException"]', '[data-testid="stAlertContentError"]'):
        box = page.locator(selector)
        if await box.count():
            return (await box.first.inner_text())[:200]
    return None


async def settle(page, title: str, timeout_ms: int) -> str | None:
    """Wait for the page to finish; the error it shows, or None."""
    await page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=timeout_ms)
    # Streamlit shows its status widget while the script runs
    await page.wait_for_function(IDLE, timeout=timeout_ms)
    return await errors_shown(page)


async def open_page(page, url: str, path: str, title: str, timeout_ms: int, reload: bool) -> str | None:
    """A page of the app: by the sidebar, as a user clicks (one session, the app's scripts loaded
    once), or with `reload` by its address (a new session and a full load of the app each time)."""
    if reload or not await page.locator('[data-testid="stSidebarNav"]').count():
        await page.goto(f"{url}/{path}", timeout=timeout_ms)
    else:
        await page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click(timeout=timeout_ms)
    return await settle(page, title, timeout_ms)


async def ask(page, url: str, name: str, timeout_ms: int, reload: bool) -> str | None:
    """A saved question on the Truy vấn page: by its address, or by choosing it and clicking
    'Chạy truy vấn' (the page writes the question into its address once it has answered)."""
    if reload:
        await page.goto(f"{url}/queries?q={name}&run=1", timeout=timeout_ms)
        return await settle(page, "Truy vấn", timeout_ms)
    if "/queries" not in page.url:
        error = await open_page(page, url, "queries", "Truy vấn", timeout_ms, reload=False)
        if error:
            return error
    await page.get_by_text(QUESTIONS[name], exact=True).first.click(timeout=timeout_ms)
    await page.wait_for_function(IDLE, timeout=timeout_ms)
    await page.get_by_role("button", name="Chạy truy vấn").click(timeout=timeout_ms)
    answered = page.wait_for_url(re.compile(rf"[?&]q={name}&.*run=1"), timeout=timeout_ms)
    failed = page.locator('[data-testid="stAlertContentError"], [data-testid="stException"]').first.wait_for(
        timeout=timeout_ms)
    done, pending = await asyncio.wait([asyncio.ensure_future(answered), asyncio.ensure_future(failed)],
                                       return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    for task in done:
        task.result()  # a time-out is raised here
    await page.wait_for_function(IDLE, timeout=timeout_ms)
    return await errors_shown(page)


async def session(visit, k: int, until: float, figures: dict, think: float, client: str, after_step=None) -> None:
    """One user: every page and saved question in a random order, again and again until `until`;
    `visit(kind, target, title)` opens one and returns the error the page shows, or None."""
    rng = random.Random(k)
    steps = [("page", p, t) for p, t in PAGES] + [("query", q, "Truy vấn") for q in QUERIES]
    last = None
    while time.monotonic() < until:
        rng.shuffle(steps)
        if steps[0] == last:  # the same step twice running would time nothing
            steps.append(steps.pop(0))
        for step in steps:
            kind, target, title = last = step
            if time.monotonic() >= until:
                break
            if think:  # a user reads the page before the next click
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
            start = time.perf_counter()
            error = await visit(kind, target, title)
            spent = time.perf_counter() - start
            figures["times"].append(spent)
            figures["by_client"].setdefault(client, []).append(spent)
            figures["by_page"].setdefault(target if kind == "page" else f"queries?q={target}", []).append(spent)
            if error:
                figures["errors"].append(f"{client} {kind} {target}: {error}")
            if after_step is not None:
                await after_step()


async def user(browser, url: str, k: int, until: float, timeout_ms: int, figures: dict, upload: bool,
               think: float, reload: bool) -> None:
    """A user in Chromium: what a user waits for, the browser's drawing of the page included."""
    from playwright.async_api import Error as PlaywrightError

    context = await browser.new_context(viewport={"width": 1300, "height": 900}, locale="vi-VN")
    page = await context.new_page()
    uploaded = not upload

    async def visit(kind: str, target: str, title: str) -> str | None:
        try:
            if kind == "page":
                return await open_page(page, url, target, title, timeout_ms, reload)
            return await ask(page, url, target, timeout_ms, reload)
        except PlaywrightError as exc:
            await page.goto(f"{url}/", timeout=timeout_ms)  # start again from a page that works
            return f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"

    async def upload_halfway() -> None:
        nonlocal uploaded
        if uploaded or time.monotonic() <= until - (until - figures["began"]) / 2:
            return
        uploaded = True
        start = time.perf_counter()
        try:  # the Overview page's upload box, as a user adds a document
            await page.goto(f"{url}/", timeout=timeout_ms)
            await page.locator("details summary", has_text="Thêm văn bản").first.click()
            await page.locator("input[type=file]").set_input_files(str(UPLOAD))
            await page.get_by_role("button", name="Nạp vào đồ thị").click()
            await page.get_by_text("45/KH-UBND").first.wait_for(timeout=timeout_ms)
            figures["upload_s"] = time.perf_counter() - start
        except PlaywrightError as exc:
            figures["errors"].append(f"upload: {str(exc).splitlines()[0][:160]}")

    try:
        await session(visit, k, until, figures, think, "browser", upload_halfway)
    finally:
        await context.close()


async def protocol_user(url: str, k: int, until: float, timeout_ms: int, figures: dict, think: float) -> None:
    """A user whose browser is not drawn: one session on the app's WebSocket, as a browser tab
    holds it, asking for each page (and each question, by its address) with the messages the
    browser sends, and timed until the server says the page's run is finished. The server does
    all it does for a browser; only the drawing is left out."""
    import websockets
    from streamlit.proto.Alert_pb2 import Alert
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async def run(ws, page: str, query: str, title: str) -> str | None:
        message = BackMsg()
        message.rerun_script.CopyFrom(ClientState(query_string=query, page_name=page))
        await ws.send(message.SerializeToString())
        headings, error = [], None
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await ws.recv())
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                shown = element.WhichOneof("type")
                if shown == "heading":
                    headings.append(element.heading.body)
                elif shown == "exception" and error is None:
                    error = f"{element.exception.type}: {element.exception.message}"[:200]
                elif shown == "alert" and element.alert.format == Alert.ERROR and error is None:
                    error = element.alert.body[:200]
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                break
        return error or (None if title in headings else f"no heading «{title}»")

    ws_url = "ws" + url[len("http"):] + "/_stcore/stream"
    async with websockets.connect(ws_url, subprotocols=[websockets.Subprotocol("streamlit")], max_size=None,
                                  origin=websockets.Origin(url)) as ws:

        async def visit(kind: str, target: str, title: str) -> str | None:
            page, _, query = (target.partition("?") if kind == "page" else ("queries", "", f"q={target}&run=1"))
            try:
                return await asyncio.wait_for(run(ws, page, query, title), timeout_ms / 1000)
            except TimeoutError:
                return f"no answer within {timeout_ms / 1000:g} s"

        await session(visit, k, until, figures, think, "protocol")


def niced_chromium(folder: Path, nice: int) -> str:
    """Chromium started at a lower priority (a wrapper script Playwright starts instead): the
    browsers here share the server's cores, and real users' browsers run on their own computers."""
    if not nice:
        return CHROMIUM
    wrapper = folder / "chromium-niced"
    wrapper.write_text(f'#!/bin/sh\nexec nice -n {nice} {CHROMIUM} "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper)


async def drive(url: str, users: int, duration: float, timeout_ms: int, think: float = 0, reload: bool = False,
                nice: int = 0, browsers: int | None = None) -> dict:
    """`users` sessions: the first `browsers` of them (all by default) in Chromium, the others on
    the app's WebSocket (protocol_user). The first browser uploads a document halfway."""
    from playwright.async_api import async_playwright

    figures: dict = {"times": [], "by_client": {}, "by_page": {}, "errors": [], "began": time.monotonic(),
                     "upload_s": None}
    browsers = users if browsers is None else min(browsers, users)
    with tempfile.TemporaryDirectory() as tmp:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=niced_chromium(Path(tmp), nice), args=ARGS)
            until = time.monotonic() + duration
            await asyncio.gather(*(user(browser, url, k, until, timeout_ms, figures, k == 0, think, reload)
                                   for k in range(browsers)),
                                 *(protocol_user(url, k, until, timeout_ms, figures, think)
                                   for k in range(browsers, users)))
            await browser.close()
    return figures


def spread(times: list[float]) -> dict:
    """Pages, median and p95 of page times."""
    times = sorted(times)
    return {"pages": len(times), "median_s": statistics.median(times) if times else None,
            "p95_s": times[int(0.95 * (len(times) - 1))] if times else None}


def run_one(store: str, users: int, duration: float, workers: int | None, timeout_ms: int, log: Path,
            query_timeout: float | None = None, think: float = 0, reload: bool = False, nice: int = 0,
            browsers: int | None = None) -> dict:
    port = free_port()
    app_log = log.with_name(f"app-{users}.log")  # the app logs each page run's time on the server
    env = dict(os.environ, POLICYKG_STORE=store, POLICYKG_LOG=str(app_log))
    if query_timeout:
        env["POLICYKG_QUERY_TIMEOUT"] = str(query_timeout)
    if workers:
        env["POLICYKG_QUERY_WORKERS"] = str(workers)
    with open(log, "ab") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "main.py"), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"], env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start (see {log})") from None
                time.sleep(0.3)
        sampler = Sampler(server.pid)
        sampler.start()
        figures = asyncio.run(drive(url, users, duration, timeout_ms, think, reload, nice, browsers))
        sampler.stop.set()
        sampler.join()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    time.sleep(1)
    left = [p for p in sampler.workers_seen if Path(f"/proc/{p}").exists() and is_worker(p)]
    server_times = sorted(float(m.group(1)) for m in re.finditer(r" page \S+ ran in ([\d.]+) s",
                                                                  app_log.read_text("utf-8") if app_log.exists() else ""))
    times = sorted(figures["times"])
    return {"users": users, "duration_s": duration, "think_s": think, "reload": reload, "browser_nice": nice,
            "browsers": users if browsers is None else min(browsers, users),
            "by_client": {client: spread(t) for client, t in figures["by_client"].items()},
            "pages": len(times),
            "median_s": statistics.median(times) if times else None,
            "p95_s": times[int(0.95 * (len(times) - 1))] if times else None,
            "max_s": times[-1] if times else None,
            "slowest_pages": sorted(((p, round(max(t), 2)) for p, t in figures["by_page"].items()),
                                    key=lambda x: -x[1])[:5],
            "errors": figures["errors"], "upload_s": figures["upload_s"],
            "max_workers": sampler.workers, "workers_cap": workers or 2 * (os.cpu_count() or 1),
            "workers_left_after_server": len(left), "peak_mb": round(sampler.peak_mb),
            "server_cpu_s": round(sampler.server_cpu, 1), "machine_cpu_s": round(sampler.machine_cpu, 1),
            "server_page_runs": len(server_times),
            "server_median_s": statistics.median(server_times) if server_times else None,
            "server_p95_s": server_times[int(0.95 * (len(server_times) - 1))] if server_times else None}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="N browser sessions on one app server: page times, errors, "
                                     "query workers, peak memory (issue 17, item 3).")
    parser.add_argument("--users", type=int, nargs="+", default=[1, 5, 20], help="sessions per run (default 1 5 20)")
    parser.add_argument("--duration", type=float, default=300, help="seconds per run (default 300)")
    parser.add_argument("--size", default="district", help="corpus, or a generate.py size (default district)")
    parser.add_argument("--workers", type=int, default=None, help="POLICYKG_QUERY_WORKERS (default: 2 × cores)")
    parser.add_argument("--page-timeout", type=float, default=60, help="seconds before a page counts as an error")
    parser.add_argument("--query-timeout", type=float, default=None,
                        help="the app's query time limit, POLICYKG_QUERY_TIMEOUT (default: the app's, 5 s)")
    parser.add_argument("--think", type=float, default=0,
                        help="seconds a user reads a page before the next click, on average (default 0: no pause)")
    parser.add_argument("--reload", action="store_true",
                        help="open each page by its address (a new session and a full load of the app each time) "
                        "instead of clicking in the sidebar and on the Truy vấn page")
    parser.add_argument("--browser-nice", type=int, default=10,
                        help="run Chromium at this lower priority, so the server it shares the cores with comes "
                        "first, as when users' browsers run on their own computers (default 10; 0: same priority)")
    parser.add_argument("--browsers", type=int, default=None,
                        help="how many of the users are Chromium sessions (default: all); the others hold the app's "
                        "WebSocket as a browser tab does, without drawing the pages (protocol_user)")
    parser.add_argument("--store", type=Path, help="an existing store to copy for each run instead of --size")
    parser.add_argument("--logs", type=Path, help="keep the server's output and the app's log here (slow and "
                        "stopped queries, each page run's time)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} is missing (Debian's chromium; ./dev test installs it)")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        if args.store:
            clean = str(args.store)
        else:
            clean = make_store(args.size, Path(tmp) / "clean")
            print(f"store ({args.size}) made in {time.perf_counter() - start:.0f} s")
        for n in args.users:
            store = Path(tmp) / f"run{n}"
            subprocess.run(["cp", "-a", clean, str(store)], check=True)  # each run uploads into its own copy
            r = run_one(str(store), n, args.duration, args.workers, int(args.page_timeout * 1000), Path(tmp) / "server.log",
                        args.query_timeout, args.think, args.reload, args.browser_nice, args.browsers)
            results.append(r)
            if args.logs:
                args.logs.mkdir(parents=True, exist_ok=True)
                for log in (Path(tmp) / "server.log", Path(tmp) / f"app-{n}.log"):
                    if log.exists():
                        shutil.copy(log, args.logs / log.name)
            print(f"{n:>3} users, {r['duration_s']:.0f} s: {r['pages']} pages, median {r['median_s']:.2f} s, "
                  f"p95 {r['p95_s']:.2f} s, max {r['max_s']:.2f} s, {len(r['errors'])} errors, "
                  f"query workers ≤ {r['max_workers']} (cap {r['workers_cap']}), {r['workers_left_after_server']} left "
                  f"after the server, peak memory {r['peak_mb']} MB, upload {r['upload_s'] and round(r['upload_s'], 1)} s",
                  flush=True)
            share = r["server_cpu_s"] / r["machine_cpu_s"] if r["machine_cpu_s"] else 0
            print(f"   CPU: the server and its workers {r['server_cpu_s']:.0f} s of the machine's {r['machine_cpu_s']:.0f} s "
                  f"({share:.0%}; the rest is mostly the browsers, on the same {os.cpu_count()} cores)")
            if r["server_page_runs"]:
                print(f"   on the server (the app's log): {r['server_page_runs']} page runs, median "
                      f"{r['server_median_s']:.2f} s, p95 {r['server_p95_s']:.2f} s")
            for client, f in r["by_client"].items():
                print(f"   {client} sessions: {f['pages']} pages, median {f['median_s']:.2f} s, p95 {f['p95_s']:.2f} s")
            print("   slowest pages (max s):", r["slowest_pages"])
            for e in r["errors"][:5]:
                print("   error:", e)
    if args.json:
        args.json.write_text(json.dumps({"size": args.size, "runs": results}, ensure_ascii=False, indent=1), "utf-8")
    return 0 if all(not r["errors"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
