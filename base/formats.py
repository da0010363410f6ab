"""The formats every layer shows values in, in one place (exports are queries/formats.py):

- dates dd/mm/yyyy, times in Vietnam's local time (Asia/Ho_Chi_Minh), never ISO or UTC;
- numbers with a decimal comma and dot thousands in Vietnamese (1.234,5), the English way in
  English (1,234.5); years and unit codes (`Plain`) without a thousands separator;
- names in Vietnamese alphabetical order (a ă â b c d đ e ê …, tones second): ICU's 'vi' collator.
"""
import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


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
