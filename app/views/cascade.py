import streamlit as st

from policykg.app.render import EDGE_LABELS, GROUP_LABELS, cascade_html, level_group
from policykg.app.state import get_store, lang, t
from policykg.app.widgets import doc_link, multiselect, table, url_select
from policykg.base.i18n import level_label
from policykg.base.places import places
from policykg.graph import views
from policykg.graph.cascade import cascade_graph, summary, typed_edges
from policykg.queries.formats import sort_names, to_date

store = get_store()
st.title(t("cascade"))
docs = views.document_choices(store, implemented_only=True)
ids = [d["id"] for d in docs if d["id"]]
top = st.columns([2, 2, 2, 2])
root = url_select(t("root"), ids, "root", "25-CT/TW", key="root", container=top[0])
kinds = multiselect(top[1], t("edge_kinds"), ["implements", "based_on", "cites"], default=["implements", "based_on", "cites"],
                    format_func=lambda k: EDGE_LABELS[lang()][k])
groups = multiselect(top[2], t("levels"), list(GROUP_LABELS[lang()]), format_func=lambda k: GROUP_LABELS[lang()][k])
g = cascade_graph(store, root) if root else None
provinces = multiselect(top[3], t("provinces"), sort_names(summary(g)["provinces"]) if g is not None else [])

if g is None or g.number_of_nodes() <= 1:
    st.info(t("no_cascade"))
else:
    keep = set(g.graph["roots"])
    gaz = places()
    for node, d in g.nodes(data=True):
        ok = not groups or level_group(d.get("level")) in groups
        if provinces and d.get("unit"):
            level, code = d["unit"].rsplit("/", 2)[-2:]
            place = gaz.provinces.get(int(code)) if level == "province" else gaz.districts.get(int(code))
            ok = ok and place is not None and gaz.province_of(place).name in provinces
        elif provinces:
            ok = False
        if ok:
            keep.add(node)
    sub = g.subgraph(keep).copy()
    sub.graph.update(g.graph)
    html = cascade_html(sub, typed_edges(store, list(sub.nodes)), lang(), tuple(kinds), height=560)
    st.iframe(html, height=640)
    labels = {n: f"{d.get('id') or '—'} · {d.get('issuer') or ''}" for n, d in sub.nodes(data=True)}
    pick = st.selectbox(t("open_document"), list(labels), format_func=lambda n: labels[n], key="pick")
    st.markdown(doc_link(pick, f"→ {t('open_document')}: {labels[pick]}"))
    table([t("col.document"), t("col.level"), t("col.issuer"), t("col.date"), t("col.status")],
          [[d.get("id"), level_label(d.get("level"), lang()) if d.get("level") else "", d.get("issuer"),
            to_date(d.get("date")) or d.get("date"),
            t("status.held") if d.get("held") else t("status.cited-only")] for _, d in sub.nodes(data=True)])
