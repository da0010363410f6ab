"""Saved questions first (plain language, with their fields), the SPARQL in an expander with an
offline highlighting editor, results with the key columns first and document numbers that open
the document, and an absolute link to share the question with its answer."""
import datetime as dt
import json
from urllib.parse import quote

import streamlit as st
import streamlit.components.v1 as components
from code_editor import code_editor

from policykg.app.state import cached, get_runner, get_store, kept, lang, saved_query_timeout, t
from policykg.app.widgets import cell_texts, downloads, show_error
from policykg.graph import views
from policykg.graph.timeliness import today_in_vietnam
from policykg.queries import QueryError, catalog, run_saved
from policykg.queries.catalog import without_comments
from policykg.queries.formats import format_number

FREE = "__free__"
FREE_DEFAULT = "SELECT ?d ?id WHERE { ?d eli:id_local ?id } LIMIT 20\n"

if "open_document" in st.session_state:  # a document number was clicked in the last answer
    # ?lang too: Streamlit drops the language picker's state when a page switches pages itself
    st.switch_page("views/document.py", query_params={"doc": st.session_state.pop("open_document"),
                                                      **({"lang": "en"} if lang() == "en" else {})})
store = get_store()
runner = get_runner()
st.title(t("queries"))
st.caption(t("queries.intro"))
queries = catalog()
names = list(queries) + [FREE]
wanted = st.query_params.get("q", "cascade")
name = st.radio(t("question"), names, index=names.index(wanted) if wanted in names else 0, key="q",
                format_func=lambda n: t("free_query") if n == FREE else queries[n].ask(lang()))
query = queries.get(name)
values: dict[str, str] = {}
if query:
    st.caption(query.description.get(lang()) or query.description.get("vi", ""))
    cols = st.columns(max(1, len(query.parameters)))
    for col, p in zip(cols, query.parameters, strict=False):
        label = p.label.get(lang()) or p.name
        current = st.query_params.get(f"p_{p.name}", p.default or "")
        key = f"param-{name}-{p.name}"
        if p.type == "document":
            ids = [d["id"] for d in cached(views.document_choices) if d["id"]]
            values[p.name] = col.selectbox(label, ids, index=ids.index(current) if current in ids else 0, key=key)
        elif p.type == "indicator":  # options are the labels people read; the key is what gets bound
            keys = {c["label"]: c["key"] for c in cached(views.indicator_choices)}
            options: list[str] = [""] * (not p.default) + list(keys)
            by_key = {v: k for k, v in keys.items()}
            chosen = col.selectbox(label, options, key=key,
                                   index=options.index(by_key[current]) if current in by_key else 0)
            values[p.name] = keys.get(chosen, "")
        elif p.type == "province":
            options = [""] + views.province_choices()
            values[p.name] = col.selectbox(label, options, index=options.index(current) if current in options else 0, key=key)
        elif p.type == "date":
            floating = current in ("", "today")  # 'today' in the header or the link: whatever day it is
            today = dt.date.fromisoformat(today_in_vietnam())  # the officer's day, not the server's (UTC)
            try:
                default = today if floating else dt.date.fromisoformat(current)
            except ValueError:  # a hand-edited share URL (p_from=2024-13-45): say so, use today
                col.error(t("bad_date").format(value=current))
                default, floating = today, True
            picked = col.date_input(label, default, format="DD/MM/YYYY", key=key)
            # left at today: bound and shared as the word 'today', so a link opened next month means that day
            values[p.name] = "today" if floating and picked == today else picked.isoformat()
        elif p.type == "choice":
            options = [str(v) for v in p.values or []]
            values[p.name] = col.selectbox(label, options, index=options.index(current) if current in options else 0, key=key)
        elif p.type == "year":
            values[p.name] = col.text_input(label, current, key=key, placeholder="2030")
        else:
            values[p.name] = col.text_input(label, current, key=key)

# The SPARQL, for those who edit it: Ace (streamlit-code-editor) with its SPARQL mode; its
# scripts are files of the wheel, served by this server, so it works with no network.
shown = without_comments(query.sparql) if query else st.query_params.get("sparql", FREE_DEFAULT)
with st.expander(t("sparql.show"), expanded=query is None):
    st.caption(t("sparql.hint"))
    edited = code_editor(shown, lang="sparql", theme="chrome", height=[8, 24], response_mode="debounce",
                         options={"wrap": True, "showPrintMargin": False}, key=f"sparql-{name}")
sparql = (edited or {}).get("text") or shown
run = st.button(t("run"), type="primary", key="run") or st.query_params.get("run") == "1"


def readable(value: str) -> str:
    """A value as a link carries it, readable: letters (Vietnamese ones too), digits and '/-.,:_~'
    as they are ('25-CT/TW', 'kiện+toàn'), a space as '+', everything else percent-encoded
    ('&', '=', '#', '%', '+', '?'); browsers and Streamlit read it back the same."""
    return "".join(c if c.isalnum() or c in "/-.,:_~" else "+" if c == " " else quote(c, safe="") for c in value)


def share_url(params: dict[str, str]) -> str:
    """The page's absolute address with the question and its values (what the browser shows
    for this server: st.context.url, else the Host header), readable (`readable`)."""
    base = (st.context.url or f"http://{st.context.headers.get('Host', '127.0.0.1:8501')}").rstrip("/")
    if base.endswith("/queries"):  # the page's own address: its app root is above it (a base path stays)
        base = base[:-len("/queries")]
    return base + "/queries?" + "&".join(f"{readable(k)}={readable(v)}" for k, v in params.items())


def share(params: dict[str, str]) -> None:
    url = share_url(params)
    st.markdown(f"**{t('share')}**")
    st.code(url, language=None, wrap_lines=True)
    copy, done = json.dumps(t("share.copy")), json.dumps(t("share.copied"))
    components.html(f"""<button id="copy" style="font:14px sans-serif;padding:4px 12px;border:1px solid #ccc;
        border-radius:6px;background:#fff;cursor:pointer"></button>
<script>
  const b = document.getElementById("copy"), url = {json.dumps(url)};
  b.textContent = {copy};
  b.onclick = async () => {{
    try {{ await navigator.clipboard.writeText(url); }}
    catch (e) {{  // not a secure context (http on another host): the older way
      const a = document.createElement("textarea"); a.value = url; document.body.appendChild(a);
      a.select(); document.execCommand("copy"); a.remove();
    }}
    b.textContent = {done};
  }};
</script>""", height=44)
    if query and any(p.type == "date" for p in query.parameters):
        st.caption(t("share.today"))


def open_document(key: str, targets: dict) -> None:
    """A click on a document number: its page, in this tab (the language is the session's)."""
    cells = st.session_state[key]["selection"]["cells"]
    if cells and tuple(cells[0]) in targets:
        st.session_state["open_document"] = targets[tuple(cells[0])]


def answer(as_written: bool):
    """The answer and what the page shows of it: the cells as texts in the user's formats (an
    Arrow table, what st.dataframe sends) and the document each linked cell opens."""
    result = run_saved(runner, query, values, sparql=sparql, timeout=saved_query_timeout() if as_written else None)
    if result.kind == "ask":
        return result, None, {}, {}
    cells = cell_texts(result.header(lang()), result.rows)
    labels = {c.name: c.label(lang()) for c in result.columns}
    linked = {labels[c]: iris for c, iris in result.links.items() if c in labels}
    targets = {(i, label): iri for label, iris in linked.items() for i, iri in enumerate(iris) if iri}
    return result, cells, linked, targets


if run:
    try:
        as_written = query is not None and sparql == shown  # not edited: the saved query's own limit
        # the same question on the same store: what the page made of it last time, for any user
        (result, cells, linked, targets), was_kept = kept(lambda: answer(as_written), "query", name, sparql,
                                                          tuple(sorted(values.items())), as_written)
    except QueryError as exc:  # syntax (with its position), refused update or SERVICE, time limit, bad value
        show_error(exc)
        where = getattr(exc, "params", {}).get("line")
        if where:  # the line, and a caret under the column
            column = exc.params.get("column") or 1
            line = sparql.split("\n")[where - 1]
            st.code(f"{where:>4} | {line}\n       {' ' * (column - 1)}^", language=None)
    else:
        params = {"q": name, **{f"p_{k}": v for k, v in values.items() if v}, "run": "1"}
        if query is None and sparql != FREE_DEFAULT:
            params["sparql"] = sparql
        if lang() == "en":
            params["lang"] = "en"
        st.query_params.from_dict(params)
        if result.kind == "ask":
            st.success(t("yes") if result.boolean else t("no"))
        else:
            header, rows = result.header(lang()), result.rows
            st.caption(f"{format_number(len(rows), lang())} {t('rows')} · {format_number(result.seconds, lang(), 2)} "
                       f"{t('seconds')}" + (f" · {t('answer_kept')}" if result.cached or was_kept else "")
                       + (f" · {t('truncated')}" if result.truncated else ""))
            if linked:
                st.caption(t("open_hint"))
            key = f"result-{name}"
            st.dataframe(cells, hide_index=True, width="stretch", key=key, on_select=lambda: open_document(key, targets),
                         selection_mode="single-cell",
                         column_config={label: st.column_config.TextColumn(label, help=t("open_hint")) for label in linked})
            downloads(header, rows, name if query else "truy-van")
        share(params)
