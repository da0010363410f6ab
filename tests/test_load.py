"""The load test's small version (issue 17, item 3): 2 sessions for 30 s on a real
`streamlit run` of the corpus store, one in Chromium and one on the app's WebSocket as a
browser tab holds it, going through every page and saved query while the first uploads a
document. No page fails and the query workers stay within their cap, and none is
left once the server has stopped. (The figures for 1, 5 and 20 users at the district size
come from benchmarks/load.py itself: docs/deployment.md.)"""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts processes in /proc")
def test_two_users_for_thirty_seconds(tmp_path):
    if not Path("/usr/bin/chromium").exists():
        pytest.fail("/usr/bin/chromium is missing: `./dev test` installs Debian's chromium package")
    out = tmp_path / "load.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "load.py"), "--users", "2", "--browsers", "1", "--duration", "30",
                           "--size", "corpus", "--workers", "2", "--json", str(out),
                           # a shared CI machine may be slow: an error here is an app error, not a slow core
                           "--query-timeout", "30", "--page-timeout", "120"],
                          capture_output=True, text=True, timeout=300)
    assert out.exists(), proc.stdout[-2000:] + proc.stderr[-2000:]
    run = json.loads(out.read_text("utf-8"))["runs"][0]
    assert run["errors"] == [], (run["errors"], proc.stdout[-2000:])
    assert run["pages"] >= 2, run  # each session finished pages (a page begun before the end counts)
    # one user in Chromium (it uploads), one on the app's WebSocket without drawing: both got pages
    assert set(run["by_client"]) == {"browser", "protocol"} and all(c["pages"] for c in run["by_client"].values())
    assert 1 <= run["max_workers"] <= 2, run
    assert run["workers_left_after_server"] == 0
    assert run["upload_s"] is not None  # the document went in while the others browsed
    assert proc.returncode == 0, proc.stderr[-2000:]
