"""The cascade below a document as a networkx graph: who carries it out, at which level.

    >>> g = cascade_graph(store, "25-CT/TW")
    >>> summary(g)["depth"]
    3

Edges point from a plan to the document it carries out (eli:ensures_implementation_of,
through identity resolution). Nodes carry the id, title, level, province, date and
whether the text is held.
"""
from collections import Counter
from typing import Any

import networkx as nx

from .backends import is_true
from .gazetteer import place_of_unit
from .namespaces import IDENTITY_GRAPH

# What a document is, read from graph:catalog (each statement once) one attribute at a time:
# a document may have several values of one (two titles as two citing plans wrote them), and
# joining several attributes in one pattern would multiply them.
ATTRIBUTES = {
    "id": "GRAPH graph:catalog { ?d eli:id_local ?v }",
    "title": "GRAPH graph:catalog { ?d dct:title ?v }",
    "date": "GRAPH graph:catalog { ?d eli:date_document ?v }",
    "unit": "GRAPH graph:catalog { ?d eli:jurisdiction ?v }",
    "issuer": "GRAPH graph:catalog { ?d eli:passed_by/skos:prefLabel ?v }",
    "level": "GRAPH graph:catalog { ?d eli:passed_by/org:classification ?v }",
    "held": "GRAPH graph:catalog { ?d a pkg:HeldDocument } BIND (true AS ?v)",
}


def document_attributes(store, iris, names=tuple(ATTRIBUTES)) -> dict[str, dict]:
    """{iri: {name: value or None}} for the documents; of several values, the least."""
    out: dict[str, dict[str, Any]] = {i: {n: None for n in names} for i in iris}
    if not out:
        return out
    values = " ".join(f"<{i}>" for i in out)
    for name in names:
        for r in store.query(f"SELECT DISTINCT ?d ?v WHERE {{ VALUES ?d {{ {values} }} {ATTRIBUTES[name]} }}"):
            attrs = out[r["d"].value]
            v = r["v"].value
            attrs[name] = v if attrs[name] is None else min(attrs[name], v)
    for attrs in out.values():
        if "held" in attrs:
            attrs["held"] = is_true(attrs["held"])
    return out


def find_documents(store, doc_id: str) -> list[str]:
    """IRIs of the documents with this id ('25-CT/TW'), resolved ones left out."""
    from pyoxigraph import Literal, Variable

    rows = store.query(
        f"""SELECT DISTINCT ?d ?id WHERE {{ GRAPH graph:catalog {{ ?d eli:id_local ?id }}
             FILTER NOT EXISTS {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?d pkg:resolvedTo ?other }} }} }}""",
        substitutions={Variable("id"): Literal(doc_id)})
    return sorted({r["d"].value for r in rows})


def implementation_edges(store) -> list[tuple[str, str]]:
    rows = store.query(f"""SELECT DISTINCT ?plan ?target WHERE {{
        GRAPH graph:catalog {{ ?plan eli:ensures_implementation_of ?target }}
        FILTER NOT EXISTS {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?plan pkg:resolvedTo ?p2 }} }}
        FILTER NOT EXISTS {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?target pkg:resolvedTo ?t2 }} }} }}""")
    return [(r["plan"].value, r["target"].value) for r in rows]


def implementation_graph(store) -> nx.DiGraph:
    """Every plan → what it carries out, as one networkx graph."""
    full = nx.DiGraph()
    full.add_edges_from(implementation_edges(store))
    return full


def cascade_graph(store, root_id: str, full: nx.DiGraph | None = None) -> nx.DiGraph:
    """Every document that carries out `root_id`, directly or through other plans."""
    full = implementation_graph(store) if full is None else full
    roots = find_documents(store, root_id)
    g = nx.DiGraph()
    for root in roots:
        g.add_node(root)
        if root in full:
            below = nx.ancestors(full, root)  # edges point up: plan → what it implements
            g.add_edges_from(full.subgraph(below | {root}).edges)
    g.graph["roots"] = roots
    if g.number_of_nodes():
        for node, attrs in document_attributes(store, list(g.nodes)).items():
            attrs["level"] = attrs["level"].rsplit("level-", 1)[-1] if attrs["level"] else None
            g.nodes[node].update(attrs)
        for root in roots:
            lengths = nx.single_source_shortest_path_length(g.reverse(copy=False), root)
            for node, depth in lengths.items():
                g.nodes[node]["depth"] = min(depth, g.nodes[node].get("depth", depth))
    return g


def summary(g: nx.DiGraph) -> dict:
    """Depth, plans per level, and depth and breadth per province."""
    from policykg.base.places import places

    gaz = places()
    plans = [n for n in g.nodes if n not in g.graph.get("roots", [])]
    per_level = Counter(g.nodes[n].get("level") or "unknown" for n in plans)
    provinces: dict[str, dict] = {}
    for n in plans:
        place = place_of_unit(g.nodes[n].get("unit"))
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
    # ?b is kept to the set here rather than by a second VALUES: two VALUES of a thousand
    # documents each would be joined as a million pairs.
    rows = store.query(f"""SELECT DISTINCT ?a ?p ?b WHERE {{ VALUES ?a {{ {values} }}
        VALUES ?p {{ {props} }} ?a ?p ?b }}""")
    inside = set(nodes)
    return [(r["a"].value, r["b"].value, r["p"].value.rsplit("#", 1)[-1]) for r in rows if r["b"].value in inside]
