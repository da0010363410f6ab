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

from policykg.base.places import Place, places
from policykg.base.text import fold, squash
from policykg.base.vocab import expand_abbreviations as expand

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
from .namespaces import DCT, ELI, OA, ORG, PKG, PPLAN, PROV, QB, RDF, RDFS, SDMX_ATTR, SDMX_DIM, SDMX_MEASURE, SKOS, XSD

KINDS = {
    "Chỉ thị": "chi-thi", "Quyết định": "quyet-dinh", "Nghị quyết": "nghi-quyet", "Kế hoạch": "ke-hoach",
    "Chiến lược": "chien-luoc", "Chương trình": "chuong-trinh", "Đề án": "de-an", "Kết luận": "ket-luan",
    "Công văn": "cong-van", "Nghị định": "nghi-dinh", "Thông tư": "thong-tu", "Luật": "luat",
    "Hướng dẫn": "huong-dan", "Thông báo": "thong-bao", "Báo cáo": "bao-cao", "Quy định": "quy-dinh",
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


def locality(record: dict) -> tuple[Place | None, Place | None]:
    """The plan's province and district as gazetteer places."""
    gaz = places()
    d = record["document"]
    province = next(iter(gaz.lookup(d["province"], level="province")), None) if d.get("province") else None
    district = None
    if d.get("district"):
        hits = gaz.lookup(d["district"], level="district", province_code=province.code if province else None)
        district = hits[0] if hits else None
    return province, district


def governed_unit(record: dict, province: Place | None, district: Place | None) -> Place | None:
    """The unit the plan's issuer governs: its commune (named in the issuer, within the
    plan's district), district or province (as `locality` gives them)."""
    d = record["document"]
    level = d.get("issuer_level") or ""
    if level == "commune" and district is not None:
        commune = places().commune_in(d.get("issuer") or "", district.code)
        return commune or district  # a commune not named: the district it is in
    if district is not None and d.get("district") and level.startswith("district"):
        return district
    return province


def document_node(record: dict, sha: str) -> tuple[str, str]:
    """(document IRI, body key) of a loaded record."""
    d = record["document"]
    province, district = locality(record)
    code = symbol_body(d.get("symbol"))
    level = d.get("issuer_level") or ""
    place = governed_unit(record, province, district) if level == "commune" else district if level.startswith("district") else province
    if code in ("TU", "SYT") or level.startswith("provincial"):
        place = province
    key = body_key(code, place) if code else f"org-{slug(d.get('issuer') or 'x')}"
    year = int(d["date"][:4]) if d.get("date") else None
    return document_iri(d.get("id"), key, year, sha), key


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


def record_quads(record: dict, source: str, *, file_name: str, sha: str, loaded_at: dt.datetime,
                 parser_version: str) -> tuple[str, list[Quad]]:
    """The document's graph IRI and all its quads."""
    d = record["document"]
    doc_iri, key = document_node(record, sha)
    g = NamedNode(graph_iri(doc_iri))
    doc = NamedNode(doc_iri)
    province, district = locality(record)
    unit = governed_unit(record, province, district)
    spans = record.get("spans", {})
    span_pages = record.get("source", {}).get("span_pages", {})
    out: list[Quad] = []

    def add(s, p, o):
        out.append(Quad(s, p if isinstance(p, NamedNode) else predicate(p), o, g))

    def evidence(node: NamedNode, span_key: str, ev: NamedNode | None = None) -> None:
        span = spans.get(span_key)
        if not span:
            return
        ev = ev or NamedNode(f"{node.value}#evidence")
        add(node, PKG + "evidence", ev)
        add(ev, A, NamedNode(OA + "TextPositionSelector"))
        add(ev, OA + "start", lit(span[0], "integer"))
        add(ev, OA + "end", lit(span[1], "integer"))
        add(ev, OA + "exact", lit(source[span[0]:span[1]]))
        for page in span_pages.get(span_key, []):  # PDFs and scans: the page(s) a person can check
            add(ev, PKG + "page", lit(page, "integer"))

    def organisation(name: str | None, body: str, level: str | None, place: Place | None,
                     code: str | None = None) -> NamedNode:
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

    def agency(name: str) -> NamedNode:
        a = NamedNode(agency_iri(name, province))
        add(a, A, NamedNode(ORG + "Organization"))
        if agency_group(name):
            add(a, A, NamedNode(PKG + "AgencyGroup"))
        add(a, SKOS + "prefLabel", lit(name, lang="vi"))
        add(a, PKG + "searchText", lit(" ".join(fold(expand(name)).split())))
        if province is not None:
            add(a, PKG + "governs", NamedNode(place_iri(province)))
        return a

    # -- provenance of the graph
    src = NamedNode(f"urn:sha256:{sha}")
    add(g, A, NamedNode(PKG + "DocumentGraph"))
    add(g, A, NamedNode(PROV + "Entity"))
    add(g, PROV + "wasDerivedFrom", src)
    add(g, PROV + "generatedAtTime", lit(loaded_at.isoformat(timespec="seconds"), "dateTime"))
    add(g, PKG + "fileName", lit(file_name))
    add(g, PKG + "sha256", lit(sha))
    add(g, PKG + "parserVersion", lit(parser_version))
    add(g, PKG + "sourceText", lit(source))
    origin = record.get("source")
    if origin:  # read from another format than text: which, and where each page lies in the text
        add(g, PKG + "sourceFormat", lit(origin["format"]))
        for start, end, number in origin.get("pages", []):
            page = NamedNode(f"{g.value}/page/{number}")
            add(g, PKG + "sourcePage", page)
            add(page, A, NamedNode(PKG + "SourcePage"))
            add(page, PKG + "pageNumber", lit(number, "integer"))
            add(page, OA + "start", lit(start, "integer"))
            add(page, OA + "end", lit(end, "integer"))
            if number in origin.get("ocr_pages", []):
                add(page, PKG + "readByOCR", lit("true", "boolean"))
    add(g, DCT + "subject", doc)

    # -- the document
    add(doc, A, NamedNode(ELI + "LegalResource"))
    add(doc, A, NamedNode(PKG + "HeldDocument"))
    if d.get("type") == "Kế hoạch":
        add(doc, A, NamedNode(PPLAN + "Plan"))
    add(doc, PROV + "wasDerivedFrom", src)
    if d.get("id"):
        add(doc, ELI + "id_local", lit(d["id"]))
        add(doc, PKG + "identityKey", lit(identity_key(d["id"], key)))
    for field, prop in (("number", PKG + "number"), ("symbol", PKG + "symbol"), ("place", PKG + "place"),
                        ("signer", PKG + "signer")):
        if d.get(field):
            add(doc, prop, lit(d[field]))
    if d.get("type") in KINDS:
        add(doc, ELI + "type_document", NamedNode(PKG + "kind-" + KINDS[d["type"]]))
    if d.get("date"):
        add(doc, ELI + "date_document", lit(d["date"], "date"))
    if d.get("title"):
        add(doc, DCT + "title", lit(d["title"], lang="vi"))
    if unit is not None:
        add(doc, ELI + "jurisdiction", NamedNode(place_iri(unit)))
    code = symbol_body(d.get("symbol"))
    issuer = organisation(d.get("issuer"), key, d.get("issuer_level") or body_level(code, unit), unit, code)
    add(doc, ELI + "passed_by", issuer)
    for field in ("id", "date", "title", "signer"):
        evidence(doc, f"document.{field}", NamedNode(f"{doc_iri}#{field}"))
    for r in record.get("recipients", []):
        add(doc, PKG + "recipient", lit(r))

    # -- cited documents, as this document describes them
    cited_iri: dict[str, str] = {}
    for i, c in enumerate(record["cited"]):
        code = symbol_body(c["id"])
        place = body_place(code, c.get("issuer"), province, district)
        ckey = body_key(code, place)
        year = int(c["date"][:4]) if c.get("date") else None
        x = NamedNode(document_iri(c["id"], ckey, year))
        cited_iri[c["id"]] = x.value
        add(x, A, NamedNode(ELI + "LegalResource"))
        add(x, ELI + "id_local", lit(c["id"]))
        add(x, PKG + "identityKey", lit(identity_key(c["id"], ckey)))
        if c.get("type") in KINDS:
            add(x, ELI + "type_document", NamedNode(PKG + "kind-" + KINDS[c["type"]]))
        if c.get("date"):
            add(x, ELI + "date_document", lit(c["date"], "date"))
        add(x, ELI + "passed_by", organisation(c.get("issuer"), ckey, body_level(code, place), place, code))
        if place is not None:
            add(x, ELI + "jurisdiction", NamedNode(place_iri(place)))
        add(doc, ELI + "cites", x)
        cit = NamedNode(f"{doc_iri}/citation/{i + 1}")
        add(doc, PKG + "citation", cit)
        add(cit, A, NamedNode(PKG + "Citation"))
        add(cit, PKG + "citedDocument", x)
        evidence(cit, f"cited[{i}]")
        if c.get("title"):
            # not dct:title: a held document's own title stays the one its text gives; each
            # citing plan's wording is kept, with its passage on the citation
            add(x, PKG + "citedTitle", lit(c["title"], lang="vi"))
            add(cit, PKG + "citedTitle", lit(c["title"], lang="vi"))
            evidence(cit, f"cited[{i}].title", NamedNode(f"{cit.value}#title"))
    for c in record["cited"]:
        for target in c.get("implements", []):
            if target in cited_iri:
                add(NamedNode(cited_iri[c["id"]]), ELI + "ensures_implementation_of", NamedNode(cited_iri[target]))
    for ident in record["implements"]:
        if ident in cited_iri:
            add(doc, ELI + "ensures_implementation_of", NamedNode(cited_iri[ident]))
    for ident in record["based_on"]:
        if ident in cited_iri:
            add(doc, ELI + "based_on", NamedNode(cited_iri[ident]))

    # -- indicators and their targets
    area = NamedNode(place_iri(unit)) if unit is not None else None
    for i, ind in enumerate(record["indicators"]):
        row = NamedNode(f"{doc_iri}/indicator/{i + 1}")
        concept_iri, known = match_indicator(ind["name"])
        concept = NamedNode(concept_iri)
        if not known:
            add(concept, A, NamedNode(SKOS + "Concept"))
            add(concept, SKOS + "inScheme", NamedNode(PKG + "Indicators"))
            add(concept, SKOS + "prefLabel", lit(ind["name"], lang="vi"))
            add(concept, PKG + "needsReview", lit("true", "boolean"))
        add(row, A, NamedNode(PKG + "IndicatorRow"))
        add(row, PKG + "indicator", concept)
        add(row, RDFS + "label", lit(ind["name"], lang="vi"))
        add(row, PKG + "plan", doc)
        add(row, PKG + "from", lit(ind["from"]))
        # pkg:rowNo, not the tasks' pkg:no: a task table joins its numbers from one scan, and
        # half as many rows to scan made the national deadline list a tenth faster.
        for field, prop in (("no", PKG + "rowNo"), ("section", PKG + "section"), ("unit", SDMX_ATTR + "unitMeasure"),
                            ("reporting_unit", PKG + "reportingUnit")):
            if ind.get(field):
                add(row, prop, lit(ind[field]))
        evidence(row, f"indicators[{i}]")
        observations = [("Baseline", ind["baseline"])] if ind.get("baseline") else []
        observations += [("Target", t) for t in ind["targets"]]
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
            if t.get("year"):
                add(obs, SDMX_DIM + "refPeriod", lit(t["year"], "gYear"))
            if t.get("number") is not None:
                add(obs, SDMX_MEASURE + "obsValue", lit(repr(float(t["number"])), "decimal"))
            add(obs, PKG + "valueText", lit(t["value"]))
            if t.get("comparator"):
                add(obs, PKG + "comparator", lit(t["comparator"]))
            if ind.get("unit"):
                add(obs, SDMX_ATTR + "unitMeasure", lit(ind["unit"]))

    # -- tasks: the rows of task tables, then the duties stated in prose (both pkg:Task, told
    # apart by pkg:statedIn, so every query of tasks answers for plans without a table)
    items = [(f"task/{i + 1}", f"tasks[{i}]", "table", t["no"], t["name"], t["lead"], t["coordinating"], t["deadline"],
              t.get("group")) for i, t in enumerate(record["tasks"])]
    # A duty's number is where the plan puts it: 'V.1.a' (section V.1, item a), so the
    # queries that list tasks by number show staff where to read it.
    items += [(f"duty/{i + 1}", f"duties[{i}]", "prose", ".".join(x for x in (d["section"], d["no"]) if x) or None,
               d["text"], [a for a in d["agency"].split("; ") if a], d["coordinating"], d["deadline"], None)
              for i, d in enumerate(record.get("duties", []))]
    for path, span_key, stated, no, name, leads, coordinating, deadline, group in items:
        task = NamedNode(f"{doc_iri}/{path}")
        add(task, A, NamedNode(PKG + "Task"))
        add(task, A, NamedNode(PPLAN + "Step"))
        add(task, PPLAN + "isStepOfPlan", doc)
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
                ag = agency(agency_name)
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
        evidence(task, span_key)

    # -- responsibilities and demands for plans of their own
    for i, r in enumerate(record["responsibilities"]):
        node = NamedNode(f"{doc_iri}/responsibility/{i + 1}")
        add(doc, PKG + "responsibility", node)
        add(node, A, NamedNode(PKG + "Responsibility"))
        add(node, PKG + "agency", agency(r["agency"]))
        add(node, PKG + "section", lit(r["section"]))
        add(node, PKG + "dutiesCount", lit(r["duties_count"], "integer"))
        evidence(node, f"responsibilities[{i}]")
    for i, e in enumerate(record["expected_implementers"]):
        node = NamedNode(f"{doc_iri}/demand/{i + 1}")
        add(doc, PKG + "demand", node)
        add(node, A, NamedNode(PKG + "PlanDemand"))
        add(node, PKG + "demandedOf", agency(e["who"]))
        level = demanded_level(e["who"])
        if level:
            add(node, PKG + "demandedLevel", lit(level))
        add(node, PKG + "quote", lit(squash(e["quote"])))
        evidence(node, f"expected_implementers[{i}]")
    return g.value, out
