"""A parse record → RDF quads in its document's named graph.

Everything one document says lives in that document's graph: the document itself, the
documents it cites (as it describes them), its tasks, targets, responsibilities and
demands, the agencies it names, and the load's provenance with the source text. Each
fact carries its evidence: the offsets and the quote of the passage it was read from.
"""
import datetime as dt
import functools
import re

from pyoxigraph import Literal, NamedNode, Quad

from policykg.base.places import Place, commune_2025, places
from policykg.base.text import fold, squash
from policykg.base.vocab import expand_abbreviations as expand
from policykg.loaders.model import Baseline, Record, Target

from .deadlines import parse_deadline
from .indicators import match_indicator
from .iri import (
    agency_iri,
    body_key,
    body_level,
    body_place,
    document_iri,
    graph_iri,
    identity_key,
    org_iri,
    parent_body,
    place_iri,
    slug,
    symbol_body,
)
from .namespaces import DCT, ELI, OA, ORG, PKG, PPLAN, PROV, QB, RDF, RDFS, SDMX_ATTR, SDMX_CODE, SDMX_DIM, SDMX_MEASURE, SKOS, XSD

KINDS = {
    "Chỉ thị": "chi-thi", "Quyết định": "quyet-dinh", "Nghị quyết": "nghi-quyet", "Kế hoạch": "ke-hoach",
    "Chiến lược": "chien-luoc", "Chương trình": "chuong-trinh", "Đề án": "de-an", "Kết luận": "ket-luan",
    "Công văn": "cong-van", "Nghị định": "nghi-dinh", "Thông tư": "thong-tu", "Luật": "luat",
    "Hướng dẫn": "huong-dan", "Thông báo": "thong-bao", "Báo cáo": "bao-cao", "Quy định": "quy-dinh",
    "Công điện": "cong-dien",
}
A = NamedNode(RDF + "type")


@functools.lru_cache(maxsize=None)
def predicate(iri: str) -> NamedNode:
    """One NamedNode per property IRI: building them again for every quad was a fifth of the load time."""
    return NamedNode(iri)


def lit(value, dtype: str | None = None, lang: str | None = None) -> Literal:
    if lang:
        return Literal(str(value), language=lang)
    if dtype:
        return Literal(str(value).lower() if dtype == "boolean" else str(value), datatype=NamedNode(XSD + dtype))
    return Literal(str(value))


def locality(record: Record) -> tuple[Place | None, Place | None]:
    """The plan's province and district as gazetteer places."""
    gaz = places()
    d = record.document
    province = next(iter(gaz.lookup(d.province, level="province")), None) if d.province else None
    district = None
    if d.district:
        hits = gaz.lookup(d.district, level="district", province_code=province.code if province else None)
        district = hits[0] if hits else None
    return province, district


def governed_unit(record: Record, province: Place | None, district: Place | None) -> Place | None:
    """The unit the plan's issuer governs: its commune (named in the issuer, within the
    plan's district), district or province (as `locality` gives them)."""
    d = record.document
    level = d.issuer_level or ""
    if level == "commune" and district is not None:
        commune = places().commune_in(d.issuer or "", district.code)
        return commune or district  # a commune not named: the district it is in
    if district is not None and d.district and level.startswith("district"):
        return district
    return province


def document_node(record: Record, sha: str) -> tuple[str, str]:
    """(document IRI, body key) of a loaded record."""
    d = record.document
    province, district = locality(record)
    code = symbol_body(d.symbol)
    level = d.issuer_level or ""
    place = governed_unit(record, province, district) if level == "commune" else district if level.startswith("district") else province
    if code in ("TU", "SYT") or level.startswith("provincial"):
        place = province
    key = body_key(code, place) if code else f"org-{slug(d.issuer or 'x')}"
    if level == "commune" and code and (d.date or "") >= "2025-07-01":
        # a commune of the map of 2025 has no district to be found in: keyed by its code of
        # today's map, so its plans are not the province's People's Committee's
        unit_2025 = commune_2025(d.issuer or "", d.province)
        key = f"{slug(code)}-c2025-{unit_2025.code}" if unit_2025 is not None else key
    year = int(d.date[:4]) if d.date else None
    return document_iri(d.id, key, year, sha), key


def agency_group(name: str) -> bool:
    f = fold(name)
    return f.startswith("cac ") or "cap huyen" in f or "cap xa" in f or " cac " in f


def demanded_level(who: str) -> str | None:
    """The level a demand names as a whole: 'UBND các huyện, thành phố' → district."""
    f = " ".join(fold(expand(who)).split())
    if "cap huyen" in f or re.match(r"(cac )?uy ban nhan dan (cac |cap )?(huyen|quan|thi xa|thanh pho)", f) \
            or re.match(r"(cac )?(huyen|quan|thi xa)\b", f):
        return "district"
    if "cap xa" in f or re.match(r"(cac )?uy ban nhan dan (cac |cap )?(xa|phuong|thi tran)", f):
        return "commune"
    if re.match(r"(cac )?(so|ban|nganh|co quan)\b", f):
        return "department"
    return None


class Graph:
    """One document's graph as it is built: its quads, and the helpers every part uses
    (evidence of a span, the issuing organisation, an agency the plan names)."""

    def __init__(self, record: Record, source: str, sha: str) -> None:
        self.record = record
        self.source = source
        self.doc_iri, self.key = document_node(record, sha)
        self.g = NamedNode(graph_iri(self.doc_iri))
        self.doc = NamedNode(self.doc_iri)
        self.src = NamedNode(f"urn:sha256:{sha}")
        self.province, self.district = locality(record)
        self.unit = governed_unit(record, self.province, self.district)
        self.spans = record.spans
        self.span_pages = (record.source.span_pages if record.source else None) or {}
        self.quads: list[Quad] = []

    def add(self, s, p, o) -> None:
        self.quads.append(Quad(s, p if isinstance(p, NamedNode) else predicate(p), o, self.g))

    def evidence(self, node: NamedNode, span_key: str, ev: NamedNode | None = None) -> None:
        """The passage `span_key` points at, as a text selector on `node`."""
        span = self.spans.get(span_key)
        if not span:
            return
        add = self.add
        ev = ev or NamedNode(f"{node.value}#evidence")
        add(node, PKG + "evidence", ev)
        add(ev, A, NamedNode(OA + "TextPositionSelector"))
        add(ev, OA + "start", lit(span[0], "integer"))
        add(ev, OA + "end", lit(span[1], "integer"))
        add(ev, OA + "exact", lit(self.source[span[0]:span[1]]))
        for page in self.span_pages.get(span_key, []):  # PDFs and scans: the page(s) a person can check
            add(ev, PKG + "page", lit(page, "integer"))

    def part(self, owner: NamedNode, prop: str, path: str, kind: str) -> NamedNode:
        """A node of its own for a part of `owner` (a change, a demand, its due date): at IRI
        `owner`/`path`, linked by pkg:`prop` and typed pkg:`kind`."""
        node = NamedNode(f"{owner.value}/{path}")
        self.add(owner, PKG + prop, node)
        self.add(node, A, NamedNode(PKG + kind))
        return node

    def organisation(self, name: str | None, body: str, level: str | None, place: Place | None,
                     code: str | None = None) -> NamedNode:
        add = self.add
        o = NamedNode(org_iri(body))
        parent = parent_body(code, place)
        if parent is not None:
            add(o, ORG + "subOrganizationOf", NamedNode(org_iri(body_key(*parent))))
        add(o, A, NamedNode(ORG + "Organization"))
        if name:
            add(o, SKOS + "prefLabel", lit(name, lang="vi"))
        if level:
            add(o, ORG + "classification", NamedNode(PKG + "level-" + level))
        if place is not None:
            add(o, PKG + "governs", NamedNode(place_iri(place)))
        return o

    def agency(self, name: str) -> NamedNode:
        add = self.add
        a = NamedNode(agency_iri(name, self.province))
        add(a, A, NamedNode(ORG + "Organization"))
        if agency_group(name):
            add(a, A, NamedNode(PKG + "AgencyGroup"))
        add(a, SKOS + "prefLabel", lit(name, lang="vi"))
        add(a, PKG + "searchText", lit(" ".join(fold(expand(name)).split())))
        if self.province is not None:
            add(a, PKG + "governs", NamedNode(place_iri(self.province)))
        return a


def record_quads(record: Record, source: str, *, file_name: str, sha: str, loaded_at: dt.datetime,
                 parser_version: str) -> tuple[str, list[Quad]]:
    """The document's graph IRI and all its quads, part by part."""
    b = Graph(record, source, sha)
    provenance_quads(b, file_name, sha, loaded_at, parser_version)
    document_quads(b)
    cited_iri = citation_quads(b)
    cascade_quads(b, cited_iri)
    history_quads(b, cited_iri)
    indicator_quads(b)
    task_quads(b)
    responsibility_quads(b)
    demand_quads(b)
    return b.g.value, b.quads


def provenance_quads(b: Graph, file_name: str, sha: str, loaded_at: dt.datetime, parser_version: str) -> None:
    """The graph's provenance: the file, the parser, the source text and its pages."""
    add, g, src = b.add, b.g, b.src
    add(g, A, NamedNode(PKG + "DocumentGraph"))
    add(g, A, NamedNode(PROV + "Entity"))
    add(g, PROV + "wasDerivedFrom", src)
    add(g, PROV + "generatedAtTime", lit(loaded_at.isoformat(timespec="seconds"), "dateTime"))
    add(g, PKG + "fileName", lit(file_name))
    add(g, PKG + "sha256", lit(sha))
    add(g, PKG + "parserVersion", lit(parser_version))
    add(g, PKG + "sourceText", lit(b.source))
    origin = b.record.source
    if origin:  # read from another format than text: which, and where each page lies in the text
        add(g, PKG + "sourceFormat", lit(origin.format))
        for start, end, number in origin.pages or []:
            page = NamedNode(f"{g.value}/page/{number}")
            add(g, PKG + "sourcePage", page)
            add(page, A, NamedNode(PKG + "SourcePage"))
            add(page, PKG + "pageNumber", lit(number, "integer"))
            add(page, OA + "start", lit(start, "integer"))
            add(page, OA + "end", lit(end, "integer"))
            if number in (origin.ocr_pages or []):
                add(page, PKG + "readByOCR", lit("true", "boolean"))
    add(g, DCT + "subject", b.doc)


def document_quads(b: Graph) -> None:
    """The document: kind, id, fields, issuer, jurisdiction, recipients, evidence."""
    add, doc, d = b.add, b.doc, b.record.document
    add(doc, A, NamedNode(ELI + "LegalResource"))
    add(doc, A, NamedNode(PKG + "HeldDocument"))
    if d.type == "Kế hoạch":
        add(doc, A, NamedNode(PPLAN + "Plan"))
    add(doc, PROV + "wasDerivedFrom", b.src)
    if d.id:
        add(doc, ELI + "id_local", lit(d.id))
        add(doc, PKG + "identityKey", lit(identity_key(d.id, b.key)))
    for value, prop in ((d.number, PKG + "number"), (d.symbol, PKG + "symbol"), (d.place, PKG + "place"),
                        (d.signer, PKG + "signer")):
        if value:
            add(doc, prop, lit(value))
    if d.type in KINDS:
        add(doc, ELI + "type_document", NamedNode(PKG + "kind-" + KINDS[d.type]))
    if d.date:
        add(doc, ELI + "date_document", lit(d.date, "date"))
    if d.title:
        add(doc, DCT + "title", lit(d.title, lang="vi"))
    if b.unit is not None:
        add(doc, ELI + "jurisdiction", NamedNode(place_iri(b.unit)))
    code = symbol_body(d.symbol)
    issuer = b.organisation(d.issuer, b.key, d.issuer_level or body_level(code, b.unit), b.unit, code)
    add(doc, ELI + "passed_by", issuer)
    for field in ("id", "date", "title", "signer"):
        b.evidence(doc, f"document.{field}", NamedNode(f"{b.doc_iri}#{field}"))
    for r in b.record.recipients:
        add(doc, PKG + "recipient", lit(r))


def citation_quads(b: Graph) -> dict[str, str]:
    """The cited documents, as this document describes them; returns their IRIs by id."""
    add, doc = b.add, b.doc
    cited_iri: dict[str, str] = {}
    for i, c in enumerate(b.record.cited):
        code = symbol_body(c.id)
        place = body_place(code, c.issuer, b.province, b.district)
        ckey = body_key(code, place)
        year = int(c.date[:4]) if c.date else None
        x = NamedNode(document_iri(c.id, ckey, year))
        cited_iri[c.id] = x.value
        add(x, A, NamedNode(ELI + "LegalResource"))
        add(x, ELI + "id_local", lit(c.id))
        add(x, PKG + "identityKey", lit(identity_key(c.id, ckey)))
        if c.type in KINDS:
            add(x, ELI + "type_document", NamedNode(PKG + "kind-" + KINDS[c.type]))
        if c.date:
            add(x, ELI + "date_document", lit(c.date, "date"))
        add(x, ELI + "passed_by", b.organisation(c.issuer, ckey, body_level(code, place), place, code))
        if place is not None:
            add(x, ELI + "jurisdiction", NamedNode(place_iri(place)))
        add(doc, ELI + "cites", x)
        cit = b.part(doc, "citation", f"citation/{i + 1}", "Citation")
        add(cit, PKG + "citedDocument", x)
        b.evidence(cit, f"cited[{i}]")
        if c.title:
            # not dct:title: a held document's own title stays the one its text gives; each
            # citing plan's wording is kept, with its passage on the citation
            add(x, PKG + "citedTitle", lit(c.title, lang="vi"))
            add(cit, PKG + "citedTitle", lit(c.title, lang="vi"))
            b.evidence(cit, f"cited[{i}].title", NamedNode(f"{cit.value}#title"))
    return cited_iri


def cascade_quads(b: Graph, cited_iri: dict[str, str]) -> None:
    """What carries out what (the cited documents among themselves, and this one), and what
    this one is based on."""
    for c in b.record.cited:
        for target in c.implements:
            if target in cited_iri:
                b.add(NamedNode(cited_iri[c.id]), ELI + "ensures_implementation_of", NamedNode(cited_iri[target]))
    for ident in b.record.implements:
        if ident in cited_iri:
            b.add(b.doc, ELI + "ensures_implementation_of", NamedNode(cited_iri[ident]))
    for ident in b.record.based_on:
        if ident in cited_iri:
            b.add(b.doc, ELI + "based_on", NamedNode(cited_iri[ident]))


def history_quads(b: Graph, cited_iri: dict[str, str]) -> None:
    """Entry into force, end of force, and the documents this one changes (loaders/history.py),
    in ELI's terms; each change is also a node with its date and quote."""
    add, doc, record = b.add, b.doc, b.record
    for name, prop in (("entry_into_force", "first_date_entry_in_force"), ("no_longer_in_force", "date_no_longer_in_force")):
        when = getattr(record, name)
        if when is not None and when.date:
            add(doc, ELI + prop, lit(when.date, "date"))
            b.evidence(doc, name, NamedNode(f"{b.doc_iri}#{name}"))
    for i, change in enumerate(record.changes):
        if change.target not in cited_iri:
            continue
        x = NamedNode(cited_iri[change.target])
        kind = change.kind
        node = b.part(doc, "change", f"change/{i + 1}", "Change")
        add(node, PKG + "changeKind", lit(kind))
        add(node, PKG + "changedDocument", x)
        if change.date:
            add(node, PKG + "effectiveDate", lit(change.date, "date"))
        if change.date_text:
            add(node, PKG + "dateText", lit(change.date_text))
        b.evidence(node, f"changes[{i}]")
        for prop, inverse in (("changes", "changed_by"), ("amends", "amended_by") if kind == "amends" else ("repeals", "repealed_by")):
            add(doc, ELI + prop, x)
            add(x, ELI + inverse, doc)
        if kind == "replaces":
            add(doc, PKG + "replaces", x)
            add(x, PKG + "replacedBy", doc)
        if kind != "amends" and change.date:
            add(x, ELI + "date_no_longer_in_force", lit(change.date, "date"))


def indicator_quads(b: Graph) -> None:
    """Indicators (rows) and their baselines and targets (observations of one data set)."""
    add, doc = b.add, b.doc
    area = NamedNode(place_iri(b.unit)) if b.unit is not None else None
    for i, ind in enumerate(b.record.indicators):
        row = NamedNode(f"{b.doc_iri}/indicator/{i + 1}")
        concept_iri, known = match_indicator(ind.name)
        concept = NamedNode(concept_iri)
        if not known:
            add(concept, A, NamedNode(SKOS + "Concept"))
            add(concept, SKOS + "inScheme", NamedNode(PKG + "Indicators"))
            add(concept, SKOS + "prefLabel", lit(ind.name, lang="vi"))
            add(concept, PKG + "needsReview", lit("true", "boolean"))
        add(row, A, NamedNode(PKG + "IndicatorRow"))
        add(row, PKG + "indicator", concept)
        add(row, RDFS + "label", lit(ind.name, lang="vi"))
        add(row, PKG + "plan", doc)
        add(row, PKG + "from", lit(ind.from_))
        # pkg:rowNo, not the tasks' pkg:no: a task table joins its numbers from one scan, and
        # half as many rows to scan made the national deadline list a tenth faster.
        for value, prop in ((ind.no, PKG + "rowNo"), (ind.section, PKG + "section"), (ind.unit, SDMX_ATTR + "unitMeasure"),
                            (ind.reporting_unit, PKG + "reportingUnit")):
            if value:
                add(row, prop, lit(value))
        b.evidence(row, f"indicators[{i}]")
        observations: list[tuple[str, Baseline | Target]] = [("Baseline", ind.baseline)] if ind.baseline else []
        observations += [("Target", t) for t in ind.targets]
        for k, (cls, t) in enumerate(observations):
            obs = NamedNode(f"{row.value}/{cls.lower()}/{k + 1}")
            add(obs, A, NamedNode(PKG + cls))
            add(obs, A, NamedNode(QB + "Observation"))
            add(obs, QB + "dataSet", NamedNode(PKG + "TargetsDataSet"))
            add(obs, PKG + "indicator", concept)
            add(obs, PKG + "row", row)
            add(obs, PKG + "plan", doc)
            if area is not None:
                add(obs, SDMX_DIM + "refArea", area)
            if t.year:
                add(obs, SDMX_DIM + "refPeriod", lit(t.year, "gYear"))
            if t.number is not None:
                add(obs, SDMX_MEASURE + "obsValue", lit(repr(float(t.number)), "decimal"))
            add(obs, PKG + "valueText", lit(t.value))
            comparator = t.comparator if isinstance(t, Target) else None
            if comparator:
                add(obs, PKG + "comparator", lit(comparator))
            if isinstance(t, Target) and t.period == "yearly":
                # each year's value ('mỗi năm', '8%/năm'): Data Cube's frequency, annual
                add(obs, SDMX_DIM + "freq", NamedNode(SDMX_CODE + "freq-A"))
            if ind.unit:
                add(obs, SDMX_ATTR + "unitMeasure", lit(ind.unit))


def task_quads(b: Graph) -> None:
    """The rows of task tables, then the duties stated in prose: both pkg:Task, told apart by
    pkg:statedIn, so every query of tasks answers for plans without a table."""
    items = [(f"task/{i + 1}", f"tasks[{i}]", "table", t.no, t.name, t.lead, t.coordinating, t.deadline, t.group)
             for i, t in enumerate(b.record.tasks)]
    # A duty's number is where the plan puts it: 'V.1.a' (section V.1, item a), so the
    # queries that list tasks by number show staff where to read it.
    items += [(f"duty/{i + 1}", f"duties[{i}]", "prose", ".".join(x for x in (d.section, d.no) if x) or None,
               d.text, [a for a in d.agency.split("; ") if a], d.coordinating, d.deadline, None)
              for i, d in enumerate(b.record.duties)]
    add = b.add
    for path, span_key, stated, no, name, leads, coordinating, deadline, group in items:
        task = NamedNode(f"{b.doc_iri}/{path}")
        add(task, A, NamedNode(PKG + "Task"))
        add(task, A, NamedNode(PPLAN + "Step"))
        add(task, PPLAN + "isStepOfPlan", b.doc)
        add(task, PKG + "statedIn", lit(stated))
        if no:
            add(task, PKG + "no", lit(no))
        if group:  # the table's group row: tasks numbered '1' in two groups stay apart for a reader
            add(task, PKG + "group", lit(group, lang="vi"))
        add(task, DCT + "title", lit(name, lang="vi"))
        add(task, PKG + "searchText", lit(" ".join(fold(name).split())))
        for role, names in (("Lead", leads), ("Coordinating", coordinating)):
            if names:
                # The cell as the plan writes it, next to the agencies it names (as deadlineText
                # sits next to the period): task tables read one value instead of gathering labels.
                add(task, PKG + role.lower() + "Text", lit("; ".join(dict.fromkeys(names))))
            for k, agency_name in enumerate(names):
                ag = b.agency(agency_name)
                add(task, PKG + role.lower(), ag)
                assoc = NamedNode(f"{task.value}/{role.lower()}/{k + 1}")
                add(task, PROV + "qualifiedAssociation", assoc)
                add(assoc, A, NamedNode(PROV + "Association"))
                add(assoc, PROV + "agent", ag)
                add(assoc, PROV + "hadRole", NamedNode(PKG + role))
        if deadline:
            add(task, PKG + "deadlineText", lit(deadline))
            period = parse_deadline(deadline)
            if period["start"]:
                add(task, PKG + "periodStart", lit(period["start"].isoformat(), "date"))
            if period["end"]:
                add(task, PKG + "periodEnd", lit(period["end"].isoformat(), "date"))
            add(task, PKG + "ongoing", lit("true" if period["ongoing"] else "false", "boolean"))
        b.evidence(task, span_key)


def responsibility_quads(b: Graph) -> None:
    """The agencies' headings of 'Tổ chức thực hiện'."""
    for i, r in enumerate(b.record.responsibilities):
        node = b.part(b.doc, "responsibility", f"responsibility/{i + 1}", "Responsibility")
        b.add(node, PKG + "agency", b.agency(r.agency))
        b.add(node, PKG + "section", lit(r.section))
        b.add(node, PKG + "dutiesCount", lit(r.duties_count, "integer"))
        b.evidence(node, f"responsibilities[{i}]")


def demand_quads(b: Graph) -> None:
    """Who must make a plan of their own (expected implementers), with the level named."""
    for i, e in enumerate(b.record.expected_implementers):
        node = b.part(b.doc, "demand", f"demand/{i + 1}", "PlanDemand")
        b.add(node, PKG + "demandedOf", b.agency(e.who))
        level = demanded_level(e.who)
        if level:
            b.add(node, PKG + "demandedLevel", lit(level))
        b.add(node, PKG + "quote", lit(squash(e.quote)))
        b.evidence(node, f"expected_implementers[{i}]")
        if e.due_as_written:  # by when their plan is due, as written and as a date (loaders/plan_due.py)
            due = b.part(node, "due", "due", "PlanDue")
            b.add(due, PKG + "dueText", lit(e.due_as_written))
            if e.due:
                b.add(due, PKG + "dueDate", lit(e.due, "date"))
            b.evidence(due, f"expected_implementers[{i}].due")
