import html
from pathlib import Path

import streamlit as st

from policykg.app.render import EDGE_LABELS, GROUP_LABELS, cascade_component, level_group, network_data
from policykg.app.state import cached, get_store, kept, lang, t
from policykg.app.widgets import cell_texts, multiselect, url_select
from policykg.base.i18n import level_label
from policykg.graph import views
from policykg.graph.cascade import cascade_graph, cascade_tree, province_of_node, short_issuer, summary, typed_edges
from policykg.queries.formats import format_date, sort_names, to_date

RELATIONS = ["implements", "based_on", "cites"]
DOCUMENT_PAGE = Path(__file__).parent / "document.py"

store = get_store()


def read_cascade(root_id: str):
    """The cascade, its other relations and its provinces (kept once per store generation: a
    national cascade takes half a second to read; filters and reruns then cost nothing)."""
    g = cascade_graph(store, root_id)
    return g, typed_edges(store, list(g.nodes)), sort_names(summary(g)["provinces"])


def drawn(g, other_edges, kinds: tuple, groups: tuple, provinces: tuple) -> dict:
    """What the page shows of the cascade for these filters (kept per filter set and language:
    the network's data, the tree and the table are a tenth of a second at the district size)."""
    keep = set(g.graph["roots"])
    for node, d in g.nodes(data=True):
        ok = not groups or level_group(d.get("level")) in groups
        if provinces:
            ok = ok and province_of_node(d) in provinces
        if ok:
            keep.add(node)
    sub = g.subgraph(keep).copy()
    sub.graph.update(g.graph)
    # the CLI's indented tree (`policykg cascade`), to read and to print
    tree = cascade_tree(sub)
    lines = []
    for depth, node in tree:
        d = sub.nodes[node]
        parts = [d.get("id") or t("no_number"), short_issuer(d.get("issuer")), format_date(d.get("date"))]
        lines.append((depth, "●" if d.get("held") else "○", [p for p in parts if p]))
    rows = "".join(
        f'<div style="padding-left:{depth * 16}px" title="{html.escape(sub.nodes[n].get("title") or "")}">'
        f'{mark} <b>{html.escape(parts[0])}</b> {html.escape(" · ".join(parts[1:]))}</div>'
        for (depth, mark, parts), (_, n) in zip(lines, tree, strict=True))
    language, held, cited = lang(), t("status.held"), t("status.cited-only")  # once, not once a row
    return {
        "nodes": set(sub.nodes),
        "network": network_data(sub, other_edges, language, kinds, height=580),
        "tree_html": rows, "tree_text": "\n".join(f"{'    ' * depth}{mark} {'  '.join(parts)}" for depth, mark, parts in lines),
        "labels": {n: f"{d.get('id') or t('no_number')} · {d.get('issuer') or ''}" for n, d in sub.nodes(data=True)},
        "table": cell_texts([t("col.document"), t("col.level"), t("col.issuer"), t("col.date"), t("col.status")],
                            [[d.get("id"), level_label(d.get("level"), language) if d.get("level") else "",
                              d.get("issuer"), to_date(d.get("date")) or d.get("date"), held if d.get("held") else cited]
                             for _, d in sub.nodes(data=True)]),
    }


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
g, other_edges, province_names = kept(lambda: read_cascade(root), "cascade", root)[0] if root else (None, [], [])
provinces = multiselect(top[3], t("provinces"), province_names, default=remembered("prov", province_names, []),
                        key="provinces")
remember("prov", provinces, [])

if g is None or g.number_of_nodes() <= 1:
    st.info(t("no_cascade"))
else:
    shown, _ = kept(lambda: drawn(g, other_edges, tuple(kinds), tuple(groups), tuple(provinces)), "cascade.drawn",
                    root, tuple(kinds), tuple(groups), tuple(provinces))
    left, right = st.columns([3, 1])
    with left:
        clicked = cascade_component()(data=shown["network"], key="network", on_open_change=lambda: None)
    if clicked.open in shown["nodes"]:  # a node was clicked: its page, in this tab and session
        st.switch_page(DOCUMENT_PAGE, query_params={"doc": clicked.open} | ({"lang": "en"} if lang() == "en" else {}))
    with right:
        st.markdown(f"**{t('cascade.tree')}**")
        st.html('<div class="pkg-tree" style="max-height:560px;overflow:auto;font-size:13px;line-height:1.55;'
                'font-family:\'Source Sans Pro\',\'Noto Sans\',\'DejaVu Sans\',Arial,sans-serif">' + shown["tree_html"]
                + "</div>")
        st.download_button(t("cascade.tree_download"), shown["tree_text"] + "\n", file_name="cascade.txt",
                           mime="text/plain", key="tree-download")
    labels = shown["labels"]
    pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    pick = pick_col.selectbox(t("open_document"), list(labels), format_func=lambda n: labels[n], key="pick")
    if button_col.button(t("open_document"), key="open"):
        st.switch_page(DOCUMENT_PAGE, query_params={"doc": pick} | ({"lang": "en"} if lang() == "en" else {}))
    st.dataframe(shown["table"], hide_index=True, width="stretch")
