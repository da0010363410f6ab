"""Load a synthetic national cascade into the embedded Oxigraph store and into rdflib's
in-memory graph; time loading, every saved query and the audit; print a table and the
rdflib/Oxigraph ratios; write the figures as JSON.

    python benchmarks/run.py --size province|district|commune [--out FILE] [--repeat 7]

Each store is measured in a child process of its own, so peak memory is its own.
- Oxigraph: the records go through `Store.load_records` (the loader's own code path), and
  the whole store is then dumped as N-Quads; loading that file into a fresh store gives the
  like-for-like load figure against rdflib. Queries run through the bounded QueryRunner users
  get, after a warm-up: median and p95 over the repeats, pinned to one core (loading may use
  them all), each run computed (the runner's kept answers off); then 'kept': the median time
  of the same query asked again on the unchanged store, answered from the runner's cache. So are the app's own read models (the overview page, the pickers, a document
  page), which do not go through saved queries.
- rdflib: the same N-Quads (every graph, reference and derived ones included, so both stores
  answer the same questions) parsed into an in-memory Dataset with a union default graph,
  on one core.
  Each query runs in a forked child (the loaded graph is shared copy-on-write) that is killed
  after --rdflib-timeout seconds; up to three runs each, the median kept. Row counts of both
  stores are compared.
"""
import argparse
import json
import multiprocessing as mp
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import SIZES, generate  # noqa: E402

from policykg.graph.ingest import load_file, load_records

# Saved queries with the parameters a user would give; the audit is timed too.
CASES = [
    ("cascade", {"root_id": "25-CT/TW"}),
    ("agency_tasks", {"agency": "Sở Y tế"}),
    ("agency_responsibilities", {"agency": "Sở Nội vụ"}),
    ("task_keyword", {"keyword": "chuyển đổi số"}),
    ("deadlines", {"from": "2025-01-01", "to": "2025-12-31", "today": "2026-01-01"}),
    ("indicator_targets", {"indicator": "doctors-per-10000", "year": "2030"}),
    ("target_consistency", {"indicator": "doctors-per-10000"}),
    ("cited_not_held", {}),
    ("data_quality", {}),
    ("missing_localities", {"root_id": "25-CT/TW"}),
    ("plan_due", {"root_id": "PROVINCIAL", "as_of": "2024-12-31"}),  # PROVINCIAL: the first provincial plan
]
# The audit's views (graph/audit.py), each with its timeliness as of a day: the national
# root at province level, a provincial plan's districts (due dates), every district of the
# old map, and the 3,321 communes of the map of 2025.
AUDITS = [
    ("audit", {"root_id": "25-CT/TW", "as_of": "2024-12-31"}),
    ("audit: a province's districts", {"root_id": "PROVINCIAL", "as_of": "2024-12-31"}),
    ("audit: all districts", {"root_id": "25-CT/TW", "level": "district", "as_of": "2024-12-31"}),
    ("audit: communes of 2025", {"root_id": "25-CT/TW", "level": "commune", "as_of": "2024-12-31"}),
]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def one_core() -> None:
    """Pin this process to one CPU; the processes it starts (the query worker) inherit it.
    The query targets are per core: a second one would let background threads hide their cost."""
    if hasattr(os, "sched_setaffinity"):  # Linux
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def run_oxigraph(size, seed, repeat, query_timeout, nquads, out):
    import pyoxigraph

    from policykg.graph.store import open_store
    from policykg.queries import QueryRunner, QueryTimeout, bind, get

    pairs = generate(size, seed)
    provincial = next(r["document"]["id"] for r, _ in pairs if r["document"]["issuer_level"] == "provincial-people-committee")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        store = open_store(Path(tmp) / "db")
        reference_s = time.perf_counter() - start
        start = time.perf_counter()
        quads = load_records(store, pairs)
        load_s = time.perf_counter() - start
        triples = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))["n"].value)
        store.backend.db.dump(nquads, format=pyoxigraph.RdfFormat.N_QUADS)
        start = time.perf_counter()
        pyoxigraph.Store(str(Path(tmp) / "nq")).bulk_load(path=nquads, format=pyoxigraph.RdfFormat.N_QUADS)
        nquads_s = time.perf_counter() - start
        one_core()  # loading above may use every core (bulk loader, compaction); queries get one
        results = {}
        # Through the same bounded runner users get: a query past its limit is stopped and reported.
        # Its answers kept per store generation are left out here (cache=False): each run computes.
        with QueryRunner(store.location, timeout=query_timeout, row_limit=10**7, cache=False) as runner:
            for name, params in CASES:
                q = get(name)
                bindings = bind(q, {k: provincial if v == "PROVINCIAL" else v for k, v in params.items()})
                times, rows, timed_out = [], 0, False
                for i in range(repeat + 1):  # the first run warms up
                    t0 = time.perf_counter()
                    try:
                        rows = len(runner.run(q.sparql, bindings).rows)
                    except QueryTimeout:
                        timed_out = True
                        break
                    if i:
                        times.append((time.perf_counter() - t0) * 1000)
                results[name] = {"oxigraph_ms_median": statistics.median(times) if times else None,
                                 "oxigraph_ms_p95": percentile(times, 0.95) if times else None,
                                 "oxigraph_timed_out": timed_out, "rows": rows}
        # The same queries asked again on an unchanged store, as the app's users do: the kept answer.
        with QueryRunner(store.location, timeout=query_timeout, row_limit=10**7) as runner:
            for name, params in CASES:
                if results[name]["oxigraph_timed_out"]:
                    continue
                q = get(name)
                bindings = bind(q, {k: provincial if v == "PROVINCIAL" else v for k, v in params.items()})
                runner.run(q.sparql, bindings)
                kept = []
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    runner.run(q.sparql, bindings)
                    kept.append((time.perf_counter() - t0) * 1000)
                results[name]["oxigraph_ms_kept"] = statistics.median(kept)
        results.update(time_pages(store, repeat))
        results.update(time_document_load(store, repeat))
        store.close()
        results.update(time_audit(Path(tmp) / "db", repeat, query_timeout, provincial))
    out.put({"documents": len(pairs), "triples": triples, "quads_loaded": quads, "reference_load_s": reference_s,
             "load_s": load_s, "load_triples_per_s": quads / load_s, "nquads_triples_per_s": triples / nquads_s,
             "queries": results, "peak_rss_mb": peak_mb(), "provincial": provincial})


def time_pages(store, repeat):
    """What the app's pages read besides saved queries (graph/views.py), timed like them."""
    from policykg.graph import views
    from policykg.graph.audit import audit

    root = views.resolve_document(store, "25-CT/TW")
    national = audit(store, "25-CT/TW")  # the audit page's own, for its Word report
    cases = {"page: overview": lambda: views.overview(store),
             "page: document picker": lambda: views.document_choices(store),
             "page: indicator picker": lambda: views.indicator_choices(store),
             "page: document 25-CT/TW": lambda: views.document_view(store, root),
             # the audit page at the district level: every district of the country grouped by
             # province, its map and table; then one province's districts as tiles
             "page: audit, districts": lambda: audit_page(store, None),
             "page: audit, 1 province": lambda: audit_page(store, "Kiên Giang"),
             "page: cascade 25-CT/TW": lambda: cascade_page(store, "25-CT/TW"),
             # the pages issue 15 added or grew: the audit on the map of 2025 (34 provinces merged
             # from the old ones) with its Word report, and a full-text search (the index checked
             # against the store first, as the page does; built in the warm-up run): 'ke hoach' is in
             # every synthetic document's heading, the most passages to rank
             "page: audit, map of 2025": lambda: audit_2025_page(store),
             "audit's Word report (on click)": lambda: audit_report(national),
             "page: search 'ke hoach'": lambda: search_page(store, "ke hoach")}
    out = {}
    for name, read in cases.items():
        times = []
        for i in range(repeat + 1):  # the first run warms up
            t0 = time.perf_counter()
            read()
            if i:
                times.append((time.perf_counter() - t0) * 1000)
        out[name] = {"oxigraph_ms_median": statistics.median(times), "oxigraph_ms_p95": percentile(times, 0.95),
                     "oxigraph_timed_out": False}
    return out


def audit_page(store, province):
    """What the audit page computes at the district level: the audit, the map, the counts by
    province, the districts' tiles and the table (graph/audit.py, graph/auditmap.py)."""
    from policykg.graph.audit import audit, audit_table
    from policykg.graph.auditmap import audit_map_svg, district_tiles_svg, province_table

    result = audit(store, "25-CT/TW", level="district", province=province)
    return audit_map_svg(result), district_tiles_svg(result), province_table(result), audit_table(result)


def audit_2025_page(store):
    """The audit page on the map of 2025 at the province level: the audit, its map, its table."""
    from policykg.graph.audit import audit, audit_table
    from policykg.graph.auditmap import audit_map_svg

    result = audit(store, "25-CT/TW", map_of="2025")
    return audit_map_svg(result), audit_table(result)


def audit_report(result):
    """The audit's Word report, which the page's download button writes when it is clicked (the
    audit itself is the page's, already read: not timed again here)."""
    from policykg.queries.audit_report import audit_docx

    return audit_docx(result)


def search_page(store, query):
    """The search page: the ranked passages of a query typed without diacritics, as HTML."""
    from policykg.graph.search import search

    return [hit.html() for hit in search(store, query, limit=20)]


def cascade_page(store, root_id):
    """What the cascade page computes (app/views/cascade.py): the root picker, the graph and its
    summary, the other relations, the network's nodes with their positions, the tree."""
    from policykg.app.render import network_data
    from policykg.graph import views
    from policykg.graph.cascade import cascade_graph, cascade_tree, summary, typed_edges

    views.document_choices(store, implemented_only=True)
    g = cascade_graph(store, root_id)
    summary(g)
    data = network_data(g, typed_edges(store, list(g.nodes)))
    cascade_tree(g)
    return data


def time_document_load(store, repeat):
    """Adding one real document to the national graph (parse, write, catalog refresh), then
    dropping it again: what a user's upload costs at this size."""
    doc = Path(__file__).resolve().parent.parent / "data" / "corpus" / "003_de43d9b20077fde2.txt"
    loads, drops = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = load_file(store, doc)
        loads.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        store.drop(result.graph)
        drops.append((time.perf_counter() - t0) * 1000)
    return {name: {"oxigraph_ms_median": statistics.median(t), "oxigraph_ms_p95": percentile(t, 0.95),
                   "oxigraph_timed_out": False}
            for name, t in (("load a document", loads), ("drop a document", drops))}


def _audit_worker(path, repeat, kwargs, out):
    from policykg.graph.audit import audit
    from policykg.graph.store import open_store

    one_core()
    store = open_store(path, read_only=True)
    times, rows = [], 0
    for i in range(repeat + 1):  # the first run warms up
        t0 = time.perf_counter()
        rows = len(audit(store, **kwargs)["rows"])
        if i:
            times.append((time.perf_counter() - t0) * 1000)
    out.put((times, rows))


def time_audit(path, repeat, timeout, provincial):
    """Each audit view in a child (one core) that is killed past the limit (it runs several queries)."""
    ctx = mp.get_context("spawn")
    results = {}
    for name, params in AUDITS:
        kwargs = {k: provincial if v == "PROVINCIAL" else v for k, v in params.items()}
        q = ctx.Queue()
        p = ctx.Process(target=_audit_worker, args=(path, repeat, kwargs, q))
        p.start()
        p.join(timeout * (repeat + 1))
        if p.is_alive():
            p.kill()
            p.join()
            results[name] = {"oxigraph_ms_median": None, "oxigraph_ms_p95": None, "oxigraph_timed_out": True}
            continue
        times, rows = q.get()
        results[name] = {"oxigraph_ms_median": statistics.median(times), "oxigraph_ms_p95": percentile(times, 0.95),
                         "oxigraph_timed_out": False, "rows": rows}
    return results


def _terms(bindings):
    from policykg.queries.runner import _to_oxigraph

    return {k: _to_oxigraph(v) for k, v in bindings.items()}


def _rdflib_query(ds, sparql, init, runs, out):
    """In a forked child: run the query up to `runs` times, sending each time as it ends."""
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = len(list(ds.query(sparql, initBindings=init)))
        out.put((rows, (time.perf_counter() - t0) * 1000))
    out.put(None)


def run_rdflib(nquads, timeout, provincial, out):
    import rdflib

    from policykg.graph.namespaces import SPARQL_PREFIXES
    from policykg.queries import bind, get

    one_core()  # rdflib uses one anyway; the same footing as Oxigraph's queries

    ds = rdflib.Dataset(default_union=True)
    start = time.perf_counter()
    ds.parse(nquads, format="nquads")
    load_s = time.perf_counter() - start
    triples = len(list(ds.quads((None, None, None, None))))
    fork = mp.get_context("fork")  # the child shares the loaded graph instead of parsing it again
    results = {}
    for name, params in CASES:
        q = get(name)
        params = {k: provincial if v == "PROVINCIAL" else v for k, v in params.items()}
        init = {rdflib.Variable(k): _rdflib_term(v) for k, v in bind(q, params).items()}
        box = fork.Queue()
        p = fork.Process(target=_rdflib_query, args=(ds, SPARQL_PREFIXES + q.sparql, init, 3, box))
        p.start()
        times, rows, deadline = [], None, time.perf_counter() + timeout
        while True:
            try:
                got = box.get(timeout=max(0.01, deadline - time.perf_counter()))
            except Exception:
                break  # past the limit
            if got is None:
                break
            rows = got[0]
            times.append(got[1])
        p.kill()
        p.join()
        results[name] = {"rdflib_ms_median": statistics.median(times) if times else None, "rdflib_rows": rows,
                         "rdflib_timed_out": not times}
    out.put({"triples": triples, "load_s": load_s, "load_triples_per_s": triples / load_s, "queries": results,
             "peak_rss_mb": peak_mb()})


def _rdflib_term(t):
    import rdflib

    if t.kind == "iri":
        return rdflib.URIRef(t.value)
    return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype) if t.datatype else None, lang=t.language)


def child(target, *args):
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=target, args=(*args, q))
    p.start()
    while True:
        try:
            result = q.get(timeout=5)
            break
        except Exception:
            if not p.is_alive():
                raise SystemExit(f"benchmark child {target.__name__} died (exit code {p.exitcode})") from None
    p.join()
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=SIZES, default="province")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--rdflib-timeout", type=float, default=60.0)
    ap.add_argument("--query-timeout", type=float, default=30.0, help="Oxigraph: stop a query after this many seconds")
    ap.add_argument("--skip-rdflib", action="store_true")
    ap.add_argument("--out", help="write the figures as JSON here")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        nquads = str(Path(tmp) / "store.nq")
        ox = child(run_oxigraph, args.size, args.seed, args.repeat, args.query_timeout, nquads)
        rd = None if args.skip_rdflib else child(run_rdflib, nquads, args.rdflib_timeout, ox["provincial"])
    report = {
        "size": args.size, "documents": ox["documents"], "triples": ox["triples"],
        "load_triples_per_s": {"oxigraph": ox["load_triples_per_s"], "rdflib": rd and rd["load_triples_per_s"]},
        "load_nquads_triples_per_s": {"oxigraph": ox["nquads_triples_per_s"], "rdflib": rd and rd["load_triples_per_s"]},
        "peak_rss_mb": {"oxigraph": ox["peak_rss_mb"], "rdflib": rd and rd["peak_rss_mb"]},
        "reference_load_s": ox["reference_load_s"], "queries": {},
    }
    for name, fig in ox["queries"].items():
        r = (rd or {}).get("queries", {}).get(name, {})
        rms = r.get("rdflib_ms_median")
        report["queries"][name] = {**fig, "rdflib_ms_median": rms, "rdflib_rows": r.get("rdflib_rows"),
                                   "rdflib_timed_out": r.get("rdflib_timed_out", rd is not None and name in dict(CASES)),
                                   "ratio_rdflib_over_oxigraph": (rms / fig["oxigraph_ms_median"])
                                   if rms and fig["oxigraph_ms_median"] else None}
    print(f"size {args.size}: {report['documents']} documents, {report['triples']:,} triples (with reference graphs); "
          f"queries on one core")
    lt, ln = report["load_triples_per_s"], report["load_nquads_triples_per_s"]
    print(f"load from parse records (the loader's path): Oxigraph {lt['oxigraph']:,.0f} triples/s")
    print(f"load of the same N-Quads file: Oxigraph {ln['oxigraph']:,.0f} triples/s" +
          (f", rdflib {ln['rdflib']:,.0f} triples/s, ratio {ln['oxigraph'] / ln['rdflib']:.1f}×" if ln["rdflib"] else ""))
    pm = report["peak_rss_mb"]
    print(f"peak memory: Oxigraph {pm['oxigraph']:.0f} MB" + (f", rdflib {pm['rdflib']:.0f} MB" if pm["rdflib"] else ""))
    print(f"{'query':<32}{'ox median ms':>14}{'ox p95 ms':>11}{'kept ms':>9}{'rdflib ms':>12}{'rdflib/ox':>11}{'rows':>8}")
    for name, f in report["queries"].items():
        rd_ms = "—" if f["rdflib_ms_median"] is None else f"{f['rdflib_ms_median']:.0f}"
        if f.get("rdflib_timed_out") and f["rdflib_ms_median"] is None and rd is not None:
            rd_ms = f">{args.rdflib_timeout:.0f}s" if name in (rd or {}).get("queries", {}) else "skipped"
        ratio = "—" if not f["ratio_rdflib_over_oxigraph"] else f"{f['ratio_rdflib_over_oxigraph']:.0f}×"
        med = f">{args.query_timeout:.0f}s" if f["oxigraph_ms_median"] is None else f"{f['oxigraph_ms_median']:.1f}"
        p95 = "—" if f["oxigraph_ms_p95"] is None else f"{f['oxigraph_ms_p95']:.1f}"
        same = "" if f.get("rdflib_rows") in (None, f.get("rows")) else f"  (rdflib: {f['rdflib_rows']} rows)"
        kept = "—" if f.get("oxigraph_ms_kept") is None else f"{f['oxigraph_ms_kept']:.1f}"
        print(f"{name:<32}{med:>14}{p95:>11}{kept:>9}{rd_ms:>12}{ratio:>11}{f.get('rows', ''):>8}{same}")
    if args.out:
        Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
