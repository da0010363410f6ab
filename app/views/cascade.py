import html
from pathlib import Path

import streamlit as st

from policykg.app.render import EDGE_LABELS, GROUP_LABELS, cascade_component, level_group, network_data
from policykg.app.state import cached, get_store, lang, t
from policykg.app.widgets import multiselect, table, url_select
from policykg.base.i18n import level_label
from policykg.graph import views
from policykg.graph.cascade import cascade_graph, cascade_tree, province_of_node, short_issuer, summary, typed_edges
from policykg.graph.store import store_generation
from policykg.queries.formats import format_date, sort_names, to_date

RELATIONS = ["implements", "based_on", "cites"]
DOCUMENT_PAGE = Path(__file__).parent / "document.py"

store = get_store()


@st.cache_data(max_entries=16, show_spinner=False)
def read_cascade(where: str, generation: str, root_id: str):
    """The cascade and its other relations, read once per store version (a national cascade
    takes half a second to read; filters and reruns then cost nothing)."""
    g = cascade_graph(store, root_id)
    return g, typed_edges(store, list(g.nodes))


st.title(t("cascade"))
docs = cached(views.document_choices, implemented_only=True)
ids = [d["id"] for d in docs if d["id"]]
# The filters outlive a visit to a document page (a widget's own state does not): kept in
# the session, and in the URL (?rel=…&lvl=…&prov=…) so that a shared link shows the same.
saved = st.session_state.setdefault("cascade_filters", {})


def remembered(name: str, options: list, default: list) -> list:
    wanted = st.query_params.get(name)
    value = [v for v in wanted.split(",") if v in options] if wanted is not None else saved.get(name, default)
    return [v for v in value if v in options]


def remember(name: str, value: list, default: list) -> None:
    saved[name] = list(value)
    if list(value) != default:
        st.query_params[name] = ",".join(value)
    elif name in st.query_params:
        del st.query_params[name]


top = st.columns([2, 3, 3, 2])
root = url_select(t("root"), ids, "root", "25-CT/TW", key="root", container=top[0])
# pills, not a multiselect: all three relations stay visible as chips
kinds = top[1].pills(t("edge_kinds"), RELATIONS, selection_mode="multi", key="kinds",
                     default=remembered("rel", RELATIONS, RELATIONS), format_func=lambda k: EDGE_LABELS[lang()][k])
remember("rel", kinds, RELATIONS)
group_names = list(GROUP_LABELS[lang()])
groups = multiselect(top[2], t("levels"), group_names, default=remembered("lvl", group_names, []), key="levels",
                     format_func=lambda k: GROUP_LABELS[lang()][k])
remember("lvl", groups, [])
g, other_edges = read_cascade(store.location, store_generation(store.location), root) if root else (None, [])
province_names = sort_names(summary(g)["provinces"]) if g is not None else []
provinces = multiselect(top[3], t("provinces"), province_names, default=remembered("prov", province_names, []),
                        key="provinces")
remember("prov", provinces, [])

if g is None or g.number_of_nodes() <= 1:
    st.info(t("no_cascade"))
else:
    keep = set(g.graph["roots"])
    for node, d in g.nodes(data=True):
        ok = not groups or level_group(d.get("level")) in groups
        if provinces:
            ok = ok and province_of_node(d) in provinces
        if ok:
            keep.add(node)
    sub = g.subgraph(keep).copy()
    sub.graph.update(g.graph)
    left, right = st.columns([3, 1])
    with left:
        clicked = cascade_component()(data=network_data(sub, other_edges, lang(), tuple(kinds), height=580),
                                      key="network", on_open_change=lambda: None)
    if clicked.open in sub:  # a node was clicked: its page, in this tab and session
        st.switch_page(DOCUMENT_PAGE, query_params={"doc": clicked.open} | ({"lang": "en"} if lang() == "en" else {}))
    # the CLI's indented tree (`policykg cascade`), to read and to print
    tree = cascade_tree(sub)
    lines = []
    for depth, node in tree:
        d = sub.nodes[node]
        parts = [d.get("id") or t("no_number"), short_issuer(d.get("issuer")), format_date(d.get("date"))]
        lines.append((depth, "●" if d.get("held") else "○", [p for p in parts if p]))
    with right:
        st.markdown(f"**{t('cascade.tree')}**")
        rows = "".join(
            f'<div style="padding-left:{depth * 16}px" title="{html.escape(sub.nodes[n].get("title") or "")}">'
            f'{mark} <b>{html.escape(parts[0])}</b> {html.escape(" · ".join(parts[1:]))}</div>'
            for (depth, mark, parts), (_, n) in zip(lines, tree, strict=True))
        st.html('<div class="pkg-tree" style="max-height:560px;overflow:auto;font-size:13px;line-height:1.55;'
                'font-family:\'Source Sans Pro\',\'Noto Sans\',\'DejaVu Sans\',Arial,sans-serif">' + rows + "</div>")
        text = "\n".join(f"{'    ' * depth}{mark} {'  '.join(parts)}" for depth, mark, parts in lines)
        st.download_button(t("cascade.tree_download"), text + "\n", file_name="cascade.txt", mime="text/plain",
                           key="tree-download")
    labels = {n: f"{d.get('id') or t('no_number')} · {d.get('issuer') or ''}" for n, d in sub.nodes(data=True)}
    pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    pick = pick_col.selectbox(t("open_document"), list(labels), format_func=lambda n: labels[n], key="pick")
    if button_col.button(t("open_document"), key="open"):
        st.switch_page(DOCUMENT_PAGE, query_params={"doc": pick} | ({"lang": "en"} if lang() == "en" else {}))
    language, held, cited = lang(), t("status.held"), t("status.cited-only")  # once, not once a row
    table([t("col.document"), t("col.level"), t("col.issuer"), t("col.date"), t("col.status")],
          [[d.get("id"), level_label(d.get("level"), language) if d.get("level") else "", d.get("issuer"),
            to_date(d.get("date")) or d.get("date"), held if d.get("held") else cited] for _, d in sub.nodes(data=True)])
