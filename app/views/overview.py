import pandas as pd
import streamlit as st

from policykg.app.state import cached, get_store, lang, t
from policykg.app.widgets import chart, show_error, table
from policykg.graph import views
from policykg.graph.ingest import DOCUMENT_SUFFIXES, DocumentClash, load_bytes
from policykg.loaders import ParseError
from policykg.queries.formats import format_number, sort_names, to_date

# The content decides the format (policykg.loaders.sniff); these only filter the file picker.
UPLOAD_TYPES = [s.lstrip(".") for s in DOCUMENT_SUFFIXES]

store = get_store()
st.title(t("overview"))

with st.expander(t("upload"), expanded=False):
    files = st.file_uploader(t("upload"), accept_multiple_files=True, type=UPLOAD_TYPES,
                             label_visibility="collapsed", key="upload")
    if files and st.button(t("load"), type="primary"):
        bar = st.progress(0.0, text=t("loading"))
        for i, f in enumerate(files):
            def pages(done: int, total: int, i=i, name=f.name) -> None:  # OCR takes seconds a page: show each
                bar.progress(min(1.0, (i + done / max(total, 1)) / len(files)),
                             text=t("reading_pages").format(name=name, done=done, total=total))
            try:
                result = load_bytes(store, f.getvalue(), f.name, pages)
                st.success(f"{t(result.status if result.status != 'added' else 'loaded')}: {f.name} → "
                           f"{result.doc_id or (result.document or '').rsplit('/', 1)[-1]}")
            except DocumentClash as exc:  # another file's document: the user decides (below)
                st.session_state.setdefault("clashes", {})[f.name] = (f.getvalue(), exc.doc_id, exc.other)
            except ParseError as exc:  # one clear line per failing file; the store is as it was
                show_error(exc)
            bar.progress((i + 1) / len(files), text=f"{i + 1}/{len(files)}")
    # Files whose document is held from another file: replace it, or keep the held one.
    for name, (data, doc_id, other) in list(st.session_state.get("clashes", {}).items()):
        st.warning(t("clash.question").format(name=name, doc=doc_id, other=other))
        replace_col, keep_col = st.columns(2)
        if replace_col.button(t("clash.replace"), key=f"clash-replace-{name}"):
            del st.session_state["clashes"][name]
            try:
                result = load_bytes(store, data, name, replace=True)
                st.success(f"{t('replaced')}: {name} → {result.doc_id}")
            except ParseError as exc:
                show_error(exc)
        elif keep_col.button(t("clash.keep"), key=f"clash-keep-{name}"):
            del st.session_state["clashes"][name]
            st.info(t("clash.kept").format(name=name, doc=doc_id))

data = cached(views.overview, lang())
if not data["loads"]:
    st.info(t("empty_store"))
c = st.columns(6)
c[0].metric(t("held"), format_number(data["held"], lang()))
c[1].metric(t("cited_only"), format_number(data["cited_only"], lang()))
c[2].metric(t("indicator_concepts"), format_number(data["facts"]["indicators"], lang()))
c[3].metric(t("targets"), format_number(data["facts"]["targets"], lang()))
c[4].metric(t("tasks"), format_number(data["facts"]["tasks"], lang()))
c[5].metric(t("agency_count"), format_number(data["facts"]["agencies"], lang()))

left, right = st.columns(2)
for col, key, field in ((left, "by_level", "level"), (right, "by_province", "province")):
    col.subheader(t(key))
    frame = pd.DataFrame(data[key])
    if not frame.empty:
        frame["status"] = frame["held"].map({True: t("held"), False: t("cited_only")})
        names = {field: t(f"col.{field}"), "status": t("col.status"), "n": t("col.n")}
        chart(col, frame[list(names)].rename(columns=names), "bar", names[field], names["n"], names["status"],
              horizontal=True, order=sort_names(set(frame[field])))

st.subheader(t("last_loads"))
table([t("col.document"), t("col.file"), t("col.loaded_at")],
      [[d["id"] or "—", d["file"], to_date(d["loaded_at"]) or d["loaded_at"]] for d in data["loads"]])
