"""The typed record (loaders/model.py): the contract between loaders/ and graph/.

It must read and write the JSON shape `policykg parse --json` prints, key for key, for the
records written by hand and for every document the parser reads; and the speed-ups that
put a lookahead in front of a regex must find exactly what the regex found without it.
"""
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from policykg.loaders import ParseError, Record, parse_file, parse_record, parse_text
from policykg.loaders.model import Duty, Indicator, Source, Target, Task

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
HAND_RECORDS = sorted((TESTS / "expected").glob("*.record.json")) + sorted((TESTS / "dev" / "expected").glob("*.record.json"))
DOCUMENTS = sorted((ROOT / "data" / "corpus").glob("*.txt")) + sorted((TESTS / "documents").iterdir()) \
    + sorted((TESTS / "dev" / "documents").glob("*.md"))
DEV_CORPUS = ROOT.parent / "shared" / "dev-corpus" / "documents"


@pytest.mark.parametrize("path", HAND_RECORDS, ids=lambda p: p.name.split(".")[0])
def test_hand_records_round_trip(path):
    d = json.loads(path.read_text("utf-8"))
    record = Record.from_dict(d)
    assert record.to_dict() == d
    assert record.document.id == d["document"]["id"] and record.document.issuer == d["document"]["issuer"]
    assert all(isinstance(t, Target) for ind in record.indicators for t in ind.targets)
    assert all(isinstance(t, Task) for t in record.tasks)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_parse_records_round_trip(path):
    try:
        d = parse_file(path)
    except ParseError:
        return  # a refused document (the news item) has no record
    back = Record.from_dict(json.loads(json.dumps(d, ensure_ascii=False))).to_dict()
    assert back == d
    assert json.dumps(back, ensure_ascii=False) == json.dumps(d, ensure_ascii=False)  # the key order too


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="needs ../shared/dev-corpus (absent in a user's checkout)")
def test_every_dev_corpus_record_round_trips():
    seen = 0
    for path in sorted(DEV_CORPUS.iterdir()):
        try:
            d = parse_file(path)
        except ParseError:
            continue
        assert Record.from_dict(d).to_dict() == d, path.name
        seen += 1
    assert seen > 400


def test_the_typed_record_is_the_dict_record():
    text = (ROOT / "data" / "corpus" / "003_de43d9b20077fde2.txt").read_text("utf-8")
    record = parse_record(text)
    assert record.to_dict() == parse_text(text)
    assert record.document.id == "542/KH-UBND"
    assert record.implements == ["281/QĐ-TTg", "1093/QĐ-BYT", "229-KH/TU"]
    assert all(isinstance(d, Duty) for d in record.duties) and record.duties
    assert record.spans["document.title"] == parse_text(text)["spans"]["document.title"]


def test_keys_a_record_lacks_stay_absent_and_unknown_keys_are_kept():
    d = {"document": {"id": "1/KH-UBND", "plan_due": "2026-01-31"}, "implements": [], "based_on": [], "cited": [],
         "indicators": [{"section": None, "from": "prose", "no": "a", "name": "Tỷ lệ", "unit": "%", "baseline": None,
                         "targets": [{"year": 2030, "value": "80%", "number": 80, "comparator": "≥"}],
                         "reporting_unit": None}],
         "tasks": [], "responsibilities": [], "expected_implementers": [], "recipients": [], "history": [{"id": "x"}]}
    record = Record.from_dict(d)
    out = record.to_dict()
    assert out == d
    assert "duties" not in out and "spans" not in out and "source" not in out
    assert record.duties == [] and record.spans == {}
    assert isinstance(record.indicators[0], Indicator) and record.indicators[0].from_ == "prose"
    assert out["indicators"][0]["targets"][0]["number"] == 80 and isinstance(out["indicators"][0]["targets"][0]["number"], int)


def test_source_keys_are_written_only_when_there_are_pages():
    assert Source("docx").to_dict() == {"format": "docx"}
    pdf = Source("pdf", pages=[[0, 10, 1]], span_pages={"document.id": [1]}, ocr_pages=[1])
    assert Record(source=pdf).to_dict()["source"] == {"format": "pdf", "pages": [[0, 10, 1]],
                                                      "span_pages": {"document.id": [1]}, "ocr_pages": [1]}
    assert "source" not in Record().to_dict()


def test_the_graph_reads_a_record_loaded_from_json_as_the_parsed_one():
    from policykg.graph.rdf import record_quads

    path = ROOT / "data" / "corpus" / "000_4b541d80a1f56cd0.txt"
    text = path.read_text("utf-8")
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)

    def quads(record):
        return [str(q) for q in record_quads(record, text, file_name="x.txt", sha="0" * 64, loaded_at=when,
                                             parser_version="t")[1]]

    parsed = parse_record(text)
    assert quads(Record.from_dict(json.loads(json.dumps(parsed.to_dict())))) == quads(parsed)


# -- regexes with a lookahead in front: the same matches as without it -----------------
def _without_lookahead(rx: re.Pattern) -> re.Pattern:
    pattern = re.sub(r"^\(\?=(?:\[(?:\\.|[^\]\\])*\]|\\\*)\)", "", rx.pattern, count=1)
    assert pattern != rx.pattern
    return re.compile(pattern, rx.flags)


def _texts():
    from policykg.loaders.extract import extract

    out = []
    for path in DOCUMENTS:
        out.append(extract(path.read_bytes(), path.name).text)
    return out


def test_lookahead_regexes_find_what_they_found_without_it():
    from policykg.base.text import fold
    from policykg.loaders.citations import CITATION_RE
    from policykg.loaders.structure import _ITALIC_RE
    from policykg.loaders.text import _MARKUP, make_source_text

    for text in _texts():
        st = make_source_text(text)
        for rx, subject in ((_MARKUP, text), (_ITALIC_RE, st.clean), (CITATION_RE, st.fold), (CITATION_RE, fold(text))):
            plain = _without_lookahead(rx)
            assert [(m.span(), m.lastgroup) for m in rx.finditer(subject)] == \
                [(m.span(), m.lastgroup) for m in plain.finditer(subject)]


def test_every_document_kind_starts_with_a_letter_the_citation_lookahead_allows():
    from policykg.base.vocab import DOC_TYPES
    from policykg.loaders.citations import CITATION_RE

    allowed = set(re.match(r"\(\?=\[([^\]]*)\]\)", CITATION_RE.pattern).group(1).replace("0-9", ""))
    for pattern, _ in DOC_TYPES:
        first = pattern[1:pattern.index("]")] if pattern.startswith("[") else pattern[0]
        assert set(first) <= allowed, pattern


def test_outline_markers_by_first_character_answer_as_every_marker_tried():
    from policykg.loaders import structure as s

    def every(text):
        for kind, rx in s._MARKERS:
            m = rx.match(text)
            if m:
                if kind == "roman" and not m.group("m"):
                    continue
                if kind == "letter" and text[m.end("m"):m.end("m") + 1] == "." and len(text) > m.end() \
                        and text[m.end()].islower():
                    continue
                return kind, m.group("m"), m.end()
        return "para", None, 0

    for text in _texts():
        for line in text.split("\n"):
            for t in (line.strip(s._JUNK), line):
                assert s._marker(t) == every(t), t
