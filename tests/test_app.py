"""Each page's logic with Streamlit's AppTest (in-process), on a store of its own."""
import os
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from conftest import CORPUS, ROOT

PAGES = ["views/cascade.py", "views/document.py", "views/queries.py", "views/audit.py", "views/indicators.py",
         "views/agencies.py"]


@pytest.fixture(scope="module")
def app_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("app") / "db"
    subprocess.run([sys.executable, "-m", "policykg", "load", str(CORPUS), "--store", str(path)], check=True,
                   capture_output=True)
    old = os.environ.get("POLICYKG_STORE")
    os.environ["POLICYKG_STORE"] = str(path)
    yield path
    if old is None:
        os.environ.pop("POLICYKG_STORE")
    else:
        os.environ["POLICYKG_STORE"] = old


def app(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_overview(app_store):
    at = app()
    assert at.title[0].value == "Tổng quan"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Văn bản đã có toàn văn"] == "5"
    assert int(metrics["Chỉ được dẫn chiếu"]) > 20


def test_english_switch(app_store):
    at = app()
    at.sidebar.radio[0].set_value("en").run()
    assert at.title[0].value == "Overview"
    assert "Documents held" in [m.label for m in at.metric]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(app_store, page):
    at = app(page)
    assert at.title and not at.error, [e.value for e in at.error]


def test_cascade_page_filters(app_store):
    at = app("views/cascade.py")
    assert at.selectbox(key="root").value == "25-CT/TW"
    labels = [o for o in at.selectbox(key="pick").options]
    assert any(o.startswith("25-CT/TW") for o in labels) and len(labels) == 10
    at.multiselect[2].select("Kiên Giang").run()  # provinces
    assert len(at.selectbox(key="pick").options) == 5  # 25-CT/TW, 176, 197, 198, 120


def test_queries_page_runs_and_refuses_updates(app_store):
    at = app("views/queries.py")
    at.selectbox(key="q").set_value("indicator_targets").run()
    at.text_input(key="param-indicator_targets-year").set_value("2030").run()
    at.button(key="run").click().run()
    frame = at.dataframe[0].value
    assert set(frame["Địa bàn"]) == {"Huyện Kiên Hải", "Thành phố Cần Thơ"}
    at.selectbox(key="q").set_value("__free__").run()
    at.text_area(key="sparql-__free__").set_value("DELETE WHERE { ?s ?p ?o }").run()
    at.button(key="run").click().run()
    assert "chỉ cho phép truy vấn đọc" in at.error[0].value
    at.text_area(key="sparql-__free__").set_value("SELECT ?s WHERE {\n ?s ?p\n}").run()
    at.button(key="run").click().run()
    assert "lỗi cú pháp" in at.error[0].value and "dòng" in at.error[0].value


def test_audit_page(app_store):
    at = app("views/audit.py")
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Đã có toàn văn"], metrics["Chỉ được dẫn chiếu"], metrics["Chưa có"]) == ("2", "1", "60")
    at.selectbox(key="audit-root").set_value("176/KH-UBND").run()
    frame = at.dataframe[0].value
    assert frame.iloc[-1]["Địa phương"] == "Huyện Kiên Hải" and frame.iloc[-1]["Tình trạng"] == "Chỉ được dẫn chiếu"


def test_indicators_page(app_store):
    at = app("views/indicators.py", indicator="doctors-per-10000")
    frame = at.dataframe[0].value
    assert {"Huyện Kiên Hải", "Thành phố Cần Thơ", "Huyện Tam Đường"} <= set(frame["Địa bàn"])


def test_agencies_page(app_store):
    at = app("views/agencies.py", agency="Sở Nội vụ")
    tasks, responsibilities = at.dataframe[0].value, at.dataframe[1].value
    assert set(tasks["Kế hoạch"]) == {"542/KH-UBND", "177/KH-UBND"}
    assert set(responsibilities["Mục"]) == {"V.3", "IV.5", "V.4"}


def test_document_page_shows_facts_and_quotes(app_store):
    at = app("views/document.py", doc="542/KH-UBND")
    assert at.subheader[0].value == "Kế hoạch 542/KH-UBND"
    # tasks: the 18 rows of its task table and the duties stated in prose (parser 2.0)
    from conftest import CORPUS
    from policykg.loaders import parse_file

    duties = parse_file(CORPUS / "003_de43d9b20077fde2.txt")["duties"]
    assert duties
    assert len(at.dataframe[1].value) == 18 + len(duties)
    at.selectbox(key="fact").set_value(5).run()
    assert at.markdown  # the quote of the chosen fact
    source = [h for h in at.get("html")]
    assert source and "<mark" in source[-1].proto.body
