"""Tables as plans carry them: tab-separated lines, markdown pipes, or one cell per line.

`find_tables` returns every table with its header cells and rows; each row keeps the
clean-text offsets it came from. Which table holds indicators and which holds tasks is
decided by the callers from the header.
"""
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
        for ln, cells in rows[header_at + 1:]:
            if [fold(c) for c in cells] == table.header_folded or _is_header(cells) and not cells[0].isdigit():
                continue  # the header repeated after a page break
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

        def close(r: Row | None) -> None:
            if r is not None:
                table.rows.append(r)

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
        i = lines.index(next(ln for ln in lines if ln.start >= table.end), 0) if table.end < lines[-1].start else len(lines)
    return tables


def find_tables(st: SourceText) -> list[Table]:
    tables = _separated_tables(st, "\t") + _separated_tables(st, "|") + _single_cell_tables(st)
    return sorted(tables, key=lambda t: t.start)
