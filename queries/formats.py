"""Query results as a text table, CSV, JSON or an Excel workbook, with column labels, in the
formats of base/formats.py (dates, numbers, Vietnamese order); exports that keep text as text: typed string cells in Excel, and in CSV the OWASP rule for
  fields that a spreadsheet would read as a formula (a leading = + - @ tab or CR gets a quote).
"""
import csv
import datetime as dt
import io
import json
import re

from policykg.base.formats import (  # noqa: F401  (the formats every export uses, re-exported for its callers)
    TZ,
    Plain,
    display,
    format_date,
    format_number,
    local_time,
    name_key,
    sort_names,
    to_date,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
CSV_SEPARATORS = (",", ";")


def term_value(term):
    """A result term as a typed Python value: numbers, dates (xsd:date), moments (xsd:dateTime,
    in local time), years (xsd:gYear, as Plain); other terms as their text."""
    if term is None:
        return None
    dtype = (term.datatype or "").removeprefix(XSD) if term.kind == "literal" else ""
    if dtype in ("date", "dateTime"):
        return to_date(term.value) or term.value
    if dtype == "gYear" and re.fullmatch(r"\d{4}", term.value):
        return Plain(term.value)
    return term.python()


def labelled(result, labels: dict[str, str] | None = None, hidden: set[str] | None = None):
    """(header labels, row values) without the hidden columns (bound parameters, IRIs)."""
    labels = labels or {}
    hidden = hidden or set()
    keep = [i for i, c in enumerate(result.columns) if c not in hidden]
    header = [labels.get(result.columns[i], result.columns[i]) for i in keep]
    rows = [[term_value(row[i]) for i in keep] for row in result.rows]
    return header, rows


# -- writers ----------------------------------------------------------------------------------

def _cell(v, lang: str = "vi") -> str:
    return "" if v is None else " ".join(v.split()) if isinstance(v, str) else display(v, lang)


def to_table(header: list[str], rows: list[list], width: int = 60, lang: str = "vi") -> str:
    def cut(s):
        return s if len(s) <= width else s[: width - 1] + "…"
    cells = [[cut(_cell(v, lang)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    def line(vals):
        return "  ".join(v.ljust(w) for v, w in zip(vals, widths, strict=False)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in cells])


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """OWASP's rule against CSV injection: text a spreadsheet would run as a formula gets a
    leading single quote ('=HYPERLINK(…)' → "'=HYPERLINK(…)"). Only for text: a number is
    written as a number (-3 stays -3)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_cell(v, sep: str) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Plain):
        return str(int(v))
    if isinstance(v, (int, float)):
        text = repr(v) if isinstance(v, float) else str(v)
        return text.replace(".", ",") if sep == ";" else text  # ';' is for Excel with a decimal comma
    if isinstance(v, (dt.date, dt.datetime)):
        d = to_date(v)
        assert d is not None  # a date or datetime is always one
        return d.strftime("%d/%m/%Y %H:%M:%S") if isinstance(d, dt.datetime) else d.strftime("%d/%m/%Y")
    return safe_text(" ".join(str(v).split()))


def to_csv(header: list[str], rows: list[list], sep: str = ",") -> bytes:
    """UTF-8 with a BOM (Excel then reads the Vietnamese letters right), fields separated by
    `sep`: ',' (the default, with a decimal point: 18.02) or ';' (with a decimal comma: 18,02,
    for an Excel whose Windows list separator is ';', as with Vietnamese regional settings).
    Dates dd/mm/yyyy, times local. Text that starts like a formula is quoted (safe_text)."""
    if sep not in CSV_SEPARATORS:
        raise ValueError(f"CSV separator {sep!r}: use ',' or ';'")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep)
    writer.writerow([safe_text(h) for h in header])
    writer.writerows([[_csv_cell(v, sep) for v in row] for row in rows])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _json_value(v):
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return int(v) if isinstance(v, Plain) else v


def to_json(header: list[str], rows: list[list]) -> str:
    return json.dumps([dict(zip(header, [_json_value(v) for v in row], strict=False)) for row in rows], ensure_ascii=False, indent=1)


def to_xlsx(header: list[str], rows: list[list], sheet: str = "Kết quả") -> bytes:
    """One sheet with typed cells: numbers as numbers, years and codes as numbers shown plain,
    dates and local times as Excel dates (dd/mm/yyyy), and text as string cells that Excel
    never evaluates (data_type 's' and a quote prefix, so '=1+1' stays text)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = re.sub(r"[\\/*?:\[\]]", "-", sheet)[:31] or "Kết quả"
    ws.append([ILLEGAL_CHARACTERS_RE.sub("", str(h)) for h in header])
    for cell in ws[1]:
        cell.data_type = "s"
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if v is None:
                continue
            if isinstance(v, bool):
                cell.value = v
            elif isinstance(v, Plain):
                cell.value, cell.number_format = int(v), "0"
            elif isinstance(v, int):
                cell.value, cell.number_format = v, "#,##0"
            elif isinstance(v, float):
                cell.value = v
            elif isinstance(v, (dt.date, dt.datetime)):
                d = to_date(v)
                if isinstance(d, dt.datetime):
                    cell.value, cell.number_format = d.replace(tzinfo=None), "DD/MM/YYYY HH:MM"
                else:
                    cell.value, cell.number_format = d, "DD/MM/YYYY"
            else:
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(v))
                cell.data_type = "s"  # openpyxl would store '=…' as a formula
                if cell.value.startswith(FORMULA_START):
                    cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    for i, h in enumerate(header, start=1):
        longest = max([len(str(h))] + [len(_cell(r[i - 1])) for r in rows[:200]])
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(60, max(8, longest + 2))
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
