"""The cascade below a document as a networkx graph: who carries it out, at which level.

    >>> g = cascade_graph(store, "25-CT/TW")
    >>> summary(g)["depth"]
    3

Edges point from a plan to the document it carries out (eli:ensures_implementation_of,
through identity resolution). Nodes carry the id, title, level, province, date and
whether the text is held.
"""
from collections import Counter

import networkx as nx

from .namespaces import IDENTITY_GRAPH

NODES_QUERY = """
SELECT ?doc (MIN(?id_) AS ?id) (MIN(?title_) AS ?title) (MIN(?date_) AS ?date)
       (MIN(?level_) AS ?level) (MIN(?issuer_) AS ?issuer) (MIN(?unit_) AS ?unit)
       (MIN(?held_) AS ?held) WHERE {
  VALUES ?doc { %s }
  OPTIONAL { ?doc eli:id_local ?id_ }
  OPTIONAL { ?doc dct:title ?title_ }
  OPTIONAL { ?doc eli:date_document ?date_ }
  OPTIONAL { ?doc eli:passed_by ?org . ?org skos:prefLabel ?issuer_ . OPTIONAL { ?org org:classification ?level_ } }
  OPTIONAL { ?doc eli:jurisdiction ?unit_ }
  BIND(EXISTS { ?doc a pkg:HeldDocument } AS ?held_)
} GROUP BY ?doc
"""


def find_documents(store, doc_id: str) -> list[str]:
    """IRIs of the documents with this id ('25-CT/TW'), resolved ones left out."""
    from pyoxigraph import Literal, Variable

    rows = store.query(
        f"""SELECT DISTINCT ?d ?id WHERE {{ ?d eli:id_local ?id
             FILTER NOT EXISTS {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?d pkg:resolvedTo ?other }} }} }}""",
        substitutions={Variable("id"): Literal(doc_id)})
    return sorted({r["d"].value for r in rows})


def implementation_edges(store) -> list[tuple[str, str]]:
    rows = store.query(f"""SELECT DISTINCT ?plan ?target WHERE {{
        ?plan eli:ensures_implementation_of ?target .
        FILTER NOT EXISTS {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?plan pkg:resolvedTo ?p2 }} }}
        FILTER NOT EXISTS {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?target pkg:resolvedTo ?t2 }} }} }}""")
    return [(r["plan"].value, r["target"].value) for r in rows]


def cascade_graph(store, root_id: str) -> nx.DiGraph:
    """Every document that carries out `root_id`, directly or through other plans."""
    full = nx.DiGraph()
    full.add_edges_from(implementation_edges(store))
    roots = find_documents(store, root_id)
    g = nx.DiGraph()
    for root in roots:
        g.add_node(root)
        if root in full:
            below = nx.ancestors(full, root)  # edges point up: plan → what it implements
            g.add_edges_from(full.subgraph(below | {root}).edges)
    g.graph["roots"] = roots
    if g.number_of_nodes():
        values = " ".join(f"<{n}>" for n in g.nodes)
        for r in store.query(NODES_QUERY % values):
            attrs = {k: (r[k].value if r[k] is not None else None)
                     for k in ("id", "title", "date", "level", "issuer", "unit")}
            attrs["level"] = attrs["level"].rsplit("level-", 1)[-1] if attrs["level"] else None
            attrs["held"] = r["held"] is not None and r["held"].value == "true"
            g.nodes[r["doc"].value].update(attrs)
        for root in roots:
            lengths = nx.single_source_shortest_path_length(g.reverse(copy=False), root)
            for node, depth in lengths.items():
                g.nodes[node]["depth"] = min(depth, g.nodes[node].get("depth", depth))
    return g


def summary(g: nx.DiGraph) -> dict:
    """Depth, plans per level, and depth and breadth per province."""
    from policykg.loaders.places import places

    gaz = places()
    plans = [n for n in g.nodes if n not in g.graph.get("roots", [])]
    per_level = Counter(g.nodes[n].get("level") or "unknown" for n in plans)
    provinces: dict[str, dict] = {}
    for n in plans:
        unit = g.nodes[n].get("unit")
        if not unit:
            continue
        level, code = unit.rsplit("/", 2)[-2:]
        place = gaz.provinces.get(int(code)) if level == "province" else gaz.districts.get(int(code))
        if place is None:
            continue
        province = gaz.province_of(place).name
        entry = provinces.setdefault(province, {"plans": 0, "held": 0, "depth": 0})
        entry["plans"] += 1
        entry["held"] += 1 if g.nodes[n].get("held") else 0
        entry["depth"] = max(entry["depth"], g.nodes[n].get("depth", 0))
    return {
        "roots": g.graph.get("roots", []),
        "plans": len(plans),
        "held": sum(1 for n in plans if g.nodes[n].get("held")),
        "depth": max((g.nodes[n].get("depth", 0) for n in g.nodes), default=0),
        "per_level": dict(per_level),
        "provinces": dict(sorted(provinces.items())),
    }


def typed_edges(store, nodes: list[str], kinds: tuple[str, ...] = ("based_on", "cites")) -> list[tuple[str, str, str]]:
    """(from, to, kind) edges of the other relations among a set of documents."""
    if not nodes:
        return []
    values = " ".join(f"<{n}>" for n in nodes)
    props = " ".join(f"eli:{k}" for k in kinds)
    rows = store.query(f"""SELECT DISTINCT ?a ?p ?b WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }}
        VALUES ?p {{ {props} }} ?a ?p ?b }}""")
    return [(r["a"].value, r["b"].value, r["p"].value.rsplit("#", 1)[-1]) for r in rows]
