"""Was a locality's plan issued on time? The root's due date against the date of its plan.

The due date comes from the root's demand that names the audited level ('UBND các huyện …
xây dựng kế hoạch … trước ngày 30/6/2024', read by loaders/plan_due.py into pkg:dueDate);
the plan's date is the earliest date of the plans the audit found for the locality. Each
locality gets one status as of a chosen day (`as_of`, default today in Vietnam):

- on-time: a plan dated on or before the due date (a plan of the due day itself is on time);
- late: a plan dated after it, `late_days` after;
- overdue: no plan by `as_of`, and the due date has passed (`late_days` so far);
- not-yet-due: no plan by `as_of`, and the due date is `as_of` or later;
- no-due-date: the root gives no due date for this level (or one that cannot be computed,
  such as working days);
- undated: a plan is known but its date is not (cited without a date).

A plan dated after `as_of` did not exist yet on that day: it counts as no plan.
"""
import datetime as dt
import re

from policykg.base.formats import TZ
from policykg.base.text import fold

STATUSES = ("on-time", "late", "overdue", "not-yet-due", "no-due-date", "undated")


def today_in_vietnam() -> str:
    return dt.datetime.now(TZ).date().isoformat()


def parse_as_of(text: str | None) -> str | None:
    """An ISO date from 'dd/mm/yyyy' or 'yyyy-mm-dd'; None for an empty value. ValueError otherwise."""
    if not text:
        return None
    s = text.strip()
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", s)
    day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else dt.date.fromisoformat(s)
    return day.isoformat()


def demand_level(who: str) -> str | None:
    """The level of units a demand speaks to, as the audit names its levels: 'UBND các tỉnh,
    thành phố' / 'Các tỉnh ủy, thành ủy' → province; 'UBND các huyện' → district; 'UBND các xã,
    phường' → commune."""
    f = " ".join(fold(who).split())
    if re.search(r"\b(?:cac )?(?:tinh uy|thanh uy)\b|\bcac tinh\b|\bcap tinh\b|\btinh, thanh pho\b", f):
        return "province"
    if re.search(r"\bcap huyen\b|\bcac (?:huyen|quan|thi xa)\b|\b(?:huyen uy|quan uy|thi uy)\b", f):
        return "district"
    if re.search(r"\bcap xa\b|\bcac (?:xa|phuong|dac khu)\b|\bdang uy (?:cac )?xa\b", f):
        return "commune"
    return None


def pick_due(demands: list[dict], level: str) -> dict | None:
    """The demand (with 'who', 'due', 'due_as_written', 'quote') that speaks to `level` and says
    by when; of several, the one with the earliest due date."""
    fitting = [d for d in demands if demand_level(d["who"]) == level and d.get("due_as_written")]
    if not fitting:
        return None
    return min(fitting, key=lambda d: (d.get("due") is None, d.get("due") or ""))


def timeliness(due: str | None, plan_dates: list[str | None], as_of: str) -> tuple[str, str | None, int | None]:
    """(status, the plan's date, days late) for a locality whose plans carry `plan_dates`
    (ISO or None for a plan whose date is unknown); see the module's docstring."""
    if not plan_dates:  # most rows of a large audit: no plan
        if due is None:
            return ("no-due-date", None, None)
        if as_of > due:
            return ("overdue", None, (dt.date.fromisoformat(as_of) - dt.date.fromisoformat(due)).days)
        return ("not-yet-due", None, None)
    known = sorted(d for d in plan_dates if d and d <= as_of)
    undated = any(d is None for d in plan_dates)
    plan = known[0] if known else None
    if due is None:
        return ("no-due-date", plan, None)
    if plan is not None:
        late = (dt.date.fromisoformat(plan) - dt.date.fromisoformat(due)).days
        return ("late", plan, late) if late > 0 else ("on-time", plan, None)
    if undated:
        return ("undated", None, None)
    if as_of > due:
        return ("overdue", None, (dt.date.fromisoformat(as_of) - dt.date.fromisoformat(due)).days)
    return ("not-yet-due", None, None)
