"""Query results as a text table, CSV, JSON or an Excel workbook, with column labels."""
import csv
import io
import json

from .runner import Result


def _cell(v) -> str:
    return "" if v is None else " ".join(str(v).split()) if isinstance(v, str) else str(v)


def labelled(result: Result, labels: dict[str, str] | None = None, hidden: set[str] | None = None):
    """(header labels, row values) without the hidden columns (bound parameters, IRIs)."""
    labels = labels or {}
    hidden = hidden or set()
    keep = [i for i, c in enumerate(result.columns) if c not in hidden]
    header = [labels.get(result.columns[i], result.columns[i]) for i in keep]
    rows = [[(row[i].python() if row[i] is not None else None) for i in keep] for row in result.rows]
    return header, rows


def to_table(header: list[str], rows: list[list], width: int = 60) -> str:
    cut = lambda s: s if len(s) <= width else s[: width - 1] + "…"
    cells = [[cut(_cell(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in cells])


def to_csv(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # the BOM makes Excel read Vietnamese right


def to_json(header: list[str], rows: list[list]) -> str:
    return json.dumps([dict(zip(header, row)) for row in rows], ensure_ascii=False, indent=1)


def to_xlsx(header: list[str], rows: list[list], sheet: str = "Kết quả") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([v if isinstance(v, (int, float)) or v is None else str(v) for v in row])
    for i, h in enumerate(header, start=1):
        longest = max([len(str(h))] + [len(_cell(r[i - 1])) for r in rows[:200]])
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(60, max(8, longest + 2))
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
