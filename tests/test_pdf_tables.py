"""A PDF page's ruled tables are found, unless the page is ruled past what a table is.

pdfplumber's table finder is quadratic in a page's line crossings (loaders/pdf.py,
MAX_TABLE_CROSSINGS): a page ruled 170 × 170 is read for its words, not its 28,900 cells.
"""
import io

import make_hostile as mh
import pdfplumber

from policykg.loaders import extract
from policykg.loaders.pdf import MAX_TABLE_CROSSINGS, find_tables


def _tables(data: bytes) -> list:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [t.extract() for t in find_tables(pdf.pages[0], 1)]


def test_a_ruled_table_is_found():
    tables = _tables(mh.pdf_ruled_grid(20, 5))
    assert len(tables) == 1 and len(tables[0]) == 20 and len(tables[0][0]) == 5


def test_a_page_ruled_past_the_bound_is_read_for_its_words():
    assert 171 * 171 > MAX_TABLE_CROSSINGS > 21 * 6
    data = mh.pdf_ruled_grid(170, 170)
    assert _tables(data) == []
    assert "Ke hoach so 12/KH-UBND" in extract(data, "grid.pdf").text
