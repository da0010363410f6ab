"""The cascade below a document as a networkx graph: who carries it out, at which level.

    >>> g = cascade_graph(store, "25-CT/TW")
    >>> summary(g)["depth"]
    3

Edges point from a plan to the document it carries out (eli:ensures_implementation_of,
through identity resolution). Nodes carry the id, title, level, province, date and
whether the text is held.
"""
import math
import re
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
    # the title as citing documents word it (a cited-only document has no other)
    "cited_title": "GRAPH graph:catalog { ?d pkg:citedTitle ?v }",
}


def document_attributes(store, iris, names=tuple(ATTRIBUTES)) -> dict[str, dict]:
    """{iri: {name: value or None}} for the documents; of several values, the least (of
    several cited titles, the most readable: `most_readable`)."""
    from policykg.base.text import most_readable

    out: dict[str, dict[str, Any]] = {i: {n: None for n in names} for i in iris}
    if not out:
        return out
    # Past a few hundred documents, reading the attribute of every catalogued document and keeping
    # these is faster than a VALUES of them (Oxigraph joins a long VALUES slowly: 0,40 s against
    # 0,25 s for the 937 documents of the district-size benchmark's cascade).
    values = "" if len(out) > 300 else "VALUES ?d { " + " ".join(f"<{i}>" for i in out) + " }"
    for name in names:
        for r in store.query(f"SELECT DISTINCT ?d ?v WHERE {{ {values} {ATTRIBUTES[name]} }}"):
            attrs = out.get(r["d"].value)
            if attrs is None:
                continue
            v = r["v"].value
            if name == "cited_title":
                attrs[name] = v if attrs[name] is None else most_readable([attrs[name], v])
            else:
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
    from policykg.base.formats import name_key
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
        "provinces": dict(sorted(provinces.items(), key=lambda kv: name_key(kv[0]))),  # Đắk Lắk among the D's
    }


def typed_edges(store, nodes: list[str], kinds: tuple[str, ...] = ("based_on", "cites")) -> list[tuple[str, str, str]]:
    """(from, to, kind) edges of the other relations among a set of documents."""
    if not nodes:
        return []
    # Every such edge of graph:catalog (each stated once there), kept to the set here: a
    # VALUES of the cascade's documents made Oxigraph ten times slower (0,24 s against 0,03 s
    # for the 937 documents of the district-size benchmark), plans cite a handful each.
    props = " ".join(f"eli:{k}" for k in kinds)
    rows = store.query(f"SELECT ?a ?p ?b WHERE {{ VALUES ?p {{ {props} }} GRAPH graph:catalog {{ ?a ?p ?b }} }}")
    inside = set(nodes)
    return [(r["a"].value, r["b"].value, r["p"].value.rsplit("#", 1)[-1]) for r in rows
            if r["a"].value in inside and r["b"].value in inside]


# -- drawing the cascade: rows by administrative level, columns by province ------------------

# The administrative level of an issuing body (its org:classification notation), as the
# group the app colours and the row it draws: Trung ương → tỉnh → huyện / xã → trung tâm y tế.
# Huyện and xã share a row: since the 2025 reform a commune's plan carries out the province's.
LEVEL_GROUPS = {
    "national-party": "national", "national-government": "national", "ministry": "national", "national-assembly": "national",
    "provincial-party": "province", "provincial-people-committee": "province", "provincial-department": "province",
    "provincial-council": "province",
    "district-party": "district", "district-people-committee": "district",
    "district-health-centre": "health-centre", "commune": "commune",
}
GROUP_ROWS = {"national": 0, "province": 1, "district": 2, "commune": 2, "health-centre": 3}
UNIT_ROWS = {"province": 1, "district": 2, "commune": 2}  # a body of unknown level, by its unit


def level_group(level: str | None) -> str:
    return LEVEL_GROUPS.get(level or "", "unknown")


def level_rows(g: nx.DiGraph) -> dict[str, int]:
    """The row each node is drawn in, 0 at the top: the root's, then one per administrative
    level below it (empty levels closed up). A body of unknown level goes by its unit's level,
    else one row below the lowest document it carries out."""
    raw: dict[str, float] = {}

    def row_of(node: str, seen: frozenset = frozenset()) -> float:
        if node in raw:
            return raw[node]
        d = g.nodes[node]
        row: float | None = GROUP_ROWS.get(level_group(d.get("level")))
        if row is None:
            place = place_of_unit(d.get("unit"))
            row = UNIT_ROWS.get(place.level) if place is not None else None
        if row is None:  # below what it carries out (edges point from a plan to its target)
            above = [row_of(t, seen | {node}) for t in g.successors(node) if t not in seen | {node}]
            row = max(above) + 0.5 if above else float(d.get("depth", 0))
        raw[node] = row
        return row

    roots = [r for r in g.graph.get("roots", []) if r in g]
    top = min((row_of(r) for r in roots), default=0)
    rows = {}
    for node in g.nodes:
        # the root on top, everything else below it even when of the same level
        rows[node] = top if node in roots else max(row_of(node), top + 0.25)
    order = {r: i for i, r in enumerate(sorted(set(rows.values())))}
    return {n: order[r] for n, r in rows.items()}


def province_of_node(d: dict) -> str | None:
    """The bare name of the province a document's unit lies in ('Nghệ An'); None for national ones."""
    from policykg.base.places import places

    place = place_of_unit(d.get("unit"))
    return places().province_of(place).name if place is not None else None


def cascade_layout(g: nx.DiGraph, x_gap: float = 185, y_gap: float = 120, wrap: int | None = None,
                   aspect: float = 1.6) -> dict[str, tuple[float, float]]:
    """(x, y) of every node (y grows downwards). On top the root and the national documents;
    below, one block per province in Vietnamese order, in which rows follow `level_rows`
    (a row's place is the same in every block) and a row's documents stand side by side.
    Without `wrap` the blocks stand in one band, so each level is one row across the page.
    With `wrap` (a national cascade) a block is at most `wrap` documents wide, more go on
    sub-rows, and the blocks fill a grid about `aspect` times as wide as high, so the whole
    cascade fits a screen and each province reads as its own small cascade."""
    from policykg.base.formats import name_key

    rows = level_rows(g)
    province = {n: province_of_node(d) for n, d in g.nodes(data=True)}
    roots = set(g.graph.get("roots", []))
    top_rows = {rows[n] for n in g.nodes
                if province[n] is None and (n in roots or level_group(g.nodes[n].get("level")) == "national")}
    # a document of no known province below the national rows: a block of its own, last
    block = {n: province[n] if province[n] else (None if rows[n] in top_rows else "") for n in g.nodes}
    cells: dict[tuple[int, str | None], list[str]] = {}
    for n in g.nodes:
        cells.setdefault((rows[n], block[n]), []).append(n)
    for members in cells.values():
        members.sort(key=lambda n: (name_key(g.nodes[n].get("id") or ""), n))
    blocks = sorted({b for b in block.values() if b}, key=name_key) + ([""] if "" in block.values() else [])
    per_line = wrap or max((len(m) for m in cells.values()), default=1)
    step = y_gap * 0.6  # between the sub-rows of one row
    level_lines: dict[int, int] = {}
    for (r, b), members in cells.items():
        if b is not None:
            level_lines[r] = max(level_lines.get(r, 1), math.ceil(len(members) / per_line))
    y_in_block, y = {}, 0.0
    for r in sorted(level_lines):
        y_in_block[r] = y
        y += y_gap + (level_lines[r] - 1) * step
    block_height = y
    width = {b: min(per_line, max(len(m) for (_, q), m in cells.items() if q == b)) for b in blocks}
    top = {r: sorted(m for (q, b), m in cells.items() if q == r and b is None) for r in top_rows}
    top_height = len(top_rows) * y_gap
    origin: dict[str, tuple[float, float]] = {}
    if wrap is None or not blocks:
        x = 0.0
        for b in blocks:
            origin[b] = (x, top_height)
            x += (width[b] + 0.5) * x_gap
        span = max(x - 1.5 * x_gap, 0.0)
    else:
        cell_w, cell_h = (max(width.values()) + 0.5) * x_gap, block_height + 0.5 * y_gap
        columns = min(range(1, len(blocks) + 1),
                      key=lambda k: abs(math.log(k * cell_w / (math.ceil(len(blocks) / k) * cell_h + top_height) / aspect)))
        for i, b in enumerate(blocks):
            origin[b] = ((i % columns) * cell_w, top_height + (i // columns) * cell_h)
        span = columns * cell_w - 1.5 * x_gap
    pos: dict[str, tuple[float, float]] = {}
    for k, r in enumerate(sorted(top)):  # the root and national documents, centred above all
        members = [n for m in top[r] for n in m]
        start = span / 2 - (len(members) - 1) * x_gap / 2
        for i, n in enumerate(members):
            pos[n] = (start + i * x_gap, k * y_gap)
    for (r, b), members in cells.items():
        if b is None:
            continue
        x0, y0 = origin[b]
        for i, n in enumerate(members):
            pos[n] = (x0 + (i % per_line) * x_gap, y0 + y_in_block[r] + (i // per_line) * step)
    return pos


def cascade_tree(g: nx.DiGraph) -> list[tuple[int, str]]:
    """The cascade as an indented tree, (depth, node) in reading order: each root, then the
    plans that carry it out, each followed by its own. A plan that carries out several
    documents of the cascade is shown once, under the one nearest above it in level (the
    province's plan rather than the ministry's decision)."""
    from policykg.base.formats import name_key

    rows = level_rows(g)

    def key(n: str):
        d = g.nodes[n]
        return (rows[n], name_key(province_of_node(d) or ""), name_key(d.get("id") or ""), n)

    roots = sorted((r for r in g.graph.get("roots", []) if r in g), key=key)
    children: dict[str, list[str]] = {n: [] for n in g.nodes}
    for n in g.nodes:
        targets = [t for t in g.successors(n) if t != n]
        if n not in roots and targets:
            children[min(targets, key=lambda t: (-rows[t], key(t)))].append(n)
    out: list[tuple[int, str]] = []
    seen: set[str] = set()
    # each root, then what no root reaches (a cycle, or a filter that took its parents away)
    for start in roots + sorted(g.nodes, key=key):
        stack = [(0, start)]
        while stack:
            depth, node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            out.append((depth, node))
            stack += [(depth + 1, c) for c in sorted(children[node], key=key, reverse=True)]
    return out


# Bodies named short in a node label, as staff write them ('UBND Nghệ An').
SHORT_BODIES = [(re.compile(p, re.IGNORECASE), s) for p, s in (
    (r"\bỦy ban nhân dân\b", "UBND"), (r"\bUỷ ban nhân dân\b", "UBND"), (r"\bHội đồng nhân dân\b", "HĐND"),
    (r"\bTrung tâm Y tế\b", "TTYT"), (r"\bBảo hiểm xã hội\b", "BHXH"), (r"\bBan Chấp hành Trung ương\b", "BCH Trung ương"))]
UNIT_WORDS = re.compile(r"\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)(?=\s+(?!ủy|uỷ)\S)", re.IGNORECASE)


def short_issuer(issuer: str | None) -> str:
    """'Ủy ban nhân dân tỉnh Nghệ An' → 'UBND Nghệ An', 'Trung tâm Y tế huyện Kiên Hải' →
    'TTYT Kiên Hải': the body abbreviated as staff write it, the unit's bare name after it."""
    if not issuer:
        return ""
    text = " ".join(issuer.split())
    for pattern, short in SHORT_BODIES:
        text = pattern.sub(short, text)
    return UNIT_WORDS.sub("", text)


def node_label(d: dict, no_number: str = "(chưa có số)") -> str:
    """A node's label: its id, then its issuer short ('542/KH-UBND\nUBND Nghệ An')."""
    issuer = short_issuer(d.get("issuer"))
    place = place_of_unit(d.get("unit"))
    if place is not None and place.name not in issuer:  # 'Sở Y tế' → 'Sở Y tế Nghệ An'
        issuer = f"{issuer} {place.name}".strip()
    return "\n".join(x for x in (d.get("id") or no_number, issuer) if x)
