"""When a body told to issue its own plan must have issued it: the due date of a demand.

A demand ('UBND các huyện … xây dựng kế hoạch …', loaders/sections.py) often says by when:
- a day: 'trước ngày 30/6/2024', 'chậm nhất ngày 15 tháng 7 năm 2024', 'trước 31/12/2025',
  'xong trước ngày 30/6' (no year: the document's year, or the next if that day is already past);
- a period: 'trong tháng 7/2024', 'hoàn thành trong Quý III/2024', '6 tháng đầu năm 2024',
  'trong năm 2024' → its last day; after 'trước' the period itself is excluded
  ('trước tháng 7/2024' → 30/6/2024, 'trước năm 2025' → 31/12/2024);
- a time from the document's own date: 'trong thời hạn 30 ngày kể từ ngày ký', '02 tháng kể
  từ ngày ban hành', '02 tuần …'. The day of signing is not counted (Bộ luật Dân sự 2015,
  art. 147): 30 days from 10/6 is 10/7.

A day written after 'trước' is taken as the due date itself ('trước ngày 30/6' is read 'by
30/6', as offices keep their deadlines): a plan of that day is on time.

Not computed (`due` null, the phrase still kept as written): working days ('15 ngày làm
việc': the days off around Tết and the days moved to make bridges are set each year by
decision, so any calendar here would be a guess that could call a plan late wrongly), and a
time counted from another event ('kể từ ngày nhận được', '… có hiệu lực', 'sau khi …
được phê duyệt'), whose date the document does not give.

When the sentence gives several times ('xây dựng kế hoạch trước ngày 30/6 và báo cáo kết quả
trước ngày 15/12'), the first after the words asking for the plan is taken, unless a report
('báo cáo') stands between; a time that recurs ('trước ngày 15/12 hằng năm') is a report's.
"""
import bisect
import calendar
import datetime as dt
import re

from .sections import _ISSUE_PLAN_RE  # the words that ask for a plan: one pattern for both modules
from .text import SourceText

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_BY = (r"(?P<by>tr[uw][o0]c|ch[a4]m\s*nh[a4]t(?:\s*(?:l[a4]|v[a4]o))?(?:\s*[dp][e&]n)?(?:\s*h[e&]t)?"
       r"|(?:[dp][e&]n|tr[uw][o0]c)\s*h[e&]t|[dp][e&]n|trong|xong|v[a4]o|h[a4]n)\s*")
# The shapes of a date, shared with loaders/duties.py (which finds deadline phrases, this
# module reads them): one pattern for both, each choosing what may part day, month and year
# besides 'tháng'/'năm' (`seps`, an alternation such as r"/|-").
YEAR = r"(?:19|20)\d\d"
HALF = r"(?P<half>(?:6|s[a4]u)\s*th[a4]ng\s*[dp][a4]u\s*n[a4]m)(?:\s*(?P<hy>" + YEAR + "))?"
# a time of day before the day ('trước 17 giờ ngày 27/11/2025', 'trước 9h00’', '10 giờ sáng'):
# the day is still the due date
TIME_OF_DAY = r"\d{1,2}\s*(?:gi[o0]|h)(?:\s*\d{2})?\s*(?:ph[u&]t)?['’]?(?:\s*(?:s[a4]ng|tr[uw]a|chi[e&]u|t[o0]i))?"


def day_pattern(seps: str) -> str:
    """'(17 giờ) ngày 15 tháng 12 năm 2025', '15/12/2025', '15/12': a day and month, the year optional."""
    return (r"(?:" + TIME_OF_DAY + r"\s*,?\s*)?(?:ng[a4]y\s*)?(?P<d>\d{1,2})\s*(?:" + seps + r"|th[a4]ng)\s*(?P<m>\d{1,2})"
            r"(?:\s*(?:" + seps + r"|n[a4]m)\s*(?P<y>" + YEAR + "))?")


def month_pattern(seps: str) -> str:
    """'tháng 7/2024', 'tháng 7 năm 2024': a month and its year."""
    return r"th[a4]ng\s*(?P<mm>\d{1,2})\s*(?:" + seps + r"|n[a4]m)\s*(?P<my>" + YEAR + ")"


_DAY = day_pattern(r"/|-|\.") + r"(?![\d/])"
_MONTH = month_pattern(r"/|-")
_QUARTER = r"qu[yi]\s*(?P<q>[1-4]|iv|i{1,3})\b(?:\s*(?:/|-|n[a4]m)\s*(?P<qy>" + YEAR + "))?"
_WHOLE_YEAR = r"n[a4]m\s*(?P<yy>" + YEAR + ")"
_ABSOLUTE_RE = re.compile(_BY + r"(?:" + _DAY + "|" + _MONTH + "|" + _QUARTER + "|" + HALF + "|" + _WHOLE_YEAR + r")")
# '30 ngày', '30 (ba mươi) ngày', '15 ngày làm việc', '02 tháng', then what they count from
RELATIVE_RE = re.compile(
    r"(?:(?:trong|sau)\s*(?:(?:th[o0]i\s*h[a4]n|v[o0]ng|ph[a4]m\s*vi|th[o0]i\s*gian)\s*)?)?"
    r"(?<![\d/.,])(?P<n>\d{1,3})\s*(?:\([a-z\s]{2,30}\)\s*)?"
    r"(?P<unit>ng[a4]y\s*l[a4]m\s*vi[e&]c|ng[a4]y|tu[a4]n|th[a4]ng)(?![a-z])"
    r"(?:\s*,)?\s*(?:(?:k[e&]\s*t[uw]|t[i1]nh\s*t[uw]|sau\s*khi|sau)\s+(?P<from>[^.;:\n]{0,80}))?")
_FROM_SIGNING_RE = re.compile(r"^(?:ng[a4]y\s*)?(?:(?:k[e&]\s*ho[a4]ch|v[a4]n\s*b[a4]n|quy[e&]t\s*[dp][i1]nh|ch[i1]\s*th[i1]"
                              r"|ngh[i1]\s*quy[e&]t|c[o0]ng\s*v[a4]n)(?:\s*n[a4]y)?\s*(?:[dp][uw][o0]c\s*)?)?"
                              r"(?:k[yi]|ban\s*h[a4]nh)\b")
_RECURRING_RE = re.compile(r"\s*(?:c[u&]a\s*)?h[a4]ng\s*(?:n[a4]m|qu[yi]|th[a4]ng|tu[a4]n)")
_REPORT_RE = re.compile(r"b[a4]o\s*c[a4]o")
_BEFORE_RE = re.compile(r"tr[uw][o0]c")
# 'đến năm 2030' is the horizon a plan looks to, not a time to issue it by
_HORIZON_RE = re.compile(r"(?:[dp][e&]n|v[a4]o|h[a4]n)\s*$")


def _end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _absolute(m: re.Match, doc: dt.date | None) -> dt.date | None:
    """The due date an absolute phrase names, or None where it names none that exists."""
    before = _BEFORE_RE.match(m.group("by")) is not None and "het" not in m.group("by")
    try:
        if m.group("d"):
            day, month = int(m.group("d")), int(m.group("m"))
            if m.group("y"):
                return dt.date(int(m.group("y")), month, day)
            if doc is None:
                return None
            due = dt.date(doc.year, month, day)
            return due if due >= doc else dt.date(doc.year + 1, month, day)
        if m.group("mm"):
            year, month = int(m.group("my")), int(m.group("mm"))
            return dt.date(year, month, 1) - dt.timedelta(days=1) if before else _end_of_month(year, month)
        if m.group("q"):
            q = int(m.group("q")) if m.group("q").isdigit() else _ROMAN[m.group("q")]
            qyear = int(m.group("qy")) if m.group("qy") else doc.year if doc else None
            if qyear is None:
                return None
            first = dt.date(qyear, 3 * (q - 1) + 1, 1)
            return first - dt.timedelta(days=1) if before else _end_of_month(qyear, 3 * q)
        if m.group("half"):
            hyear = int(m.group("hy")) if m.group("hy") else doc.year if doc else None
            return dt.date(hyear, 6, 30) if hyear else None
        if m.group("yy"):
            year = int(m.group("yy"))
            return dt.date(year - 1, 12, 31) if before else dt.date(year, 12, 31)
    except ValueError:  # 31/6: not a day
        return None
    return None


def _relative(m: re.Match, doc: dt.date | None) -> dt.date | None:
    """The due date of 'N ngày / tuần / tháng kể từ ngày ký' from the document's date; None
    for working days and for a time counted from an event the document does not date."""
    unit = m.group("unit")
    if doc is None or "lam" in unit or not m.group("from") or not _FROM_SIGNING_RE.match(m.group("from").strip()):
        return None
    n = int(m.group("n"))
    if unit.startswith("ng"):
        return doc + dt.timedelta(days=n)
    if unit.startswith("tu"):
        return doc + dt.timedelta(weeks=n)
    return _add_months(doc, n)


def _clean_pos(st: SourceText, source_pos: int) -> int:
    """The offset in `clean` of the first character at or after a source offset."""
    return bisect.bisect_left(st.offsets, source_pos)


def plan_due(st: SourceText, span: list[int], doc_date: str | None) -> tuple[dict, list[int] | None]:
    """({'due': ISO date or None, 'due_as_written': phrase or None}, the phrase's source span)
    for the demand quoted at `span` (source offsets) of a document dated `doc_date` (ISO)."""
    none: tuple[dict, list[int] | None] = ({"due": None, "due_as_written": None}, None)
    if not span:
        return none
    lo, hi = _clean_pos(st, span[0]), _clean_pos(st, span[1])
    f = st.fold
    ask = _ISSUE_PLAN_RE.search(f, lo, hi)
    ask_end = ask.end() if ask else lo
    try:
        doc = dt.date.fromisoformat(doc_date) if doc_date else None
    except ValueError:
        doc = None
    found: list[tuple[int, int, dt.date | None]] = []
    for m in _ABSOLUTE_RE.finditer(f, lo, hi):
        if _RECURRING_RE.match(f, m.end()) or (m.group("yy") and _HORIZON_RE.match(m.group("by"))):
            continue
        found.append((m.start(), m.end(), _absolute(m, doc)))
    for m in RELATIVE_RE.finditer(f, lo, hi):
        if m.group("from") is None and "lam" not in m.group("unit") and not m.group(0).startswith(("trong", "sau")):
            continue  # '30 ngày' alone is a number of days, not a time given
        end = m.end() if m.group("from") is None else m.start("from") + anchor_length(m.group("from"))
        found.append((m.start(), end, _relative(m, doc)))
    # the first after the words asking for the plan, with no report between; else the first before
    after = sorted(x for x in found if x[0] >= ask_end and not _REPORT_RE.search(f, ask_end, x[0]))
    before = sorted(x for x in found if x[0] < ask_end)
    pick = after[0] if after else before[-1] if before else None
    if pick is None:
        return none
    s, e, due = pick
    written = " ".join(st.clean[s:e].split()).rstrip(" ,")
    return {"due": due.isoformat() if due else None, "due_as_written": written}, st.span(s, e)


def anchor_length(text: str) -> int:
    """How much of 'kể từ ngày …' to keep as written: up to 'ký' / 'ban hành' when it counts from
    signing, else its first words."""
    m = _FROM_SIGNING_RE.match(text)
    if m:
        return m.end()
    words = re.match(r"(?:[^\s,]+\s+){0,11}[^\s,]+", text)  # up to a comma, at most twelve words
    return words.end() if words else len(text)
