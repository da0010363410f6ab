import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
EXPECTED = Path(__file__).resolve().parent / "expected"


def corpus_files():
    return sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def parsed():
    from policykg.loaders import parse_file

    return {p.stem: parse_file(p) for p in corpus_files()}


def expected_record(stem: str) -> dict:
    return json.loads((EXPECTED / f"{stem}.record.json").read_text("utf-8"))
