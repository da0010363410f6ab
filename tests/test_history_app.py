"""The document page's status, history and coverage sections (app/history.py) and the
indicators page's day in force, with Streamlit's AppTest on stores of their own holding the
small documents of the other tests."""
import datetime as dt

import pytest
from conftest import CORPUS, ROOT, app_on, store_with
from streamlit.testing.v1 import AppTest
from test_coverage import DISTRICT, PROVINCE
from test_history_graph import AMEND, DOCS, NEW, OLD, REPLACEMENT


@pytest.fixture(scope="module")
def page_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("history-app") / "db"
    store_with(path, [("old.txt", OLD), ("new.txt", NEW), ("amend.txt", AMEND), ("province.txt", PROVINCE),
                      ("district.txt", DISTRICT)]).close()
    with app_on(path):
        yield path


def page(doc: str, lang: str = "vi") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=60)
    at.query_params["doc"] = doc
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/document.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_replaced_plan_shows_its_status_and_history(page_store):
    at = page("12/KH-UBND")
    assert "Hiệu lực và lịch sử" in [s.value for s in at.subheader]
    assert any("Đã bị thay thế" in w.value for w in at.warning)
    changed = at.dataframe[0].value
    assert list(changed["Loại"]) == ["Thay thế"] and list(changed["Văn bản"]) == ["88/KH-UBND"]
    assert list(changed["Ngày"]) == ["01/06/2024"]


def test_district_plan_shows_the_parent_tasks_it_leaves_out(page_store):
    at = page("15/KH-UBND")
    assert "Nhiệm vụ của kế hoạch cấp trên" in [s.value for s in at.subheader]
    frame = next(d.value for d in at.dataframe if "Nhiệm vụ của cấp trên" in d.value.columns)
    assert sorted(frame["Tình trạng"]) == ["Bỏ sót", "Bỏ sót", "Đã nhận", "Đã nhận"]
    en = page("15/KH-UBND", "en")
    assert "The parent plan's tasks" in [s.value for s in en.subheader]


@pytest.fixture(scope="module")
def replaced_plan_store(tmp_path_factory):
    """Cần Thơ's plan, a district plan with weaker targets (45/KH-UBND) and the plan that
    replaced it on 2 December 2024 (60/KH-UBND), as test_history_graph's target comparison."""
    path = tmp_path_factory.mktemp("in-force-app") / "db"
    store_with(path, [("004.txt", (CORPUS / "004_807a71750ac034ee.txt").read_text("utf-8")),
                      ("district_weaker_target.txt", (DOCS / "district_weaker_target.txt").read_text("utf-8")),
                      ("replacement.txt", REPLACEMENT)]).close()
    with app_on(path):
        yield path


def indicators(lang: str = "vi", **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=60)
    for k, v in {"lang": lang, "indicator": "doctors-per-10000", **params}.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("views/indicators.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def weaker_plans(at: AppTest) -> set[str]:
    """The plans of the 'weaker targets' table (none when the page says there are none)."""
    for d in at.dataframe:
        for plan, parent in (("Kế hoạch", "Kế hoạch cấp trên"), ("Plan", "Parent plan")):
            if parent in d.value.columns:
                return set(d.value[plan])
    return set()


def test_indicators_page_compares_the_plans_in_force_on_a_day(replaced_plan_store):
    at = indicators()
    picker = at.date_input(key="in_force_on")
    assert picker.label == "Chỉ so các kế hoạch còn hiệu lực ngày" and picker.value is None  # empty: every plan
    assert picker.proto.format == "DD/MM/YYYY"
    assert weaker_plans(at) == {"45/KH-UBND"}
    picker.set_value(dt.date(2024, 11, 1)).run()  # 45/KH-UBND still in force
    assert weaker_plans(at) == {"45/KH-UBND"} and at.query_params["in_force_on"] == "2024-11-01"
    at.date_input(key="in_force_on").set_value(dt.date(2025, 1, 1)).run()  # replaced on 2 December 2024
    assert weaker_plans(at) == set() and "Không có chỉ tiêu nào thấp hơn kế hoạch cấp trên." in [s.value for s in at.success]
    # a shared link keeps the day; in English the words are English
    en = indicators("en", in_force_on="2025-01-01")
    assert en.date_input(key="in_force_on").label == "Compare only the plans in force on"
    assert en.date_input(key="in_force_on").value == dt.date(2025, 1, 1) and weaker_plans(en) == set()
    assert "No target is weaker than its parent plan's." in [s.value for s in en.success]
    # a hand-edited link: said in the user's language, and no day is applied
    bad = indicators(in_force_on="2025-02-30")
    assert any("2025-02-30" in e.value for e in bad.error) and bad.date_input(key="in_force_on").value is None
    assert weaker_plans(bad) == {"45/KH-UBND"}
