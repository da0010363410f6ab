"""The document page's status, history and coverage sections (app/history.py), with
Streamlit's AppTest on a store of its own holding the small documents of the other tests."""
import pytest
from conftest import ROOT, app_on, store_with
from streamlit.testing.v1 import AppTest
from test_coverage import DISTRICT, PROVINCE
from test_history_graph import AMEND, NEW, OLD


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
