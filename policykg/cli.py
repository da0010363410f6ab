"""The `policykg` command line. Each command mirrors a library function."""
import argparse
import json
import sys
from pathlib import Path

from .base.formats import format_number
from .base.i18n import error_text, level_label, t
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
            print(f"{f.name}\tTỪ CHỐI\t{error_text(f.refused)}")
            continue
        counts = " ".join(f"{k}={v}" for k, v in f.counts.items())
        print(f"{f.name}\t{f.id or '-'}\t{f.issuer or '-'}\t{f.level or '-'}\t{f.date or '-'}\t{counts}\t"
              f"{format_number(f.seconds, 'vi', 2)} giây")
    print("== Tổng")
    for key, value in report.totals().items():
        print(f"{_REPORT_LABELS.get(key, key)}: {value}")
    print(f"Thời gian: {format_number(report.seconds, 'vi', 1)} giây")
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
            record = parse_file(path, lambda done, total, path=path: pages(str(path), done, total))
        except ParseError as exc:
            pages.close()
            fail(error_text(exc))
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

    from .graph.ingest import load_paths

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
        results = load_paths(store, paths, progress, PageProgress(), replace=args.replace)
    if bar is not None:
        bar.close()
    labels = {"added": "đã nạp", "replaced": "đã thay", "unchanged": "không đổi", "failed": "lỗi"}
    for r in results:
        if r.status == "failed":  # the reason, in the user's language (the log has it at -v)
            fail(error_text(r.error or ""))
        else:
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
        fail(t("error.no_loaded_document").format(ref=args.document))
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
    from .graph.cascade import cascade_graph, cascade_tree, summary
    from .queries.formats import format_date

    g = cascade_graph(_store(args, read_only=True), args.root)
    if not g.graph["roots"]:
        fail(t("error.no_document").format(ref=args.root))
        return 1
    info = summary(g)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=1))
        return 0
    for depth, n in cascade_tree(g):  # the tree the app's cascade page shows beside the network
        d = g.nodes[n]
        mark = "●" if d.get("held") else "○"
        print(f"{'    ' * depth}{mark} {d.get('id') or n}  {d.get('issuer') or ''}  {format_date(d.get('date'))}")
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
            raise SystemExit(f"policykg: {t('error')}: " + t("error.param_syntax").format(pair=pair))
        k, v = pair.split("=", 1)
        out[k.strip()] = v
    return out


def _emit(header, rows, fmt: str, output: str | None, title: str = "Kết quả", lang: str = "vi",
          sep: str = ",") -> None:
    from .queries.formats import to_csv, to_json, to_table, to_xlsx

    if fmt == "table":
        data = (to_table(header, rows, lang=lang) + f"\n({len(rows)} {t('rows', lang)})\n").encode("utf-8")
    elif fmt == "csv":
        data = to_csv(header, rows, sep)
    elif fmt == "json":
        data = (to_json(header, rows) + "\n").encode("utf-8")
    else:
        data = to_xlsx(header, rows, title)
        if not output:
            raise SystemExit(f"policykg: {t('error', lang)}: {t('error.need_output', lang)}")
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
            from pathlib import Path

            from .queries.catalog import load_query
            query = load_query(Path(args.file))
        else:
            query = SavedQuery("file", args.file, text, {"vi": args.file}, {}, [], {})
    elif args.name:
        query = get(args.name)
    else:
        raise SystemExit(f"policykg: {t('error', args.lang)}: {t('error.need_query', args.lang)}")
    try:
        if args.allow_update:
            if not args.allow_service:
                from .queries.runner import check_update

                check_update(query.sparql)  # LOAD or SERVICE: the store would fetch from elsewhere
            open_store(store_path).update(query.sparql)
            print("đã cập nhật")
            return 0
        open_store(store_path, read_only=True)  # a clear error when there is no store
        with QueryRunner(store_path, timeout=args.timeout, allow_remote=args.allow_service) as runner:
            table = run_saved(runner, query, _params(args.param))
    except QueryTimeout as exc:
        fail(error_text(exc, args.lang), args.lang)
        return 1
    except QueryError as exc:
        fail(error_text(exc, args.lang), args.lang)
        return 1
    if table.kind == "ask":
        print("có" if table.boolean else "không")
        return 0
    _emit(table.header(args.lang), table.rows, args.format, args.output, query.title.get(args.lang) or query.name,
          args.lang, args.sep)
    if table.truncated:
        print(f"(chỉ hiện {len(table.rows)} dòng đầu)", file=sys.stderr)
    return 0


def cmd_search(args) -> int:
    from .graph.search import SearchError, search
    from .graph.store import open_store

    try:
        hits = search(open_store(args.store, read_only=True), args.query, limit=args.limit)
    except SearchError as exc:
        fail(error_text(exc, args.lang), args.lang)
        return 1
    header = [t(f"search.col.{c}", args.lang) for c in ("rank", "document", "title", "passage", "start", "end", "score")]
    rows = [[i, h.doc_id or t("no_number", args.lang), h.title or "",
             # in a table the matched words stand out between « »; in files the passage is plain
             _marked(h) if args.format == "table" else " ".join(h.passage.split()), h.start, h.end, round(h.score, 2)]
            for i, h in enumerate(hits, 1)]
    if not hits and args.format == "table":
        print(t("search.none", args.lang), file=sys.stderr)
    _emit(header, rows, args.format, args.output, t("search", args.lang), args.lang, args.sep)
    return 0


def _marked(hit) -> str:
    out, pos = [], 0
    for a, b in hit.marks:
        out += [hit.passage[pos:a], "«", hit.passage[a:b], "»"]
        pos = b
    out.append(hit.passage[pos:])
    return " ".join("".join(out).split())


def cmd_audit(args) -> int:
    from .graph.audit import AuditError, audit, audit_table, level_words
    from .graph.auditmap import filter_rows, province_counts, province_table
    from .graph.timeliness import today_in_vietnam
    from .queries.formats import format_date, sort_names

    try:
        # the plans in force on the chosen day, today by default, as the app's date picker does
        result = audit(_store(args, read_only=True), args.root, args.level, args.province,
                       args.as_of or today_in_vietnam(), args.map)
        if result["level"] == "district" and not result["province"] and not args.by_province:
            # every district of the country (nearly 700 rows) is not what anyone asked for
            raise AuditError("cấp huyện cần một tỉnh", "audit.need_province")
    except AuditError as exc:
        fail(error_text(exc, args.lang), args.lang)
        return 1
    result = filter_rows(result, args.status)
    if args.format == "docx":
        from .queries.audit_report import audit_docx

        if not args.output:
            fail(t("error.need_output_docx", args.lang), args.lang)
            return 1
        Path(args.output).write_bytes(audit_docx(result, args.lang))
        return 0
    if args.format == "json":
        print(json.dumps(province_counts(result) if args.by_province else result["rows"], ensure_ascii=False, indent=1))
        return 0
    header, rows = province_table(result, args.lang) if args.by_province else audit_table(result, args.lang)
    if args.format == "table" and not args.output:
        c = result["counts"]
        lang = args.lang
        print(t("audit.headline", lang).format(root=result["root"], level=level_words(result["level"], lang),
                                               map=t(f"map.{result['map']}", lang), date=format_date(result["map_date"])))
        print(f"{t('status.held', lang)}: {c['held']}   {t('status.cited-only', lang)}: {c['cited-only']}"
              f"   {t('status.missing', lang)}: {c['missing']}   {t('plans_as_evidence', lang)}: {result['plans']}")
        if result["due_as_written"]:  # the due date the root gives this level, and who met it as of the day
            print(t("audit.due_line", lang).format(due=format_date(result["due"]) or "?", written=result["due_as_written"]))
            print(f"{t('audit.as_of_status', lang)} {format_date(result['as_of'])}: " + "   ".join(
                f"{t('duecount.' + k, lang)}: {n}" for k, n in result["timeliness"].items() if n))
        else:
            print(t("audit.no_due", lang))
        cas = result["cascade"]
        levels = ", ".join(f"{level_label(k, lang)}: {v}" for k, v in cas["per_level"].items())
        levels = f" ({levels})" if levels else ""  # no plan below the root: no empty '()'
        provinces = ", ".join(sort_names(cas["provinces"])) or "-"
        if lang == "en":
            print(f"Cascade: depth {cas['depth']}, {cas['plans']} plan{'' if cas['plans'] == 1 else 's'}{levels}, provinces: {provinces}")
        else:
            print(f"Chuỗi triển khai: độ sâu {cas['depth']}, {cas['plans']} kế hoạch{levels}, tỉnh: {provinces}")
        print(t("audit.caveat", lang))
    _emit(header, rows, args.format, args.output, t("audit", args.lang), args.lang, args.sep)
    return 0


def cmd_coverage(args) -> int:
    from .graph.coverage import coverage, coverage_table
    from .graph.views import resolve_document

    store = _store(args, read_only=True)
    child = resolve_document(store, args.child)
    parent = resolve_document(store, args.parent) if args.parent else None
    for ref, found in ((args.child, child), (args.parent, parent)):
        if ref and found is None:
            fail(t("error.no_document", args.lang).format(ref=ref), args.lang)
            return 1
    assert child is not None
    result = coverage(store, child, parent)
    if not result["parents"]:
        fail(t("coverage.no_parent", args.lang), args.lang)
        return 1
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    lang = args.lang
    for part in result["parents"]:
        header, rows = coverage_table(part, lang)
        if args.format == "table" and not args.output:
            c = part["counts"]
            print(t("coverage.headline", lang).format(child=result["child_id"], parent=part["parent_id"], taken=c["taken-up"],
                                                      total=len(part["rows"]), left=c["left-out"]))
            if part["scope"] == "all":
                print(t("coverage.scope_all", lang))
            print(t("coverage.method", lang).format(threshold=int(result["threshold"])))
        _emit(header, rows, args.format, args.output, t("coverage", lang), lang, args.sep)
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse in Vietnamese: its headings, its help option and its error messages."""

    ERRORS = [
        (r"the following arguments are required: (.*)", "thiếu đối số bắt buộc: {0}"),
        (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", "đối số {0}: giá trị {1} không hợp lệ (chọn một trong: {2})"),
        (r"argument (\S+): expected one argument", "đối số {0}: cần một giá trị"),
        (r"argument (\S+): invalid (\w+) value: (.*)", "đối số {0}: {2} không phải giá trị hợp lệ"),
        (r"unrecognized arguments: (.*)", "đối số không nhận ra: {0}"),
    ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "đối số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="in trợ giúp này rồi thoát")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Cách dùng:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "Cách dùng:", 1)

    def error(self, message: str):
        import re

        for pattern, vi in self.ERRORS:
            m = re.fullmatch(pattern, message)
            if m:
                message = vi.format(*m.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {message}\n")


def fail(message: str, lang: str = "vi") -> None:
    """One line on stderr: 'policykg: lỗi: …' ('error' in English)."""
    print(f"policykg: {t('error', lang).lower()}: {message}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    # The log on stderr (policykg.logs): before the command or after it; `queries -v` is its own.
    logging_options = argparse.ArgumentParser(add_help=False)
    logging_options.add_argument("-v", "--verbose", action="count", dest="log_verbose", default=argparse.SUPPRESS,
                                 help="ghi nhật ký những gì được nạp và mở (-vv: mọi thứ, thời gian từng truy vấn)")
    logging_options.add_argument("-q", "--quiet", action="store_true", dest="log_quiet", default=argparse.SUPPRESS,
                                 help="chỉ ghi lỗi (không ghi tệp bị từ chối hay truy vấn quá giờ)")
    parser = _Parser(prog="policykg", description="Đồ thị tri thức văn bản chính sách y tế Việt Nam")
    parser.add_argument("-v", "--verbose", action="count", dest="log_verbose", default=0,
                        help="ghi nhật ký những gì được nạp và mở (-vv: mọi thứ, thời gian từng truy vấn)")
    parser.add_argument("-q", "--quiet", action="store_true", dest="log_quiet", default=False,
                        help="chỉ ghi lỗi (không ghi tệp bị từ chối hay truy vấn quá giờ)")
    sub = parser.add_subparsers(dest="command", required=True, title="lệnh", metavar="LỆNH", parser_class=_Parser)

    def command(name: str, **kw) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[logging_options], **kw)  # type: ignore[list-item]  # typeshed wants parents of parser_class; argparse takes any

    p = command("parse", help="đọc văn bản chính sách thành bản ghi có cấu trúc")
    p.add_argument("files", nargs="*", metavar="TỆP",
                   help="văn bản: .txt, .docx, PDF (bản quét đọc bằng OCR), ảnh, trang web đã lưu (mặc định: bộ văn bản mẫu)")
    p.add_argument("--json", action="store_true", help="in bản ghi dạng JSON")
    p.add_argument("--summary", action="store_true",
                   help="với tệp hoặc thư mục: mỗi tệp tìm thấy gì (hoặc vì sao bị từ chối), rồi tổng cộng")
    p.set_defaults(func=cmd_parse)

    def with_store(p):
        p.add_argument("--store", metavar="THƯ_MỤC",
                       help="thư mục kho dữ liệu (mặc định: $POLICYKG_STORE hoặc ~/.local/share/policykg/store)")
        return p

    def with_csv(p):
        p.add_argument("--sep", choices=[",", ";"], default=",", metavar="DẤU",
                       help="dấu phân cách CSV: ',' (mặc định, số viết 18.02) hoặc ';' (số viết 18,02, "
                            "cho Excel đặt vùng Việt Nam); CSV luôn là UTF-8 có BOM")
        return p

    p = with_store(command("load", help="đọc văn bản và nạp vào đồ thị"))
    p.add_argument("paths", nargs="*", metavar="ĐƯỜNG_DẪN",
                   help="tệp hoặc thư mục: .txt, .docx, PDF, ảnh, trang web (mặc định: bộ văn bản mẫu)")
    p.add_argument("--replace", action="store_true",
                   help="một tệp có văn bản trùng số hiệu với văn bản đã nạp từ tệp khác sẽ thay văn bản đó "
                        "(mặc định: từ chối, giữ văn bản đang có)")
    p.set_defaults(func=cmd_load)
    p = with_store(command("stats", help="đồ thị đang có gì"))
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=cmd_stats)
    p = with_store(command("export", help="ghi đồ thị ra RDF"))
    p.add_argument("--format", choices=["ttl", "nq", "jsonld"], default="nq", help="định dạng (mặc định nq)")
    p.add_argument("--all", action="store_true", help="kèm bản thể học, danh mục hành chính và bộ chỉ tiêu")
    p.add_argument("-o", "--output", metavar="TỆP", help="tệp ghi ra (mặc định: đầu ra chuẩn)")
    p.set_defaults(func=cmd_export)
    p = with_store(command("drop", help="xóa một văn bản đã nạp"))
    p.add_argument("document", metavar="VĂN_BẢN", help="số hiệu (201/KH-TTYT), IRI hoặc tên tệp")
    p.set_defaults(func=cmd_drop)
    p = with_store(command("validate", help="kiểm tra đồ thị theo các ràng buộc SHACL"))
    p.add_argument("--gazetteer", action="store_true", help="kiểm tra cả danh mục hành chính (chậm)")
    p.set_defaults(func=cmd_validate)
    p = with_store(command("cascade", help="chuỗi kế hoạch triển khai dưới một văn bản"))
    p.add_argument("root", nargs="?", default="25-CT/TW", metavar="VĂN_BẢN", help="văn bản gốc (mặc định 25-CT/TW)")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=cmd_cascade)
    p = sub.add_parser("queries", help="danh sách truy vấn mẫu")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="ngôn ngữ (mặc định vi)")
    p.add_argument("-v", "--verbose", action="store_true", help="kèm mô tả và ví dụ")
    p.set_defaults(func=cmd_queries)
    p = with_csv(with_store(command("query", help="chạy một truy vấn mẫu (hoặc --file q.rq), chỉ đọc, có giới hạn thời gian")))
    p.add_argument("name", nargs="?", metavar="TÊN", help="tên truy vấn mẫu (xem policykg queries)")
    p.add_argument("--file", metavar="TỆP", help="chạy tệp .rq này")
    p.add_argument("--param", action="append", metavar="KHÓA=GIÁ_TRỊ", help="một tham số (dùng nhiều lần được)")
    p.add_argument("--format", choices=["table", "csv", "json", "xlsx"], default="table", help="định dạng (mặc định table)")
    p.add_argument("-o", "--output", metavar="TỆP", help="tệp ghi ra (bắt buộc với xlsx)")
    p.add_argument("--timeout", type=float, default=5.0, metavar="GIÂY", help="dừng truy vấn sau số giây này (mặc định 5)")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="ngôn ngữ của tên cột và thông báo (mặc định vi)")
    p.add_argument("--allow-update", action="store_true", help="quản trị: chạy câu lệnh SPARQL UPDATE trên kho")
    p.add_argument("--allow-service", action="store_true",
                   help="quản trị: cho phép SERVICE (và LOAD trong câu lệnh cập nhật): kho sẽ gửi yêu cầu tới máy chủ khác")
    p.set_defaults(func=cmd_query)
    p = with_csv(with_store(command("audit", help="địa phương nào chưa có kế hoạch thực hiện một văn bản")))
    p.add_argument("--root", default="25-CT/TW", metavar="VĂN_BẢN", help="văn bản (mặc định 25-CT/TW)")
    p.add_argument("--level", choices=["province", "district", "commune"],
                   help="cấp: province (tỉnh), district (huyện) hoặc commune (xã, phường, đặc khu của bản đồ từ 1/7/2025); "
                        "mặc định: tỉnh với văn bản trung ương")
    p.add_argument("--province", metavar="TỈNH", help="chỉ các huyện của tỉnh này")
    p.add_argument("--as-of", dest="as_of", metavar="NGÀY",
                   help="tình hình đúng hạn và các kế hoạch còn hiệu lực đến ngày này, dd/mm/yyyy hoặc yyyy-mm-dd (mặc định: hôm nay)")
    p.add_argument("--map", choices=["pre2025", "2025"],
                   help="bản đồ hành chính: pre2025 (trước 1/7/2025) hoặc 2025 (mặc định: bản đồ của ngày văn bản)")
    p.add_argument("--status", action="append", choices=["held", "cited-only", "missing"], metavar="TÌNH_TRẠNG",
                   help="chỉ các địa phương có tình trạng này: held (đã có toàn văn), cited-only (chỉ được dẫn chiếu), "
                        "missing (chưa có); dùng nhiều lần được")
    p.add_argument("--by-province", action="store_true", dest="by_province",
                   help="bảng số địa phương theo tỉnh (đã có toàn văn, chỉ được dẫn chiếu, chưa có)")
    p.add_argument("--format", choices=["table", "csv", "json", "xlsx", "docx"], default="table",
                   help="định dạng (mặc định table; docx: báo cáo Word để gửi)")
    p.add_argument("-o", "--output", metavar="TỆP", help="tệp ghi ra (bắt buộc với xlsx và docx)")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="ngôn ngữ (mặc định vi)")
    p.set_defaults(func=cmd_audit)
    p = with_csv(with_store(command("coverage", help="kế hoạch nhận và bỏ sót nhiệm vụ nào của kế hoạch cấp trên giao cho cấp mình")))
    p.add_argument("child", metavar="VĂN_BẢN", help="kế hoạch cấp dưới (số hiệu hoặc IRI)")
    p.add_argument("--parent", metavar="VĂN_BẢN", help="kế hoạch cấp trên (mặc định: mọi văn bản đã có toàn văn mà nó thực hiện)")
    p.add_argument("--format", choices=["table", "csv", "json", "xlsx"], default="table", help="định dạng (mặc định table)")
    p.add_argument("-o", "--output", metavar="TỆP", help="tệp ghi ra (bắt buộc với xlsx)")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="ngôn ngữ (mặc định vi)")
    p.set_defaults(func=cmd_coverage)
    p = with_csv(with_store(command("search", help="tìm trong toàn văn các văn bản đã có (không cần dấu, chịu được lỗi OCR)")))
    p.add_argument("query", metavar="TỪ_KHÓA", help="từ cần tìm, có dấu hay không dấu: \"y te co so\"")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="số đoạn tối đa (mặc định 20)")
    p.add_argument("--format", choices=["table", "csv", "json", "xlsx"], default="table", help="định dạng (mặc định table)")
    p.add_argument("-o", "--output", metavar="TỆP", help="tệp ghi ra (bắt buộc với xlsx)")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="ngôn ngữ (mặc định vi)")
    p.set_defaults(func=cmd_search)
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
        fail(error_text(exc, getattr(args, "lang", "vi")), getattr(args, "lang", "vi"))
        return 1
