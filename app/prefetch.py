"""What the other pages will need, fetched while the user reads the first one.

Streamlit fetches the code of a widget the first time a page shows one, and a page waits for
all of its widgets' code before it shows anything: the cascade page, the first with a
multiselect, pills and a download button, waited 0.4 s for eleven small files on its first
visit in a browser session, then vis-network's 470 KB script. A small script in the sidebar
(every page has it; it acts once per browser tab) fetches them when the browser is idle, as a
web app prefetches the pages its links lead to; a page visited later finds them ready.
benchmarks/app_pages.py times the cascade page's first visit (docs/benchmarks.md).
"""
import logging
import re
from functools import lru_cache
from pathlib import Path

import streamlit as st

from policykg.app.render import VIS_SCRIPT_JS, vis_files_url

# The widgets of the app's pages that its first page (Tổng quan) does not show, by the name of
# their code's file in Streamlit's build ('Multiselect.DBsRqIhx.js'): the cascade page's
# pickers, pills and buttons, the search page's inputs, the audit's date pickers, the query
# page's editor (a component in a frame).
WIDGETS = ("Selectbox", "Multiselect", "ButtonGroup", "Button", "DownloadButton", "TextInput", "NumberInput",
           "DateInput", "IFrame", "ComponentInstance")

JS = VIS_SCRIPT_JS + """
export default function ({ data }) {
  if (window.policykgPrefetched) return;  // once per tab: the sidebar runs again on every page
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 300));
  // a promise of everything fetched (benchmarks/app_pages.py and the e2e tests wait for it)
  window.policykgPrefetched = new Promise(function (done) {
    idle(function () {
      // Streamlit's code is fetched relative to its entry script (a base path included); the
      // same address gives the same module, so Streamlit's own import later finds it loaded.
      const entry = document.querySelector('script[type="module"][src*="/static/js/index."]');
      const waits = entry ? data.chunks.map((name) => import(new URL(name, entry.src).href)) : [];
      waits.push(visScript(data.vis));
      Promise.allSettled(waits).then(() => done(waits.length));
    }, { timeout: 3000 });
  });
}
"""


@lru_cache(maxsize=1)
def widget_files() -> tuple[str, ...]:
    """The file names of WIDGETS' code in the installed Streamlit (a name its version no longer
    has is left out: the page then fetches that code itself, as it would anyway)."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    names = {p.name for p in folder.glob("*.js")}
    found = tuple(sorted(n for w in WIDGETS for n in names if re.fullmatch(rf"{w}\.[\w-]+\.js", n)))
    missing = [w for w in WIDGETS if not any(n.startswith(w + ".") for n in found)]
    if missing:
        logging.getLogger(__name__).info("Streamlit %s has no code file for %s: not prefetched", st.__version__, missing)
    return found


@lru_cache(maxsize=1)
def _component():
    return st.components.v2.component("policykg_prefetch", js=JS)


def prefetch() -> None:
    """Fetch, when the browser is idle, the widgets' code and vis-network (see the module's doc)."""
    _component()(data={"chunks": list(widget_files()), "vis": vis_files_url()}, key="policykg-prefetch")
