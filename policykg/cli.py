"""The `policykg` command line. Each command mirrors a library function."""
import argparse
import json
import sys
from pathlib import Path

from .loaders import ParseError, parse_file  # noqa: F401  (ParseError: documented error type)

# The bundled corpus is in a source checkout only (an installed wheel has no data/corpus).
CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


def _default_corpus() -> Path:
    if not CORPUS.is_dir():
        raise SystemExit("policykg: error: name the documents to read (the bundled corpus is only in a "
                         "source checkout of policykg)")
    return CORPUS


def _summary(record: dict) -> str:
    d = record["document"]
    lines = [
        f"{d['type'] or 'Văn bản'} {d['id'] or '(chưa có số)'} — {d['issuer'] or '?'}",
        f"  Ngày: {d['date'] or '?'}   Nơi: {d['place'] or '?'}   Cấp: {d['issuer_level'] or '?'}"
        f"   Tỉnh: {d['province'] or '-'}   Huyện: {d['district'] or '-'}",
        f"  Trích yếu: {d['title'] or '?'}",
        f"  Người ký: {d['signer'] or '?'}",
        f"  Thực hiện: {', '.join(record['implements']) or '-'}",
        f"  Căn cứ: {', '.join(record['based_on']) or '-'}",
        f"  Văn bản được dẫn: {len(record['cited'])}   Chỉ tiêu: {len(record['indicators'])}"
        f"   Nhiệm vụ: {len(record['tasks'])}   Nhiệm vụ giao bằng văn xuôi: {len(record.get('duties', []))}"
        f"   Trách nhiệm: {len(record['responsibilities'])}",
    ]
    for e in record["expected_implementers"]:
        lines.append(f"  Phải xây dựng kế hoạch: {e['who']}")
    source = record.get("source")
    if source:  # read from another format than text
        pages = f", {len(source['pages'])} trang" if source.get("pages") else ""
        ocr = f" (OCR: {len(source['ocr_pages'])} trang)" if source.get("ocr_pages") else ""
        lines.append(f"  Nguồn: {source['format']}{pages}{ocr}")
    return "\n".join(lines)


class PageProgress:
    """A progress bar on stderr for the pages of a PDF or scan (OCR takes seconds a page).

    Shown only for files of several pages; `policykg load` shows its file bar as before.
    """

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, name: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if self.bar is None and total > 1 and done < total:
            self.bar = tqdm(total=total, unit="trang", desc=Path(name).name, file=sys.stderr, leave=False)
        if self.bar is not None:
            self.bar.update(done - self.bar.n)
            if done >= total:
                self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


_REPORT_LABELS = {
    "files": "Tệp", "read": "Đọc được", "refused": "Bị từ chối", "with id": "Có số hiệu", "with issuer": "Có cơ quan ban hành",
    "with level": "Có cấp", "with date": "Có ngày", "with implements": "Có văn bản thực hiện",
    "with cited": "Có văn bản được dẫn", "with indicators": "Có chỉ tiêu", "with tasks": "Có bảng nhiệm vụ",
    "with duties": "Có nhiệm vụ giao bằng văn xuôi", "with responsibilities": "Có trách nhiệm cơ quan",
    "implements in all": "Tổng văn bản thực hiện", "cited in all": "Tổng văn bản được dẫn",
    "indicators in all": "Tổng chỉ tiêu", "tasks in all": "Tổng nhiệm vụ (bảng)", "duties in all": "Tổng nhiệm vụ (văn xuôi)",
    "responsibilities in all": "Tổng trách nhiệm",
}


def cmd_parse_summary(args) -> int:
    """One line per file (refused or what was found) and the totals, as a table or JSON."""
    from dataclasses import asdict

    from .loaders.report import corpus_report

    report = corpus_report([Path(p) for p in args.files] or [_default_corpus()])
    if args.json:
        print(json.dumps({"files": [asdict(f) for f in report.files], "totals": report.totals(),
                          "seconds": round(report.seconds, 2)}, ensure_ascii=False, indent=1))
        return 0
    for f in report.files:
        if f.refused:
            print(f"{f.name}\tTỪ CHỐI\t{f.refused}")
            continue
        counts = " ".join(f"{k}={v}" for k, v in f.counts.items())
        print(f"{f.name}\t{f.id or '-'}\t{f.issuer or '-'}\t{f.level or '-'}\t{f.date or '-'}\t{counts}\t{f.seconds:.2f}s")
    print("== Tổng")
    for key, value in report.totals().items():
        print(f"{_REPORT_LABELS.get(key, key)}: {value}")
    print(f"Thời gian: {report.seconds:.1f} s")
    return 0


def cmd_parse(args) -> int:
    if args.summary:
        return cmd_parse_summary(args)
    paths = [Path(p) for p in args.files] or sorted(_default_corpus().glob("*.txt"))
    status = 0
    records = []
    pages = PageProgress()
    for path in paths:
        try:
            record = parse_file(path, lambda done, total: pages(str(path), done, total))
        except ParseError as exc:
            pages.close()
            print(f"policykg: error: {exc}", file=sys.stderr)
            status = 1
            continue
        if args.json:
            records.append(record)
        else:
            print(f"== {path}")
            print(_summary(record))
    if args.json and records:
        out = records[0] if len(records) == 1 and len(args.files) == 1 else records
        print(json.dumps(out, ensure_ascii=False, indent=1))
    return status


def _store(args, read_only: bool = False):
    from .graph.store import open_store

    return open_store(args.store, read_only=read_only)


def cmd_load(args) -> int:
    import logging

    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    store = _store(args)
    paths = args.paths or [str(_default_corpus())]
    bar = None

    def progress(done: int, total: int, result) -> None:
        nonlocal bar
        if total > 3 and bar is None:
            bar = tqdm(total=total, unit="văn bản", file=sys.stderr, leave=False)
        if bar is not None:
            bar.update(1)

    # log lines (refused files: 'policykg: warning: refused …') printed above the progress bar
    with logging_redirect_tqdm([logging.getLogger("policykg")]):
        results = store.load_paths(paths, progress, PageProgress())
    if bar is not None:
        bar.close()
    labels = {"added": "đã nạp", "replaced": "đã thay", "unchanged": "không đổi", "failed": "lỗi"}
    for r in results:
        if r.status != "failed":  # a refused file was logged, with its reason, as it was refused
            print(f"{labels[r.status]:<10} {r.path}  →  {r.document}  ({r.triples} bộ ba)")
    counts = {k: sum(1 for r in results if r.status == k) for k in labels}
    print(", ".join(f"{labels[k]}: {v}" for k, v in counts.items()))
    return 1 if counts["failed"] else 0


def cmd_stats(args) -> int:
    stats = _store(args, read_only=True).stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=1))
        return 0
    print(f"Văn bản đã có toàn văn: {stats['documents_held']}")
    print(f"Văn bản chỉ được dẫn chiếu: {stats['documents_cited_only']}")
    print(f"Đồ thị văn bản: {stats['document_graphs']}   Bộ ba (kể cả danh mục hành chính): {stats['triples']}")
    for cls, n in stats["by_class"].items():
        print(f"  {n:>6}  {cls}")
    return 0


def cmd_export(args) -> int:
    store = _store(args, read_only=True)
    out = open(args.output, "wb") if args.output else sys.stdout.buffer
    try:
        store.export(out, args.format, include_reference=args.all)
    finally:
        if args.output:
            out.close()
    return 0


def cmd_drop(args) -> int:
    dropped = _store(args).drop(args.document)
    if not dropped:
        print(f"policykg: error: no loaded document {args.document!r}", file=sys.stderr)
        return 1
    for g in dropped:
        print(f"đã xóa {g}")
    return 0


def cmd_validate(args) -> int:
    from .graph.validate import validate

    conforms, violations = validate(_store(args, read_only=True), with_gazetteer=args.gazetteer)
    for v in violations:
        print(v)
    print("Hợp lệ: đồ thị khớp các ràng buộc SHACL." if conforms else f"Không hợp lệ: {len(violations)} vi phạm.")
    return 0 if conforms else 1


def cmd_cascade(args) -> int:
    from .graph.cascade import cascade_graph, summary

    g = cascade_graph(_store(args, read_only=True), args.root)
    if not g.graph["roots"]:
        print(f"policykg: error: no document {args.root!r} in the graph", file=sys.stderr)
        return 1
    info = summary(g)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=1))
        return 0
    order = sorted(g.nodes, key=lambda n: (g.nodes[n].get("depth", 0), g.nodes[n].get("id") or ""))
    for n in order:
        d = g.nodes[n]
        mark = "●" if d.get("held") else "○"
        print(f"{'    ' * d.get('depth', 0)}{mark} {d.get('id') or n}  {d.get('issuer') or ''}  {d.get('date') or ''}")
    print(f"Độ sâu: {info['depth']}   Kế hoạch: {info['plans']} (đã có toàn văn: {info['held']})"
          f"   Tỉnh: {', '.join(info['provinces']) or '-'}")
    print("● đã có toàn văn   ○ chỉ được dẫn chiếu")
    return 0


def cmd_queries(args) -> int:
    from .queries import catalog

    lang = args.lang
    for name, q in catalog().items():
        params = ", ".join(f"{p.name}={p.default}" if p.default else p.name for p in q.parameters)
        print(f"{name:<24} {q.title.get(lang) or q.title.get('vi')}" + (f"  [{params}]" if params else ""))
        if args.verbose:
            print(f"    {q.description.get(lang) or q.description.get('vi', '')}")
            if q.example:
                print(f"    {q.example}")
    return 0


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise SystemExit(f"policykg: error: --param takes key=value, not {pair!r}")
        k, v = pair.split("=", 1)
        out[k.strip()] = v
    return out


def _emit(header, rows, fmt: str, output: str | None, title: str = "Kết quả") -> None:
    from .queries.formats import to_csv, to_json, to_table, to_xlsx

    if fmt == "table":
        data = (to_table(header, rows) + f"\n({len(rows)} dòng)\n").encode("utf-8")
    elif fmt == "csv":
        data = to_csv(header, rows)
    elif fmt == "json":
        data = (to_json(header, rows) + "\n").encode("utf-8")
    else:
        data = to_xlsx(header, rows, title)
        if not output:
            raise SystemExit("policykg: error: --format xlsx needs -o FILE.xlsx")
    if output:
        with open(output, "wb") as fh:
            fh.write(data)
    else:
        sys.stdout.buffer.write(data)


def cmd_query(args) -> int:
    from .graph.store import default_store_path, open_store
    from .queries import QueryError, QueryRunner, QueryTimeout, get, run_saved
    from .queries.catalog import SavedQuery

    store_path = args.store or default_store_path()
    if args.file:
        text = open(args.file, encoding="utf-8").read()
        if text.lstrip().startswith("# ---"):
            from .queries.catalog import load_query
            from pathlib import Path
            query = load_query(Path(args.file))
        else:
            query = SavedQuery("file", args.file, text, {"vi": args.file}, {}, [], {})
    elif args.name:
        query = get(args.name)
    else:
        raise SystemExit("policykg: error: name a saved query (policykg queries) or give --file")
    try:
        if args.allow_update:
            open_store(store_path).update(query.sparql)
            print("đã cập nhật")
            return 0
        open_store(store_path, read_only=True)  # a clear error when there is no store
        with QueryRunner(store_path, timeout=args.timeout) as runner:
            table = run_saved(runner, query, _params(args.param))
    except QueryTimeout:  # logged as it happened: 'policykg: warning: query … timed out …'
        return 1
    except QueryError as exc:
        print(f"policykg: error: {exc}", file=sys.stderr)
        return 1
    if table.kind == "ask":
        print("có" if table.boolean else "không")
        return 0
    _emit(table.header(args.lang), table.rows, args.format, args.output, query.title.get(args.lang) or query.name)
    if table.truncated:
        print(f"(chỉ hiện {len(table.rows)} dòng đầu)", file=sys.stderr)
    return 0


def cmd_audit(args) -> int:
    from .graph.audit import AuditError, audit, audit_table

    try:
        result = audit(_store(args, read_only=True), args.root, args.level, args.province, args.as_of)
    except AuditError as exc:
        print(f"policykg: error: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(result["rows"], ensure_ascii=False, indent=1))
        return 0
    header, rows = audit_table(result, args.lang)
    if args.format == "table" and not args.output:
        c = result["counts"]
        print(f"Kiểm tra: {result['root']} — cấp {result['level']} — bản đồ {result['map']} (ngày {result['as_of']})")
        print(f"Đã có toàn văn: {c['held']}   Chỉ được dẫn chiếu: {c['cited-only']}   Chưa có: {c['missing']}"
              f"   Kế hoạch làm bằng chứng: {result['plans']}")
        cas = result["cascade"]
        print(f"Chuỗi triển khai: độ sâu {cas['depth']}, {cas['plans']} kế hoạch "
              f"({', '.join(f'{k}: {v}' for k, v in cas['per_level'].items())}), tỉnh: {', '.join(cas['provinces']) or '-'}")
        print(result["caveat"])
    _emit(header, rows, args.format, args.output, "Kiểm tra")
    return 0


def build_parser() -> argparse.ArgumentParser:
    # The log on stderr (policykg.logs): before the command or after it; `queries -v` is its own.
    logging_options = argparse.ArgumentParser(add_help=False)
    logging_options.add_argument("-v", "--verbose", action="count", dest="log_verbose", default=argparse.SUPPRESS,
                                 help="log what is loaded and opened (-vv: everything, each query's time)")
    logging_options.add_argument("-q", "--quiet", action="store_true", dest="log_quiet", default=argparse.SUPPRESS,
                                 help="log errors only (not refused files or query time-outs)")
    parser = argparse.ArgumentParser(prog="policykg", description="Knowledge graph of Vietnamese health policy")
    parser.add_argument("-v", "--verbose", action="count", dest="log_verbose", default=0,
                        help="log what is loaded and opened (-vv: everything, each query's time)")
    parser.add_argument("-q", "--quiet", action="store_true", dest="log_quiet", default=False,
                        help="log errors only (not refused files or query time-outs)")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, **kw) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[logging_options], **kw)

    p = command("parse", help="read policy documents into structured records")
    p.add_argument("files", nargs="*", help="documents: text, .docx, PDF (scans by OCR), images, saved web pages "
                                             "(default: the bundled corpus)")
    p.add_argument("--json", action="store_true", help="print the record as JSON")
    p.add_argument("--summary", action="store_true",
                   help="for files or folders: per file what was found (or why it was refused), then the totals")
    p.set_defaults(func=cmd_parse)

    def with_store(p):
        p.add_argument("--store", metavar="DIR",
                       help="store folder (default: $POLICYKG_STORE or ~/.local/share/policykg/store)")
        return p

    p = with_store(command("load", help="parse documents and load them into the graph"))
    p.add_argument("paths", nargs="*", help="files or folders of text, .docx, PDF, images, web pages "
                                            "(default: the bundled corpus)")
    p.set_defaults(func=cmd_load)
    p = with_store(command("stats", help="what the graph holds"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)
    p = with_store(command("export", help="write the graph as RDF"))
    p.add_argument("--format", choices=["ttl", "nq", "jsonld"], default="nq")
    p.add_argument("--all", action="store_true", help="include the ontology, gazetteer and indicator scheme")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_export)
    p = with_store(command("drop", help="remove a loaded document"))
    p.add_argument("document", help="document id (201/KH-TTYT), IRI, or file name")
    p.set_defaults(func=cmd_drop)
    p = with_store(command("validate", help="check the graph against the SHACL shapes"))
    p.add_argument("--gazetteer", action="store_true", help="also validate the gazetteer (slow)")
    p.set_defaults(func=cmd_validate)
    p = with_store(command("cascade", help="the cascade of plans below a document"))
    p.add_argument("root", nargs="?", default="25-CT/TW")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cascade)
    p = sub.add_parser("queries", help="list the saved queries")  # its -v: descriptions
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("-v", "--verbose", action="store_true", help="with descriptions and examples")
    p.set_defaults(func=cmd_queries)
    p = with_store(command("query", help="run a saved query (or --file q.rq), read-only and time-limited"))
    p.add_argument("name", nargs="?", help="saved query name (see policykg queries)")
    p.add_argument("--file", help="a .rq file to run instead")
    p.add_argument("--param", action="append", metavar="KEY=VALUE", help="a parameter (repeatable)")
    p.add_argument("--format", choices=["table", "csv", "json", "xlsx"], default="table")
    p.add_argument("-o", "--output", help="file to write (needed for xlsx)")
    p.add_argument("--timeout", type=float, default=5.0, help="seconds before the query is stopped (default 5)")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="column labels")
    p.add_argument("--allow-update", action="store_true", help="admin: run a SPARQL UPDATE on the store")
    p.set_defaults(func=cmd_query)
    p = with_store(command("audit", help="which localities lack a plan carrying out a document"))
    p.add_argument("--root", default="25-CT/TW", help="the document (default 25-CT/TW)")
    p.add_argument("--level", choices=["province", "district"], help="default: province for a national document")
    p.add_argument("--province", help="only this province's districts")
    p.add_argument("--as-of", dest="as_of", help="date of the map to use (default: the root's date)")
    p.add_argument("--format", choices=["table", "csv", "json", "xlsx"], default="table")
    p.add_argument("-o", "--output")
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.set_defaults(func=cmd_audit)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .graph.store import StoreError
    from .logs import setup_cli
    from .resources import MissingDataError

    args = build_parser().parse_args(argv)
    setup_cli(args.log_verbose, args.log_quiet)
    try:
        return args.func(args)
    except (StoreError, MissingDataError) as exc:
        print(f"policykg: error: {exc}", file=sys.stderr)
        return 1
