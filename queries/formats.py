"""Query results as a text table, CSV, JSON or an Excel workbook, with column labels; and the
formats every output uses, in one place:

- dates dd/mm/yyyy, times in Vietnam's local time (Asia/Ho_Chi_Minh), never ISO or UTC;
- numbers with a decimal comma and dot thousands in Vietnamese (1.234,5), the English way in
  English (1,234.5); years and unit codes (`Plain`) without a thousands separator;
- names in Vietnamese alphabetical order (a ă â b c d đ e ê …, tones second): ICU's 'vi' collator;
- exports that keep text as text: typed string cells in Excel, and in CSV the OWASP rule for
  fields that a spreadsheet would read as a formula (a leading = + - @ tab or CR gets a quote).
"""
import csv
import datetime as dt
import io
import json
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
XSD = "http://www.w3.org/2001/XMLSchema#"
CSV_SEPARATORS = (",", ";")


class Plain(int):
    """An integer that names rather than counts (a year, a unit code): shown as 2030, never 2.030."""


# -- names ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _collator():
    import icu

    return icu.Collator.createInstance(icu.Locale("vi"))


def name_key(text) -> bytes:
    """Sort key in Vietnamese alphabetical order: 'Bình Định' < 'Bình Thuận', 'Dung' < 'Đà Nẵng'
    < 'Gia Lai', 'Ủy ban' among the U's. Not-a-string sorts as its str()."""
    return _collator().getSortKey("" if text is None else str(text))


def sort_names(items, key=None) -> list:
    """`items` sorted by name in Vietnamese order (`key` picks the name from an item)."""
    return sorted(items, key=(lambda x: name_key(key(x))) if key else name_key)


# -- dates, times and numbers -----------------------------------------------------------------

def to_date(value) -> dt.date | dt.datetime | None:
    """A date or an (aware, local-time) datetime from a value or an ISO string; None if it is neither."""
    if isinstance(value, dt.datetime):
        return local_time(value)
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    s = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return dt.date.fromisoformat(s)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", s):
            return local_time(dt.datetime.fromisoformat(s.replace("Z", "+00:00")))
    except ValueError:
        return None
    return None


def local_time(moment: dt.datetime) -> dt.datetime:
    """The moment in Vietnam's time (a naive datetime is taken as UTC, as the store writes it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(TZ)


def format_date(value, lang: str = "vi") -> str:
    """dd/mm/yyyy for a date, dd/mm/yyyy HH:MM (local time) for a moment; other values as they are."""
    d = to_date(value)
    if d is None:
        return "" if value is None else str(value)
    if isinstance(d, dt.datetime):
        return d.strftime("%d/%m/%Y %H:%M")
    return d.strftime("%d/%m/%Y")


def format_number(value, lang: str = "vi", decimals: int | None = None) -> str:
    """1.234,5 in Vietnamese, 1,234.5 in English; a Plain integer (year, code) as is."""
    if isinstance(value, Plain) or isinstance(value, bool):
        return str(int(value)) if isinstance(value, Plain) else str(value)
    if isinstance(value, int):
        text = f"{value:,}"
    else:
        text = f"{value:,.{decimals}f}" if decimals is not None else f"{value:,.6f}".rstrip("0").rstrip(".")
        if text in ("-0", ""):
            text = "0"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def display(value, lang: str = "vi") -> str:
    """What a table cell shows: numbers and dates in the language's format, text as it is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("Có" if value else "Không") if lang == "vi" else ("Yes" if value else "No")
    if isinstance(value, (int, float)):
        return format_number(value, lang)
    if isinstance(value, (dt.date, dt.datetime)):
        return format_date(value, lang)
    return str(value)


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
