"""Parse time and peak memory against input size, per format: is every pass linear?

Each input is generated (tests/make_hostile.py), written to a file, and parsed by
`parse_bytes` in a fresh process, whose wall time of the parse, CPU time (from the kernel,
`wait4`) and peak resident memory (its own VmHWM) are measured; the ratios use CPU time, which other work on
the machine does not inflate. For each doubling of the size the ratio of time and of
memory is printed: about 2 means linear, 4 would be quadratic.

    .venv/bin/python benchmarks/sizes.py                       # 1 → 16 MB, every format
    .venv/bin/python benchmarks/sizes.py --max-mb 4 --formats text-one-line,html-table
    .venv/bin/python benchmarks/sizes.py --plot docs/sizes.png  # and draw it (matplotlib)

Sizes are of the file, except Word (the unpacked document.xml: a table compresses ~30:1) and
PDF (pages of text, up to the page limit of 200).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import make_hostile as mh  # noqa: E402

MB = 1_000_000


def docx_paragraphs(size: int) -> bytes:
    """The corpus documents' lines as Word paragraphs, one after another; `size` is the unpacked XML's."""
    paragraphs = [mh._p(line) for text in mh.corpus_texts() for line in text.splitlines() if line.strip()]
    body, n = [], 0
    while n < size:
        p = paragraphs[len(body) % len(paragraphs)]
        body.append(p)
        n += len(p.encode())
    return mh.docx_from_body("".join(body))


# format → (maker of an input of about n units, unit name, units per step)
FORMATS = {
    "text-normal": (mh.text_normal, "MB"),
    "text-one-line": (mh.text_one_line, "MB"),
    "text-can-cu": (mh.text_can_cu, "MB"),
    "html-table": (mh.html_table, "MB"),
    "word-table": (mh.docx_table, "MB unpacked"),
    "word-paragraphs": (docx_paragraphs, "MB unpacked"),
    "pdf": (None, "pages"),
}
PDF_PAGES = [12, 25, 50, 100, 200]
CHILD = """
import json, sys, time
from policykg.loaders import ParseError, parse_bytes
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
try:
    parse_bytes(data, "input")
    outcome = "record"
except ParseError as exc:
    outcome = "ParseError: " + str(exc)
seconds = time.perf_counter() - start
# the peak of this process's own memory since it started (the kernel's rusage peak would
# be the parent's when the parent's is higher: a vfork'd child reports its parent's at exec)
status = open("/proc/self/status").read()
peak_kb = int(status.split("VmHWM:")[1].split()[0])
print(json.dumps({"seconds": seconds, "outcome": outcome, "peak_kb": peak_kb}))
"""


def _pdf_pages(pages: int) -> bytes:
    # pdf_text puts a page per ~5 KB
    return mh.pdf_text(pages * 5_000)


def measure(data: bytes, timeout: float) -> dict:
    """Parse `data` in a fresh process: seconds of parse, peak RSS in MB, outcome."""
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(data)
        f.flush()
        proc = subprocess.Popen([sys.executable, "-c", CHILD, f.name], stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                return {"seconds": None, "peak_mb": None, "outcome": f"over {timeout:.0f} s"}
            time.sleep(0.05)
        out = proc.stdout.read() if proc.stdout else ""
        proc.returncode = os.waitstatus_to_exitcode(status)
    result = json.loads(out.strip().splitlines()[-1]) if out.strip() else {"seconds": None, "outcome": f"exit {proc.returncode}"}
    # the child's own peak (VmHWM); ru_maxrss, if the child could not say (Linux: kilobytes)
    result["peak_mb"] = result.pop("peak_kb", usage.ru_maxrss) / 1024
    # CPU time of the whole process (start-up included): unlike wall time, not inflated when
    # other work shares the cores
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return result


def run(formats: list[str], max_mb: int, timeout: float) -> dict:
    sizes = [s for s in (1, 2, 4, 8, 16) if s <= max_mb]
    figures: dict = {}
    for name in formats:
        maker, unit = FORMATS[name]
        rows = []
        steps = PDF_PAGES[:len(sizes)] if name == "pdf" else sizes
        for step in steps:
            data = _pdf_pages(step) if name == "pdf" else maker(step * MB)
            r = measure(data, timeout)
            r.update(size=step, file_mb=len(data) / MB)
            rows.append(r)
            print(f"{name:<14}{step:>6} {unit:<12}{len(data) / MB:>8.2f} MB file"
                  f"{_fmt(r['seconds'], 's'):>10}{_fmt(r.get('cpu_seconds'), 's'):>10} CPU{_fmt(r['peak_mb'], 'MB'):>10}"
                  f"  {r['outcome'][:70]}", flush=True)
        figures[name] = {"unit": unit, "rows": rows}
    return figures


def _fmt(value, unit: str) -> str:
    return "—" if value is None else f"{value:.2f} {unit}" if unit == "s" else f"{value:.0f} {unit}"


def ratios(figures: dict, base: float) -> None:
    print(f"\ngrowth per doubling: ~2 is linear, ~4 quadratic (CPU time; memory: the peak less {base:.0f} MB, "
          "the interpreter and libraries parsing a 10 KB plan)")
    for name, f in figures.items():
        rows = f["rows"]
        t = [_ratio(a.get("cpu_seconds"), b.get("cpu_seconds")) for a, b in zip(rows, rows[1:], strict=False)]
        m = [_ratio((a["peak_mb"] or 0) - base, (b["peak_mb"] or 0) - base) for a, b in zip(rows, rows[1:], strict=False)]
        print(f"{name:<14} time {' '.join(t):<32} memory {' '.join(m)}")


def _ratio(a, b) -> str:
    return f"×{b / a:.2f}" if a and b else "—"


def plot(figures: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(11, 4.2))
    for name, f in figures.items():
        xs = [r["size"] for r in f["rows"] if r["seconds"] is not None]
        ax_t.plot(xs, [r["cpu_seconds"] for r in f["rows"] if r["seconds"] is not None], marker="o", label=name)
        ax_m.plot(xs, [r["peak_mb"] for r in f["rows"] if r["seconds"] is not None], marker="o", label=name)
    for ax, label in ((ax_t, "CPU time (s)"), (ax_m, "peak memory (MB)")):
        ax.set_xscale("log", base=2)
        ax.set_yscale("log", base=2)
        ax.set_xlabel("input size (MB; word: MB unpacked; pdf: pages)")
        ax.set_ylabel(label)
        ax.grid(True, which="both", alpha=0.3)
    ax_t.legend(fontsize=8)
    fig.suptitle("policykg parse_bytes: time and memory against size (log-log: slope 1 = linear)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"plot: {out}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated, of: " + ", ".join(FORMATS))
    ap.add_argument("--max-mb", type=int, default=16, help="largest size: 1, 2, 4, 8 or 16 (default 16)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before one parse is given up (default 600)")
    ap.add_argument("--plot", type=Path, help="write a PNG of time and memory against size (needs matplotlib)")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    ap.add_argument("--from-json", type=Path, nargs="+", metavar="JSON",
                    help="measure nothing: print and plot figures saved by earlier runs (formats run apart)")
    args = ap.parse_args(argv)
    if args.from_json:
        figures = {k: v for path in args.from_json for k, v in json.loads(path.read_text())["figures"].items()}
        ratios(figures, json.loads(args.from_json[0].read_text())["base_mb"])
        if args.plot:
            plot(figures, args.plot)
        return 0
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        ap.error(f"unknown format(s): {', '.join(unknown)}")
    base = measure(mh.text_normal(10_000), args.timeout)["peak_mb"]
    figures = run(formats, args.max_mb, args.timeout)
    ratios(figures, base)
    if args.json:
        args.json.write_text(json.dumps({"base_mb": base, "figures": figures}, indent=1))
    if args.plot:
        plot(figures, args.plot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
