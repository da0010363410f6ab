"""The cascade as an interactive network (vis-network, from the pyvis package), in the page.

The network is a Streamlit component (st.components.v2) mounted in the app's own page, not
an iframe: a click on a node goes back to Python, which switches to the document page in
the same tab and session (language and filters kept), in a fraction of a second. vis-network's
script and stylesheet are pyvis's own copy, served by this server at an address of their own
(`vis_files_url`: no network access needed, fetched once by each browser and then kept, not
sent with every run of the page); the stylesheet is what places the tooltips and draws the
zoom and fit buttons. Node titles are
given to vis-network as strings, which it shows as text: a title containing '<script>' stays
text. Positions are computed in Python (`cascade_layout`: rows by administrative level,
columns by province), so vis-network runs no layout or physics and stays fast on a national
cascade.
"""
import html
import textwrap
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

import networkx as nx

from policykg.base.i18n import t
from policykg.graph.cascade import LEVEL_GROUPS, cascade_layout, level_group, node_label
from policykg.queries.table import LANGS

__all__ = ["COLORS", "EDGE_LABELS", "GROUP_LABELS", "LEVEL_GROUPS", "VIS_SCRIPT_JS", "cascade_component", "document_url",
           "level_group", "network_data"]

COLORS = {"national": "#b71c1c", "province": "#1565c0", "district": "#2e7d32", "health-centre": "#ef6c00",
          "commune": "#6a1b9a", "unknown": "#757575"}
# The legend's and the filters' words, from the translation table, in the legend's order
GROUP_LABELS = {lang: {k: t(f"cascade.group.{k}", lang) for k in ("national", "province", "district", "commune", "health-centre",
                                                                     "unknown")} for lang in LANGS}
EDGE_STYLES = {
    "implements": {"color": "#37474f", "dashes": False, "width": 2},
    "based_on": {"color": "#1e88e5", "dashes": [8, 6], "width": 1.5},
    "cites": {"color": "#9e9e9e", "dashes": [2, 5], "width": 1},
}
EDGE_LINES = {"implements": "solid", "based_on": "dashed", "cites": "dotted"}
EDGE_LABELS = {lang: {k: t(f"cascade.edge.{k}", lang) for k in EDGE_STYLES} for lang in LANGS}
# Above this many nodes the edges are drawn straight and the province blocks wrap: vis-network
# then draws a national cascade without lag (benchmarks/run.py times the page's read models).
BIG = 300


def document_url(iri: str, lang: str = "vi") -> str:
    """The document page's address for a document (in English: with ?lang=en, so a link opened
    in a new tab stays English)."""
    params = {"doc": iri} | ({"lang": "en"} if lang == "en" else {})
    return "/document?" + urlencode(params)


def wrapped(label: str, width: int = 24) -> str:
    """A node's label with its issuer wrapped at `width` characters (about 170 px at the
    network's font): vis-network's own wrapping (widthConstraint) measures the text word by
    word, the largest part of its work in drawing a national cascade the first time."""
    first, *rest = label.split("\n")
    return "\n".join([first, *(line for part in rest for line in textwrap.wrap(part, width, break_long_words=False))])


def network_data(g: nx.DiGraph, extra_edges: Sequence[tuple[str, str, str]] = (), lang: str = "vi",
                 show: tuple[str, ...] = ("implements", "based_on", "cites"), height: int = 600) -> dict:
    """What the component draws: nodes with fixed positions, edges, options and the legend."""
    from policykg.queries.formats import format_date

    words = {"held": t("status.held", lang), "cited": t("status.cited-only", lang), "no_number": t("no_number", lang),
             "hint": t("cascade.hint", lang), "relations": t("edge_kinds", lang), "levels": t("levels", lang)}
    big = g.number_of_nodes() > BIG
    pos = cascade_layout(g, wrap=6 if big else None)
    nodes, groups = [], {}
    for node, d in g.nodes(data=True):
        group = level_group(d.get("level"))
        held = bool(d.get("held"))
        title = d.get("title") or d.get("cited_title")
        tooltip = "\n".join(x for x in (
            d.get("id") or words["no_number"], title[:300] if title else None, d.get("issuer"),
            format_date(d.get("date")) if d.get("date") else None, words["held"] if held else words["cited"],
        ) if x)
        x, y = pos[node]
        style = f"{group}-{'held' if held else 'cited'}"
        if style not in groups:  # the look of a level and status once, not on each of a thousand nodes
            color = COLORS[group]
            # a box with the id and the issuer inside: filled when the text is held, dashed when only cited
            groups[style] = {
                "shape": "box", "margin": 6, "borderWidth": 2 if held else 1.5,
                "color": {"background": color if held else "#ffffff", "border": color,
                          "highlight": {"background": color if held else "#f5f5f5", "border": "#000000"},
                          "hover": {"background": color if held else "#f5f5f5", "border": "#000000"}},
                "shapeProperties": {"borderDashes": False if held else [4, 3], "borderRadius": 4},
                "font": {"size": 14, "color": "#ffffff" if held else "#212121"}}
        nodes.append({"id": node, "label": wrapped(node_label(d, words["no_number"])), "title": tooltip, "x": x, "y": y,
                      "group": style})
    # Edges as [from, to, relation] by position, each relation's look sent once: a national
    # cascade has thousands of edges, and their IRIs and styles repeated were 600 KB a run.
    index = {node: i for i, node in enumerate(g.nodes)}
    kinds = [k for k in EDGE_STYLES if k in show]
    edges = [[index[a], index[b], kinds.index("implements")] for a, b in g.edges] if "implements" in show else []
    edges += [[index[a], index[b], kinds.index(kind)] for a, b, kind in extra_edges
              if kind in show and a in index and b in index]
    # Dashed lines cost the browser's rasteriser most at the zoom that shows a big cascade whole
    # (80 of the 100 ms a drawing took at the district size): there the relations go by colour.
    looks = [{"title": EDGE_LABELS[lang][k], "color": EDGE_STYLES[k]["color"], "width": EDGE_STYLES[k]["width"]}
             | ({} if big else {"dashes": EDGE_STYLES[k]["dashes"]}) for k in kinds]
    options = {
        "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 100, "navigationButtons": True, "keyboard": True,
                        "hideEdgesOnDrag": big, "zoomSpeed": 0.6},
        "edges": {"arrows": "to",
                  "smooth": False if big else {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4}},
        "nodes": {"fixed": {"x": True, "y": True}},
        "groups": groups,
    }
    present = {level_group(d.get("level")) for _, d in g.nodes(data=True)}
    levels = "".join(
        f'<span class="item"><span class="dot" style="background:{COLORS[k]};border-color:{COLORS[k]}"></span>'
        f"{html.escape(v)}</span>" for k, v in GROUP_LABELS[lang].items() if k in present or k != "unknown")
    relations = "".join(
        f'<span class="item{"" if k in show else " off"}" data-relation="{k}"><span class="line" style="border-top:2px '
        f'{"solid" if big else EDGE_LINES[k]} {EDGE_STYLES[k]["color"]}"></span>{html.escape(EDGE_LABELS[lang][k])}</span>'
        for k in ("implements", "based_on", "cites"))
    legend = (f'<div class="row"><b>{words["levels"]}:</b> {levels}'
              f'<span class="item"><span class="dot" style="background:#555;border-color:#555"></span>{words["held"]}</span>'
              f'<span class="item"><span class="dot cited" style="border-color:#555"></span>{words["cited"]}</span></div>'
              f'<div class="row"><b>{words["relations"]}:</b> {relations}'
              f'<span class="item hint">{html.escape(words["hint"])}</span></div>')
    return {"nodes": nodes, "edges": edges, "relations": looks, "options": options, "legend": legend, "height": height,
            "lang": lang, "vis": vis_files_url()}  # where the page fetches vis-network (once, then from its cache)


CSS = """
.pkg-cascade { font-family: "Source Sans Pro", "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 14px; }
.pkg-legend { padding: 4px 2px 6px; line-height: 1.9; }
.pkg-legend .row { margin-bottom: 2px; }
.pkg-legend .item { margin-right: 14px; white-space: nowrap; display: inline-block; }
.pkg-legend .item.off { opacity: 0.45; text-decoration: line-through; }
.pkg-legend .hint { color: #666; white-space: normal; }
.pkg-legend .dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%; border: 2px solid;
                   margin-right: 5px; vertical-align: -1px; }
.pkg-legend .dot.cited { background: #fff !important; border-style: dashed; }
.pkg-legend .line { display: inline-block; width: 28px; margin-right: 5px; vertical-align: middle; }
.pkg-network { width: 100%; border: 1px solid #ddd; border-radius: 4px; position: relative; background: #fff; }
div.vis-tooltip { white-space: pre-line; max-width: 420px; font-family: inherit; font-size: 13px; z-index: 10; }
"""

# vis-network's script, fetched once per tab by whoever asks first: this page, or app/prefetch.py
# while the first page is read (its JS starts with this too).
VIS_SCRIPT_JS = """
// A promise settled when vis-network's script has loaded, or failed (then the next caller tries again).
function visScript(base) {
  if (window.vis && window.vis.Network) return Promise.resolve();
  if (!window.policykgVisLoading) {
    const script = document.createElement("script");
    script.src = base + "vis-network.min.js";
    window.policykgVisLoading = new Promise(function (done) {
      script.onload = done;
      script.onerror = function () { script.remove(); window.policykgVisLoading = undefined; done(); };
    });
    document.head.appendChild(script);
  }
  return window.policykgVisLoading;
}
"""

JS = VIS_SCRIPT_JS + """
// vis-network's script and stylesheet by their address on this server (vis_files_url): the
// browser fetches them once and keeps them, instead of receiving 690 KB with each run of the page;
// the script is usually there already, fetched while the first page was read (app/prefetch.py).
function withVis(base, parent, done) {
  if (!parent.querySelector("link[data-pkg-vis]")) {  // inside the component's shadow root, where its styles live
    const link = document.createElement("link");
    link.rel = "stylesheet"; link.href = base + "vis-network.css"; link.dataset.pkgVis = "1";
    parent.appendChild(link);
  }
  const loaded = () => window.vis && window.vis.Network;
  // a prefetch that failed is tried once more, by this page
  visScript(base).then(() => loaded() ? done() : visScript(base).then(() => loaded() && done()));
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".pkg-cascade");
  if (!root) {
    root = document.createElement("div");
    root.className = "pkg-cascade";
    root.innerHTML = '<div class="pkg-legend"></div><div class="pkg-network"></div>';
    parentElement.appendChild(root);
  }
  root.querySelector(".pkg-legend").innerHTML = data.legend;  // built and escaped in Python
  const box = root.querySelector(".pkg-network");
  box.style.height = data.height + "px";
  let network = null, gone = false;
  withVis(data.vis, parentElement, function () {
    if (gone) return;
    if (window.policykgNetwork) { try { window.policykgNetwork.destroy(); } catch (e) {} }
    window.policykgDrawn = undefined;
    const nodes = new vis.DataSet(data.nodes);
    const edges = new vis.DataSet(data.edges.map(([a, b, k], i) =>
      Object.assign({ id: i, from: data.nodes[a].id, to: data.nodes[b].id }, data.relations[k])));
    network = new vis.Network(box, { nodes: nodes, edges: edges }, data.options);
    // fitted before its first drawing, not drawn a second time to fit
    network.fit({ animation: false });
    network.once("afterDrawing", function () {
      window.policykgDrawn = Date.now();  // benchmarks/app_pages.py times the page to here
    });
    network.on("click", function (params) {
      if (params.nodes.length) setTriggerValue("open", params.nodes[0]);
    });
    network.on("hoverNode", function () { box.style.cursor = "pointer"; });
    network.on("blurNode", function () { box.style.cursor = "default"; });
    window.policykgNetwork = network;
  });
  return function () {
    gone = true;
    if (network) { network.destroy(); if (window.policykgNetwork === network) window.policykgNetwork = undefined; }
  };
}
"""


@lru_cache(maxsize=1)
def vis_files_url() -> str:
    """The address, relative to the app's pages, of vis-network's files (pyvis's own copy): its
    folder declared as a component's, which Streamlit serves with a cache header. Works offline
    and under a base path (the pages are at the app's root)."""
    import pyvis
    import streamlit.components.v1 as components

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return f"component/{components.declare_component('vis_network_files', path=str(folder)).name}/"


@lru_cache(maxsize=1)
def cascade_component():
    """The component (registered once per process); call it with data=network_data(…)."""
    import streamlit as st

    vis_files_url()  # its files served from now on
    return st.components.v2.component("policykg_cascade", css=CSS, js=JS)
