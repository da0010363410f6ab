"""The saved queries: `queries/*.rq`, plain SPARQL with a YAML header in comments.

    # ---
    # title: {vi: Chuỗi triển khai dưới một văn bản, en: The cascade below a document}
    # question: {vi: Những kế hoạch nào triển khai văn bản này?, en: …}
    # description: {vi: …, en: …}
    # parameters:
    #   - name: root_id
    #     type: document
    #     default: 25-CT/TW
    #     label: {vi: Văn bản gốc, en: Root document}
    # columns: {plan_id: {vi: Văn bản, en: Document}, …}   (the order tables show them in)
    # example: policykg query cascade --param root_id=89/QĐ-TTg
    # ---
    SELECT ?root_id ?plan_id … WHERE { ?root eli:id_local ?root_id … }

Parameters are checked by type and made RDF terms; `runner.substitute` puts each bound
variable's serialised term in its place (SEP-0007 substitution: the term is escaped by
pyoxigraph, the user's text is never spliced in as such). A parameter variable must be in
the projection, so the query also runs with pyoxigraph's own `substitutions`.
"""
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from policykg.base.text import fold

from .runner import QueryError, Term

TYPES = ("string", "keyword", "document", "date", "year", "integer", "province", "indicator", "choice")
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass
class Param:
    name: str
    type: str = "string"
    default: str | None = None
    label: dict = field(default_factory=dict)
    values: list | str | None = None  # allowed values, or a query listing them (?value ?label)
    required: bool = False


@dataclass
class SavedQuery:
    name: str
    path: Traversable
    sparql: str
    title: dict
    description: dict
    parameters: list[Param]
    columns: dict
    example: str | None = None
    question: dict = field(default_factory=dict)   # what the query answers, as staff would ask it

    def ask(self, lang: str = "vi") -> str:
        """The plain-language question (the title when the header has none)."""
        return self.question.get(lang) or self.title.get(lang) or self.question.get("vi") or self.title.get("vi") or self.name

    def label(self, column: str, lang: str = "vi") -> str:
        spec = self.columns.get(column) or {}
        return spec.get(lang) or spec.get("vi") or column


def parse_header(text: str, name: str) -> tuple[dict, str]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "# ---":
        raise QueryError(f"{name}: the query has no '# ---' header")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "# ---"), None)
    if end is None:
        raise QueryError(f"{name}: the header is not closed with '# ---'")
    body = "\n".join(ln[2:] if ln.startswith("# ") else ln[1:] for ln in lines[1:end])
    meta = yaml.safe_load(body) or {}
    return meta, "\n".join(lines[end + 1:]).strip() + "\n"


def projection(sparql: str) -> set[str] | None:
    """The variables a SELECT projects (None for SELECT *)."""
    # Two plain searches rather than one lazy match: a lazy `.*?` up to WHERE, tried from
    # every SELECT, is quadratic on text with many SELECTs and no WHERE.
    select = re.search(r"\bSELECT\b", sparql, re.IGNORECASE)
    where = select and re.compile(r"\bWHERE\b", re.IGNORECASE).search(sparql, select.end())
    if not where:
        return set()
    assert select is not None  # WHERE is searched for only after a SELECT
    head = sparql[select.end():where.start()].strip()
    for modifier in ("DISTINCT", "REDUCED"):
        if head[:len(modifier)].upper() == modifier and head[len(modifier):len(modifier) + 1].isspace():
            head = head[len(modifier):].strip()
    if head.startswith("*"):
        return None
    return set(re.findall(r"(?<!\()\?(\w+)(?!\s*\))", re.sub(r"\([^()]*AS\s+\?(\w+)\)", r"?\1", head)))


def without_comments(sparql: str) -> str:
    """The query without its '#' comments (notes for developers, in English), as staff see it
    in the app; strings and IRIs that hold a '#' are kept."""
    from .runner import _TOKEN_RE

    out, pos = [], 0
    for tok in _TOKEN_RE.finditer(sparql):
        if tok.group().startswith("#"):
            out.append(sparql[pos:tok.start()])
            pos = tok.end()
    out.append(sparql[pos:])
    lines = [ln.rstrip() for ln in "".join(out).split("\n")]
    return "\n".join(ln for ln in lines if ln.strip()) + "\n"


def load_query(path: Traversable) -> SavedQuery:
    """A query file: a path, or a package resource (`importlib.resources` Traversable)."""
    meta, sparql = parse_header(path.read_text("utf-8"), path.name)
    params = []
    for p in meta.get("parameters") or []:
        param = Param(name=p["name"], type=p.get("type", "string"), default=None if p.get("default") is None else str(p["default"]),
                      label=p.get("label") or {}, values=p.get("values"), required=bool(p.get("required")))
        if param.type not in TYPES:
            raise QueryError(f"{path.name}: parameter {param.name}: unknown type {param.type!r}")
        params.append(param)
    proj = projection(sparql)
    for param in params:
        if proj is not None and param.name not in proj:
            raise QueryError(f"{path.name}: parameter ?{param.name} must be in the SELECT projection "
                             "(pyoxigraph binds only projected variables)")
    return SavedQuery(Path(path.name).stem, path, sparql, meta.get("title") or {"vi": Path(path.name).stem}, meta.get("description") or {},
                      params, meta.get("columns") or {}, meta.get("example"), meta.get("question") or {})


@lru_cache(maxsize=1)
def catalog() -> dict[str, SavedQuery]:
    """The saved queries: the package data `policykg.queries/*.rq`, by name."""
    files = sorted((f for f in resources.files(__package__).iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)
    return {q.name: q for q in map(load_query, files)}


def get(name: str) -> SavedQuery:
    queries = catalog()
    if name not in queries:
        raise QueryError(f"không có truy vấn '{name}'; có: {', '.join(queries)}", "query.unknown",
                         name=name, known=", ".join(queries))
    return queries[name]


# -- binding parameters --------------------------------------------------------------
def bind(query: SavedQuery, values: dict[str, str], *, today: dt.date | None = None) -> dict[str, Term]:
    """Check each value against its parameter's type and make it an RDF term."""
    unknown = set(values) - {p.name for p in query.parameters}
    if unknown:
        raise QueryError(f"tham số không có trong truy vấn {query.name}: {', '.join(sorted(unknown))}",
                         "param.unknown", query=query.name, names=", ".join(sorted(unknown)))
    out: dict[str, Term] = {}
    for p in query.parameters:
        raw = values.get(p.name)
        if raw is None or raw == "":
            raw = p.default
        if raw is None or raw == "":
            if p.required:
                raise QueryError(f"thiếu tham số {p.name}", "param.missing", name=p.name)
            continue
        out[p.name] = bind_value(p, str(raw), today=today)
    return out


def bind_value(p: Param, raw: str, *, today: dt.date | None = None) -> Term:
    raw = raw.strip()
    if p.type in ("string", "document"):
        return Term("literal", raw)
    if p.type == "keyword":  # matched against pkg:searchText: folded, abbreviations expanded
        from policykg.base.vocab import expand_abbreviations

        return Term("literal", " ".join(fold(expand_abbreviations(raw)).split()))
    if p.type == "date":
        if raw == "today":  # the day in Vietnam, as the audit's (not the server's UTC day)
            from policykg.graph.timeliness import today_in_vietnam

            return Term("literal", today.isoformat() if today else today_in_vietnam(), XSD + "date")
        try:
            return Term("literal", dt.date.fromisoformat(raw).isoformat(), XSD + "date")
        except ValueError:
            raise QueryError(f"tham số {p.name}: '{raw}' không phải ngày dạng YYYY-MM-DD", "param.date",
                             name=p.name, value=raw) from None
    if p.type in ("year", "integer"):
        if not re.fullmatch(r"-?\d{1,9}", raw) or (p.type == "year" and not 1900 <= int(raw) <= 2200):
            raise QueryError(f"tham số {p.name}: '{raw}' không phải {'năm' if p.type == 'year' else 'số nguyên'}",
                             f"param.{p.type}", name=p.name, value=raw)
        return Term("literal", str(int(raw)), XSD + ("gYear" if p.type == "year" else "integer"))
    if p.type == "choice":
        allowed = [str(v) for v in (p.values or [])]
        if raw not in allowed:
            raise QueryError(f"tham số {p.name}: '{raw}' không hợp lệ; chọn một trong: {', '.join(allowed)}",
                             "param.choice", name=p.name, value=raw, allowed=", ".join(allowed))
        return Term("literal", raw)
    if p.type == "province":
        from policykg.base.places import places
        from policykg.graph.iri import place_iri

        hits = places().lookup(raw, level="province")
        if not hits:
            raise QueryError(f"tham số {p.name}: không có tỉnh, thành phố '{raw}'", "param.province", name=p.name, value=raw)
        return Term("iri", place_iri(hits[0]))
    if p.type == "indicator":
        from policykg.graph.indicators import CONCEPTS, concept_iri

        key = fold(raw).strip()
        for c in CONCEPTS:
            if key in (c.key, fold(c.vi), fold(c.en)):
                return Term("iri", concept_iri(c.key))
        examples = ", ".join(c.key for c in CONCEPTS[:6]) + " …"
        raise QueryError(f"tham số {p.name}: không có chỉ tiêu '{raw}'; ví dụ: {examples}", "param.indicator",
                         name=p.name, value=raw, examples=examples)
    raise QueryError(f"tham số {p.name}: kiểu {p.type} không được hỗ trợ", "param.type", name=p.name, type=p.type)
