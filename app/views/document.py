import html

import streamlit as st

from policykg.app.state import get_store, lang, t
from policykg.app.widgets import doc_link, table
from policykg.graph import views

store = get_store()
st.title(t("document"))
docs = views.document_choices(store)
if not docs:
    st.info(t("empty_store"))
    st.stop()
labels = {d["iri"]: f"{d['id'] or '(chưa có số)'}{'' if d['held'] else ' ○'} — {(d['title'] or '')[:90]}" for d in docs}
wanted = st.query_params.get("doc")
wanted = views.resolve_document(store, wanted) if wanted else None
iris = list(labels)
iri = st.selectbox(t("document"), iris, index=iris.index(wanted) if wanted in iris else 0, format_func=labels.get, key="doc")
st.query_params["doc"] = iri
view = views.document_view(store, iri)

st.subheader(f"{view['kind'] or ''} {view['id'] or ''}".strip() or t("document"))
if view["title"]:
    st.write(view["title"])
meta = [("Cơ quan ban hành", view["issuer"]), ("Cấp", view["level"]), ("Địa bàn", view["locality"]),
        ("Ngày", view["date"]), ("Người ký", view["signer"]), ("Tệp nguồn", view["file"]), ("Nạp lúc", view["loaded"])]
st.markdown("  \n".join(f"**{k}:** {html.escape(str(v))}" for k, v in meta if v))

cols = st.columns(5)
for col, key in zip(cols, ("implements", "implemented_by", "based_on", "cites", "cited_by")):
    col.markdown(f"**{t(key)}**")
    for d in view[key]:
        col.markdown(doc_link(d["iri"], (d["id"] or "—") + ("" if d["held"] else " ○")))

if not view["held"]:
    st.info(t("not_held"))
    st.stop()

tabs = st.tabs([t("indicators"), t("tasks"), t("responsibilities"), t("demands")])
with tabs[0]:
    table(["STT", "Chỉ tiêu", "Nhóm", "Đơn vị", "Loại", "Năm", "So sánh", "Giá trị"],
          [[r["no"], r["name"], r["section"], r["unit"], r["kind"], r["year"], r["comparator"], r["value"]] for r in view["indicators"]])
with tabs[1]:
    table(["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn"],
          [[r["no"], r["name"], r["lead"], r["coordinating"], r["deadline"]] for r in view["tasks"]])
with tabs[2]:
    table(["Mục", "Cơ quan", "Số nhiệm vụ"], [[r["section"], r["agency"], r["duties"]] for r in view["responsibilities"]])
with tabs[3]:
    table(["Cơ quan", "Trích dẫn"], [[r["who"], r["quote"]] for r in view["demands"]])

# Click a fact, see its quote: the picker lists every extracted fact with a span.
facts = [(s["fact"], f"{s['kind']} · {view['text'][s['start']:s['end']][:80]!s}", s["start"], s["end"]) for s in view["spans"]]
choice = st.selectbox(t("fact"), range(len(facts)), format_func=lambda i: " ".join(facts[i][1].split()), key="fact")
start, end = facts[choice][2], facts[choice][3]
st.markdown("> " + html.escape(" ".join(view["text"][start:end].split())))

st.subheader(t("source"))
text, out, pos = view["text"], [], 0
for s in sorted(view["spans"], key=lambda s: s["start"]):
    if s["start"] < pos:
        continue
    out.append(html.escape(text[pos:s["start"]]))
    style = "background:#ffe082" if s["start"] == start else "background:#e3f2fd"
    out.append(f'<mark id="span-{s["start"]}" title="{html.escape(s["kind"])}" style="{style}">'
               f'{html.escape(text[s["start"]:s["end"]])}</mark>')
    pos = s["end"]
out.append(html.escape(text[pos:]))
st.html('<div style="white-space:pre-wrap;max-height:520px;overflow:auto;border:1px solid #ddd;padding:10px;'
        'font-family:ui-monospace,monospace;font-size:13px">' + "".join(out) + "</div>")
