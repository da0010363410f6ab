"""The cascade as an interactive network (pyvis / vis-network), safe to embed.

Node and edge records are built with pyvis; the page is our own small template with
vis-network inlined from the pyvis package, so it renders with no network access, and
its data is JSON with <, > and & escaped, so a title containing '<script>' stays text.
"""
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import networkx as nx
from pyvis.network import Network

LEVEL_GROUPS = {
    "national-party": "national", "national-government": "national", "ministry": "national", "national-assembly": "national",
    "provincial-party": "province", "provincial-people-committee": "province", "provincial-department": "province",
    "provincial-council": "province",
    "district-party": "district", "district-people-committee": "district",
    "district-health-centre": "health-centre", "commune": "commune",
}
COLORS = {"national": "#b71c1c", "province": "#1565c0", "district": "#2e7d32", "health-centre": "#ef6c00",
          "commune": "#6a1b9a", "unknown": "#757575"}
GROUP_LABELS = {
    "vi": {"national": "Trung ương", "province": "Cấp tỉnh", "district": "Cấp huyện", "health-centre": "Trung tâm Y tế huyện",
           "commune": "Cấp xã", "unknown": "Chưa rõ cấp"},
    "en": {"national": "National", "province": "Province", "district": "District", "health-centre": "District health centre",
           "commune": "Commune", "unknown": "Level unknown"},
}
EDGE_STYLES = {
    "implements": {"color": "#37474f", "dashes": False, "width": 2},
    "based_on": {"color": "#1e88e5", "dashes": [8, 6], "width": 1.5},
    "cites": {"color": "#9e9e9e", "dashes": [2, 5], "width": 1},
}
EDGE_LABELS = {"vi": {"implements": "thực hiện", "based_on": "căn cứ", "cites": "dẫn chiếu"},
               "en": {"implements": "implements", "based_on": "based on", "cites": "cites"}}


def level_group(level: str | None) -> str:
    return LEVEL_GROUPS.get(level or "", "unknown")


@lru_cache(maxsize=1)
def _vis_js() -> str:
    import pyvis

    return (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text("utf-8")


def _safe_json(value) -> str:
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def document_url(iri: str) -> str:
    return f"/document?doc={quote(iri, safe='')}"


def network_records(g: nx.DiGraph, extra_edges: Sequence[tuple[str, str, str]] = (), lang: str = "vi",
                    show: tuple[str, ...] = ("implements", "based_on", "cites")) -> tuple[list[dict], list[dict]]:
    from policykg.queries.formats import format_date

    net = Network(directed=True, cdn_resources="in_line")
    no_number = "(no number)" if lang == "en" else "(chưa có số)"
    for node, d in g.nodes(data=True):
        group = level_group(d.get("level"))
        color = COLORS[group]
        held = bool(d.get("held"))
        tooltip = "\n".join(x for x in (
            d.get("id") or no_number, d.get("title"), d.get("issuer"), format_date(d.get("date")) if d.get("date") else None,
            ("Đã có toàn văn" if held else "Chỉ được dẫn chiếu") if lang == "vi" else ("Text held" if held else "Cited only"),
        ) if x)
        net.add_node(node, label=d.get("id") or no_number, title=tooltip, level=d.get("depth", 0),
                     shape="dot", size=16 if held else 12, borderWidth=3 if held else 2,
                     color={"background": color if held else "#ffffff", "border": color,
                            "highlight": {"background": color, "border": "#000000"}},
                     shapeProperties={"borderDashes": False if held else [4, 3]},
                     font={"size": 14, "color": "#212121"}, url=document_url(node), levelGroup=group)
    if "implements" in show:
        for a, b in g.edges:
            net.add_edge(a, b, kind="implements", title=EDGE_LABELS[lang]["implements"], arrows="to",
                         **EDGE_STYLES["implements"])
    for a, b, kind in extra_edges:
        if kind in show and a in g and b in g:
            net.add_edge(a, b, kind=kind, title=EDGE_LABELS[lang][kind], arrows="to", **EDGE_STYLES[kind])
    return net.nodes, net.edges


OPTIONS = {
    "layout": {"hierarchical": {"enabled": True, "direction": "DU", "sortMethod": "directed",
                                "levelSeparation": 130, "nodeSpacing": 170, "shakeTowards": "roots"}},
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": True, "keyboard": True},
    "edges": {"smooth": {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4}},
}


def cascade_html(g: nx.DiGraph, extra_edges: Sequence[tuple[str, str, str]] = (), lang: str = "vi",
                 show: tuple[str, ...] = ("implements", "based_on", "cites"), height: int = 620) -> str:
    """A self-contained HTML page with the interactive network and its legend."""
    nodes, edges = network_records(g, extra_edges, lang, show)
    legend_items = "".join(
        f'<span class="item"><span class="dot" style="background:{COLORS[k]};border-color:{COLORS[k]}"></span>{v}</span>'
        for k, v in GROUP_LABELS[lang].items() if k in {level_group(d.get("level")) for _, d in g.nodes(data=True)} or k != "unknown")
    held, cited = ("Đã có toàn văn", "Chỉ được dẫn chiếu") if lang == "vi" else ("Text held", "Cited only")
    edge_items = "".join(
        f'<span class="item"><span class="line" style="border-top:{2 if k == "implements" else 2}px '
        f'{"solid" if k == "implements" else "dashed" if k == "based_on" else "dotted"} {EDGE_STYLES[k]["color"]}"></span>{EDGE_LABELS[lang][k]}</span>'
        for k in ("implements", "based_on", "cites") if k in show)
    hint = "Bấm vào một văn bản để mở trang của nó." if lang == "vi" else "Click a document to open its page."
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<style>
  body {{ margin: 0; font-family: "Source Sans Pro", Arial, sans-serif; font-size: 14px; }}
  #legend {{ padding: 6px 8px; border-bottom: 1px solid #ddd; line-height: 1.9; }}
  #legend .item {{ margin-right: 14px; white-space: nowrap; }}
  #legend .dot {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%; border: 2px solid; margin-right: 5px; vertical-align: -1px; }}
  #legend .dot.cited {{ background: #fff !important; border-style: dashed; }}
  #legend .line {{ display: inline-block; width: 26px; margin-right: 5px; vertical-align: middle; }}
  #network {{ width: 100%; height: {height}px; }}
  div.vis-tooltip {{ white-space: pre-line; max-width: 420px; }}
</style>
<script>{_vis_js()}</script>
</head><body>
<div id="legend">{legend_items}<br>
  <span class="item"><span class="dot" style="background:#555;border-color:#555"></span>{held}</span>
  <span class="item"><span class="dot cited" style="border-color:#555"></span>{cited}</span>
  {edge_items} <span class="item" style="color:#666">{hint}</span></div>
<div id="network"></div>
<script>
  var nodes = new vis.DataSet({_safe_json(nodes)});
  var edges = new vis.DataSet({_safe_json(edges)});
  var network = new vis.Network(document.getElementById("network"), {{nodes: nodes, edges: edges}}, {_safe_json(OPTIONS)});
  network.on("click", function (params) {{
    if (!params.nodes.length) return;
    var url = nodes.get(params.nodes[0]).url;
    try {{ window.top.location.assign(url); }} catch (e) {{ window.open(url, "_blank"); }}
  }});
  window.policykgNetwork = network;
</script>
</body></html>"""
