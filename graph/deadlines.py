"""A deadline as written ('Quý 3/2024', '2024 - 2025', 'Nhiệm vụ thường xuyên') → a period."""
import calendar
import datetime as dt
import re

from policykg.base.text import fold

_QUARTER = re.compile(r"qu[yi]\s*([1-4]|i{1,3}|iv)\s*(?:/|\s*nam\s*)\s*((?:19|20)\d\d)")
_MONTH = re.compile(r"thang\s*(\d{1,2})\s*(?:/|\s*nam\s*)\s*((?:19|20)\d\d)")
_DATE = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d\d)")
_RANGE = re.compile(r"((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)")
_BY_YEAR = re.compile(r"(?:den|truoc)\s*(?:nam\s*)?((?:19|20)\d\d)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_ONGOING = re.compile(r"thuong\s*xuyen|hang\s*nam|hang\s*quy|hang\s*thang|lien\s*tuc|dinh\s*ky")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _quarter(q: int, year: int) -> tuple[dt.date, dt.date]:
    first = 3 * (q - 1) + 1
    last = first + 2
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def parse_deadline(text: str | None) -> dict:
    """{'start', 'end', 'ongoing'}: the period the deadline names, None where it names none.

    'Quý 2/2025' → 2025-04-01..2025-06-30; '2024 - 2025' → 2024-01-01..2025-12-31;
    'Đến năm 2030' → ..2030-12-31; 'Nhiệm vụ thường xuyên' → ongoing, no dates;
    'Sau khi có Quyết định …' → nothing known.
    """
    out: dict[str, dt.date | bool | None] = {"start": None, "end": None, "ongoing": False}
    if not text:
        return out
    f = fold(text)
    if _ONGOING.search(f):
        out["ongoing"] = True
    m = _QUARTER.search(f)
    if m:
        q = int(m.group(1)) if m.group(1).isdigit() else _ROMAN[m.group(1)]
        out["start"], out["end"] = _quarter(q, int(m.group(2)))
        return out
    m = _DATE.search(f)
    if m:
        try:
            day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            out["start"] = out["end"] = day
            return out
        except ValueError:
            pass
    m = _MONTH.search(f)
    if m and 1 <= int(m.group(1)) <= 12:
        y, mo = int(m.group(2)), int(m.group(1))
        out["start"], out["end"] = dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        return out
    m = _RANGE.search(f)
    if m:
        out["start"], out["end"] = dt.date(int(m.group(1)), 1, 1), dt.date(int(m.group(2)), 12, 31)
        return out
    m = _BY_YEAR.search(f)
    if m:
        out["end"] = dt.date(int(m.group(1)), 12, 31)
        return out
    m = _YEAR.search(f)
    if m and not out["ongoing"]:
        y = int(m.group(1))
        out["start"], out["end"] = dt.date(y, 1, 1), dt.date(y, 12, 31)
    return out
