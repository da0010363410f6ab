"""Small rendering helpers shared by the pages (tables and downloads)."""
import pandas as pd
import streamlit as st

from policykg.queries.formats import to_csv, to_json, to_xlsx

from .state import t


def stop_if_empty(items: list) -> None:
    """A page with nothing to pick from says how to add documents, and stops there."""
    if not items:
        st.info(t("empty_store"))
        st.stop()


def table(header: list[str], rows: list[list], key: str | None = None) -> None:
    frame = pd.DataFrame(rows, columns=header).astype(object).where(lambda f: f.notna(), "")
    st.dataframe(frame, hide_index=True, width="stretch", key=key)


def downloads(header: list[str], rows: list[list], name: str, json_too: bool = False) -> None:
    cols = st.columns(3 if json_too else 2)
    cols[0].download_button(t("download_csv"), to_csv(header, rows), file_name=f"{name}.csv", mime="text/csv",
                            key=f"csv-{name}")
    cols[1].download_button(t("download_xlsx"), to_xlsx(header, rows, name),
                            file_name=f"{name}.xlsx", key=f"xlsx-{name}",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if json_too:
        cols[2].download_button(t("download_json"), to_json(header, rows), file_name=f"{name}.json",
                                mime="application/json", key=f"json-{name}")


def doc_link(iri: str, label: str) -> str:
    from policykg.graph.render import document_url

    return f"[{label.replace('[', '(').replace(']', ')')}]({document_url(iri)})"


def url_select(label: str, options: list, param: str, default=None, *, key: str, container=None,
               format_func=str):
    """A selectbox whose choice lives in the URL (?param=…), so the page can be shared."""
    wanted = st.query_params.get(param, default)
    value = (container or st).selectbox(label, options, index=options.index(wanted) if wanted in options else 0,
                                        format_func=format_func, key=key)
    st.query_params[param] = value or ""
    return value
