"""A file whose document is already held from another file: never a silent replacement.

The same file loaded again (changed) updates its document as always; a different file that
reads as the same document is refused (DocumentClash, the held one kept) unless replace=True,
and the CLI says so in Vietnamese and takes --replace. Real on-disk stores throughout.
"""
import subprocess
import sys

import pytest
from conftest import corpus_files

from policykg.graph.ingest import DocumentClash, load_bytes
from policykg.graph.store import open_store

PLAN = corpus_files()[3].read_bytes()  # 542/KH-UBND
CHANGED = PLAN + "\nGhi chú: bản sửa.\n".encode()


def _file_of(store, doc_id):
    rows = store.query("SELECT ?f WHERE { GRAPH ?g { ?g pkg:fileName ?f ; dct:subject ?d . ?d eli:id_local ?id } "
                       "FILTER (STR(?id) = '" + doc_id + "') }")
    return sorted(r["f"].value for r in rows)


def test_another_file_with_the_same_document_is_refused_and_kept(tmp_path):
    store = open_store(tmp_path / "db")
    assert load_bytes(store, PLAN, "ke-hoach-542.txt").status == "added"
    with pytest.raises(DocumentClash) as err:
        load_bytes(store, CHANGED, "ban-sao-khac.txt")
    assert err.value.doc_id == "542/KH-UBND" and err.value.other == "ke-hoach-542.txt"
    assert "\n" not in str(err.value)
    assert _file_of(store, "542/KH-UBND") == ["ke-hoach-542.txt"]  # the held one is as it was


def test_the_same_file_changed_updates_as_before(tmp_path):
    store = open_store(tmp_path / "db")
    load_bytes(store, PLAN, "ke-hoach-542.txt")
    assert load_bytes(store, CHANGED, "ke-hoach-542.txt").status == "replaced"
    # the same bytes under another name change nothing: nothing to ask
    assert load_bytes(store, CHANGED, "ban-sao.txt").status == "unchanged"


def test_replace_true_replaces(tmp_path):
    store = open_store(tmp_path / "db")
    load_bytes(store, PLAN, "ke-hoach-542.txt")
    assert load_bytes(store, CHANGED, "ban-sao-khac.txt", replace=True).status == "replaced"
    assert _file_of(store, "542/KH-UBND") == ["ban-sao-khac.txt"]


def test_cli_refuses_with_a_clear_message_unless_replace(tmp_path):
    a, b = tmp_path / "ke-hoach-542.txt", tmp_path / "ban-sao-khac.txt"
    a.write_bytes(PLAN)
    b.write_bytes(CHANGED)
    db = str(tmp_path / "db")

    def load(*args):
        return subprocess.run([sys.executable, "-m", "policykg", "load", "--store", db, *args],
                              capture_output=True, text=True, timeout=300)

    assert load(str(a)).returncode == 0
    refused = load(str(b))
    assert refused.returncode == 1
    assert "văn bản 542/KH-UBND đã có từ một tệp khác (ke-hoach-542.txt)" in refused.stderr
    assert "--replace" in refused.stderr and "Traceback" not in refused.stderr
    replaced = load("--replace", str(b))
    assert replaced.returncode == 0, replaced.stderr
    assert "đã thay" in replaced.stdout
