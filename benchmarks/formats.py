"""Pages per second: text PDFs (pdfplumber) and scans (Tesseract OCR, Vietnamese).

The corpus documents are written as text PDFs and as scanned PDFs (typed pages, no text
layer) by tests/make_formats.py, then read through `policykg.loaders.extract`; the figure
is pages read per second of wall time (median of --repeat runs), on this machine's cores.

    .venv/bin/python benchmarks/formats.py                 # the whole corpus
    .venv/bin/python benchmarks/formats.py --scan-pages 2  # scans cut to 2 pages (CI smoke)
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from make_formats import write_pdf, write_scan  # noqa: E402

from policykg.loaders import extract  # noqa: E402
from policykg.loaders.ocr import WORKERS  # noqa: E402


def measure(paths: list[Path], repeat: int) -> tuple[int, float]:
    """(pages, median seconds) to extract every file."""
    times, pages = [], 0
    for _ in range(repeat):
        start, pages = time.perf_counter(), 0
        for p in paths:
            pages += len(extract(p.read_bytes(), p.name).pages)
        times.append(time.perf_counter() - start)
    return pages, statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scan-pages", type=int, default=None, help="cut each scan to this many pages")
    ap.add_argument("--documents", type=int, default=5, help="how many corpus documents")
    args = ap.parse_args()
    corpus = sorted((ROOT / "data" / "corpus").glob("*.txt"))[: args.documents]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        pdfs = [write_pdf(f.read_text("utf-8"), out / f"{f.stem}.pdf") for f in corpus]
        scans = []
        for f in corpus:
            write_scan(f.read_text("utf-8"), out / f"{f.stem}.scan.pdf", pages=args.scan_pages)
            scans.append(out / f"{f.stem}.scan.pdf")
        rows = [("text PDF (pdfplumber)", *measure(pdfs, args.repeat)),
                (f"scanned PDF (Tesseract vie, {WORKERS} workers)", *measure(scans, max(1, args.repeat // 3)))]
    print(f"{'input':<40} {'pages':>6} {'median s':>9} {'pages/s':>8}")
    for name, pages, seconds in rows:
        print(f"{name:<40} {pages:>6} {seconds:>9.2f} {pages / seconds:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
