"""The `policykg` command line. Each command mirrors a library function."""
import argparse
import json
import sys
from pathlib import Path

from .loaders import ParseError, parse_file  # noqa: F401  (ParseError: documented error type)

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


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
        f"   Nhiệm vụ: {len(record['tasks'])}   Trách nhiệm: {len(record['responsibilities'])}",
    ]
    for e in record["expected_implementers"]:
        lines.append(f"  Phải xây dựng kế hoạch: {e['who']}")
    return "\n".join(lines)


def cmd_parse(args) -> int:
    paths = [Path(p) for p in args.files] or sorted(CORPUS.glob("*.txt"))
    status = 0
    records = []
    for path in paths:
        try:
            record = parse_file(path)
        except ParseError as exc:
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
    from tqdm import tqdm

    store = _store(args)
    paths = args.paths or [str(CORPUS)]
    bar = None

    def progress(done: int, total: int, result) -> None:
        nonlocal bar
        if total > 3 and bar is None:
            bar = tqdm(total=total, unit="văn bản", file=sys.stderr, leave=False)
        if bar is not None:
            bar.update(1)

    results = store.load_paths(paths, progress)
    if bar is not None:
        bar.close()
    labels = {"added": "đã nạp", "replaced": "đã thay", "unchanged": "không đổi", "failed": "lỗi"}
    for r in results:
        if r.status == "failed":
            print(f"policykg: error: {r.error}", file=sys.stderr)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policykg", description="Knowledge graph of Vietnamese health policy")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="read policy documents into structured records")
    p.add_argument("files", nargs="*", help="documents (default: the bundled corpus)")
    p.add_argument("--json", action="store_true", help="print the record as JSON")
    p.set_defaults(func=cmd_parse)

    def with_store(p):
        p.add_argument("--store", metavar="DIR",
                       help="store folder (default: $POLICYKG_STORE or ~/.local/share/policykg/store)")
        return p

    p = with_store(sub.add_parser("load", help="parse documents and load them into the graph"))
    p.add_argument("paths", nargs="*", help="files or folders (default: the bundled corpus)")
    p.set_defaults(func=cmd_load)
    p = with_store(sub.add_parser("stats", help="what the graph holds"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)
    p = with_store(sub.add_parser("export", help="write the graph as RDF"))
    p.add_argument("--format", choices=["ttl", "nq", "jsonld"], default="nq")
    p.add_argument("--all", action="store_true", help="include the ontology, gazetteer and indicator scheme")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_export)
    p = with_store(sub.add_parser("drop", help="remove a loaded document"))
    p.add_argument("document", help="document id (201/KH-TTYT), IRI, or file name")
    p.set_defaults(func=cmd_drop)
    p = with_store(sub.add_parser("validate", help="check the graph against the SHACL shapes"))
    p.add_argument("--gazetteer", action="store_true", help="also validate the gazetteer (slow)")
    p.set_defaults(func=cmd_validate)
    p = with_store(sub.add_parser("cascade", help="the cascade of plans below a document"))
    p.add_argument("root", nargs="?", default="25-CT/TW")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cascade)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .graph.store import StoreError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreError as exc:
        print(f"policykg: error: {exc}", file=sys.stderr)
        return 1
