"""The cascade as the app draws it: rows by administrative level, columns by province, the
indented tree and the node labels (graph/cascade.py), on the loaded corpus and on graphs
built by hand for the cases the corpus lacks."""
import networkx as nx
import pytest

from policykg.graph.cascade import (
    cascade_graph,
    cascade_layout,
    cascade_tree,
    level_rows,
    node_label,
    province_of_node,
    short_issuer,
)

UNIT = "https://policykg.vn/id/unit/pre2025/"


@pytest.fixture(scope="module")
def corpus_cascade(corpus_store):
    return cascade_graph(corpus_store, "25-CT/TW")


def by_id(g: nx.DiGraph) -> dict[str, str]:
    return {d["id"]: n for n, d in g.nodes(data=True)}


def test_rows_follow_the_level_not_the_chain_length(corpus_cascade):
    g, ids = corpus_cascade, by_id(corpus_cascade)
    rows = {i: level_rows(g)[n] for i, n in ids.items()}
    assert rows["25-CT/TW"] == 0
    # 1093/QĐ-BYT and 281/QĐ-TTg are national: one row under the root
    assert rows["1093/QĐ-BYT"] == rows["281/QĐ-TTg"] == 1
    # every province's plan on one row, whether it carries out 25-CT/TW directly or through another plan
    assert {rows[i] for i in ("176/KH-UBND", "197-KH/TU", "229-KH/TU", "542/KH-UBND", "265-KH/TU")} == {2}
    # 198-KH/HU of Kiên Hải district is not beside 197-KH/TU of the province
    assert rows["198-KH/HU"] == rows["120/KH-UBND"] == 3


def test_layout_draws_rows_top_down_and_provinces_side_by_side(corpus_cascade):
    g, ids = corpus_cascade, by_id(corpus_cascade)
    pos = cascade_layout(g)
    rows = level_rows(g)
    for a in g.nodes:
        for b in g.nodes:
            if rows[a] < rows[b]:
                assert pos[a][1] < pos[b][1]
    assert len(set(pos.values())) == len(pos)  # no two nodes on one spot
    # Cần Thơ, then Kiên Giang, then Nghệ An (Vietnamese order), left to right
    x = {i: pos[n][0] for i, n in ids.items()}
    assert x["265-KH/TU"] < min(x["176/KH-UBND"], x["197-KH/TU"]) <= max(x["176/KH-UBND"], x["197-KH/TU"]) < x["229-KH/TU"]


def test_tree_puts_a_plan_under_the_nearest_document_it_carries_out(corpus_cascade):
    g = corpus_cascade
    tree = [(depth, g.nodes[n]["id"]) for depth, n in cascade_tree(g)]
    assert tree[0] == (0, "25-CT/TW")
    assert sorted(i for _, i in tree) == sorted(g.nodes[n]["id"] for n in g.nodes)  # each once
    at = {i: k for k, (_, i) in enumerate(tree)}
    # 542/KH-UBND carries out 1093/QĐ-BYT, 281/QĐ-TTg and 229-KH/TU: shown under Nghệ An's Party plan
    assert tree[at["542/KH-UBND"] - 1] == (1, "229-KH/TU") and tree[at["542/KH-UBND"]][0] == 2
    assert tree[at["176/KH-UBND"] - 1] == (1, "197-KH/TU")


def test_labels_give_the_id_and_a_short_issuer_with_its_locality(corpus_cascade):
    labels = {d["id"]: node_label(d) for _, d in corpus_cascade.nodes(data=True)}
    assert labels["542/KH-UBND"] == "542/KH-UBND\nUBND Nghệ An"
    assert labels["198-KH/HU"] == "198-KH/HU\nHuyện ủy Kiên Hải"
    assert labels["25-CT/TW"] == "25-CT/TW\nBan Bí thư"
    assert short_issuer("Trung tâm Y tế huyện Kiên Hải") == "TTYT Kiên Hải"
    assert short_issuer("Ban Thường vụ Tỉnh ủy Kiên Giang") == "Ban Thường vụ Tỉnh ủy Kiên Giang"
    assert short_issuer("Ủy ban nhân dân thành phố Cần Thơ") == "UBND Cần Thơ"
    # an issuer named without its place gets the place of the document's unit
    assert node_label({"id": "12/KH-SYT", "issuer": "Sở Y tế", "unit": UNIT + "province/40"}) == "12/KH-SYT\nSở Y tế Nghệ An"
    assert node_label({"id": None, "issuer": None}, "(no number)") == "(no number)"


def hand_graph() -> nx.DiGraph:
    """A province's plan as root, its department's and the districts', a commune's, health
    centres', and a plan of unknown level and unit under a district's."""
    g = nx.DiGraph(roots=["p"])
    g.add_node("p", id="1/KH-UBND", level="provincial-people-committee", unit=UNIT + "province/91")
    g.add_node("dept", id="2/KH-SYT", level="provincial-department", unit=UNIT + "province/91")
    g.add_node("d1", id="3/KH-UBND", level="district-people-committee", unit=UNIT + "district/912")
    g.add_node("c1", id="4/KH-UBND", level="commune", unit=None)
    g.add_node("h1", id="5/KH-TTYT", level="district-health-centre", unit=UNIT + "district/912")
    g.add_node("x", id="6/KH", level=None, unit=None)
    g.add_edges_from([("dept", "p"), ("d1", "p"), ("c1", "p"), ("h1", "d1"), ("x", "d1")])
    return g


def test_rows_of_a_province_root_and_of_unknown_levels():
    rows = level_rows(hand_graph())
    assert rows["p"] == 0  # the root on top even with a plan of its level below it
    assert rows["dept"] == 1
    assert rows["d1"] == rows["c1"] == 2  # huyện and xã share a row
    assert rows["h1"] == 4 and rows["x"] == 3  # unknown: just below what it carries out, above the health centres
    assert province_of_node(hand_graph().nodes["d1"]) == "Kiên Giang"


def test_a_big_cascade_is_a_grid_of_province_blocks_each_in_level_order():
    g = nx.DiGraph(roots=["root"])
    g.add_node("root", id="25-CT/TW", level="national-party")
    codes = [1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 91, 92]
    for p in codes:
        g.add_node(f"p{p}", id=f"{p}/KH-UBND", level="provincial-people-committee", unit=f"{UNIT}province/{p}")
        g.add_edge(f"p{p}", "root")
        for k in range(20):
            g.add_node(f"d{p}-{k}", id=f"{k}/KH-UBND", level="district-people-committee", unit=f"{UNIT}province/{p}")
            g.add_node(f"h{p}-{k}", id=f"{k}/KH-TTYT", level="district-health-centre", unit=f"{UNIT}province/{p}")
            g.add_edges_from([(f"d{p}-{k}", f"p{p}"), (f"h{p}-{k}", f"d{p}-{k}")])
    pos = cascade_layout(g, wrap=6)
    assert len(set(pos.values())) == len(pos)
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    assert 0.8 < (max(xs) - min(xs)) / (max(ys) - min(ys)) < 3.2  # fits a screen, not a 60-screen-wide strip
    boxes = []
    for p in codes:
        districts = [pos[n] for n in g.nodes if n.startswith(f"d{p}-")]
        centres = [pos[n] for n in g.nodes if n.startswith(f"h{p}-")]
        # the root on top; in each block the province's plan, then its districts', then their health centres'
        assert pos["root"][1] < pos[f"p{p}"][1] < min(y for _, y in districts)
        assert max(y for _, y in districts) < min(y for _, y in centres)
        assert len({x for x, _ in districts}) == 6  # 20 plans, at most 6 side by side
        members = [pos[f"p{p}"], *districts, *centres]
        boxes.append((min(x for x, _ in members), max(x for x, _ in members), min(y for _, y in members),
                      max(y for _, y in members)))
    for i, a in enumerate(boxes):  # the blocks do not overlap
        for b in boxes[i + 1:]:
            assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2]


def test_a_big_cascade_is_drawn_without_physics_or_curves():
    """Above BIG documents the network stays responsive: positions fixed in Python, no physics, straight
    edges hidden while dragging (app/render.py; the page in Chromium: benchmarks/app_pages.py)."""
    from policykg.app.render import BIG, network_data

    g = nx.DiGraph(roots=["root"])
    g.add_node("root", id="25-CT/TW", level="national-party")
    for k in range(BIG + 20):
        g.add_node(f"d{k}", id=f"{k}/KH-UBND", level="district-people-committee", unit=f"{UNIT}province/{k % 60 + 1}")
        g.add_edge(f"d{k}", "root")
    data = network_data(g)
    assert data["options"]["physics"] == {"enabled": False} and data["options"]["layout"]["hierarchical"]["enabled"] is False
    assert data["options"]["edges"]["smooth"] is False and data["options"]["interaction"]["hideEdgesOnDrag"] is True
    assert all(isinstance(n["x"], (int, float)) and isinstance(n["y"], (int, float)) for n in data["nodes"])
    assert data["options"]["nodes"]["fixed"] == {"x": True, "y": True}
    # edges by position, each relation's look once; above BIG no dashes (the rasteriser's cost), said in the legend
    assert len(data["edges"]) == BIG + 20 and all(data["nodes"][b]["id"] == "root" for _, b, _ in data["edges"])
    assert [r["title"] for r in data["relations"]] == ["thực hiện", "căn cứ", "dẫn chiếu"]
    assert not any("dashes" in r for r in data["relations"]) and "dashed" not in data["legend"]
    small = network_data(g.subgraph(["root", "d0", "d1"]).copy(), [("d0", "d1", "cites")])
    assert [r.get("dashes") for r in small["relations"]] == [False, [8, 6], [2, 5]] and "dotted" in small["legend"]
    ids = [n["id"] for n in small["nodes"]]
    assert sorted((ids[a], ids[b], k) for a, b, k in small["edges"]) == [("d0", "d1", 2), ("d0", "root", 0),
                                                                         ("d1", "root", 0)]


def test_node_labels_are_wrapped_before_vis_network_draws_them():
    """The issuer's line wrapped at 24 characters on word boundaries (vis-network's own wrapping
    measured each label word by word); the id's line as it is."""
    from policykg.app.render import wrapped

    assert wrapped("542/KH-UBND\nUBND Nghệ An") == "542/KH-UBND\nUBND Nghệ An"
    text = wrapped("12/KH-BCĐ\nBan Chỉ đạo chăm sóc sức khỏe nhân dân tỉnh Nghệ An")
    assert text.split("\n")[0] == "12/KH-BCĐ" and all(len(line) <= 24 for line in text.split("\n"))
    assert " ".join(text.split("\n")[1:]) == "Ban Chỉ đạo chăm sóc sức khỏe nhân dân tỉnh Nghệ An"


def test_the_summary_lists_provinces_in_vietnamese_order():
    """`policykg cascade`'s 'Tỉnh: …' line and the page's province filter: Đắk Lắk among the D's,
    not after Yên Bái (code point order)."""
    from policykg.graph.cascade import summary

    g = nx.DiGraph(roots=["root"])
    g.add_node("root", id="25-CT/TW", level="national-party")
    for code in (15, 66, 1):  # Yên Bái, Đắk Lắk, Hà Nội
        g.add_node(f"p{code}", id=f"{code}/KH-UBND", level="provincial-people-committee", unit=f"{UNIT}province/{code}")
        g.add_edge(f"p{code}", "root")
    assert list(summary(g)["provinces"]) == ["Đắk Lắk", "Hà Nội", "Yên Bái"]
