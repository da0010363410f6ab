"""Small rendering helpers shared by the pages (tables, downloads, pickers, errors)."""
from functools import lru_cache

import pandas as pd
import pyarrow as pa
import streamlit as st

from policykg.base.i18n import error_text
from policykg.queries.formats import display, to_csv, to_json, to_xlsx

from .state import lang, t


def stop_if_empty(items: list) -> None:
    """A page with nothing to pick from says how to add documents, and stops there."""
    if not items:
        st.info(t("empty_store"))
        st.stop()


def table(header: list[str], rows: list[list], key: str | None = None) -> None:
    """Rows of typed values shown in the user's formats (dd/mm/yyyy, local time, 1.234,5)."""
    st.dataframe(cell_texts(header, rows), hide_index=True, width="stretch", key=key)


def cell_texts(header: list[str], rows: list[list]) -> pa.Table:
    """The cells as the user reads them, as the Arrow table st.dataframe sends (made straight
    from the rows: a pandas frame would be converted to it at every run of the page)."""
    language = lang()  # once: a look-up in the session's state costs more than the cell
    return pa.Table.from_arrays([pa.array([display(row[i], language) for row in rows], pa.string())
                                 for i in range(len(header))], names=header)


def chart(container, frame: pd.DataFrame, mark: str, x: str, y: str, color: str, *, horizontal: bool = False,
          order: list | None = None) -> None:
    """A line or (stacked) bar chart of long rows, `color` naming each series, from a Vega-Lite
    spec written here: st.line_chart and st.bar_chart build theirs with Altair, which checks it
    against its JSON schema at every run of the page (two thirds of the Chỉ tiêu page's time).
    The columns' names are the axes' titles; `order`, the categories in the order to draw them
    (names in Vietnamese order: Vega would sort them by code point, 'Đắk Lắk' after 'Yên Bái')."""
    category = {"field": x, "type": "ordinal", "title": x, **({"sort": list(order)} if order is not None else {})}
    value = {"field": y, "type": "quantitative", "title": y}
    if mark == "bar":
        value = {**value, "aggregate": "sum", "stack": "zero"}
    encoding = {"x": value, "y": category} if horizontal else {"x": category, "y": value}
    spec = {"mark": {"type": mark, "tooltip": True},
            "encoding": {**encoding, "color": {"field": color, "type": "nominal", "title": color}}}
    container.vega_lite_chart(frame, spec, width="stretch")


def show_error(exc: BaseException) -> None:
    """A library error in the user's language (by its code, or its known message)."""
    st.error(error_text(exc, lang()))


def multiselect(container, label: str, options, **kwargs):
    """st.multiselect with a placeholder in the user's language and no English 'Select all'."""
    return container.multiselect(label, options, placeholder=t("choose"), select_all=False, **kwargs)


def downloads(header: list[str], rows: list[list], name: str, json_too: bool = False) -> None:
    """CSV (UTF-8 with BOM; ',' by default, ';' with a decimal comma), Excel (typed cells) and JSON.
    Each file is made when its button is clicked, not at every run of the page: an Excel file of
    8,000 rows takes about a second to write, and the page runs again at every click."""
    cols = st.columns(4 if json_too else 3)
    sep = cols[0].selectbox(t("csv_sep"), [",", ";"], key=f"sep-{name}", help=t("csv_sep.help"),
                            format_func=lambda s: t("csv_sep.comma") if s == "," else t("csv_sep.semicolon"),
                            label_visibility="collapsed")
    cols[1].download_button(t("download_csv"), lambda: to_csv(header, rows, sep), file_name=f"{name}.csv",
                            mime="text/csv", key=f"csv-{name}")
    cols[2].download_button(t("download_xlsx"), lambda: to_xlsx(header, rows, name),
                            file_name=f"{name}.xlsx", key=f"xlsx-{name}",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if json_too:
        cols[3].download_button(t("download_json"), lambda: to_json(header, rows), file_name=f"{name}.json",
                                mime="application/json", key=f"json-{name}")


def doc_link(iri: str, label: str) -> str:
    from policykg.app.render import document_url

    return f"[{label.replace('[', '(').replace(']', ')')}]({document_url(iri, lang())})"  # English stays English


def url_select(label: str, options: list, param: str, default=None, *, key: str, container=None,
               format_func=str):
    """A selectbox whose choice lives in the URL (?param=…), so the page can be shared."""
    wanted = st.query_params.get(param, default)
    value = (container or st).selectbox(label, options, index=options.index(wanted) if wanted in options else 0,
                                        format_func=format_func, key=key, placeholder=t("choose"))
    st.query_params[param] = value or ""
    return value


def url_date(label: str, param: str, *, key: str, help: str | None = None, container=None):
    """An optional date (dd/mm/yyyy, empty by default) whose choice lives in the URL
    (?param=YYYY-MM-DD), so the page can be shared; a bad date in a link is said and dropped."""
    import datetime as dt

    wanted = st.query_params.get(param, "")
    try:
        default = dt.date.fromisoformat(wanted) if wanted else None
    except ValueError:  # a hand-edited link (?in_force_on=2024-13-45)
        (container or st).error(t("bad_date").format(value=wanted))
        default = None
    value = (container or st).date_input(label, value=default, format="DD/MM/YYYY", key=key, help=help)
    if value:
        st.query_params[param] = value.isoformat()
    elif param in st.query_params:
        del st.query_params[param]
    return value


# Streamlit's link for keyboard users ('Skip to main content', the first thing Tab reaches and a
# screen reader reads) and its box for an address that is no page ('Page not found') are English
# text no style can replace: this script, run in the app's page, gives them the user's words, and
# again whenever Streamlit draws them anew.
WORDS_JS = """
export default function ({ data }) {
  window.policykgWords = data;
  const apply = () => {
    const words = window.policykgWords;
    const link = document.querySelector('[data-testid="stSkipToContent"]');
    if (link && link.textContent !== words.skip) link.textContent = words.skip;
    for (const box of document.querySelectorAll('[role="dialog"]')) {
      const title = box.querySelector("h2");
      if (!title || title.textContent !== "Page not found" || box.dataset.policykgWords) continue;
      box.dataset.policykgWords = "1";  // said once: in English the title stays the same words
      title.textContent = words.notFound;
      const text = title.nextElementSibling;
      if (text) text.textContent = words.notFoundText;
      const close = box.querySelector('button[aria-label="Close"]');
      if (close) close.setAttribute("aria-label", words.close);
    }
  };
  apply();
  if (!window.policykgSkipWatch) {
    window.policykgSkipWatch = new MutationObserver(apply);
    window.policykgSkipWatch.observe(document.body, { childList: true, subtree: true });
  }
}
"""


@lru_cache(maxsize=1)
def _words_component():
    return st.components.v2.component("policykg_words", js=WORDS_JS)


def streamlit_words() -> None:
    """Say Streamlit's own words in the user's language where CSS cannot (see WORDS_JS)."""
    _words_component()(data={"skip": t("skip_to_content"), "notFound": t("page_not_found"),
                              "notFoundText": t("page_not_found.text"), "close": t("close")}, key="policykg-words")
