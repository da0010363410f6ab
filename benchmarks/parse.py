"""Parser throughput: MB/s on the bundled corpus, and on the corpus repeated to a few MB.

    python benchmarks/parse.py [--repeat 5]

Prints figures, not a pass/fail: it is a measurement, not a test.
"""
import argparse
import statistics
import time
from pathlib import Path

from policykg.loaders import parse_text

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


def measure(texts: list[str], repeat: int) -> tuple[float, float]:
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for t in texts:
            parse_text(t)
        runs.append(time.perf_counter() - start)
    return size, statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    parse_text(texts[0])  # warm-up: gazetteer load, regex compilation
    print(f"{'input':<32}{'MB':>8}{'median s':>10}{'MB/s':>8}")
    for label, batch in [
        (f"corpus ({len(texts)} documents)", texts),
        ("corpus joined x10 (one file)", ["\n".join(texts * 10)]),
        ("corpus joined x50 (one file)", ["\n".join(texts * 50)]),
    ]:
        size, seconds = measure(batch, args.repeat)
        print(f"{label:<32}{size:>8.2f}{seconds:>10.3f}{size / seconds:>8.2f}")


if __name__ == "__main__":
    main()
