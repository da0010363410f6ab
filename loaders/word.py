"""Word (.docx) → the intermediate: paragraphs in order, tables from their real cells.

python-docx opens the package (the main part, its content type, the parts it points to);
the text is then read from the body's XML directly, in one pass over it with compiled
XPath, not through python-docx's objects: those compile an XPath expression for every
paragraph and every run, ~3/4 of the time of reading a long document. What is read is
exactly what python-docx's `Paragraph.text` and cell paragraphs give (tests/test_word.py
compares the two on every Word file the tests build): the body's own `w:p` and `w:tbl` in
order; a paragraph's text is its runs' and its hyperlinks' runs' `w:t`, tabs, breaks and
no-break hyphens; a table cell is one per `w:tc`, so a cell merged across columns counts
once and a cell merged down (vMerge) is empty in the rows below, instead of python-docx's
repeated cell objects. Content python-docx leaves out is left out here too: runs inside
tracked insertions (`w:ins`), content controls (`w:sdt`) and fields, a cell's nested tables.
"""
import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from . import limits
from .errors import ParseError
from .extracted import Extracted, TextBuilder
from .sniff import check_unpacked

_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_NS}}}"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_TCPR, _GRIDSPAN, _VMERGE, _TBLGRID, _GRIDCOL = (_W + "tcPr", _W + "gridSpan", _W + "vMerge", _W + "tblGrid",
                                                 _W + "gridCol")
_VAL, _TYPE = _W + "val", _W + "type"
# A paragraph's text-bearing run content in document order (as python-docx's CT_P.text:
# its `w:r` and `w:hyperlink/w:r` children, and of each run these six kinds of child).
_RUN_CONTENT = etree.XPath(
    "(w:r | w:hyperlink/w:r)/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:ptab"
    " or self::w:noBreakHyphen]", namespaces={"w": _NS})
# What each kind of run content stands for; w:t is its text, w:br a line break unless a
# page or column break.
_CHARS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_T, _BR = _W + "t", _W + "br"
_CHECK_EVERY = 1024  # paragraphs between two looks at the time limit


def _text(p: etree._Element) -> str:
    parts = []
    for e in _RUN_CONTENT(p):
        tag = e.tag
        if tag == _T:
            parts.append(e.text or "")
        elif tag == _BR:
            if e.get(_TYPE, "textWrapping") == "textWrapping":
                parts.append("\n")
        else:
            parts.append(_CHARS[tag])
    return "".join(parts)


def _merge(tc: etree._Element) -> tuple[bool, int]:
    """(is the cell the continuation of a cell merged down, how many grid columns it spans).

    `w:vMerge` without a value continues the cell above; a `w:gridSpan` without its value or
    with one that is not a number is a damaged file (ValueError), as python-docx has it."""
    tc_pr = tc.find(_TCPR)
    if tc_pr is None:
        return False, 1
    v_merge = tc_pr.find(_VMERGE)
    span = tc_pr.find(_GRIDSPAN)
    value = span.get(_VAL) if span is not None else "1"
    if value is None:
        raise ValueError(f"required 'w:val' attribute not present on element {_GRIDSPAN}")
    return v_merge is not None and v_merge.get(_VAL, "continue") == "continue", int(value)


def _rows(tbl: etree._Element) -> list[list[str]]:
    grid = tbl.find(_TBLGRID)
    if grid is None:
        raise ValueError("required ``<w:tblGrid>`` child element not present")
    columns = len(grid.findall(_GRIDCOL))
    rows = []
    for tr in tbl.iterchildren(_TR):
        row: list[str] = []
        tcs = tr.findall(_TC)
        # A merged cell spans at most the table's grid (gridSpan=2147483647 asked for 2^31 cells)
        width = max(columns, len(tcs))
        for k, tc in enumerate(tcs):
            merged_below, span = _merge(tc)
            # A cell's own paragraphs, each on its line
            row.append("" if merged_below else "\n".join(_text(p) for p in tc.iterchildren(_P)))
            room = width - len(row) - (len(tcs) - k - 1)
            row += [""] * max(0, min(span - 1, room))
        rows.append(row)
        limits.check()
    return rows


def _blocks(body: etree._Element | None) -> Iterator[str | list[list[str]]]:
    """The body's paragraphs (their text) and tables (their rows of cells), in order."""
    if body is None:
        raise ValueError("no document body")
    for n, block in enumerate(body.iterchildren(_P, _TBL)):
        if block.tag == _TBL:
            yield _rows(block)
        else:
            yield _text(block)
            if n % _CHECK_EVERY == 0:
                limits.check()


def open_docx(data: bytes, name: str):  # -> docx.document.Document (imported only when needed)
    """The document python-docx opens (package, main part, its parts), or ParseError."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

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
    return document


def read_docx(data: bytes, name: str) -> Extracted:
    document = open_docx(data, name)
    out = TextBuilder()
    try:
        for block in _blocks(document.element.body):
            if isinstance(block, str):
                out.paragraph(block)
            else:
                out.table(block)
    except ParseError:
        raise
    except Exception as exc:  # a damaged attribute (gridSpan="x"), a table without its grid
        raise ParseError(name, f"corrupt Word file ({str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__})") from None
    return out.result("docx")
