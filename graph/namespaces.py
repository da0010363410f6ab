"""IRIs of the vocabularies the graph uses, and of policykg's own things."""
from pyoxigraph import NamedNode

PKG = "https://policykg.vn/ontology#"
ID = "https://policykg.vn/id/"
ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
QB = "http://purl.org/linked-data/cube#"
SDMX_DIM = "http://purl.org/linked-data/sdmx/2009/dimension#"
SDMX_MEASURE = "http://purl.org/linked-data/sdmx/2009/measure#"
SDMX_ATTR = "http://purl.org/linked-data/sdmx/2009/attribute#"
SDMX_CODE = "http://purl.org/linked-data/sdmx/2009/code#"
PPLAN = "http://purl.org/net/p-plan#"
OA = "http://www.w3.org/ns/oa#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"

PREFIXES = {
    "pkg": PKG, "eli": ELI, "org": ORG, "skos": SKOS, "prov": PROV, "dct": DCT, "qb": QB,
    "sdmx-dimension": SDMX_DIM, "sdmx-measure": SDMX_MEASURE, "sdmx-attribute": SDMX_ATTR,
    "p-plan": PPLAN, "oa": OA, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL,
    "graph": ID + "graph/",  # policykg's own graphs: GRAPH graph:catalog { … }
}
SPARQL_PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())

# Graphs that are not documents.
ONTOLOGY_GRAPH = NamedNode(ID + "graph/ontology")
GAZETTEER_GRAPH = NamedNode(ID + "graph/gazetteer")
INDICATORS_GRAPH = NamedNode(ID + "graph/indicators")
IDENTITY_GRAPH = NamedNode(ID + "graph/identity")
# One copy of every statement about a document or an organisation, whichever graphs state
# it: the union default graph repeats a statement once per graph, and a much-cited document
# is described in hundreds of graphs (see graph/store.py, CATALOG_UPDATE).
CATALOG_GRAPH = NamedNode(ID + "graph/catalog")
REFERENCE_GRAPHS = (ONTOLOGY_GRAPH, GAZETTEER_GRAPH, INDICATORS_GRAPH, IDENTITY_GRAPH, CATALOG_GRAPH)


def n(prefix_iri: str, local: str) -> NamedNode:
    return NamedNode(prefix_iri + local)
