"""Time the coverage view (graph/coverage.py: a plan against the plan it carries out) and the
document page's history read (graph/history.py) on the synthetic national cascade.

    python benchmarks/coverage.py --size district [--plans 40] [--repeat 5]

The store is loaded once (benchmarks/generate.py through `load_records`), then, pinned to one
core, each of --plans district plans is compared with its province's plan (20 + 20 tasks, the
province's led by 'UBND cấp huyện' among others) --repeat times; median and p95 are printed
with the target (200 ms median at district size).
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import SIZES, generate  # noqa: E402
from run import one_core, percentile  # noqa: E402

from policykg.graph.coverage import coverage  # noqa: E402
from policykg.graph.history import document_history  # noqa: E402
from policykg.graph.ingest import load_records  # noqa: E402
from policykg.graph.store import open_store  # noqa: E402
from policykg.graph.views import resolve_document  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="district")
    parser.add_argument("--plans", type=int, default=40, help="district plans timed (default 40)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    pairs = generate(args.size)
    children = [r["document"]["id"] for r, _ in pairs if r["document"]["issuer_level"] == "district-people-committee"]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "db")
        start = time.perf_counter()
        quads = load_records(store, pairs)
        print(f"{args.size}: {len(pairs)} plans, {quads} quads loaded in {time.perf_counter() - start:.1f} s")
        one_core()
        step = max(1, len(children) // args.plans)
        iris = [resolve_document(store, c) for c in children[::step][:args.plans]]
        iris = [i for i in iris if i]
        coverage(store, iris[0])  # warm-up
        for name, view in (("coverage view", coverage), ("history read", document_history)):
            times, rows = [], 0
            for iri in iris:
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    result = view(store, iri)
                    times.append((time.perf_counter() - t0) * 1000)
                rows += sum(len(p["rows"]) for p in result["parents"]) if name == "coverage view" else 0
            median = statistics.median(times)
            print(f"{name:<14} {len(iris)} plans × {args.repeat}: median {median:.1f} ms, p95 {percentile(times, 0.95):.1f} ms"
                  f"  (target 200 ms: {median / 200:.2f}×)" + (f", {rows} parent tasks compared" if rows else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
