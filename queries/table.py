"""A saved query as a labelled table: the one way the CLI and the app's pages run one.

    >>> from policykg.queries import QueryRunner, run_saved
    >>> with QueryRunner("/path/to/store") as runner:
    ...     table = run_saved(runner, "agency_tasks", {"agency": "Sở Y tế"})
    >>> table.header("en"), table.rows[0]

It binds the parameters (checked by type, `catalog.bind`), runs the query in the runner
(time-limited, read-only), labels each column in Vietnamese and English from the query's
header, and leaves out the columns nobody reads in a table: the bound parameters (one
value on every row) and the IRIs kept for links (`plan`, `doc`).
"""
import datetime as dt
import logging
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from policykg.base.formats import name_key

from .catalog import SavedQuery, bind, get, without_comments
from .formats import XSD, term_value
from .runner import QueryRunner, QueryTimeout, Result

log = logging.getLogger(__name__)

# Columns holding the IRI of a plan or document: the key of a row, not something to read.
IRI_COLUMNS = ("plan", "doc")
# The visible column that names each IRI column's document (the app links it to the document).
ID_COLUMNS = {"plan": "plan_id", "doc": "doc_id"}
LANGS = ("vi", "en")


@dataclass(frozen=True)
class Column:
    name: str                     # the SPARQL variable
    labels: dict[str, str]        # {'vi': …, 'en': …}

    def label(self, lang: str = "vi") -> str:
        return self.labels.get(lang) or self.labels.get("vi") or self.name


@dataclass
class Table:
    """A query's answer ready to show or export: visible columns only, plain values."""
    name: str                                  # the saved query's name ('sparql' for a free query)
    title: dict[str, str]
    kind: str                                  # 'select' | 'ask' | 'graph'
    columns: list[Column] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)   # the result's columns left out
    boolean: bool | None = None                # an ASK query's answer
    truncated: bool = False                    # the row limit cut the answer
    seconds: float = 0.0
    cached: bool = False                       # the runner's answer kept from an earlier run
    links: dict[str, list] = field(default_factory=dict)   # {id column: the row's document IRI, per row}

    def header(self, lang: str = "vi") -> list[str]:
        return [c.label(lang) for c in self.columns]

    def records(self) -> list[dict]:
        """Rows as {column name: value}, for charts and JSON."""
        names = [c.name for c in self.columns]
        return [dict(zip(names, row, strict=False)) for row in self.rows]


def cell_value(term):
    """A result term as a table's cell: its Python value, and an xsd:date or xsd:dateTime as a
    date, so that every page and export shows it dd/mm/yyyy (its text is ISO)."""
    if term is None:
        return None
    if term.datatype in _DATES:  # a set look-up: a table of 10,000 rows has 100,000 cells
        return term_value(term)
    return term.python()


_DATES = {XSD + "date", XSD + "dateTime"}


_ORDER_RE = re.compile(r"\bORDER\s+BY\s+(.*?)(?:\bLIMIT\b|\bOFFSET\b|$)", re.IGNORECASE | re.DOTALL)
_ORDER_KEY_RE = re.compile(r"(?:(ASC|DESC)\s*\(\s*[?$](\w+)\s*\)|[?$](\w+))", re.IGNORECASE)


def order_keys(sparql: str) -> list[tuple[str, bool]] | None:
    """The variables of the query's outer ORDER BY as (name, descending), or None when it
    has none or orders by an expression (then the engine's order stays)."""
    text = without_comments(sparql)
    match = _ORDER_RE.search(text[text.rfind("}") + 1:])
    if not match:
        return None
    clause = match.group(1).strip()
    keys = [(m.group(2) or m.group(3), (m.group(1) or "").upper() == "DESC") for m in _ORDER_KEY_RE.finditer(clause)]
    return keys if keys and not _ORDER_KEY_RE.sub("", clause).strip() else None


def _order_value(value) -> tuple:
    """A value's place in a Vietnamese ORDER BY: unbound first, then numbers, dates, and names
    in Vietnamese alphabetical order (SPARQL engines compare strings by code point: 'Đắk Lắk'
    after 'Yên Bái', 'Ủy ban' after every plain letter)."""
    if value is None:
        return (0, 0)
    if isinstance(value, (bool, int, float, Decimal)):
        return (1, value)
    if isinstance(value, (dt.date, dt.datetime)):
        return (2, value.isoformat())
    return (3, name_key(value))


def vietnamese_order(result: Result, keys: list[tuple[str, bool]] | None) -> list[int]:
    """The rows' indices in the ORDER BY's order with names compared in Vietnamese (stable: rows
    equal on every key keep the engine's order). A key the query does not project: as it came."""
    indices = list(range(len(result.rows)))
    if not keys or any(name not in result.columns for name, _ in keys):
        return indices
    for name, descending in reversed(keys):
        at = result.columns.index(name)
        values = [_order_value(None if term is None else term.python()) for term in (row[at] for row in result.rows)]
        indices.sort(key=values.__getitem__, reverse=descending)
    return indices


def as_table(result: Result, query: SavedQuery | None = None, hidden=(), sparql: str | None = None) -> Table:
    """A runner's result as a Table: labels from the query's header, `hidden` columns and
    the IRI columns left out, the others in the header's order (the key columns first, as
    its description says; columns it does not list after them). The rows in the order of
    `sparql`'s ORDER BY with names in Vietnamese order (`vietnamese_order`)."""
    if sparql and result.rows:
        ordered = vietnamese_order(result, order_keys(sparql))
        if ordered != list(range(len(result.rows))):
            result = replace(result, rows=[result.rows[i] for i in ordered])
    leave_out = set(hidden) | set(IRI_COLUMNS)
    order = list(query.columns) if query else []
    keep = sorted((i for i, c in enumerate(result.columns) if c not in leave_out),
                  key=lambda i: (order.index(result.columns[i]) if result.columns[i] in order else len(order), i))
    columns = [Column(c, {lang: query.label(c, lang) if query else c for lang in LANGS})
               for c in (result.columns[i] for i in keep)]
    rows = [[cell_value(v) for v in (row[i] for i in keep)] for row in result.rows]
    links = {}
    for iri_column, id_column in ID_COLUMNS.items():
        if iri_column in result.columns and id_column in result.columns:
            at = result.columns.index(iri_column)
            links[id_column] = [term.value if term is not None and term.kind == "iri" else None
                                for term in (row[at] for row in result.rows)]
    return Table(query.name if query else "sparql", dict(query.title) if query else {"vi": "SPARQL", "en": "SPARQL"},
                 result.kind, columns, rows, [c for c in result.columns if c in leave_out], result.boolean,
                 result.truncated, result.seconds, result.cached, links)


def run_saved(runner: QueryRunner, query: SavedQuery | str | None, values: dict[str, str] | None = None, *,
              sparql: str | None = None, timeout: float | None = None, today: dt.date | None = None) -> Table:
    """Run a saved query (by name or SavedQuery) with these parameter values as a Table.

    `sparql`: the query's text as the user edited it (the app's editor); the parameters
    it no longer projects are not bound. With `query` None it is a free SPARQL query, run
    as written. Raises QueryError (bad value, syntax, refused update) or QueryTimeout.
    """
    if isinstance(query, str):
        query = get(query)
    if sparql is not None:
        text = sparql
    elif query is not None:
        text = query.sparql
    else:
        raise ValueError("run_saved: a saved query or a SPARQL text")
    bindings = bind(query, values or {}, today=today) if query else {}
    name = query.name if query else "sparql"
    try:
        # the user's text: the worker finds its projection, inside the time limit
        result = runner.run(text, bindings, timeout=timeout, projected_only=sparql is not None)
    except QueryTimeout as exc:
        log.info("query %s timed out on %s: %s", name, runner.store_path, exc)  # the caller tells the user
        raise
    log.debug("query %s: %d rows in %.2f s", name, len(result.rows), result.seconds)
    return as_table(result, query, bindings, text)
