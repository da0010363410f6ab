"""Coverage of a parent plan's tasks: which of the tasks the parent gives this plan's level
the plan takes up, and which it leaves out.

A parent task is addressed to the child's level by its lead agency: 'UBND các huyện' /
'UBND cấp huyện' for a district's plan, 'UBND cấp xã' for a commune's, the department
itself ('Sở Y tế') or 'các sở, ngành' for a department's, 'Trung tâm Y tế huyện' for a
district health centre's, the provinces for a province's. (When the parent names none of
them, every parent task is compared, and the result says so.) A parent task is taken up
when one of the child's tasks (table rows and duties in prose) says the same work:
RapidFuzz's token-set similarity of the two folded texts at least THRESHOLD.

THRESHOLD was chosen on hand-labelled pairs (tests/coverage/labelled_pairs.json: 148
pairs of parent and child tasks from the bundled corpus, 8 the same): the value with the
best F1, 0.67 (precision 0.71, recall 0.63); tests/test_coverage.py recomputes it.

    >>> result = coverage(store, child_iri)
    >>> [(r["status"], r["parent_task"]) for r in result["parents"][0]["rows"]]
"""
import re
from dataclasses import dataclass

from pyoxigraph import NamedNode, Variable
from rapidfuzz import fuzz

from policykg.base.text import fold
from policykg.base.vocab import expand_abbreviations

from .cascade import document_attributes
from .rdf import demanded_level

THRESHOLD = 68.0


def normalise(text: str) -> str:
    """Folded (lower case, no diacritics: OCR text compares with clean text), one space."""
    return " ".join(fold(text).split())


def similarity(a: str, b: str) -> float:
    """0–100: how far two tasks say the same work (word order and extra words aside)."""
    return fuzz.token_set_ratio(normalise(a), normalise(b))


def addressed_to(agency: str, level: str | None, issuer: str | None) -> bool:
    """Does a parent task led by `agency` (several joined by '; ', as pkg:leadText writes
    them) fall to a plan of this issuer and level?"""
    parts = [a.strip() for a in agency.split(";") if a.strip()]
    if len(parts) > 1:
        return any(_addressed(a, level, issuer) for a in parts)
    return _addressed(agency, level, issuer)


def _addressed(agency: str, level: str | None, issuer: str | None) -> bool:
    f = " ".join(fold(expand_abbreviations(agency)).split())
    if not f:
        return False
    whole = demanded_level(agency)
    if level in ("district-people-committee", "district-party"):
        return whole == "district"
    if level == "commune":
        return whole == "commune"
    if level == "district-health-centre":
        return "trung tam y te" in f and "tinh" not in f
    if level == "provincial-department":
        name = " ".join(fold(expand_abbreviations(issuer or "")).split())
        own = re.sub(r"\s+(?:tinh|thanh pho)\b.*$", "", name)  # 'sở y tế tỉnh nghệ an' → 'sở y tế'
        return whole == "department" and f.startswith("cac ") or bool(own) and f == own
    if level in ("provincial-people-committee", "provincial-party", "provincial-council"):
        return bool(re.search(r"(?:uy ban nhan dan|chu tich uy ban nhan dan|tinh uy|thanh uy)\s+(?:cac|cap)\s+tinh"
                              r"|\bcac tinh\b|cac dia phuong|cap tinh", f))
    return False


@dataclass
class Task:
    iri: str
    no: str | None
    text: str
    lead: str
    start: int | None


def plan_tasks(store, plan: str) -> list[Task]:
    """A plan's tasks (table rows and duties in prose), in the order of its text."""
    rows = store.query("""SELECT ?d ?t ?no ?name ?lead ?start WHERE { GRAPH ?g { ?t p-plan:isStepOfPlan ?d ; dct:title ?name .
        OPTIONAL { ?t pkg:no ?no } OPTIONAL { ?t pkg:leadText ?lead } OPTIONAL { ?t pkg:evidence/oa:start ?start } } }""",
                       substitutions={Variable("d"): NamedNode(plan)})
    tasks = [Task(r["t"].value, r["no"].value if r["no"] else None, r["name"].value, r["lead"].value if r["lead"] else "",
                  int(r["start"].value) if r["start"] else None) for r in rows]
    return sorted({t.iri: t for t in tasks}.values(), key=lambda t: (t.start is None, t.start or 0, t.iri))


def held_parents(store, child: str) -> list[str]:
    """The held documents the child carries out (directly)."""
    rows = store.query("""SELECT DISTINCT ?d ?p WHERE { GRAPH graph:catalog { ?d eli:ensures_implementation_of ?p . ?p a pkg:HeldDocument } }""",
                       substitutions={Variable("d"): NamedNode(child)})
    return sorted(r["p"].value for r in rows)


def compare(parent_tasks: list[Task], child_tasks: list[Task], level: str | None, issuer: str | None) -> dict:
    """Each parent task addressed to the level, with the child's closest task and whether it is taken up."""
    addressed = [t for t in parent_tasks if addressed_to(t.lead, level, issuer)]
    scope = "level" if addressed else "all"
    rows = []
    texts = [normalise(c.text) for c in child_tasks]
    for p in addressed or parent_tasks:
        best, score = None, 0.0
        if texts:
            # one call per parent task over every child task (RapidFuzz's C++ loop)
            from rapidfuzz import process

            hit = process.extractOne(normalise(p.text), texts, scorer=fuzz.token_set_ratio)
            if hit is not None:
                score, best = float(hit[1]), child_tasks[hit[2]]
        rows.append({"status": "taken-up" if best is not None and score >= THRESHOLD else "left-out",
                     "parent_no": p.no, "parent_task": p.text, "parent_lead": p.lead,
                     "child_no": best.no if best else None, "child_task": best.text if best else None,
                     "child_lead": best.lead if best else None, "score": round(score, 1)})
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("taken-up", "left-out")}
    return {"scope": scope, "rows": rows, "counts": counts}


def coverage(store, child: str, parent: str | None = None) -> dict:
    """For the child plan and each held plan it carries out (or `parent`), the parent's
    tasks addressed to the child's level, taken up or left out."""
    parents = [parent] if parent else held_parents(store, child)
    attrs = document_attributes(store, [child, *parents], ("id", "title", "issuer", "level", "held"))
    level = (attrs[child]["level"] or "").rsplit("level-", 1)[-1] or None
    child_tasks = plan_tasks(store, child)
    out = []
    for p in parents:
        result = compare(plan_tasks(store, p), child_tasks, level, attrs[child]["issuer"])
        out.append({"parent": p, "parent_id": attrs[p]["id"], "parent_title": attrs[p]["title"], **result})
    return {"child": child, "child_id": attrs[child]["id"], "level": level, "threshold": THRESHOLD,
            "child_tasks": len(child_tasks), "parents": out}


COLUMNS = ("status", "parent_no", "parent_task", "parent_lead", "child_no", "child_task", "score")


def coverage_table(part: dict, lang: str = "vi") -> tuple[list[str], list[list]]:
    """Header and rows of one parent's comparison, for the table, CSV and Excel outputs."""
    from policykg.base.i18n import t

    header = [t(f"coverage.col.{c}", lang) for c in COLUMNS]
    rows = [[t(f"coverage.{r['status']}", lang) if c == "status" else r[c] for c in COLUMNS] for r in part["rows"]]
    return header, rows
