"""Readers during writes (issue 17, item 6): while `policykg load` adds documents, queries
keep answering and each sees every document wholly old or wholly new, never half written."""
import sys

from conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from readers import readers_during_load, variants  # noqa: E402


def test_queries_answer_and_see_whole_documents_while_load_adds_documents(tmp_path):
    from policykg.graph.ingest import load_paths
    from policykg.graph.store import open_store

    store = open_store(tmp_path / "db")
    load_paths(store, [CORPUS])
    del store  # `policykg load` opens it next, for writing
    files = variants(tmp_path / "new", 8)
    figures = readers_during_load(tmp_path / "db", files, readers=2, workers=2)
    assert figures["load_returncode"] == 0, figures["load_stderr"]
    assert figures["new_documents"] == 8
    assert figures["errors"] == []
    assert figures["half"] == []
    assert figures["answers"] > 10 and figures["state_answers"] > 5
    assert figures["states_mid_load"] > 0  # some answers came while part of the documents was in
