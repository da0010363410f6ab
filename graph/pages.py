"""Page provenance of a loaded document: its source format and where each page of a PDF
or scan lies in the stored source text (written by `rdf.record_quads`), for the app's
document page. Kept apart from `views` so that page look-ups have one home."""
import bisect

from pyoxigraph import NamedNode, Variable

from .backends import is_true
from .namespaces import SPARQL_PREFIXES


def source_pages(store, graph: str) -> dict:
    """{'format': 'pdf' | … | None (text), 'pages': [(start, end, number, ocr)]} of a document graph."""
    result = store.query(SPARQL_PREFIXES + """SELECT ?g ?fmt ?no ?start ?end ?ocr WHERE { GRAPH ?g {
        OPTIONAL { ?g pkg:sourceFormat ?fmt }
        OPTIONAL { ?g pkg:sourcePage ?p . ?p pkg:pageNumber ?no ; oa:start ?start ; oa:end ?end
                   OPTIONAL { ?p pkg:readByOCR ?ocr } } } } ORDER BY ?start""",
                         substitutions={Variable("g"): NamedNode(graph)})
    fmt, pages = None, []
    for row in result:
        fmt = row["fmt"].value if row["fmt"] is not None else fmt
        if row["no"] is not None:
            pages.append((int(row["start"].value), int(row["end"].value), int(row["no"].value),
                          row["ocr"] is not None and is_true(row["ocr"])))
    return {"format": fmt, "pages": pages}


def page_at(pages: list[tuple], offset: int) -> int | None:
    """The number of the page an offset of the source text lies on (None without pages)."""
    if not pages:
        return None
    i = bisect.bisect_right([p[0] for p in pages], offset) - 1
    return pages[max(i, 0)][2]
