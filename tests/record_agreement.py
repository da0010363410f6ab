"""How close a record read from another format comes to the record read from the text.

Per field, a number in [0, 1]: the share of the document's metadata that is equal, and
for the lists (implements, based_on, cited, indicators, tasks) the F1 of the items
matched (ids for documents; for indicator rows and tasks a name at least 90 % similar,
then their values, agencies and deadlines compared).
"""
import difflib

from policykg.base.text import fold

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


def _match_f1(expected: list, got: list, score, threshold: float) -> float:
    """F1 of a greedy one-to-one matching where a pair counts when `score(e, g)` ≥ threshold."""
    if not expected and not got:
        return 1.0
    left, hit = list(expected), 0
    for g in got:
        best = max(left, key=lambda e: score(e, g), default=None)
        if best is not None and score(best, g) >= threshold:
            left.remove(best)
            hit += 1
    return 2 * hit / (len(expected) + len(got))


def _agencies(duty: dict) -> set[str]:
    return {fold(a).strip() for a in (duty["agency"] or "").split(";") if a.strip()}


def _duty_score(e: dict, g: dict) -> float:
    """An agency in common (folded; several leads are joined by '; ') and text at least 80 %
    alike over its first 200 characters."""
    if not _agencies(e) & _agencies(g):
        return 0.0
    return _similar(e["text"][:200], g["text"][:200])


def duty_scores(exp_d: list[dict], got_d: list[dict]) -> dict[str, float]:
    """The F1 of the duties matched by agency and text, then of their deadlines and
    coordinating bodies on the matched pairs."""
    return {
        "duties": _match_f1(exp_d, got_d, _duty_score, 0.8),
        "duties.deadline": _match_f1(exp_d, got_d, lambda e, g: _duty_score(e, g) * (e["deadline"] == g["deadline"]), 0.8),
        "duties.coordinating": _match_f1(
            exp_d, got_d,
            lambda e, g: _duty_score(e, g) * ([fold(a) for a in e["coordinating"]] == [fold(a) for a in g["coordinating"]]), 0.8),
    }


def field_scores(expected: dict, got: dict) -> dict[str, float]:
    """Per field of a record written by hand, the F1 of the parser's (1.0 where both are empty):
    the document fields one by one, the id lists, and the item lists matched as
    `agreement` does, duties by agency and text, their coordinating bodies and deadlines
    compared on the matched pairs."""
    de, dg = expected["document"], got["document"]
    out: dict[str, float] = {f"document.{f}": float(de.get(f) == dg.get(f)) for f in DOCUMENT_FIELDS}
    for key in ("implements", "based_on"):
        out[key] = _f1(expected[key], got[key])
    out["cited"] = _f1([c["id"] for c in expected["cited"]], [c["id"] for c in got["cited"]])
    out["indicators"] = _match_f1(expected["indicators"], got["indicators"],
                                  lambda e, g: _similar(e["name"], g["name"]), 0.8)
    out["tasks"] = _match_f1(expected["tasks"], got["tasks"], lambda e, g: _similar(e["name"], g["name"]), 0.9)
    out["responsibilities"] = _f1([fold(r["agency"]) for r in expected["responsibilities"]],
                                  [fold(r["agency"]) for r in got["responsibilities"]])
    out.update(duty_scores(expected.get("duties", []), got.get("duties", [])))
    out["expected_implementers"] = _f1([fold(x["who"]) for x in expected["expected_implementers"]],
                                       [fold(x["who"]) for x in got["expected_implementers"]])
    out["recipients"] = _f1(expected["recipients"], got["recipients"])
    return out


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


def table_scores(expected: dict, got: dict) -> dict[str, float]:
    """For records of a document's tables only (tests/dev/expected/*.tables.json): the F1 of
    its task rows matched by name (90 %), then with the same lead, group and deadline; and of
    the rows of its indicator tables."""
    et, gt = expected["tasks"], got["tasks"]

    def name(e: dict, g: dict) -> float:
        return _similar(e["name"][:200], g["name"][:200])

    def same(key):
        return lambda e, g: name(e, g) * (key(e) == key(g))

    return {
        "tasks": _match_f1(et, gt, name, 0.9),
        "tasks.lead": _match_f1(et, gt, same(lambda t: [fold(a) for a in t["lead"]]), 0.9),
        "tasks.coordinating": _match_f1(et, gt, same(lambda t: [fold(a) for a in t["coordinating"]]), 0.9),
        "tasks.group": _match_f1(et, gt, same(lambda t: t.get("group")), 0.9),
        "tasks.deadline": _match_f1(et, gt, same(lambda t: t["deadline"]), 0.9),
        "indicators": _match_f1(expected["indicators"], [i for i in got["indicators"] if i["from"] == "table"],
                                lambda e, g: _similar(e["name"], g["name"]), 0.8),
    }


def target_scores(expected: dict, got: dict) -> dict[str, float]:
    """For records of a document's targets in prose only (tests/dev/expected/*.targets.json): the
    F1 of its prose indicators matched by name (80 %), then with the same targets (value, year,
    comparator each) and baseline value."""
    ep, gp = expected["indicators"], [i for i in got["indicators"] if i["from"] == "prose"]

    def name(e: dict, g: dict) -> float:
        return _similar(e["name"], g["name"])

    def values(i: dict) -> tuple:
        return ([(t["value"], t["year"], t["comparator"]) for t in i["targets"]], (i["baseline"] or {}).get("value"))

    return {
        "indicators": _match_f1(ep, gp, name, 0.8),
        "indicators.targets": _match_f1(ep, gp, lambda e, g: name(e, g) * (values(e) == values(g)), 0.8),
    }


HEADER_FIELDS = ("id", "type", "date", "issuer", "issuer_level", "province", "title")


def header_scores(expected: dict, got: dict) -> dict[str, float]:
    """For records of a document's header only (tests/dev/expected/*.header.json): each header
    field the record gives, 1.0 when the parser's is equal (a null written by hand must be null)."""
    de, dg = expected["document"], got["document"]
    return {f"document.{f}": float(de[f] == dg.get(f)) for f in HEADER_FIELDS if f in de}
