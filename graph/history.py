"""Which document is in force on a chosen date, and each document's history.

A document is in force on a day when it has entered into force by then (its
eli:first_date_entry_in_force, else its date) and is not yet out of force: no
eli:date_no_longer_in_force on or before that day, stated by itself ('… có hiệu lực đến
hết ngày …') or by the document that replaces or repeals it (from that one's entry into
force, or the day it states). An amendment leaves it in force. A replaced document gives
way to its replacement (followed as far as it goes):

    >>> h = load_history(store)
    >>> h.in_force(old_plan, "2025-01-01"), h.current(old_plan, "2025-01-01") == new_plan
    (False, True)

What is read comes from graph:catalog (each statement once; identity links resolved) and
from the change nodes (loaders/history.py via graph/rdf.py), so a citation without a year
that names the replaced plan still reaches the plan's own node.
"""
import datetime as dt
from dataclasses import dataclass, field

from .cascade import document_attributes
from .namespaces import IDENTITY_GRAPH
from .timeliness import today_in_vietnam

KIND_ORDER = {"replaces": 0, "repeals": 1, "amends": 2}


@dataclass(frozen=True)
class Change:
    kind: str              # 'replaces' | 'amends' | 'repeals'
    source: str            # the changing document's IRI
    target: str            # the changed document's IRI (identity resolved)
    date: str | None       # the day it takes effect
    date_text: str | None
    quote: str | None


@dataclass
class History:
    """Every change in the store, and the dates of the documents asked about."""
    changes: list[Change]
    starts: dict[str, str | None] = field(default_factory=dict)   # entry into force (else date)
    ends: dict[str, str | None] = field(default_factory=dict)     # first day no longer in force
    by_target: dict[str, list[Change]] = field(default_factory=dict)
    by_source: dict[str, list[Change]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for c in self.changes:
            self.by_target.setdefault(c.target, []).append(c)
            self.by_source.setdefault(c.source, []).append(c)

    def state(self, iri: str, on: str | dt.date) -> str:
        """'in-force', 'not-yet', 'replaced', 'repealed' or 'expired' on the day."""
        day = str(on)
        start = self.starts.get(iri)
        if start is not None and start > day:
            return "not-yet"
        end = self.ends.get(iri)
        if end is not None and end <= day:
            ended = [c for c in self.by_target.get(iri, []) if c.kind != "amends" and (c.date or "") <= day]
            if any(c.kind == "replaces" for c in ended):
                return "replaced"
            return "repealed" if ended else "expired"
        return "in-force"

    def in_force(self, iri: str, on: str | dt.date) -> bool:
        return self.state(iri, on) == "in-force"

    def replacements(self, iri: str, on: str | dt.date) -> list[str]:
        """The documents that replaced this one by the day."""
        return sorted({c.source for c in self.by_target.get(iri, []) if c.kind == "replaces" and (c.date or "") <= str(on)})

    def current(self, iri: str, on: str | dt.date) -> str | None:
        """The document in force on the day in this one's place: itself, the replacement that
        is (followed as far as it goes), or None (repealed, expired, not yet in force)."""
        seen: set[str] = set()
        todo = [iri]
        while todo:
            doc = todo.pop(0)
            if doc in seen:
                continue
            seen.add(doc)
            if self.in_force(doc, on):
                return doc
            todo += self.replacements(doc, on)
        return None


_CHANGES = f"""SELECT ?source ?kind ?target ?date ?text ?quote WHERE {{
    GRAPH ?g {{ ?source pkg:change ?c . ?c pkg:changeKind ?kind ; pkg:changedDocument ?t .
               OPTIONAL {{ ?c pkg:effectiveDate ?date }} OPTIONAL {{ ?c pkg:dateText ?text }}
               OPTIONAL {{ ?c pkg:evidence/oa:exact ?quote }} }}
    OPTIONAL {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?t pkg:resolvedTo ?r }} }}
    BIND (COALESCE(?r, ?t) AS ?target) }}"""


def load_history(store, iris=()) -> History:
    """The changes of the whole store, with the dates of `iris` and of every document a
    change names (two small reads: change nodes are few, dates by VALUES)."""
    changes = sorted({Change(r["kind"].value, r["source"].value, r["target"].value,
                             r["date"].value if r["date"] else None, r["text"].value if r["text"] else None,
                             r["quote"].value if r["quote"] else None) for r in store.query(_CHANGES)},
                     key=lambda c: (c.date or "", KIND_ORDER.get(c.kind, 9), c.source, c.target))
    history = History(changes)
    docs = set(iris) | {c.source for c in changes} | {c.target for c in changes}
    dates_of(store, docs, history)
    return history


def dates_of(store, iris, history: History) -> None:
    """Fill in entry into force (else date) and end of force for these documents."""
    todo = sorted(set(iris) - set(history.starts))
    for i in range(0, len(todo), 500):
        values = " ".join(f"<{d}>" for d in todo[i:i + 500])
        rows = store.query(f"""SELECT ?d (MIN(?entry_) AS ?entry) (MIN(?date_) AS ?date) (MIN(?end_) AS ?end) WHERE {{
            VALUES ?d {{ {values} }}
            OPTIONAL {{ GRAPH graph:catalog {{ ?d eli:first_date_entry_in_force ?entry_ }} }}
            OPTIONAL {{ GRAPH graph:catalog {{ ?d eli:date_document ?date_ }} }}
            OPTIONAL {{ GRAPH graph:catalog {{ ?d eli:date_no_longer_in_force ?end_ }} }} }} GROUP BY ?d""")
        for r in rows:
            d = r["d"].value
            history.starts[d] = (r["entry"] or r["date"]).value if (r["entry"] or r["date"]) else None
            history.ends[d] = r["end"].value if r["end"] else None


def in_force_on(store, on: str | dt.date, iris) -> dict[str, str | None]:
    """{document: the document in force in its place on the day, or None}."""
    history = load_history(store, iris)
    return {d: history.current(d, on) for d in iris}


def document_history(store, iri: str, on: str | dt.date | None = None) -> dict:
    """The document page's status and history: its state on the day (today by default), its
    entry into force and end, the documents that changed it and those it changes (id, date,
    quote), oldest first."""
    history = load_history(store, [iri])
    day = str(on or today_in_vietnam())  # the officer's today, not the server's (UTC)
    related = {c.source for c in history.by_target.get(iri, [])} | {c.target for c in history.by_source.get(iri, [])}
    ids = {d: a["id"] for d, a in document_attributes(store, sorted(related), ("id",)).items()}

    def row(c: Change, other: str) -> dict:
        return {"kind": c.kind, "iri": other, "id": ids.get(other), "date": c.date, "date_text": c.date_text, "quote": c.quote}

    return {
        "state": history.state(iri, day), "on": day,
        "entry_into_force": history.starts.get(iri), "no_longer_in_force": history.ends.get(iri),
        "changed_by": [row(c, c.source) for c in history.by_target.get(iri, [])],
        "changes": [row(c, c.target) for c in history.by_source.get(iri, [])],
        "in_force_instead": history.current(iri, day),
    }
