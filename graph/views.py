"""Read models for the front end: what the pages show, as plain Python values.

The app's pages call these (and the saved queries); no SPARQL lives in app/.
"""
from pyoxigraph import NamedNode, Variable

from policykg.base.formats import name_key, sort_names
from policykg.base.text import READABLE_SHARE, diacritic_share, most_readable

from .backends import is_true
from .cascade import find_documents


def _rows(store, sparql: str, **subs) -> list[dict]:
    bindings = {Variable(k): v for k, v in subs.items()}
    result = store.query(sparql, substitutions=bindings or None)
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def overview(store, lang: str = "vi") -> dict:
    """Counts for the overview page: documents by status, level (named in `lang`) and province; facts."""
    counts = store.document_counts()
    # documents and agencies are read in graph:catalog, where each statement is made once;
    # 'held' by an OPTIONAL (a lookup a document) rather than EXISTS, which Oxigraph ran as a
    # scan per document (100 s on the national benchmark graph)
    documents = """{ SELECT DISTINCT ?d ?held %s WHERE { GRAPH graph:catalog {
            ?d a eli:LegalResource %s OPTIONAL { ?d a pkg:HeldDocument BIND (true AS ?is_held) }
            MINUS { ?d pkg:resolvedTo ?r } }
          BIND (COALESCE(?is_held, false) AS ?held) } }"""
    by_level = _rows(store, """SELECT ?level (COUNT(DISTINCT ?d) AS ?n) ?held WHERE {
        %s
        OPTIONAL { GRAPH graph:catalog { ?d eli:passed_by/org:classification ?c }
                   GRAPH graph:ontology { ?c skos:prefLabel ?l FILTER (lang(?l) = "%s") } }
        BIND (COALESCE(?l, "%s") AS ?level)
    } GROUP BY ?level ?held ORDER BY ?level""" % (documents % ("", ""), "en" if lang == "en" else "vi",
                                                   "Unknown" if lang == "en" else "Không rõ"))
    by_province = _rows(store, """SELECT ?province (COUNT(DISTINCT ?d) AS ?n) ?held WHERE {
        %s
        GRAPH graph:gazetteer { ?u pkg:partOf* ?p . ?p a pkg:Province ; skos:prefLabel ?province }
    } GROUP BY ?province ?held ORDER BY ?province""" % (documents % ("?u", "; eli:jurisdiction ?u")))
    # one index scan each (rows, tasks and targets are stated in one graph only)
    facts = _rows(store, "SELECT (COUNT(*) AS ?indicator_rows) WHERE { ?row a pkg:IndicatorRow }")[0]
    facts.update(_rows(store, "SELECT (COUNT(DISTINCT ?c) AS ?indicators) WHERE { ?o pkg:indicator ?c }")[0])
    facts.update(_rows(store, "SELECT (COUNT(DISTINCT ?t) AS ?tasks) WHERE { ?t a pkg:Task }")[0])
    facts.update(_rows(store, """SELECT (COUNT(DISTINCT ?a) AS ?agencies) WHERE {
        { ?t pkg:lead ?a } UNION { ?t pkg:coordinating ?a } UNION { ?r pkg:agency ?a } }""")[0])
    facts.update(_rows(store, "SELECT (COUNT(DISTINCT ?t) AS ?targets) WHERE { ?t a pkg:Target }")[0])
    return {
        "held": counts["documents_held"], "cited_only": counts["documents_cited_only"],
        "by_level": [dict(r, held=is_true(r["held"]), n=int(r["n"])) for r in by_level],
        "by_province": [dict(r, held=is_true(r["held"]), n=int(r["n"])) for r in by_province],
        "facts": {k: int(v) for k, v in facts.items()},
        "loads": store.documents(),
    }


def document_choices(store, implemented_only: bool = False) -> list[dict]:
    """Documents for a picker: id, title, IRI, held; held first."""
    extra = "FILTER EXISTS { ?x eli:ensures_implementation_of ?d }" if implemented_only else ""
    # a cited-only document is titled as the documents citing it word it (pkg:citedTitle)
    rows = _rows(store, f"""SELECT ?d (MIN(?id_) AS ?id) (MIN(?t_) AS ?title)
        (GROUP_CONCAT(DISTINCT ?ct_; separator="\u001f") AS ?cited) ?held WHERE {{ GRAPH graph:catalog {{
        ?d a eli:LegalResource . FILTER NOT EXISTS {{ ?d pkg:resolvedTo ?r }} {extra}
        OPTIONAL {{ ?d eli:id_local ?id_ }} OPTIONAL {{ ?d dct:title ?t_ }}
        OPTIONAL {{ FILTER NOT EXISTS {{ ?d dct:title ?any }} ?d pkg:citedTitle ?ct_ }}
        BIND (EXISTS {{ ?d a pkg:HeldDocument }} AS ?held)
    }} }} GROUP BY ?d ?held""")
    out = [{"iri": r["d"], "id": r["id"], "title": r["title"] or most_readable((r["cited"] or "").split("\u001f")),
            "held": is_true(r["held"])} for r in rows]
    return sorted(out, key=lambda r: (not r["held"], r["id"] or "~"))


def resolve_document(store, ref: str) -> str | None:
    """A document IRI from an IRI or an id ('542/KH-UBND')."""
    if ref.startswith("https://"):
        return ref
    found = find_documents(store, ref)
    return found[0] if found else None


def document_view(store, iri: str, lang: str = "vi") -> dict | None:
    """Everything the document page shows (the kind and level named in `lang`)."""
    doc = NamedNode(iri)
    meta = _rows(store, """SELECT ?d (MIN(?id_) AS ?id) (MIN(?title_) AS ?title) (MIN(?date_) AS ?date)
        (MIN(?kind_) AS ?kind) (MIN(?issuer_) AS ?issuer) (MIN(?level_) AS ?level) (MIN(?unit_) AS ?locality)
        (MIN(?signer_) AS ?signer) (MIN(?place_) AS ?place) (MIN(?g_) AS ?graph) (MIN(?file_) AS ?file)
        (MIN(?loaded_) AS ?loaded) (MIN(?sha_) AS ?sha) ?held WHERE {
        GRAPH graph:catalog { ?d a eli:LegalResource . }
        OPTIONAL { GRAPH graph:catalog { ?d eli:id_local ?id_ } } OPTIONAL { GRAPH graph:catalog { ?d dct:title ?title_ } }
        OPTIONAL { GRAPH graph:catalog { ?d eli:date_document ?date_ } }
        OPTIONAL { GRAPH graph:catalog { ?d eli:type_document ?k } ?k skos:prefLabel ?kind_ FILTER (lang(?kind_) = "LANG") }
        OPTIONAL { GRAPH graph:catalog { ?d eli:passed_by/skos:prefLabel ?issuer_ } }
        OPTIONAL { GRAPH graph:catalog { ?d eli:passed_by/org:classification ?c } ?c skos:prefLabel ?level_ FILTER (lang(?level_) = "LANG") }
        OPTIONAL { GRAPH graph:catalog { ?d eli:jurisdiction ?u } ?u skos:prefLabel ?unit_ }
        OPTIONAL { GRAPH graph:catalog { ?d pkg:signer ?signer_ } } OPTIONAL { GRAPH graph:catalog { ?d pkg:place ?place_ } }
        OPTIONAL { GRAPH ?g_ { ?g_ dct:subject ?d ; pkg:fileName ?file_ ; prov:generatedAtTime ?loaded_ ; pkg:sha256 ?sha_ } }
        BIND (EXISTS { GRAPH graph:catalog { ?d a pkg:HeldDocument } } AS ?held)
    } GROUP BY ?d ?held""".replace("LANG", "en" if lang == "en" else "vi"), d=doc)
    if not meta:
        return None
    view = dict(meta[0], held=is_true(meta[0]["held"]))
    # How the documents citing it word its title: the only title a cited-only document has.
    cited = _rows(store, """SELECT ?d ?t (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d pkg:citedTitle ?t } }
        GROUP BY ?d ?t""", d=doc)
    view["cited_title"] = most_readable([r["t"] for r in cited], {r["t"]: int(r["n"]) for r in cited})

    def related(pattern: str) -> list[dict]:
        rows = _rows(store, f"""SELECT DISTINCT ?x (MIN(?id_) AS ?id) (MIN(?t_) AS ?title) ?held ?d WHERE {{ GRAPH graph:catalog {{
            {pattern} FILTER NOT EXISTS {{ ?x pkg:resolvedTo ?r }}
            OPTIONAL {{ ?x eli:id_local ?id_ }} OPTIONAL {{ ?x dct:title ?t_ }}
            BIND (EXISTS {{ ?x a pkg:HeldDocument }} AS ?held) }} }} GROUP BY ?x ?held ?d ORDER BY ?id""", d=doc)
        return [{"iri": r["x"], "id": r["id"], "title": r["title"], "held": is_true(r["held"])} for r in rows]

    view["implements"] = related("?d eli:ensures_implementation_of ?x .")
    view["implemented_by"] = related("?x eli:ensures_implementation_of ?d .")
    view["based_on"] = related("?d eli:based_on ?x .")
    view["cites"] = related("?d eli:cites ?x .")
    view["cited_by"] = related("?x eli:cites ?d .")
    if not view["held"]:
        view.update(text=None, spans=[], indicators=[], tasks=[], responsibilities=[], demands=[])
        return view
    graph = NamedNode(view["graph"])
    view["text"] = _rows(store, "SELECT ?g ?t WHERE { GRAPH ?g { ?g pkg:sourceText ?t } }", g=graph)[0]["t"]
    view["spans"] = [dict(r, start=int(r["start"]), end=int(r["end"])) for r in _rows(store, """
        SELECT ?g ?fact ?kind ?start ?end WHERE { GRAPH ?g { ?fact pkg:evidence ?ev . ?ev oa:start ?start ; oa:end ?end .
          OPTIONAL { ?fact a ?k FILTER (STRSTARTS(STR(?k), "https://policykg.vn/ontology#")) } }
          BIND (COALESCE(REPLACE(STR(?k), "^.*#", ""), "Document") AS ?kind) } ORDER BY ?start""", g=graph)]
    view["indicators"] = _rows(store, """SELECT ?g ?row ?no ?name ?section ?unit ?kind ?year ?value ?comparator ?start ?end WHERE {
        GRAPH ?g { ?row a pkg:IndicatorRow ; rdfs:label ?name .
          OPTIONAL { ?row pkg:rowNo ?no } OPTIONAL { ?row pkg:section ?section } OPTIONAL { ?row sdmx-attribute:unitMeasure ?unit }
          OPTIONAL { ?row pkg:evidence [ oa:start ?start ; oa:end ?end ] }
          OPTIONAL { ?o pkg:row ?row ; pkg:valueText ?value ; a ?cls . FILTER (?cls IN (pkg:Target, pkg:Baseline))
                     OPTIONAL { ?o sdmx-dimension:refPeriod ?year } OPTIONAL { ?o pkg:comparator ?comparator }
                     BIND (IF(?cls = pkg:Target, "Chỉ tiêu", "Năm gốc") AS ?kind) } } }
        ORDER BY ?start ?year""", g=graph)
    view["tasks"] = _rows(store, """SELECT ?g ?task ?no ?name (GROUP_CONCAT(DISTINCT ?l; separator="; ") AS ?lead)
        (GROUP_CONCAT(DISTINCT ?c; separator="; ") AS ?coordinating) (MIN(?dl) AS ?deadline) (MIN(?s) AS ?start) (MIN(?e) AS ?end) WHERE {
        GRAPH ?g { ?task a pkg:Task ; dct:title ?name . OPTIONAL { ?task pkg:no ?no }
          OPTIONAL { ?task pkg:lead/skos:prefLabel ?l } OPTIONAL { ?task pkg:coordinating/skos:prefLabel ?c }
          OPTIONAL { ?task pkg:deadlineText ?dl } OPTIONAL { ?task pkg:evidence [ oa:start ?s ; oa:end ?e ] } } }
        GROUP BY ?g ?task ?no ?name ORDER BY ?start""", g=graph)
    view["responsibilities"] = _rows(store, """SELECT ?g ?r ?agency ?section ?duties ?start ?end WHERE { GRAPH ?g {
        ?r a pkg:Responsibility ; pkg:agency/skos:prefLabel ?agency ; pkg:section ?section ; pkg:dutiesCount ?duties .
        OPTIONAL { ?r pkg:evidence [ oa:start ?start ; oa:end ?end ] } } } ORDER BY ?start""", g=graph)
    view["demands"] = _rows(store, """SELECT ?g ?dm ?who ?quote ?due ?due_text ?start ?end WHERE { GRAPH ?g {
        ?dm a pkg:PlanDemand ; pkg:demandedOf/skos:prefLabel ?who ; pkg:quote ?quote .
        OPTIONAL { ?dm pkg:due ?d . ?d pkg:dueText ?due_text OPTIONAL { ?d pkg:dueDate ?due } }
        OPTIONAL { ?dm pkg:evidence [ oa:start ?start ; oa:end ?end ] } } } ORDER BY ?start""", g=graph)
    return view


def agency_choices(store) -> list[str]:
    rows = _rows(store, """SELECT DISTINCT ?label WHERE { GRAPH graph:catalog { ?a skos:prefLabel ?label }
        FILTER EXISTS { { ?t pkg:lead ?a } UNION { ?t pkg:coordinating ?a } UNION { ?r pkg:agency ?a } } } ORDER BY ?label""")
    return sort_names({r["label"] for r in rows})


def indicator_choices(store) -> list[dict]:
    """Indicators that plans set targets for, with how many targets, most first."""
    # two scans joined (as one pattern Oxigraph looked up each observation's type: 6× slower)
    rows = _rows(store, """SELECT ?c ?key ?label ?n WHERE {
        { SELECT ?c (COUNT(*) AS ?n) WHERE { { SELECT ?o WHERE { ?o a pkg:Target } }
                                             { SELECT ?o ?c WHERE { ?o pkg:indicator ?c } } } GROUP BY ?c }
        GRAPH graph:indicators { ?c skos:notation ?key ; skos:prefLabel ?label FILTER (lang(?label) = "vi") }
    } ORDER BY DESC(?n) ?label""")
    out = [{"iri": r["c"], "key": r["key"], "label": r["label"], "targets": int(r["n"])} for r in rows]
    return sorted(out, key=lambda c: (-c["targets"], name_key(c["label"])))


def province_choices() -> list[str]:
    from policykg.base.places import places

    return sort_names(p.name for p in places().provinces.values())


def default_document(store) -> str | None:
    """The document the document page opens on when none is asked for: a held one whose title
    reads with its diacritics (not OCR that lost them), with a number, of the highest level,
    the latest."""
    from .cascade import GROUP_ROWS, level_group

    rows = _rows(store, """SELECT ?d (MIN(?id_) AS ?id) (MIN(?t_) AS ?title) (MIN(?date_) AS ?date) (MIN(?l_) AS ?level)
        WHERE { GRAPH graph:catalog { ?d a pkg:HeldDocument . FILTER NOT EXISTS { ?d pkg:resolvedTo ?r }
          OPTIONAL { ?d eli:id_local ?id_ } OPTIONAL { ?d dct:title ?t_ } OPTIONAL { ?d eli:date_document ?date_ }
          OPTIONAL { ?d eli:passed_by/org:classification ?l_ } } } GROUP BY ?d""")
    if not rows:
        return None
    latest = sorted(rows, key=lambda r: r["date"] or "", reverse=True)  # then stable sorts by what matters more
    latest.sort(key=lambda r: (diacritic_share(r["title"]) < READABLE_SHARE, r["id"] is None,
                               GROUP_ROWS.get(level_group((r["level"] or "").rsplit("level-", 1)[-1]), 9)))
    return latest[0]["d"]
