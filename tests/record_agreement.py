"""How close a record read from another format comes to the record read from the text.

Per field, a number in [0, 1]: the share of the document's metadata that is equal, and
for the lists (implements, based_on, cited, indicators, tasks) the F1 of the items
matched (ids for documents; for indicator rows and tasks a name at least 90 % similar,
then their values, agencies and deadlines compared).
"""
import difflib

from policykg.loaders.text import fold

DOCUMENT_FIELDS = ("id", "type", "issuer", "issuer_level", "province", "district", "date", "place", "title", "signer")


def _f1(expected: list, got: list) -> float:
    if not expected and not got:
        return 1.0
    exp, hit = list(expected), 0
    for g in got:
        if g in exp:
            exp.remove(g)
            hit += 1
    return 2 * hit / (len(expected) + len(got))


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio()


def _matched(expected: list[dict], got: list[dict], same) -> float:
    """F1 where an item of `got` counts when its best name match in `expected` is `same`."""
    if not expected and not got:
        return 1.0
    left, hit = list(expected), 0
    for g in got:
        best = max(left, key=lambda e: _similar(e["name"], g["name"]), default=None)
        if best is not None and _similar(best["name"], g["name"]) >= 0.9:
            left.remove(best)
            hit += same(best, g)
    return 2 * hit / (len(expected) + len(got))


def agreement(expected: dict, got: dict) -> dict[str, float]:
    de, dg = expected["document"], got["document"]
    return {
        "document": sum(de[f] == dg[f] for f in DOCUMENT_FIELDS) / len(DOCUMENT_FIELDS),
        "implements": _f1(expected["implements"], got["implements"]),
        "based_on": _f1(expected["based_on"], got["based_on"]),
        "cited": _f1([c["id"] for c in expected["cited"]], [c["id"] for c in got["cited"]]),
        "indicators": _matched(expected["indicators"], got["indicators"],
                               lambda e, g: [t["value"] for t in e["targets"]] == [t["value"] for t in g["targets"]]),
        "tasks": _matched(expected["tasks"], got["tasks"],
                          lambda e, g: (e["lead"], e["coordinating"], e["deadline"]) == (g["lead"], g["coordinating"], g["deadline"])),
    }
