"""The benchmarks run (on the tiny size only: figures are measured, not tested)."""
import json
import subprocess
import sys

from conftest import ROOT


def test_parse_benchmark_runs():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "parse.py"), "--repeat", "1"],
                         capture_output=True, text=True, check=True).stdout
    assert "MB/s" in out and "corpus (5 documents)" in out


def test_store_benchmark_runs_and_writes_its_figures(tmp_path):
    out = tmp_path / "figures.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--size", "tiny", "--repeat", "1",
                           "--query-timeout", "5", "--rdflib-timeout", "5", "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert figures["size"] == "tiny" and figures["triples"] > 100_000
    assert figures["load_triples_per_s"]["oxigraph"] > 0 and figures["load_triples_per_s"]["rdflib"] > 0
    assert set(figures["queries"]) >= {"cascade", "audit", "indicator_targets", "missing_localities", "plan_due",
                                       "audit: a province's districts", "audit: communes of 2025",
                                       "page: cascade 25-CT/TW", "page: audit, map of 2025", "audit's Word report (on click)",
                                       "page: search 'ke hoach'"}
    assert figures["queries"]["audit: communes of 2025"]["rows"] == 3321
    for name, f in figures["queries"].items():
        assert {"oxigraph_ms_median", "oxigraph_ms_p95", "rdflib_ms_median"} <= set(f), name
    assert "ratio" in proc.stdout or "rdflib/ox" in proc.stdout


def test_generate_has_help_and_runs():
    script = str(ROOT / "benchmarks" / "generate.py")
    out = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True, check=True).stdout
    assert "usage:" in out and "--size" in out
    out = subprocess.run([sys.executable, script, "--size", "tiny"], capture_output=True, text=True, check=True).stdout
    assert out.startswith("76 plans")


def test_coverage_benchmark_runs():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "coverage.py"), "--size", "tiny", "--plans", "3",
                          "--repeat", "1"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert "coverage view" in out.stdout and "median" in out.stdout and "parent tasks compared" in out.stdout
    assert "document_changes (thay thế)" in out.stdout and "target_consistency in force" in out.stdout


def test_sizes_benchmark_runs(tmp_path):
    out = tmp_path / "sizes.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "sizes.py"), "--max-mb", "1",
                           "--formats", "text-one-line,word-table", "--json", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(out.read_text())["figures"]
    assert figures["text-one-line"]["rows"][0]["outcome"] == "record"
    assert figures["word-table"]["rows"][0]["peak_mb"] > 0
    assert "growth per doubling" in proc.stdout
