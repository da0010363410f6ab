"""Full-text search: the SQLite FTS5 index (graph/search.py) against the obvious alternative,
a linear scan of every held document's folded text, on the same queries with the same
matching and ranking (only how candidate passages are found differs).

    python benchmarks/search.py [FOLDER] [--repeat 5]

FOLDER defaults to ../shared/dev-corpus/documents (466 real documents), else data/corpus.
Prints the load, the index build, per-query medians of both ways and their ratio.
"""
import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from policykg.base.text import fold
from policykg.graph import search as S
from policykg.graph.ingest import load_paths
from policykg.graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "dev-corpus" / "documents"
QUERIES = ["y te co so", "tiêm chủng mở rộng", "chuyển đổi số", "trung tam y te huyen", "25-CT/TW",
           "ke hoaeh", "nâng cao chất lượng dân số", "bác sĩ trên 10.000 dân"]


def linear(texts: dict[str, str], query: str, vocabulary: list[str], limit: int = 20) -> list[tuple[str, int]]:
    """The scan: every passage of every document, folded, matched with the same word groups."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    groups = []
    for w in dict.fromkeys(S.words(query)):
        near = [] if len(w) < 4 else [t for t, _, _ in process.extract(
            w, vocabulary, scorer=Levenshtein.distance, score_cutoff=1 if len(w) < 8 else 2, limit=12) if t != w]
        groups.append([w] + near)
    patterns = [re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, g)) + r")(?![^\W_])") for g in groups]
    hits = []
    for graph, text in texts.items():
        folded = fold(text)
        for a, b in S.passages(text):
            body = folded[a:b]
            if all(p.search(body) for p in patterns):
                marks, span, phrase = S._locate(body, groups)
                if span:
                    hits.append((10.0 if phrase else 0.0, graph, a + span[0]))
    hits.sort(reverse=True)
    return [(g, at) for _, g, at in hits[:limit]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", nargs="?", default=str(SHARED if SHARED.is_dir() else ROOT / "data" / "corpus"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "db")
        t0 = time.perf_counter()
        results = load_paths(store, [args.folder])
        load_s = time.perf_counter() - t0
        held = sum(r.status in ("added", "replaced") for r in results)
        t0 = time.perf_counter()
        S.refresh(store)
        build_s = time.perf_counter() - t0
        size_mb = S.index_path(store).stat().st_size / 1e6
        texts = {g: v[0] for g, v in S._document_texts(store, list(S._store_graphs(store))).items()}
        chars = sum(map(len, texts.values()))
        vocabulary = sorted({w for t in texts.values() for w in S.words(t)})
        print(f"{held} documents held ({chars / 1e6:.1f} M characters) from {args.folder}: load {load_s:.1f} s, "
              f"index build {build_s:.2f} s, index {size_mb:.1f} MB")
        t0 = time.perf_counter()
        S.refresh(store)
        print(f"refresh with nothing changed (one SPARQL listing of the documents): {1000 * (time.perf_counter() - t0):.1f} ms")
        print(f"{'query':32} {'index ms':>9} {'scan ms':>9} {'ratio':>7} {'hits':>5}")
        ratios = []
        for q in QUERIES:
            fts, scan = [], []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                hits = S.search(store, q, refresh_first=False)
                fts.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                linear(texts, q, vocabulary)
                scan.append(time.perf_counter() - t0)
            a, b = statistics.median(fts), statistics.median(scan)
            ratios.append(b / a)
            print(f"{q:32} {1000 * a:9.1f} {1000 * b:9.1f} {b / a:6.1f}× {len(hits):5}")
        print(f"median ratio (scan / index): {statistics.median(ratios):.1f}×")
        store.close()


if __name__ == "__main__":
    sys.exit(main())
