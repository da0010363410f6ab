"""The cascade facts a person reads in the corpus, checked with SPARQL on the loaded store."""
from conftest import ask, select

DOC = 'https://policykg.vn/id/doc/'


def one_id(store, doc_id):
    rows = select(store, f'SELECT DISTINCT ?d WHERE {{ ?d eli:id_local "{doc_id}" }}')
    assert len(rows) == 1, rows
    return rows[0]["d"]


def targets(store, doc_id, prop):
    rows = select(store, f'''SELECT DISTINCT ?t WHERE {{ ?d eli:id_local "{doc_id}" ; a pkg:HeldDocument ; {prop} ?x .
                                                       ?x eli:id_local ?t }}''')
    return sorted(r["t"] for r in rows)


def test_201_kien_hai(corpus_store):
    assert targets(corpus_store, "201/KH-TTYT", "eli:ensures_implementation_of") == ["89/QĐ-TTg"]
    assert targets(corpus_store, "201/KH-TTYT", "eli:based_on") == ["139/KH-UBND", "3797/KH-SYT"]
    # 139/KH-UBND is the People's Committee of Kiên Hải district's: 'UBND huyện Kiên Hải'
    assert ask(corpus_store, '''ASK { ?d eli:id_local "139/KH-UBND" ; eli:passed_by ?o .
        ?o pkg:governs <https://policykg.vn/id/unit/pre2025/district/912> }''')


def test_176_kien_giang_implements_197_which_implements_25(corpus_store):
    assert targets(corpus_store, "176/KH-UBND", "eli:ensures_implementation_of") == ["197-KH/TU", "281/QĐ-TTg"]
    assert ask(corpus_store, '''ASK { ?p eli:id_local "197-KH/TU" ; eli:ensures_implementation_of ?d .
        ?d eli:id_local "25-CT/TW" . ?p eli:passed_by/pkg:governs <https://policykg.vn/id/unit/pre2025/province/91> }''')


def test_542_nghe_an(corpus_store):
    assert targets(corpus_store, "542/KH-UBND", "eli:ensures_implementation_of") == ["1093/QĐ-BYT", "229-KH/TU", "281/QĐ-TTg"]


def test_177_can_tho(corpus_store):
    assert targets(corpus_store, "177/KH-UBND", "eli:ensures_implementation_of") == ["89/QĐ-TTg"]


def test_one_25_ct_tw_node_reached_from_every_plan_that_names_it(corpus_store):
    node = one_id(corpus_store, "25-CT/TW")
    assert node == DOC + "tw/2023/25-ct-tw"
    for plan in ("201/KH-TTYT", "176/KH-UBND", "542/KH-UBND", "177/KH-UBND"):
        assert ask(corpus_store, f'''ASK {{ ?p eli:id_local "{plan}" ; a pkg:HeldDocument .
            ?p (eli:ensures_implementation_of|eli:based_on|eli:cites)+ <{node}> }}'''), plan
    # 197-KH/TU, cited by two plans in two wordings of its issuer, is one node too
    assert one_id(corpus_store, "197-KH/TU") == DOC + "tu-p91/2024/197-kh-tu"


def test_held_and_cited_only(corpus_store):
    held = {r["id"] for r in select(corpus_store, "SELECT ?id WHERE { ?d a pkg:HeldDocument . OPTIONAL { ?d eli:id_local ?id } }")}
    assert held == {"201/KH-TTYT", "176/KH-UBND", "542/KH-UBND", "177/KH-UBND", None}
    assert ask(corpus_store, 'ASK { ?d eli:id_local "25-CT/TW" ; a pkg:CitedOnlyDocument }')
    assert not ask(corpus_store, "ASK { ?d a pkg:HeldDocument, pkg:CitedOnlyDocument }")


def test_documents_linked_to_units_of_their_date(corpus_store):
    rows = {r["id"] or "Tam Đường": r["unit"] for r in select(corpus_store, """SELECT ?id ?unit WHERE {
        ?d a pkg:HeldDocument ; eli:jurisdiction ?unit . OPTIONAL { ?d eli:id_local ?id } }""")}
    base = "https://policykg.vn/id/unit/pre2025/"
    assert rows == {"201/KH-TTYT": base + "district/912", "Tam Đường": base + "district/106",
                    "176/KH-UBND": base + "province/91", "542/KH-UBND": base + "province/40",
                    "177/KH-UBND": base + "province/92"}
    assert ask(corpus_store, f"ASK {{ <{base}district/912> pkg:partOf <{base}province/91> }}")  # Kiên Hải ⊂ Kiên Giang
    assert ask(corpus_store, f"ASK {{ <{base}district/106> pkg:partOf/skos:prefLabel 'Tỉnh Lai Châu'@vi }}")


def test_where_kien_hai_went_in_2025(corpus_store):
    rows = select(corpus_store, """SELECT ?name ?prov WHERE {
        <https://policykg.vn/id/unit/pre2025/district/912> pkg:becamePartOf ?u .
        ?u skos:prefLabel ?name ; pkg:partOf/skos:prefLabel ?prov .
        ?e a org:ChangeEvent ; pkg:originalUnit <https://policykg.vn/id/unit/pre2025/district/912> ; pkg:resultingUnit ?u }""")
    assert rows == [{"name": "Đặc khu Kiên Hải", "prov": "An Giang"}]


def test_gazetteer_sizes(corpus_store):
    counts = {r["c"].rsplit("#")[-1] + "/" + r["era"]: int(r["n"]) for r in select(corpus_store, """
        SELECT ?c ?era (COUNT(?u) AS ?n) WHERE { GRAPH <https://policykg.vn/id/graph/gazetteer> {
          ?u a ?c . BIND(IF(STRSTARTS(STR(?u), "https://policykg.vn/id/unit/2025/"), "2025", "pre2025") AS ?era) }
          FILTER(?c IN (pkg:Province, pkg:District, pkg:Commune)) } GROUP BY ?c ?era""")}
    assert counts == {"Province/pre2025": 63, "District/pre2025": 696, "Commune/pre2025": 10051,
                      "Province/2025": 34, "Commune/2025": 3321}


def test_same_indicator_worded_differently_is_one_concept(corpus_store):
    rows = select(corpus_store, """SELECT DISTINCT ?label WHERE {
        ?row a pkg:IndicatorRow ; pkg:indicator <https://policykg.vn/id/indicator/doctors-per-10000> ; rdfs:label ?label }""")
    labels = {r["label"] for r in rows}
    assert {"Số bác sĩ trên 10.000 dân", "Số Bác sĩ/vạn dân (%) (Y tế cơ sở)"} <= labels
    # a target: Cần Thơ, doctors per 10,000 in 2030, at least 20
    assert ask(corpus_store, """ASK { ?o a pkg:Target ; pkg:indicator <https://policykg.vn/id/indicator/doctors-per-10000> ;
        sdmx-dimension:refArea <https://policykg.vn/id/unit/pre2025/province/92> ; sdmx-dimension:refPeriod "2030"^^xsd:gYear ;
        sdmx-measure:obsValue 20.0 ; pkg:comparator "≥" }""")
    # a row that matches no concept gets its own, flagged for review
    assert ask(corpus_store, "ASK { ?row a pkg:IndicatorRow ; pkg:indicator ?c . ?c pkg:needsReview true }")


def test_tasks_roles_and_deadlines(corpus_store):
    rows = select(corpus_store, """SELECT DISTINCT ?role ?agency WHERE {
        ?d eli:id_local "542/KH-UBND" ; a pkg:HeldDocument . ?t p-plan:isStepOfPlan ?d ; pkg:no "6" ;
        prov:qualifiedAssociation [ prov:agent/skos:prefLabel ?agency ; prov:hadRole ?role ] }""")
    got = sorted((r["role"].rsplit("#")[-1], r["agency"]) for r in rows)
    assert got == [("Coordinating", "Sở Nội vụ"), ("Coordinating", "UBND cấp huyện"),
                   ("Coordinating", "cơ quan, đơn vị có liên quan"), ("Lead", "Sở Y tế")]
    assert ask(corpus_store, """ASK { ?t pkg:no "6" ; pkg:deadlineText "Quý 2/2025" ;
        pkg:periodStart "2025-04-01"^^xsd:date ; pkg:periodEnd "2025-06-30"^^xsd:date }""")
    # the lead and coordinating cells as the plan writes them, next to the agencies they name
    cells = select(corpus_store, """SELECT DISTINCT ?lead ?coord WHERE { ?d eli:id_local "542/KH-UBND" ; a pkg:HeldDocument .
        ?t p-plan:isStepOfPlan ?d ; pkg:no "6" ; pkg:leadText ?lead ; pkg:coordinatingText ?coord }""")
    assert [(r["lead"], r["coord"]) for r in cells] == [
        ("Sở Y tế", "Sở Nội vụ; UBND cấp huyện; cơ quan, đơn vị có liên quan")]


def test_task_and_indicator_row_numbers_are_separate(corpus_store):
    # tasks carry pkg:no, indicator rows pkg:rowNo: a task table scans only task numbers
    assert not ask(corpus_store, "ASK { ?row a pkg:IndicatorRow ; pkg:no ?n }")
    assert ask(corpus_store, "ASK { ?row a pkg:IndicatorRow ; pkg:rowNo ?n }")
    assert not ask(corpus_store, "ASK { ?t pkg:rowNo ?n ; a pkg:Task }")


def test_every_fact_quotes_its_source(corpus_store):
    rows = select(corpus_store, """SELECT ?text ?s ?e ?exact WHERE { GRAPH ?g {
        ?g pkg:sourceText ?text . ?fact pkg:evidence ?ev . ?ev oa:start ?s ; oa:end ?e ; oa:exact ?exact } }""")
    assert len(rows) > 200
    for r in rows:
        assert r["text"][int(r["s"]):int(r["e"])] == r["exact"]


def test_provenance(corpus_store):
    import hashlib

    from conftest import corpus_files

    shas = {r["f"]: r["sha"] for r in select(corpus_store, """SELECT ?f ?sha WHERE { GRAPH ?g {
        ?g a pkg:DocumentGraph ; pkg:fileName ?f ; pkg:sha256 ?sha ; pkg:parserVersion ?v ;
           prov:generatedAtTime ?t ; prov:wasDerivedFrom ?src } }""")}
    assert shas == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus_files()}


def test_validates_clean(corpus_store):
    from policykg.graph.validate import validate

    conforms, violations = validate(corpus_store)
    assert conforms, "\n".join(map(str, violations))


def test_networkx_cascade(corpus_store):
    from policykg.graph.cascade import cascade_graph, summary

    info = summary(cascade_graph(corpus_store, "25-CT/TW"))
    assert info["depth"] == 2
    assert info["held"] == 2
    assert set(info["provinces"]) == {"Kiên Giang", "Nghệ An", "Cần Thơ"}
    assert info["provinces"]["Kiên Giang"]["depth"] == 2
    assert info["per_level"]["provincial-party"] == 3  # 197-KH/TU, 229-KH/TU, 265-KH/TU


def test_bodies_answer_to_their_parents(corpus_store):
    # the Kiên Hải health centre → Sở Y tế of Kiên Giang → UBND tỉnh Kiên Giang
    assert ask(corpus_store, """ASK { <https://policykg.vn/id/org/ttyt-d912> org:subOrganizationOf <https://policykg.vn/id/org/syt-p91> .
        <https://policykg.vn/id/org/syt-p91> org:subOrganizationOf <https://policykg.vn/id/org/ubnd-p91> ;
        org:classification pkg:level-provincial-department }""")
    assert ask(corpus_store, "ASK { <https://policykg.vn/id/org/hu-d912> org:subOrganizationOf <https://policykg.vn/id/org/tu-p91> }")
