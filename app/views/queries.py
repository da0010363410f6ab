import datetime as dt
from urllib.parse import urlencode

import streamlit as st

from policykg.app.state import get_runner, get_store, lang, t
from policykg.app.widgets import downloads, show_error, table
from policykg.graph import views
from policykg.queries import QueryError, catalog, run_saved
from policykg.queries.catalog import without_comments

store = get_store()
runner = get_runner()
st.title(t("queries"))
queries = catalog()
names = list(queries) + ["__free__"]
wanted = st.query_params.get("q", "cascade")
name = st.selectbox(t("saved_query"), names, index=names.index(wanted) if wanted in names else 0, key="q",
                    format_func=lambda n: t("free_query") if n == "__free__" else (queries[n].title.get(lang()) or n))
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
            ids = [d["id"] for d in views.document_choices(store) if d["id"]]
            values[p.name] = col.selectbox(label, ids, index=ids.index(current) if current in ids else 0, key=key)
        elif p.type == "indicator":  # options are the labels people read; the key is what gets bound
            keys = {c["label"]: c["key"] for c in views.indicator_choices(store)}
            options: list[str] = [""] * (not p.default) + list(keys)
            by_key = {v: k for k, v in keys.items()}
            chosen = col.selectbox(label, options, key=key,
                                   index=options.index(by_key[current]) if current in by_key else 0)
            values[p.name] = keys.get(chosen, "")
        elif p.type == "province":
            options = [""] + views.province_choices()
            values[p.name] = col.selectbox(label, options, index=options.index(current) if current in options else 0, key=key)
        elif p.type == "date":
            try:
                default = dt.date.today() if current in ("", "today") else dt.date.fromisoformat(current)
            except ValueError:  # a hand-edited share URL (p_from=2024-13-45): say so, use today
                col.error(t("bad_date").format(value=current))
                default = dt.date.today()
            values[p.name] = col.date_input(label, default, format="DD/MM/YYYY", key=key).isoformat()
        elif p.type == "choice":
            options = [str(v) for v in p.values or []]
            values[p.name] = col.selectbox(label, options, index=options.index(current) if current in options else 0, key=key)
        elif p.type == "year":
            values[p.name] = col.text_input(label, current, key=key, placeholder="2030")
        else:
            values[p.name] = col.text_input(label, current, key=key)
sparql = st.text_area(t("sparql"), without_comments(query.sparql) if query else "SELECT ?d ?id WHERE { ?d eli:id_local ?id } LIMIT 20",
                      height=260, key=f"sparql-{name}")
if st.button(t("run"), type="primary", key="run") or st.query_params.get("run") == "1":
    try:
        result = run_saved(runner, query, values, sparql=sparql)
    except QueryError as exc:  # syntax (with its position), refused update or SERVICE, time limit, bad value
        show_error(exc)
    else:
        st.query_params.from_dict({"q": name, "run": "1", **{f"p_{k}": v for k, v in values.items() if v}})
        if result.kind == "ask":
            st.success(t("yes") if result.boolean else t("no"))
        else:
            header, rows = result.header(lang()), result.rows
            st.caption(f"{len(rows)} {t('rows')} · {result.seconds:.2f} s" + (f" · {t('truncated')}" if result.truncated else ""))
            table(header, rows)
            downloads(header, rows, name if query else "truy-van")
        st.caption(t("share") + ": `?" + urlencode({"q": name, "run": "1", **{f"p_{k}": v for k, v in values.items() if v}}) + "`")
