"""The formats benchmark runs (one document, scans cut to one page: figures are measured, not tested)."""
import re
import subprocess
import sys

from conftest import ROOT


def test_formats_benchmark_runs():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "formats.py"), "--repeat", "1",
                           "--documents", "1", "--scan-pages", "1"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = {line.split("  ")[0]: line.split() for line in proc.stdout.splitlines()[1:]}
    text_pdf = next(v for k, v in rows.items() if k.startswith("text PDF"))
    scan = next(v for k, v in rows.items() if k.startswith("scanned PDF"))
    assert int(text_pdf[-3]) == 12 and float(text_pdf[-1]) > 0  # 000 is 12 pages as a PDF
    assert int(scan[-3]) == 1 and float(scan[-1]) > 0
    assert re.search(r"pages/s", proc.stdout)
