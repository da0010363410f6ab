"""Every field of the parse record is in docs/parser.md's picture of the record ('The record'),
the fields of parser 2.1 (issue 16: due dates, entry into force, changes) among them: a field
added to the record without a line there fails here."""
import re
from pathlib import Path

from test_history_graph import NEW
from test_plan_due import PROVINCIAL

from policykg.loaders import parse_text

DOC = Path(__file__).resolve().parents[1] / "docs" / "parser.md"


def record_block() -> str:
    text = DOC.read_text("utf-8")
    m = re.search(r"### The record\s*```\n(.*?)```", text, re.S)
    assert m, "docs/parser.md has lost its picture of the record"
    return m.group(1)


def test_every_record_field_is_documented():
    block = record_block()
    named = set(re.findall(r'"([a-z_]+)"', block))
    due = parse_text(PROVINCIAL.format(no=1, day=10, month=6, year=2024,
                                       sentence="Xây dựng kế hoạch thực hiện, hoàn thành trước ngày 30/6/2024."))
    changed = parse_text(NEW)
    assert due["expected_implementers"][0]["due"] == "2024-06-30" and changed["changes"] and changed["entry_into_force"]
    fields = set(due) | set(due["document"]) | set(due["expected_implementers"][0]) | set(changed["changes"][0]) \
        | set(changed["entry_into_force"])
    assert fields - named == set()
