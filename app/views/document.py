import html

import streamlit as st

from policykg.app.history import show_coverage, show_history
from policykg.app.state import cached, get_store, lang, t
from policykg.app.widgets import doc_link, stop_if_empty, table
from policykg.base.i18n import TEXT, value_label
from policykg.graph import views
from policykg.graph.pages import page_at, source_pages
from policykg.queries.formats import format_date

store = get_store()
st.title(t("document"))
docs = cached(views.document_choices)
stop_if_empty(docs)
labels = {d["iri"]: f"{d['id'] or t('no_number')}{'' if d['held'] else ' ○'} — {(d['title'] or '')[:90]}" for d in docs}
wanted = st.query_params.get("doc")
wanted = cached(views.resolve_document, wanted) if wanted else None
iris = list(labels)
if wanted not in iris:  # none asked for: a held document that reads with its diacritics (not an OCR text)
    wanted = cached(views.default_document)
iri = st.selectbox(t("document"), iris, index=iris.index(wanted) if wanted in iris else 0, format_func=lambda i: labels[i], key="doc")
assert iri is not None  # there are documents (stop_if_empty)
if iri != wanted:  # another document picked: the search hit of the link was the other one's
    st.query_params.pop("at", None)
    st.query_params.pop("len", None)
st.query_params["doc"] = iri
view = cached(views.document_view, iri, lang())
assert view is not None  # a document of the store's own list

st.subheader(f"{view['kind'] or ''} {view['id'] or ''}".strip() or t("document"))
if view["title"]:
    st.write(view["title"])
elif view["cited_title"]:  # a cited-only document: titled as the documents citing it word it
    st.write(view["cited_title"])
    st.caption(t("cited_title"))
origin = source_pages(store, view["graph"]) if view.get("graph") else {"format": None, "pages": []}
pages = origin["pages"]
meta = [(t("meta.issuer"), view["issuer"]), (t("meta.level"), view["level"]), (t("meta.locality"), view["locality"]),
        (t("meta.date"), format_date(view["date"])), (t("meta.signer"), view["signer"]), (t("meta.file"), view["file"]),
        (t("source_format"), t(f"format.{origin['format']}") if origin["format"] else None),
        (t("meta.loaded"), format_date(view["loaded"]))]
st.markdown("  \n".join(f"**{k}:** {html.escape(str(v))}" for k, v in meta if v))

cols = st.columns(5)
for col, key in zip(cols, ("implements", "implemented_by", "based_on", "cites", "cited_by"), strict=False):
    # one element a column: a directive's page lists hundreds of plans, and each element is a message
    col.markdown("  \n".join([f"**{t(key)}**"] + [doc_link(d["iri"], (d["id"] or "—") + ("" if d["held"] else " ○"))
                                                  for d in view[key]]))

show_history(iri)  # status and history: graph/history.py

if not view["held"]:
    st.info(t("not_held"))
    st.stop()
show_coverage(iri)  # the parent plan's tasks taken up and left out: graph/coverage.py

tabs = st.tabs([t("indicators"), t("tasks"), t("responsibilities"), t("demands")])
with tabs[0]:
    table([t(f"col.{c}") for c in ("no", "indicator", "section", "unit", "kind", "year", "comparator", "value")],
          [[r["no"], r["name"], r["section"], r["unit"], value_label(r["kind"], lang()), r["year"], r["comparator"], r["value"]]
           for r in view["indicators"]])
with tabs[1]:
    table([t(f"col.{c}") for c in ("no", "task", "lead", "coordinating", "deadline")],
          [[r["no"], r["name"], r["lead"], r["coordinating"], r["deadline"]] for r in view["tasks"]])
with tabs[2]:
    table([t("col.section"), t("col.agency"), t("col.duties")],
          [[r["section"], r["agency"], int(r["duties"]) if (r["duties"] or "").isdigit() else r["duties"]]
           for r in view["responsibilities"]])
with tabs[3]:
    table([t("col.agency"), t("col.quote"), t("col.due"), t("col.deadline")],
          [[r["who"], r["quote"], format_date(r.get("due")), r.get("due_text")] for r in view["demands"]])


def kind_label(kind: str) -> str:
    """The ontology class of a highlighted passage (HeldDocument, Task …) in words."""
    return t(f"kind.{kind}") if f"kind.{kind}" in TEXT else kind


def page_label(start: int, end: int) -> str:
    """'tr. 3' or 'tr. 3–4' for a passage of a PDF or scan; '' for other formats."""
    first, last = page_at(pages, start), page_at(pages, max(start, end - 1))
    if first is None:
        return ""
    return f"{t('page_short')} {first}" + (f"–{last}" if last != first else "")


# Click a fact, see its quote (and, for a PDF or scan, its page): the picker lists every extracted fact with a span.
facts = [(s["fact"], " · ".join(x for x in (page_label(s["start"], s["end"]), kind_label(s["kind"]),
                                            view["text"][s["start"]:s["end"]][:80]) if x), s["start"], s["end"])
         for s in view["spans"]]
if facts:
    choice = st.selectbox(t("fact"), range(len(facts)), format_func=lambda i: " ".join(facts[i][1].split()), key="fact")
    start, end = facts[choice][2], facts[choice][3]
    where = page_label(start, end)
    st.markdown("> " + html.escape(" ".join(view["text"][start:end].split())) + (f"  \n> *({html.escape(where)})*" if where else ""))
else:  # a document read with nothing quotable (or loaded from a record without its text)
    st.caption(t("no_facts"))
if any(p[3] for p in pages):
    st.caption(t("ocr_note"))

st.subheader(t("source"))
text, out, pos = view["text"], [], 0
breaks = [(p[0], p[2]) for p in pages]


def marker(number: int) -> str:
    return f'<div style="color:#888;border-top:1px dashed #bbb;margin:6px 0">— {t("page")} {number} —</div>'


def escaped(a: int, b: int) -> str:
    """text[a:b] escaped, with a marker where a page of the source file starts."""
    parts, cur = [], a
    for at, number in breaks:
        if a <= at < b:
            parts += [html.escape(text[cur:at]), marker(number)]
            cur = at
    parts.append(html.escape(text[cur:b]))
    return "".join(parts)



def search_hit() -> dict | None:
    """The passage a search result links to (?at=offset&len=n): highlighted, scrolled to."""
    try:
        at, size = int(st.query_params.get("at", "")), int(st.query_params.get("len", ""))
    except ValueError:
        return None
    return {"start": at, "end": at + size, "kind": "search"} if 0 <= at < at + size <= len(text) else None


hit = search_hit()
spans = sorted(view["spans"], key=lambda s: s["start"])
if hit:  # the hit wins over the facts it overlaps
    spans = sorted([s for s in spans if s["end"] <= hit["start"] or s["start"] >= hit["end"]] + [hit],
                   key=lambda s: s["start"])
for s in spans:
    if s["start"] < pos:
        continue
    out.append(escaped(pos, s["start"]))
    # a page that starts inside the passage: its marker goes before the highlight
    out += [marker(n) for at, n in breaks if s["start"] <= at < s["end"]]
    if s["kind"] == "search":
        out.append(f'<mark id="pkg-hit" title="{html.escape(t("search.hit"))}" style="background:#ffb300">')
    else:
        style = "background:#ffe082" if s["start"] == start else "background:#e3f2fd"
        where = page_label(s["start"], s["end"])
        title = html.escape(kind_label(s["kind"]) + (f" · {where}" if where else ""))
        out.append(f'<mark id="span-{s["start"]}" title="{title}" style="{style}">')
    out.append(f'{html.escape(text[s["start"]:s["end"]])}</mark>')
    pos = s["end"]
out.append(escaped(pos, len(text)))
# A proportional font that draws Vietnamese: a monospace one splits stacked diacritics ('Kê´hoạch').
st.html('<div class="pkg-source" style="white-space:pre-wrap;max-height:520px;overflow:auto;border:1px solid #ddd;'
        'padding:10px;font-family:\'Noto Sans\',\'DejaVu Sans\',\'Source Sans Pro\',Arial,sans-serif;font-size:14px;'
        'line-height:1.55">' + "".join(out) + "</div>")
if hit:  # scroll the panel, and the page, to the search hit (the component's frame is this page's origin)
    import streamlit.components.v1 as components

    components.html("""<script>
      let tries = 0;
      const go = setInterval(() => {
        const el = window.parent.document.getElementById("pkg-hit");
        if (el) { el.scrollIntoView({block: "center"}); clearInterval(go); }
        if (++tries > 50) clearInterval(go);
      }, 100);
    </script>""", height=0)
