"""Readers during writes: while `policykg load` adds documents to a store, queries keep
answering, and each sees every document wholly absent or wholly present (its graph at its
final size and its catalog entry), never half (issue 17, item 6).

    .venv/bin/python benchmarks/readers.py --size district --documents 50 --readers 4

It makes a store of the synthetic cascade (benchmarks/generate.py), writes the documents
to add (the first corpus plan under new numbers, so each is a new document parsed from a
file), runs `policykg load` on them in a process of its own, and meanwhile runs readers
(threads sharing one QueryRunner, as the app's sessions do) that alternate a state check
and the saved `cascade` query. It prints answers, errors, half-written states seen and
query times.
"""
import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
TEMPLATE = ROOT / "data" / "corpus" / "000_4b541d80a1f56cd0.txt"

# One query, so one snapshot: for the documents this benchmark adds (files plan_*.txt, ids
# …/KH-TTYT), each graph's size and whether the catalog holds its document, and catalog
# entries whose graph is missing. (Counting every graph of a district-size store would take
# longer than the load itself.)
STATE = """SELECT ?g ?n ?catalogued WHERE {
  { { SELECT ?g (COUNT(*) AS ?n) WHERE {
        GRAPH ?g { ?g a pkg:DocumentGraph ; pkg:fileName ?file FILTER (STRSTARTS(?file, "plan_")) }
        GRAPH ?g { ?s ?p ?o } } GROUP BY ?g }
    GRAPH ?g { ?g dct:subject ?doc }
    OPTIONAL { GRAPH graph:catalog { ?doc a pkg:HeldDocument } BIND ("yes" AS ?held) }
    BIND (COALESCE(?held, "no") AS ?catalogued) }
  UNION
  { GRAPH graph:catalog { ?doc a pkg:HeldDocument ; eli:id_local ?id FILTER (STRENDS(?id, "/KH-TTYT")) }
    FILTER NOT EXISTS { GRAPH ?h { ?h dct:subject ?doc } }
    BIND (STR(?doc) AS ?g) BIND (0 AS ?n) BIND ("orphan" AS ?catalogued) }
}"""


def variants(folder: Path, count: int, start: int = 300) -> list[Path]:
    """`count` new plans: the template under the numbers start, start+1, …"""
    text = TEMPLATE.read_text("utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        path = folder / f"plan_{start + i}.txt"
        path.write_text(re.sub(r"Số: 201 /KH-TTYT", f"Số: {start + i}/KH-TTYT", text, count=1), "utf-8")
        out.append(path)
    return out


def readers_during_load(store_path: Path, files: list[Path], readers: int = 2, workers: int | None = None,
                        after: float = 1.0) -> dict:
    """Run `policykg load files` while `readers` threads query the store; the figures."""
    from policykg.queries import QueryRunner, get

    cascade = get("cascade")
    states: list[dict] = []   # each answer of STATE: {graph: (n, catalogued)}
    times: list[float] = []
    errors: list[str] = []
    done = threading.Event()
    with QueryRunner(store_path, timeout=30, max_workers=workers, cache=False) as runner:  # every answer read from the store
        runner.run("ASK {}")  # a worker is up before the load starts
        t0 = time.perf_counter()

        def reader(k: int) -> None:
            i = k
            while not done.is_set():
                start = time.perf_counter()
                try:
                    if i % 2 == 0:
                        res = runner.run(STATE)
                        states.append({str(r[0]): (int(r[1].value), str(r[2])) for r in res.rows})
                    else:
                        from policykg.queries import bind

                        runner.run(cascade.sparql, bind(cascade, {}))
                    times.append(time.perf_counter() - start)
                except Exception as exc:  # counted: the figures and the test report it
                    errors.append(f"{type(exc).__name__}: {exc} ({'state' if i % 2 == 0 else 'cascade'}, "
                                  f"{time.perf_counter() - start:.1f} s, at {time.perf_counter() - t0:.0f} s)")
                i += 1

        threads = [threading.Thread(target=reader, args=(k,)) for k in range(readers)]
        for t in threads:
            t.start()
        began = time.perf_counter()
        load = subprocess.run([sys.executable, "-m", "policykg", "load", *map(str, files), "--store", str(store_path)],
                              capture_output=True, text=True)
        load_s = time.perf_counter() - began
        time.sleep(after)  # readers see the final state too
        done.set()
        for t in threads:
            t.join(120)
        final = runner.run(STATE)
    final_state = {str(r[0]): (int(r[1].value), str(r[2])) for r in final.rows}
    before = states[0] if states else {}
    half = []
    for seen in states:
        for g, (n, catalogued) in seen.items():
            # a graph is whole when it is as before the load or as after it, with its catalog entry
            if (n, catalogued) not in {before.get(g), final_state.get(g)}:
                half.append((g, n, catalogued))
    new = [g for g in final_state if g not in before]
    snapshots_between = sum(1 for s in states if 0 < len([g for g in new if g in s]) < len(new))
    return {"load_returncode": load.returncode, "load_stderr": load.stderr[-2000:], "load_s": load_s,
            "answers": len(times), "errors": errors, "half": half, "state_answers": len(states),
            "states_mid_load": snapshots_between, "new_documents": len(new),
            "median_ms": statistics.median(times) * 1000 if times else None,
            "p95_ms": sorted(times)[int(0.95 * (len(times) - 1))] * 1000 if times else None,
            "max_ms": max(times) * 1000 if times else None}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Queries during `policykg load`: answers, errors, half-written "
                                     "documents seen (issue 17, item 6).")
    parser.add_argument("--size", default="district", help="size of the synthetic store (generate.py; default district)")
    parser.add_argument("--documents", type=int, default=50, help="documents to add (default 50)")
    parser.add_argument("--readers", type=int, default=4, help="concurrent readers (default 4)")
    parser.add_argument("--store", type=Path, help="add to a copy of this store instead of making one")
    parser.add_argument("--first", type=int, default=300, help="number of the first added plan (default 300)")
    args = parser.parse_args(argv)
    from generate import generate

    from policykg.graph.ingest import load_records
    from policykg.graph.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        if args.store:
            import shutil

            shutil.copytree(args.store, Path(tmp) / "db")
        else:
            store = open_store(Path(tmp) / "db")
            load_records(store, generate(args.size))
            store.compact()
            del store  # `policykg load` writes next: the store's lock is released
        print(f"store: {args.store or args.size}, ready in {time.perf_counter() - start:.0f} s")
        files = variants(Path(tmp) / "new", args.documents, args.first)
        f = readers_during_load(Path(tmp) / "db", files, args.readers)
    print(f"policykg load of {args.documents} documents: {f['load_s']:.1f} s (exit {f['load_returncode']}); "
          f"{f['new_documents']} new documents")
    print(f"{args.readers} readers: {f['answers']} answers, {len(f['errors'])} errors, "
          f"{f['state_answers']} state checks ({f['states_mid_load']} mid-load), {len(f['half'])} half-written states seen")
    print(f"query time: median {f['median_ms']:.0f} ms, p95 {f['p95_ms']:.0f} ms, max {f['max_ms']:.0f} ms")
    for e in f["errors"][:5]:
        print("error:", e)
    return 0 if not f["errors"] and not f["half"] and f["load_returncode"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
