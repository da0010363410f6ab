"""Tables as plans carry them: tab-separated lines, markdown pipes, or one cell per line.

`find_tables` returns every table with its header cells and rows; each row keeps the
clean-text offsets it came from. Which table holds indicators and which holds tasks is
decided by the callers from the header.
"""
import bisect
import re
from dataclasses import dataclass, field

from .text import Line, SourceText, fold, squash

ROW_NO_RE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,2})?)\.?\s*$")
# Sub-rows by sex or area; matched on the written text, since folded 'Năm' is 'Nam'.
SUBLABEL_RE = re.compile(r"^\s*(?:[-–+]\s*)?(Nam|Nữ|Nông thôn|Thành thị|Miền núi|Đồng bằng)\s*$", re.IGNORECASE)
GROUP_LABEL_RE = re.compile(r"^(?:chi\s*(?:so|tieu)\s+\S+.*|nhom\s+.+|[ivx]+\.\s+.+)$")
TERMINATOR_RE = re.compile(
    r"^\s*(?:ph[uw]\s*l[uw]c\b|n[o0o]i\s*nh[a-z]{1,2}n\b|ngu[o0]n\s*tra\s*c[uw]u|v[a4]n\s*b[a4]n\s*n[a4]y\s*ch[uw]a"
    r"|b[a4]n\s*ch[uw]a\s*[dp][a4]ng|tm\.|kt\.|tr[e&]n\s*[dp]a?y\s*l[a4])"
)
HEADER_FIRST_RE = re.compile(r"^\s*(?:s?tt|so\s*tt)\s*$")
DEADLINE_RE = re.compile(
    r"(?:19|20)\d\d|qu[yi]\s*[ivx\d]|th[uw][o0]?ng\s*xuy[e&]n|h[a4]ng\s*n[a4]m|sau\s*khi|theo\s*h[uw][o0]?ng\s*d[a4]n"
    r"|[dp][e&]n\s*n[a4]m|k[e&]t\s*th[uw]c|tr[uw][o0]c\s*ng[a4]y|th[a4]ng\s*\d|li[e&]n\s*t[uw]c"
)


@dataclass
class Row:
    cells: list[str]
    start: int
    end: int
    no: str | None = None
    section: str | None = None
    sublabel: bool = False


@dataclass
class Table:
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    start: int = 0
    end: int = 0
    layout: str = "tab"

    @property
    def header_folded(self) -> list[str]:
        return [fold(h) for h in self.header]


def _cells(line: Line, sep: str) -> list[str]:
    parts = line.text.split(sep)
    if sep == "|":
        parts = parts[1:-1] if line.text.strip().startswith("|") else parts
    return [squash(p) for p in parts]


def _is_header(cells: list[str]) -> bool:
    folded = [fold(c) for c in cells if c]
    if len(folded) < 2:
        return False
    first = folded[0]
    return bool(HEADER_FIRST_RE.match(first)) or any(
        re.search(r"chi\s*(?:tieu|so)|noi\s*dung|nhiem\s*vu|chu\s*tri|phoi\s*hop", f) for f in folded[:3]
    ) and not ROW_NO_RE.match(first)


def _next_numbers(no: str | None) -> set[str]:
    if no is None:
        return {"1"}
    if "." in no:
        major, minor = no.split(".")
        return {f"{major}.{int(minor) + 1}", str(int(major) + 1)}
    return {str(int(no) + 1), f"{no}.1"}


def _separated_tables(st: SourceText, sep: str) -> list[Table]:
    tables: list[Table] = []
    lines = st.lines
    i = 0
    while i < len(lines):
        if sep not in lines[i].text or (sep == "|" and not lines[i].text.strip().startswith("|")):
            i += 1
            continue
        run: list[Line] = []
        j = i
        while j < len(lines):
            ln = lines[j]
            if sep in ln.text and (sep != "|" or ln.text.strip().startswith("|")):
                run.append(ln)
                j += 1
            elif not ln.text.strip() and j + 1 < len(lines) and sep in lines[j + 1].text:
                j += 1
            elif sep == "|" and run and ln.text.rstrip().endswith("|") and j + 1 < len(lines) \
                    and lines[j + 1].text.strip().startswith("|"):
                run.append(ln)  # a cell's words broken onto a line of their own ('Ban Công tác đại biểu |')
                j += 1
            else:
                break
        i = j
        rows = [(ln, _cells(ln, sep)) for ln in run]
        rows = [(ln, c) for ln, c in rows if not all(re.fullmatch(r"[-:\s]*", x) for x in c)]
        if len(rows) < 2 or max(sum(1 for x in c if x) for _, c in rows) < 2:
            continue
        header_at = next((k for k, (_, c) in enumerate(rows) if _is_header(c)), None)
        if header_at is None:
            continue
        header = rows[header_at][1]
        table = Table(header=header, start=rows[header_at][0].start, end=run[-1].end, layout=sep)
        section = None
        last_no = None
        body = rows[header_at + 1:]
        if sep == "|":
            # each line's cells, the last kept when the line does not close it with '|'
            opened = [(ln, _open_cells(ln.text)) for ln in run if ln.start > rows[header_at][0].start]
            if _broken(opened, len(_trimmed(header))):
                body = _join_broken(opened, len(_trimmed(header)), st.clean)
        for ln, cells in body:
            if [fold(c) for c in cells] == table.header_folded or (
                    _is_header(cells) and not cells[0].isdigit() and max(len(c) for c in cells) <= 60):
                continue  # the header repeated after a page break (its labels short: a row may name 'nhiệm vụ')
            filled = [c for c in cells if c]
            if not filled:
                continue
            first = cells[0]
            if len(filled) == 1 and not ROW_NO_RE.match(filled[0]) and cells[0]:
                section = filled[0]
                continue
            row = Row(cells=cells, start=ln.start, end=ln.end, section=section)
            m = ROW_NO_RE.match(first)
            if m:
                row.no = m.group(1)
                last_no = row.no
            elif not first and len(cells) > 1 and last_no:
                row.no = last_no.split(".")[0]
                row.sublabel = True
            table.rows.append(row)
        tables.append(table)
    return tables


def _trimmed(cells: list[str]) -> list[str]:
    out = list(cells)
    while out and not out[-1]:
        out.pop()
    return out


def _group_row(cells: list[str]) -> bool:
    """'I. Văn bản thuộc thẩm quyền …' with nothing else: a group row."""
    filled = [c for c in cells if c]
    return len(filled) == 1 and bool(GROUP_LABEL_RE.match(fold(filled[0])))


def _open_cells(text: str) -> list[str]:
    """'| a | b' → ['a', 'b']: the cells of a line of a broken row, which may not close."""
    parts = text.split("|")
    parts = parts[1:] if text.strip().startswith("|") else parts
    parts = parts[:-1] if text.rstrip().endswith("|") else parts
    return [squash(x) for x in parts]


def _broken(rows: list[tuple[Line, list[str]]], columns: int) -> bool:
    """Are a pipe table's rows broken over lines? A table written whole has each row's
    cells, empty ones too; a web page that broke its rows leaves two or more lines with
    fewer cells than the header, words in them (not a blank separator nor a group row)."""
    short = [c for _, c in rows if len(_trimmed(c)) < columns - 1 and any(c) and not _group_row(c)
             and not all(re.fullmatch(r"[-:\s]*", x) for x in c)]
    return columns >= 3 and len(short) >= 2


def _join_broken(rows: list[tuple[Line, list[str]]], columns: int, clean: str) -> list[tuple[Line, list[str]]]:
    """The rows of a pipe table broken over lines ('| | Luật … | Ủy ban … | Ban soạn thảo …' /
    '| - Ủy ban Pháp luật chủ trì thẩm tra …' / '| - Trình UBTVQH … | - Hồ sơ … |'): the cells
    of consecutive lines make one row until it has the header's columns (one fewer when it
    has no number cell), a blank line of pipes ('| ||') or a group row ends it; a line that
    does not open with '|' goes on with the cell above. A row left short had cells merged
    down from the row above: its name stays first, the rest fill the columns from the right.
    The joined row's line is its first, stretched to its last."""
    out: list[tuple[Line, list[str]]] = []
    acc: list[str] = []
    first: Line | None = None
    last: Line | None = None

    def flush() -> None:
        nonlocal acc, first
        if first is not None and last is not None and any(acc):
            cells = acc if (not acc[0] or ROW_NO_RE.match(acc[0])) else [""] + acc
            if len(cells) < columns:
                cells = cells[:2] + [""] * (columns - len(cells)) + cells[2:]
            out.append((Line(first.start, clean[first.start:last.end], ""), cells))
        acc, first = [], None

    for ln, cells in rows:
        trimmed = _trimmed(cells)
        if not any(trimmed) or all(re.fullmatch(r"[-:\s]*", x) for x in trimmed):
            flush()
            continue
        if _group_row(cells) or len(trimmed) >= columns - 1:
            flush()  # a group row, or a line that holds a whole row, starts afresh
            if _group_row(cells):
                out.append((ln, cells))
                continue
        if acc and last is not None and not ln.text.lstrip(" *").startswith("|") \
                and not last.text.rstrip(" *").endswith("|"):
            acc[-1] = f"{acc[-1]} {trimmed[0]}".strip()  # the words of the cell above, broken
            acc += trimmed[1:]
        else:
            acc += trimmed
        first = first or ln
        last = ln
        if len(acc) >= (columns if (not acc[0] or ROW_NO_RE.match(acc[0])) else columns - 1):
            flush()
    flush()
    return out


def _row_follows(lines: list[Line], k: int, expected: set[str]) -> bool:
    """Does a row (or a sub-row, or a group row then a row) start at lines[k]?"""
    if k >= len(lines):
        return False
    m = ROW_NO_RE.match(lines[k].text)
    if m:
        return m.group(1) in expected
    if SUBLABEL_RE.match(lines[k].stripped):
        return True
    if k + 1 < len(lines) and len(lines[k].stripped) <= 80:
        m = ROW_NO_RE.match(lines[k + 1].text)
        return bool(m and m.group(1) in expected)
    return False


def _single_cell_tables(st: SourceText) -> list[Table]:
    """Tables written one cell per line: a header run starting 'TT', rows numbered 1, 2, …"""
    lines = [ln for ln in st.lines if ln.text.strip()]
    starts = [ln.start for ln in lines]
    tables = []
    i = 0
    while i < len(lines):
        if not HEADER_FIRST_RE.match(lines[i].folded) or "\t" in lines[i].text:
            i += 1
            continue
        header = [lines[i].stripped]
        j = i + 1
        while j < len(lines) and len(header) < 12 and not ROW_NO_RE.match(lines[j].text) and len(lines[j].stripped) <= 80:
            header.append(lines[j].stripped)
            j += 1
        if len(header) < 3 or j >= len(lines):
            i += 1
            continue
        # A group row ('Chỉ số đầu vào') may stand between the header and row 1.
        first_row = j
        section = None
        if len(header) > 4 and GROUP_LABEL_RE.match(fold(header[-1])) and len(header[-1].split()) >= 3:
            section = header.pop()
        if not ROW_NO_RE.match(lines[j].text):
            i += 1
            continue
        table = Table(header=header, start=lines[i].start, layout="lines")
        ncells = len(header) - 1  # cells after the row number
        is_tasks = any(re.search(r"chu\s*tri", fold(h)) for h in header)
        expected = _next_numbers(None)
        k = first_row
        row: Row | None = None

        def close(r: Row | None, into: Table = table) -> None:
            if r is not None:
                into.rows.append(r)

        while k < len(lines):
            ln = lines[k]
            text = ln.stripped
            m = ROW_NO_RE.match(text)
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            if m and m.group(1) in expected and nxt is not None and not ROW_NO_RE.match(nxt.text):
                close(row)
                row = Row(cells=[], start=ln.start, end=ln.end, no=m.group(1), section=section)
                expected = _next_numbers(row.no)
                k += 1
                continue
            if TERMINATOR_RE.match(ln.folded):
                break
            if row is None:
                break
            parent_no = row.no.split(".")[0] if row.no else None
            if not is_tasks and SUBLABEL_RE.match(text):
                close(row)
                row = Row(cells=[text.lstrip("-–+ ").strip()], start=ln.start, end=ln.end, no=parent_no,
                          section=section, sublabel=True)
                k += 1
                continue
            nm = ROW_NO_RE.match(nxt.text) if nxt is not None else None
            if nm and nm.group(1) in expected and len(text) <= 80 and not re.search(r"\d", text) \
                    and not (is_tasks and DEADLINE_RE.search(ln.folded)) and (
                    GROUP_LABEL_RE.match(ln.folded) or len(row.cells) >= ncells and len(text.split()) >= 2):
                close(row)
                row = None
                section = text
                k += 1
                continue
            limit = ncells + (1 if row.sublabel else 0)
            if len(row.cells) >= limit + (3 if is_tasks else 0):
                break
            row.cells.append(text)
            row.end = ln.end
            k += 1
            full = (len(row.cells) >= ncells and DEADLINE_RE.search(ln.folded)) if is_tasks else len(row.cells) >= limit
            if full and not _row_follows(lines, k, expected):
                break
        close(row)
        table.end = table.rows[-1].end if table.rows else lines[j].end
        tables.append(table)
        # the first line at or after the table's end (starts increase: a bisection, not two scans)
        i = bisect.bisect_left(starts, table.end) if table.end < lines[-1].start else len(lines)
    return tables


_GROUP_NO_RE = re.compile(r"^\s*(?:[IVX]+(?:\.\d{1,2})*|[A-Z]|[IVX]+\s*[.)-])\s*[.:)-]?\s*(?=\S|$)")


def _group_label(cells: list[str]) -> str | None:
    """A group row's words ('I. Kinh tế số', 'I' | 'Giai đoạn 2025-2027' with the rest empty)."""
    filled = [c for c in cells if c]
    if not filled or len(filled) > 2 or ROW_NO_RE.match(filled[0]):
        return None
    if len(filled) == 2 and not (cells[0] and _GROUP_NO_RE.fullmatch(cells[0].strip() + " ")):
        return None
    text = " ".join(filled)
    label = _GROUP_NO_RE.sub("", text, count=1).strip() if _GROUP_NO_RE.match(text) else text
    return label or None


def _pipe_cell_tables(st: SourceText) -> list[Table]:
    """Tables as a website's page copies them: each cell's text, then a lone '|' line; an
    extra lone '|' (a cell with no line at all) ends a row. A table runs to the next blank
    line that no cell separator follows."""
    lines = st.lines
    n = len(lines)
    tables: list[Table] = []
    i = 0
    while i < n:
        if lines[i].text.strip() != "|":
            i += 1
            continue
        cells: list[list[Line]] = []
        cur: list[Line] = []
        j = i + 1
        while j < n:
            text = lines[j].text.strip()
            if text == "|":
                cells.append(cur)
                cur = []
            elif len(cur) > 60:
                break
            elif not text and not lines[j].text and not (j + 1 < n and lines[j + 1].text.strip() == "|"):
                break
            else:
                cur.append(lines[j])  # '** **' (an empty bold cell) is a cell, blank but there
            j += 1
        i = j
        tables += _cells_to_tables(_rows_of(cells))
    return tables


def _rows_of(cells: list[list[Line]]) -> list[list[list[Line]]]:
    rows: list[list[list[Line]]] = []
    cur: list[list[Line]] = []
    for cell in cells:
        if not cell:
            if cur:
                rows.append(cur)
            cur = []
        else:
            cur.append(cell)
    if cur:
        rows.append(cur)
    return rows


_COLUMN_RE = re.compile(r"chi\s*(?:tieu|so)|noi\s*dung|nhiem\s*vu|chu\s*tri|phoi\s*hop|ten\s")


def _cell_text(cell: list[Line]) -> str:
    return squash(" ".join(ln.text for ln in cell).replace("*", " "))


def _header_of(row_cells: list[list[Line]], trim: bool, texts: list[str]) -> tuple[list[list[Line]], list[str]] | None:
    """The header cells of a row (`texts`: their text) that reads as a table's header (short
    cells, a 'TT' first or two naming columns), else None. With `trim`, the row may begin with
    cells of the text above ('Nơi nhận …', 'PHỤ LỤC I …'): the header starts at its 'TT' / 'STT' cell."""
    first = next((x for x, t in enumerate(texts) if HEADER_FIRST_RE.match(fold(t))), None) if trim else 0
    if first is None:
        first = next((x for x, t in enumerate(texts) if len(t) <= 60 and _COLUMN_RE.search(fold(t))), 0)
    cells, texts = row_cells[first:], texts[first:]
    if len(texts) < 2 or any(len(t) > 80 for t in texts) or not _is_header(texts):
        return None
    named = sum(1 for t in texts if _COLUMN_RE.search(fold(t)) or re.search(r"th[o0]i\s*(?:gian|h[a4]n)|[dp][o0]n\s*v[i1]", fold(t)))
    if HEADER_FIRST_RE.match(fold(texts[0])) or named >= 2:
        return cells, texts
    return None


def _cells_to_tables(rows: list[list[list[Line]]]) -> list[Table]:  # noqa: C901 (one pass over the rows)
    """The tables of rows of cells: each starts at a row that reads as a header. A row with
    fewer cells than the header (cells merged down a column) fills the columns from the
    right; the columns it lacks keep the values of the row above."""
    tables: list[Table] = []
    table: Table | None = None
    ncols = 0
    section = None
    above: list[str] | None = None
    k = 0
    while k < len(rows):
        row_cells = rows[k]
        k += 1
        texts = [_cell_text(c) for c in row_cells]  # once per row: every test below reads them
        cut = next((x for x, t in enumerate(texts) if ANNEX_CAPTION_RE.match(fold(t))), None)
        if cut is not None:
            # 'PHỤ LỤC II …' inside a row: the cells before it end this table's last row, the
            # caption and what follows begin another table
            if cut > 0:
                rows.insert(k, row_cells[cut:])
                row_cells, texts = row_cells[:cut], texts[:cut]
            else:
                table = None
        head = _header_of(row_cells, table is None, texts)
        if head is not None and (table is None or [fold(t) for t in head[1]] != table.header_folded):
            cells, header = head
            table = Table(header=header, start=cells[0][0].start, end=cells[-1][-1].end, layout="cells")
            tables.append(table)
            ncols, section, above = len(header), None, None
            continue
        if table is None:
            continue
        if not any(texts) or head is not None:
            continue  # blank, or the header repeated after a page break
        label = _group_label(texts + [""] * (ncols - len(texts)))
        if label is not None and (len(texts) < ncols or not ROW_NO_RE.match(texts[0])):
            section, above = label, None
            continue
        # an empty cell written as a bare '|' splits a row in two: join the halves back
        while len(texts) < ncols and k < len(rows) and ROW_NO_RE.match(texts[0]) \
                and len(texts) + 1 + len(rows[k]) == ncols:
            row_cells = row_cells + [[]] + rows[k]
            texts = texts + [""] + [_cell_text(c) for c in rows[k]]
            k += 1
        if len(texts) < ncols:
            texts = (above[:ncols - len(texts)] if above is not None else [""] * (ncols - len(texts))) + texts
        texts = texts[:ncols]
        filled = [c for c in row_cells if c]
        row = Row(cells=texts, start=filled[0][0].start, end=filled[-1][-1].end, section=section)
        m = ROW_NO_RE.match(texts[0])
        if m:
            row.no = m.group(1)
        table.rows.append(row)
        table.end = row.end
        above = texts
    return [t for t in tables if t.rows]


ANNEX_CAPTION_RE = re.compile(r"^ph[uw]\s*l[uw]c\b")


def find_tables(st: SourceText) -> list[Table]:
    cell_tables = _pipe_cell_tables(st)
    inside = [(t.start, t.end) for t in cell_tables]
    tables = _separated_tables(st, "\t") + _separated_tables(st, "|") + cell_tables + [
        t for t in _single_cell_tables(st) if not any(a <= t.start <= b for a, b in inside)]
    return sorted(tables, key=lambda t: t.start)
