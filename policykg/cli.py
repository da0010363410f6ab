"""The `policykg` command line. Each command mirrors a library function."""
import argparse
import json
import sys
from pathlib import Path

from .loaders import ParseError, parse_file

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policykg", description="Knowledge graph of Vietnamese health policy")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="read policy documents into structured records")
    p.add_argument("files", nargs="*", help="documents (default: the bundled corpus)")
    p.add_argument("--json", action="store_true", help="print the record as JSON")
    p.set_defaults(func=cmd_parse)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
