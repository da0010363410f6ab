"""Word (.docx) → the intermediate: paragraphs in order, tables from their real cells.

python-docx reads the file; the cells are taken from the table XML directly (one per
`w:tc`) so a cell merged across columns counts once and a cell merged down (vMerge)
is empty in the rows below, instead of python-docx's repeated cell objects.
"""
import io
import zipfile

from . import limits
from .errors import ParseError
from .extracted import Extracted, TextBuilder
from .sniff import check_unpacked


def _cell_text(tc) -> str:
    from docx.table import _Cell

    # Paragraphs of a cell on their own lines; nested tables' text follows in order.
    return "\n".join(p.text for p in _Cell(tc, None).paragraphs)  # type: ignore[arg-type]  # python-docx: a cell reads its paragraphs without a parent


def _rows(table) -> list[list[str]]:
    tbl = table._tbl
    grid = tbl.tblGrid
    columns = len(grid.gridCol_lst) if grid is not None else 0
    rows = []
    for tr in tbl.tr_lst:
        row: list[str] = []
        tcs = tr.tc_lst
        # A merged cell spans at most the table's grid (gridSpan=2147483647 asked for 2^31 cells)
        width = max(columns, len(tcs))
        for k, tc in enumerate(tcs):
            row.append("" if tc.vMerge == "continue" else _cell_text(tc))
            room = width - len(row) - (len(tcs) - k - 1)
            row += [""] * max(0, min(tc.grid_span - 1, room))
        rows.append(row)
        limits.check()
    return rows


def read_docx(data: bytes, name: str) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            check_unpacked(z.infolist(), name)  # before python-docx unpacks every part
        document = docx.Document(io.BytesIO(data))
    except ParseError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, NotImplementedError) as exc:
        raise ParseError(name, f"corrupt Word file ({type(exc).__name__})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and friends: a damaged part inside
        raise ParseError(name, f"corrupt Word file ({str(exc).splitlines()[0][:120] or type(exc).__name__})") from None
    out = TextBuilder()
    try:
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                out.table(_rows(block))
            else:
                out.paragraph(block.text)
    except ParseError:
        raise
    except Exception as exc:  # python-docx on a damaged attribute (gridSpan="x", a negative span)
        raise ParseError(name, f"corrupt Word file ({str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__})") from None
    return out.result("docx")
