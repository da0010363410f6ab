"""Every extracted item points at the source text it came from."""
import re
import unicodedata

import pytest
from conftest import corpus_files

from policykg.base.text import fold, squash
from policykg.loaders import decode_bytes

STEMS = [p.stem for p in corpus_files()]


def source(stem):
    path = next(p for p in corpus_files() if p.stem == stem)
    return decode_bytes(path.read_bytes())


def quoted(text, span):
    s, e = span
    return fold(squash(re.sub(r"<[^>]+>|\*\*|#", "", text[s:e])))


@pytest.mark.parametrize("stem", STEMS)
def test_every_item_has_a_span_that_quotes_it(parsed, stem):
    r, text = parsed[stem], source(stem)
    spans = r["spans"]
    assert unicodedata.is_normalized("NFC", text)
    for key in ("cited", "tasks", "indicators", "responsibilities", "expected_implementers", "recipients"):
        for i in range(len(r[key])):
            assert f"{key}[{i}]" in spans, f"{key}[{i}] has no span"
    for i, c in enumerate(r["cited"]):
        assert c["id"].split("/")[0].split("-")[0] in quoted(text, spans[f"cited[{i}]"])
        if c.get("title"):  # the title as the citing text words it (capitals aside)
            assert fold(c["title"])[:30].replace(" ", "") in quoted(text, spans[f"cited[{i}].title"]).replace(" ", "")
    for i, t in enumerate(r["tasks"]):
        q = quoted(text, spans[f"tasks[{i}]"])
        assert fold(t["name"])[:30].replace(" ", "") in q.replace(" ", "")
    for i, ind in enumerate(r["indicators"]):
        q = quoted(text, spans[f"indicators[{i}]"])
        name = ind["name"].split(" - ")[-1] if ind["from"] == "table" and " - " in ind["name"] else ind["name"]
        assert fold(name)[:20].replace(" ", "") in q.replace(" ", ""), ind["name"]
    for i, e in enumerate(r["expected_implementers"]):
        assert quoted(text, spans[f"expected_implementers[{i}]"]).replace(" ", "") == fold(e["quote"]).replace(" ", "")
    for i, rec in enumerate(r["recipients"]):
        assert fold(rec)[:10] in quoted(text, spans[f"recipients[{i}]"])
    if r["document"]["id"]:
        assert r["document"]["number"] in text[slice(*spans["document.id"])]
