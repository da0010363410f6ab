"""Full-text search across the held documents (graph/search.py): with or without diacritics,
OCR-damaged text found too; each passage highlighted, with a link to the document at it."""
import html
from urllib.parse import urlencode

import streamlit as st

from policykg.app.state import get_store, lang, t
from policykg.app.widgets import downloads, show_error
from policykg.graph.search import SearchError, search

store = get_store()
st.title(t("search"))
with st.form("search_form", border=False):
    cols = st.columns([5, 1, 1], vertical_alignment="bottom")
    text = cols[0].text_input(t("search.box"), st.query_params.get("s", ""), placeholder=t("search.placeholder"), key="s")
    limit = cols[1].number_input(t("search.limit"), 1, 200, int(st.query_params.get("n", "20") or 20), key="n")
    cols[2].form_submit_button(t("search.go"), type="primary")
if text.strip():
    st.query_params.from_dict({"s": text, "n": str(limit), **({"lang": "en"} if lang() == "en" else {})})
    try:
        hits = search(store, text, limit=int(limit))
    except SearchError as exc:
        show_error(exc)
        st.stop()
    if not hits:
        st.info(t("search.none"))
        st.stop()
    st.caption(t("search.count").format(n=len(hits)))
    for i, h in enumerate(hits, 1):
        # the document page at the passage: it highlights text[at:at + len] and scrolls to it
        query = {"doc": h.doc, "at": h.start, "len": h.end - h.start, **({"lang": "en"} if lang() == "en" else {})}
        link = "/document?" + urlencode(query)
        title = f"{h.doc_id or t('no_number')} — {(h.title or '')[:160]}".rstrip(" —")
        note = f' <span style="color:#b26a00">· {t("search.approximate")}</span>' if h.approximate else ""
        # target=_self: the same tab (a new session there takes its language from ?lang)
        st.html(f'<div class="pkg-hit" style="margin:0 0 14px 0">'
                f'<div style="font-weight:600">{i}. <a href="{link}" target="_self">{html.escape(title)}</a>{note}</div>'
                f'<div style="white-space:pre-wrap;border-left:3px solid #ffb300;padding:4px 10px;margin-top:4px">'
                f'{h.html()}</div>'
                f'<div style="font-size:13px"><a class="pkg-open" href="{link}" target="_self">{html.escape(t("search.open"))} →</a></div>'
                f'</div>')
    header = [t(f"search.col.{c}") for c in ("rank", "document", "title", "passage", "start", "end", "score")]
    downloads(header, [[i, h.doc_id, h.title, " ".join(h.passage.split()), h.start, h.end, round(h.score, 2)]
                       for i, h in enumerate(hits, 1)], "tim-kiem", json_too=True)

