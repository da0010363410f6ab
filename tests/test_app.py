"""Each page's logic with Streamlit's AppTest (in-process), on a store of its own."""
import subprocess
import sys

import pytest
from conftest import CORPUS, ROOT, app_on
from streamlit.testing.v1 import AppTest

PAGES = ["views/cascade.py", "views/document.py", "views/queries.py", "views/audit.py", "views/indicators.py",
         "views/agencies.py"]


@pytest.fixture(scope="module")
def app_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("app") / "db"
    subprocess.run([sys.executable, "-m", "policykg", "load", str(CORPUS), "--store", str(path)], check=True,
                   capture_output=True)
    with app_on(path):
        yield path


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
    at.multiselect(key="provinces").select("Kiên Giang").run()
    assert len(at.selectbox(key="pick").options) == 5  # 25-CT/TW, 176, 197, 198, 120


def test_queries_page_runs_and_refuses_updates(app_store):
    at = app("views/queries.py")
    at.radio(key="q").set_value("indicator_targets").run()
    at.text_input(key="param-indicator_targets-year").set_value("2030").run()
    at.button(key="run").click().run()
    frame = at.dataframe[0].value
    assert set(frame["Địa bàn"]) == {"Huyện Kiên Hải", "Thành phố Cần Thơ"}
    # the editor is a component AppTest cannot type into: a free query comes in by its share link
    at = app("views/queries.py", q="__free__", sparql="DELETE WHERE { ?s ?p ?o }")
    at.button(key="run").click().run()
    assert "Chỉ cho phép truy vấn đọc" in at.error[0].value
    at = app("views/queries.py", q="__free__", sparql="SELECT ?s WHERE {\n ?s ?p\n}")
    at.button(key="run").click().run()
    # where the parse stopped, as the user wrote it, in Vietnamese only; the line with a caret under it
    assert at.error[0].value == "Lỗi cú pháp SPARQL ở dòng 3, cột 1: «}»"  # the unfinished triple ends here
    assert at.code[0].value == "   3 | }\n       ^"


def test_a_syntax_error_in_a_saved_query_points_at_the_users_line(app_store):
    """A bound parameter (?indicator here) lengthens its line in the text pyoxigraph reads; the
    query is checked before binding, so the user's line is named and quoted with its column."""
    from policykg.base.i18n import error_text
    from policykg.queries import QueryError, QueryRunner, get, run_saved
    from policykg.queries.catalog import without_comments

    q = get("indicator_targets")
    lines = without_comments(q.sparql).split("\n")  # as the page's editor shows it
    assert "?o pkg:indicator ?indicator" in lines[1]
    at = lines[1].index("pkg:plan ?plan") + len("pkg:plan ?plan , ")
    lines[1] = lines[1].replace("pkg:plan ?plan", "pkg:plan ?plan , ,")
    with QueryRunner(str(app_store)) as runner, pytest.raises(QueryError) as err:
        run_saved(runner, q, {"indicator": "doctors-per-10000"}, sparql="\n".join(lines))
    # the second comma, where an object was expected
    assert error_text(err.value) == f"Lỗi cú pháp SPARQL ở dòng 2, cột {at + 1}: «{lines[1].strip()}»"


def test_the_sparql_shown_has_no_developer_comments(app_store):
    import json

    at = app("views/queries.py")
    for name in ("task_keyword", "deadlines", "cascade"):
        at.radio(key="q").set_value(name).run()
        # what the SPARQL editor (a component) is given to show
        shown = json.loads(at.get("component_instance")[0].proto.json_args)["code"]
        assert "SELECT" in shown and not any(line.lstrip().startswith("#") for line in shown.splitlines())


def test_audit_page(app_store):
    at = app("views/audit.py")
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Đã có toàn văn"], metrics["Chỉ được dẫn chiếu"], metrics["Chưa có"]) == ("2", "1", "60")
    frame = at.dataframe[0].value
    assert list(frame["Tình trạng"][:3]) == ["Đã có toàn văn", "Đã có toàn văn", "Chỉ được dẫn chiếu"]  # held first
    at.multiselect(key="audit-status").set_value(["missing"]).run()
    frame = at.dataframe[0].value
    assert len(frame) == 60 and set(frame["Tình trạng"]) == {"Chưa có"}
    at.multiselect(key="audit-status").set_value([]).run()
    at.selectbox(key="audit-root").set_value("176/KH-UBND").run()
    frames = [d.value for d in at.dataframe]
    by_province, rows = frames  # the districts' counts by province, then the districts
    assert list(by_province.iloc[0]) == ["Tỉnh Kiên Giang", "0", "1", "14"]  # as shown
    assert rows.iloc[0]["Địa phương"] == "Huyện Kiên Hải" and rows.iloc[0]["Tình trạng"] == "Chỉ được dẫn chiếu"
    assert "Tải báo cáo Word" in [b.label for b in at.get("download_button")]


def test_audit_page_district_level_without_province(app_store):
    at = app("views/audit.py")
    at.radio(key="audit-level").set_value("district").run()
    assert not at.error and "hãy chọn một tỉnh" in at.info[0].value
    frames = [d.value for d in at.dataframe]
    assert len(frames) == 1 and list(frames[0].columns) == ["Tỉnh", "Đã có toàn văn", "Chỉ được dẫn chiếu", "Chưa có"]
    assert len(frames[0]) == 63 and frames[0]["Chưa có"].astype(int).sum() == 695
    at.selectbox(key="audit-province").set_value("Kiên Giang").run()
    assert not at.info and len(at.dataframe) == 2 and len(at.dataframe[1].value) == 15


def test_audit_page_as_of_and_communes_of_2025(app_store):
    import datetime as dt

    from policykg.graph.timeliness import today_in_vietnam

    at = app("views/audit.py")
    assert at.date_input(key="audit-asof").value == dt.date.fromisoformat(today_in_vietnam())  # today in Vietnam
    frame = at.dataframe[0].value
    assert list(frame.columns)[-3:] == ["Hạn ban hành KH", "Ngày kế hoạch", "Tiến độ"]
    assert set(frame["Tiến độ"]) == {"Không nêu hạn"}  # 25-CT/TW gives the provinces no due date
    at.date_input(key="audit-asof").set_value(dt.date(2024, 12, 31)).run()
    assert not at.exception
    at.radio(key="audit-level").set_value("commune").run()
    frame = at.dataframe[0].value
    assert len(frame) == 3321 and set(frame["Cấp"]) == {"Cấp xã"}
    assert not [s for s in at.subheader if s.value.startswith("Các xã")]  # 34 provinces: the map, no tiles
    # one province's communes (Kiên Giang's territory is in An Giang's today) as tiles under the map
    at.selectbox(key="audit-province").set_value("Kiên Giang").run()
    assert "Các xã, phường, đặc khu của An Giang" in [s.value for s in at.subheader]


def test_indicators_page(app_store):
    at = app("views/indicators.py", indicator="doctors-per-10000")
    frame = at.dataframe[0].value
    assert {"Huyện Kiên Hải", "Thành phố Cần Thơ", "Huyện Tam Đường"} <= set(frame["Địa bàn"])
    # the chart: a line a plan, sent as long rows whose column names are the axes' titles
    import pyarrow as pa

    chart = at.get("vega_lite_chart")[0].proto
    data = pa.ipc.open_stream(chart.data.data).read_pandas()
    assert set(data.columns) == {"Năm", "Giá trị", "Địa phương"}
    import json

    encoding = json.loads(chart.spec)["encoding"]  # the axes' titles in the user's language
    assert [encoding[a]["title"] for a in ("x", "y", "color")] == ["Năm", "Giá trị", "Địa phương"]
    kien_hai = data[data["Địa phương"] == "Huyện Kiên Hải · 201/KH-TTYT"]
    assert sorted(kien_hai["Năm"]) == ["2025", "2030"] and not data.duplicated(["Năm", "Địa phương"]).any()


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
    source = [h.proto.body for h in at.get("html") if not h.proto.body.startswith("<style>")]  # not main's CSS
    assert source and "<mark" in source[-1]


def test_tables_show_vietnamese_formats(app_store):
    import re

    at = app()
    loaded = at.dataframe[0].value["Thời điểm nạp"]
    assert all(re.fullmatch(r"\d{2}/\d{2}/20\d{2} \d{2}:\d{2}", v) for v in loaded)  # local time, not ISO/UTC
    at = app("views/indicators.py", indicator="doctors-per-10000")
    frame = at.dataframe[0].value
    assert "2030" in set(frame["Năm"])  # a year, not 2.030
    numbers = [v for v in frame["Số"] if v]
    assert any("," in v for v in numbers) and not any(re.fullmatch(r"\d+\.\d+", v) for v in numbers), numbers
    at = app("views/cascade.py")
    dates = [v for v in at.dataframe[0].value["Ngày"] if v]
    assert dates and all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", v) for v in dates)
    assert "UBND tỉnh" in set(at.dataframe[0].value["Cấp"])  # not 'provincial-people-committee'


def test_english_tables_are_english(app_store):
    at = app("views/document.py", doc="542/KH-UBND", lang="en")
    assert list(at.dataframe[1].value.columns) == ["No.", "Task", "Lead", "Coordinating", "Deadline"]
    assert list(at.dataframe[0].value.columns)[:2] == ["No.", "Indicator"]
    at = app("views/cascade.py", lang="en")
    frame = at.dataframe[0].value
    assert list(frame.columns) == ["Document", "Level", "Issuer", "Date", "Status"]
    assert "Provincial People's Committee" in set(frame["Level"]) and set(frame["Status"]) <= {"Held", "Cited only"}
    at = app("views/audit.py", lang="en")
    frame = at.dataframe[0].value
    assert list(frame.columns)[:4] == ["Locality", "Code", "Level", "Status"] and set(frame["Level"]) == {"Province"}


def test_cascade_legend_and_filters_speak_one_language(app_store, corpus_store):
    """The network's legend, its edges' tooltips and the level filter: words of the translation
    table, none of the other language's (the graph's own data aside)."""
    import re

    from policykg.app.render import network_data
    from policykg.base.i18n import TEXT
    from policykg.graph.cascade import cascade_graph

    words = {k: v for k, v in TEXT.items() if k.startswith(("cascade.group.", "cascade.edge."))}
    assert len(words) == 9 and all(vi and en and vi != en for vi, en in words.values())
    g = cascade_graph(corpus_store, "25-CT/TW")
    for lang in ("vi", "en"):
        mine, theirs = ({v[i] for v in words.values()} for i in ((0, 1) if lang == "vi" else (1, 0)))
        data = network_data(g, lang=lang)
        legend = re.sub(r"<[^>]+>", "|", data["legend"])
        shown = {w for w in legend.split("|") if w.strip()}
        assert {TEXT["cascade.edge.implements"][lang == "en"], TEXT["cascade.group.national"][lang == "en"]} <= shown
        assert not shown & theirs, (lang, shown & theirs)
        assert {r["title"] for r in data["relations"]} <= mine
        at = app("views/cascade.py", lang=lang)
        levels = at.multiselect(key="levels").options
        assert levels and set(levels) <= mine and not set(levels) & theirs, levels


def test_queries_page_refuses_service_and_answers_hostile_text_quickly(app_store, listener, monkeypatch):
    import time

    from test_queries import hostile_prefixes

    monkeypatch.delenv("POLICYKG_ADMIN", raising=False)
    service = "SELECT * WHERE { SERVICE <%s/app> { ?s ?p ?o } }" % listener.url
    at = app("views/queries.py", q="__free__", sparql=service)  # a free query comes in by its share link
    at.button(key="run").click().run()
    assert "SERVICE hoặc LOAD" in at.error[0].value
    assert listener.hits == []
    # the free query that froze the server (the old update check backtracked on it)
    at = app("views/queries.py", q="__free__", sparql=hostile_prefixes(14))
    start = time.monotonic()
    at.button(key="run").click().run()
    assert time.monotonic() - start < 5 and not at.error and len(at.dataframe[0].value) == 1


def test_a_bad_date_in_a_share_url_is_a_clear_message(app_store):
    at = app("views/queries.py", q="deadlines", p_from="2024-13-45")
    assert any("2024-13-45" in e.value and "YYYY-MM-DD" in e.value for e in at.error)


def test_pages_show_a_document_another_user_loaded(tmp_path, monkeypatch):
    """The pages' reads are kept per store generation and shared by every session (app/state.py
    `cached`): a document another session uploads shows at this session's next rerun, never
    an answer from before it."""
    from policykg.app.state import _store
    from policykg.graph.ingest import load_file

    store = tmp_path / "db"
    subprocess.run([sys.executable, "-m", "policykg", "load", str(CORPUS / "002_1a8614c488dbc4c5.txt"), "--store",
                    str(store)], check=True, capture_output=True)
    monkeypatch.setenv("POLICYKG_STORE", str(store))
    at = app()
    assert {m.label: m.value for m in at.metric}["Văn bản đã có toàn văn"] == "1"
    at.run()  # the same answer again, now kept
    assert {m.label: m.value for m in at.metric}["Văn bản đã có toàn văn"] == "1"
    # what the upload box of another session does: a load into the server's one store
    assert load_file(_store(str(store)), CORPUS / "004_807a71750ac034ee.txt").status == "added"
    at.run()
    assert {m.label: m.value for m in at.metric}["Văn bản đã có toàn văn"] == "2"
    at = app("views/document.py")
    assert any(o.startswith("177/KH-UBND") for o in at.selectbox(key="doc").options)


def test_saved_queries_as_written_have_their_own_limit(app_store, monkeypatch):
    """A user's own SPARQL keeps the short limit ($POLICYKG_QUERY_TIMEOUT); a saved query run
    as written has $POLICYKG_SAVED_QUERY_TIMEOUT (its cost grows only with the data)."""
    monkeypatch.setenv("POLICYKG_QUERY_TIMEOUT", "0.001")  # no query answers within it
    at = app("views/queries.py")
    at.radio(key="q").set_value("target_consistency").run()
    at.button(key="run").click().run()
    assert not at.error, [e.value for e in at.error]
    assert at.dataframe  # answered within the saved query's limit
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    at = app("views/queries.py", q="__free__", sparql=runaway)
    at.button(key="run").click().run()
    assert "giới hạn thời gian" in at.error[0].value


def test_document_page_of_a_record_with_no_quotable_fact(tmp_path):
    """A held document whose record came without spans (a bulk load of records, as the benchmarks'
    generated cascade): its page says so instead of failing on an empty fact picker."""
    import sys

    from conftest import app_on

    from policykg.graph.ingest import load_records
    from policykg.graph.store import open_store

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    pairs = generate("tiny")
    record = next(r for r, _ in pairs if r["document"].get("id"))
    record = {**record, "spans": {}}
    store = open_store(tmp_path / "db")
    load_records(store, [(record, "")])
    store.close()
    with app_on(tmp_path / "db"):
        at = app("views/document.py", doc=record["document"]["id"])
        assert "Văn bản này chưa có dữ kiện nào được trích xuất kèm trích dẫn." in [c.value for c in at.caption]


def test_what_a_page_makes_of_an_answer_is_kept_per_store_generation(tmp_path, monkeypatch):
    """app.state.kept: the Truy vấn page's cells (10,000 rows at district size) are made once per
    store generation, day and language, then shared; a load makes them anew; bounded."""
    from conftest import store_with

    from policykg.app.state import _Kept, get_store, kept
    from policykg.graph.ingest import load_file

    store_with(tmp_path / "db", []).close()
    monkeypatch.setenv("POLICYKG_STORE", str(tmp_path / "db"))
    made: list[str] = []

    def make(value):
        return lambda: made.append(value) or value

    assert kept(make("a"), "q", 1) == ("a", False)
    assert kept(make("b"), "q", 1) == ("a", True)  # the same object, not made again
    assert kept(make("c"), "q", 2) == ("c", False)  # another question
    load_file(get_store(), CORPUS / "000_4b541d80a1f56cd0.txt")  # a new generation of the store
    assert kept(make("d"), "q", 1) == ("d", False)
    assert made == ["a", "c", "d"]
    box = _Kept(max_entries=2)
    for i in range(3):
        box.put(("s", "g1", i), i)
    assert box.get(("s", "g1", 0)) is None and box.get(("s", "g1", 2)) == 2
    box.put(("s", "g2", 0), 0)  # a newer generation of the store: the older ones go
    assert list(box.items) == [("s", "g2", 0)]


def test_the_server_listens_on_this_machine_only(tmp_path):
    """`streamlit run app/main.py` with no address given (what `./dev app` does) reads
    .streamlit/config.toml: it answers on 127.0.0.1 and not on the machine's network address."""
    import os
    import socket
    import urllib.request

    from conftest import free_port, stop, wait_until_up

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:  # the address a route out would use
        try:
            probe.connect(("192.0.2.1", 9))
            outside = probe.getsockname()[0]
        except OSError:
            outside = None
    if not outside or outside.startswith("127."):
        pytest.skip("this machine has no network address besides the loopback")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "main.py"), "--server.port",
                             str(port), "--server.fileWatcherType", "none"], cwd=ROOT,
                            env=dict(os.environ, POLICYKG_STORE=str(tmp_path / "db")),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(proc, f"http://127.0.0.1:{port}/_stcore/health", "streamlit", timeout=90)
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://{outside}:{port}/_stcore/health", timeout=3).read()
    finally:
        stop(proc)


def test_overview_bars_in_vietnamese_order(app_store):
    """The overview's bars by level and by province are drawn in Vietnamese alphabetical order
    (Vega's own sort compares code points: 'Đắk Lắk' after 'Yên Bái'), held and cited-only
    stacked on each bar."""
    import json

    import pyarrow as pa

    from policykg.queries.formats import sort_names

    charts = app().get("vega_lite_chart")
    assert len(charts) == 2
    for chart in charts:
        spec = json.loads(chart.proto.spec)
        category = spec["encoding"]["y"]["field"]
        data = pa.ipc.open_stream(chart.proto.data.data).read_pandas()
        assert spec["encoding"]["y"]["sort"] == sort_names(set(data[category]))
        assert spec["encoding"]["x"]["aggregate"] == "sum" and spec["encoding"]["color"]["field"] in data
