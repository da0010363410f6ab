"""Word (.docx) → the intermediate: paragraphs in order, tables from their real cells.

python-docx reads the file; the cells are taken from the table XML directly (one per
`w:tc`) so a cell merged across columns counts once and a cell merged down (vMerge)
is empty in the rows below, instead of python-docx's repeated cell objects.
"""
import io
import zipfile

from .errors import ParseError
from .extracted import Extracted, TextBuilder


def _cell_text(tc) -> str:
    from docx.table import _Cell

    # Paragraphs of a cell on their own lines; nested tables' text follows in order.
    return "\n".join(p.text for p in _Cell(tc, None).paragraphs)  # type: ignore[arg-type]  # python-docx: a cell reads its paragraphs without a parent


def _rows(table) -> list[list[str]]:
    rows = []
    for tr in table._tbl.tr_lst:
        row = []
        for tc in tr.tc_lst:
            row.append("" if tc.vMerge == "continue" else _cell_text(tc))
            row += [""] * (tc.grid_span - 1)
        rows.append(row)
    return rows


def read_docx(data: bytes, name: str) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ParseError(name, f"corrupt Word file ({type(exc).__name__})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and friends: a damaged part inside
        raise ParseError(name, f"corrupt Word file ({str(exc).splitlines()[0][:120] or type(exc).__name__})") from None
    out = TextBuilder()
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            out.table(_rows(block))
        else:
            out.paragraph(block.text)
    return out.result("docx")
