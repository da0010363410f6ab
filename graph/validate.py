"""SHACL validation of the store (pyshacl) with a report policy staff can read."""
from dataclasses import dataclass

import rdflib
from pyoxigraph import NamedNode

from policykg.resources import ONTOLOGY, SHAPES

from .namespaces import GAZETTEER_GRAPH, IDENTITY_GRAPH, INDICATORS_GRAPH, ONTOLOGY_GRAPH

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str
    graph_label: str | None = None

    def __str__(self) -> str:
        where = self.graph_label or self.focus
        path = f" [{self.path}]" if self.path else ""
        return f"{self.severity}: {where}{path}: {self.message}"


def data_graph(store, with_gazetteer: bool = False) -> rdflib.Graph:
    """The union of the document graphs (and the reference graphs they point into)."""
    graphs = [NamedNode(d["graph"]) for d in store.documents()] + [IDENTITY_GRAPH, INDICATORS_GRAPH]
    if with_gazetteer:
        graphs.append(GAZETTEER_GRAPH)
    data = rdflib.Graph()
    for g in graphs:
        data.parse(data=store.dump_graph(g), format="nt")
    if not with_gazetteer:
        # Units a document points to, typed, so sh:class pkg:AdministrativeUnit holds.
        rows = store.query("""SELECT DISTINCT ?u ?c WHERE { GRAPH <%s> { ?u a ?c } GRAPH ?g { ?x pkg:governs|eli:jurisdiction ?u } }"""
                           % GAZETTEER_GRAPH.value)
        for r in rows:
            data.add((rdflib.URIRef(r["u"].value), rdflib.RDF.type, rdflib.URIRef(r["c"].value)))
    return data


def validate(store, with_gazetteer: bool = False) -> tuple[bool, list[Violation]]:
    import pyshacl

    # A reference graph cut short (a store killed while it was made) is repaired when the
    # store is next opened for writing; a read-only check reports it.
    broken = [Violation(str(ONTOLOGY_GRAPH.value), None, f"đồ thị tham chiếu không đầy đủ: {p}; mở kho để ghi "
                        "(ví dụ `policykg load`) sẽ nạp lại", "Violation") for p in store.reference_problems()]
    data = data_graph(store, with_gazetteer)
    data.parse(data=ONTOLOGY.read_text(), format="turtle")  # the concept schemes the data points into
    shapes = rdflib.Graph().parse(data=SHAPES.read_text(), format="turtle")
    conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, inference="rdfs",
                                               abort_on_first=False, allow_warnings=True)
    labels = {str(s): str(o) for s, o in data.subject_objects(rdflib.URIRef("http://data.europa.eu/eli/ontology#id_local"))}
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = str(report.value(result, SH.focusNode))
        path = report.value(result, SH.resultPath)
        messages = [str(m) for m in report.objects(result, SH.resultMessage)]
        vi = next((m for m in report.objects(result, SH.resultMessage) if getattr(m, "language", None) == "vi"), None)
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        doc = next((labels[k] for k in labels if focus.startswith(k)), None)
        out.append(Violation(focus, str(path) if path else None, str(vi) if vi else (messages[0] if messages else ""),
                             severity, doc))
    return bool(conforms) and not broken, broken + sorted(out, key=lambda v: (v.graph_label or "", v.focus))
