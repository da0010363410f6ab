"""Parser throughput: MB/s on the bundled corpus, and on the corpus repeated to a few MB;
with --dir, the CPU seconds a folder of documents takes (the whole dev corpus:
`--dir ../shared/dev-corpus/documents`).

    python benchmarks/parse.py [--repeat 5] [--dir DIR]

Times are CPU seconds of this process (time.process_time): the development machine is
shared, and wall time measures the neighbours as much as the parser. Prints figures, not
a pass/fail: it is a measurement, not a test.
"""
import argparse
import statistics
import time
from pathlib import Path

from policykg.loaders import ParseError, parse_file, parse_text

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


def measure(texts: list[str], repeat: int) -> tuple[float, float]:
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    runs = []
    for _ in range(repeat):
        start = time.process_time()
        for t in texts:
            parse_text(t)
        runs.append(time.process_time() - start)
    return size, statistics.median(runs)


def measure_dir(folder: Path, repeat: int) -> None:
    """Every file of `folder` through `parse_file` (reading, decoding, parsing), as
    `policykg parse DIR --summary` does."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    size = sum(p.stat().st_size for p in files) / 1e6
    runs = []
    refused = 0
    for _ in range(repeat):
        refused = 0
        start = time.process_time()
        for p in files:
            try:
                parse_file(p)
            except ParseError:
                refused += 1
        runs.append(time.process_time() - start)
    seconds = statistics.median(runs)
    print(f"{folder}: {len(files)} files ({refused} refused), {size:.1f} MB")
    print(f"CPU s per run {', '.join(f'{r:.2f}' for r in runs)}; median {seconds:.2f} s, {size / seconds:.2f} MB/s, "
          f"{1000 * seconds / len(files):.1f} ms per file")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--dir", type=Path, help="time this folder of documents instead of the bundled corpus")
    args = ap.parse_args()
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    parse_text(texts[0])  # warm-up: gazetteer load, regex compilation
    if args.dir is not None:
        measure_dir(args.dir, args.repeat)
        return
    print(f"{'input':<32}{'MB':>8}{'median CPU s':>14}{'MB/s':>8}")
    for label, batch in [
        (f"corpus ({len(texts)} documents)", texts),
        ("corpus joined x10 (one file)", ["\n".join(texts * 10)]),
        ("corpus joined x50 (one file)", ["\n".join(texts * 50)]),
    ]:
        size, seconds = measure(batch, args.repeat)
        print(f"{label:<32}{size:>8.2f}{seconds:>14.3f}{size / seconds:>8.2f}")


if __name__ == "__main__":
    main()
