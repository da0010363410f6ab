"""A document's place in time: when it enters into force, when it stops, and the documents it
replaces, amends or repeals.

    'Quyết định này có hiệu lực thi hành kể từ ngày ký và thay thế Quyết định số 270/QĐ-TTg …'
    'Kế hoạch này thay thế Kế hoạch số 371/KH-UBND ngày 31/7/2023 …'
    'Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 25/2023/QĐ-UBND …'
    'Bãi bỏ Quyết định số 27/2018/QĐ-UBND …'
    'Quyết định số 1292/QĐ-BYT … hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.'
    'Các quyết định sau hết hiệu lực kể từ ngày 01 tháng 12 năm 2025: a) Quyết định số …; b) …'

A change is this document's own act only when the document is its subject ('<kind> này …
thay thế'), when the verb opens a clause, an item or the title ('Bãi bỏ …', 'Về việc sửa
đổi …'), or, for 'hết hiệu lực', when the documents it names are the clause's subject. The
same verbs describing other documents ('Thông tư số 11/2025/TT-BTP … sửa đổi, bổ sung …',
'Hiến pháp … đã được sửa đổi', 'cần sửa đổi …', 'thủ tục hành chính bị bãi bỏ') are not.
Each change keeps its date as written and the date it takes effect: the one stated, else
the day this document enters into force, else its date.
"""
import bisect
import datetime as dt
import re
from dataclasses import dataclass

from policykg.base.vocab import DOC_TYPE_RE

from .citations import Citation, in_parentheses
from .text import SourceText

KINDS = ("replaces", "amends", "repeals")
_THIS = r"(?:(?:" + DOC_TYPE_RE + r")|v[a4]n\s*b[a4]n)\s+n[a4]y\b"
_THIS_RE = re.compile(_THIS)
_VERBS = [
    ("replaces", r"thay\s*th[e&](?:\s*cho)?"),
    ("amends", r"s[uw]a\s*[dp][o0]i(?:\s*,?\s*(?:v[a4]\s*)?b[o0]\s*sung)?|[dp]i[e&]u\s*ch[i1]nh(?:\s*,?\s*b[o0]\s*sung)?"),
    ("repeals", r"b[a4]i\s*b[o0]|h[uw]y\s*b[o0]"),
]
_VERB_RE = re.compile(r"(?<![a-z])(?:" + "|".join(f"(?P<{k}>{p})" for k, p in _VERBS) + r")(?![a-z])")
_EXPIRE_RE = re.compile(r"(?<![a-z])h[e&]t\s*hi[e&]u\s*l[uw]c(?:\s*thi\s*h[a4]nh)?(?:\s*(?:to[a4]n\s*b[o0]|m[o0]t\s*ph[a4]n))?(?![a-z])")
_IN_FORCE_RE = re.compile(r"(?<![a-z])c[o0]\s*hi[e&]u\s*l[uw]c(?:\s*thi\s*h[a4]nh)?(?![a-z])")
# Words before a verb that make it another document's change, a wish or a condition: 'được
# sửa đổi', 'đã bị bãi bỏ', 'cần sửa đổi', 'sẽ thay thế', 'trường hợp … thay thế'
_NOT_OWN_RE = re.compile(r"(?<![a-z])(?:[dp][uw][o0]c|b[i1]|[dp][a4]|s[e&]|c[a4]n|ph[a4]i|ch[uw]a|kh[o0]ng|n[e&]u|khi|vi[e&]c|[dp][e&]"
                         r"|ki[e&]n\s*ngh[i1]|[dp][e&]\s*xu[a4]t|tr[i1]nh|tham\s*m[uw]u|nghi[e&]n\s*c[uw]u|r[a4]\s*so[a4]t|ho[a4]c)"
                         r"\s*(?:(?:s[uw]a\s*[dp][o0]i|b[o0]\s*sung|thay\s*th[e&]|b[a4]i\s*b[o0]|[dp]i[e&]u\s*ch[i1]nh)\s*(?:,|v[a4]|ho[a4]c)?\s*)*$")
# What may not stand between a verb and the document it changes: another clause ('thực hiện
# theo quy định tại Điều 12 Nghị định số …', 'thay thế thì thực hiện theo …', 'nhằm …', 'phù hợp với …')
_NOT_BETWEEN_RE = re.compile(r"(?<![a-z])(?:theo|th[i1]|nh[a4]m|[dp][e&]|c[a4]n\s*c[uw]|th[uw]c\s*hi[e&]n|tri[e&]n\s*khai|ph[uw]\s*h[o0]p)(?![a-z])"
                             r"|[.;|\n]")
_ITEM_RE = re.compile(r"\s*(?:[a-zđ]\s*[).]|\(?\d{1,2}\)|[-+•–])\s*")
_MARKER_RE = re.compile(r"[\s|*_#>]*(?:(?:[dp]i[e&]u\s*\d+\s*[.:]?|[ivx]+\s*[.)]|\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-z]\s*[).]|[-+•–])\s*)*"
                        r"(?:v[e&]\s*vi[e&]c\s*|v/v\s*|quy[e&]t\s*[dp][i1]nh\s*:?\s*)?")
_DATE = r"(\d{1,2})\s*(?:/|-|\.|th[a4]ng)\s*(\d{1,2})\s*(?:/|-|\.|n[a4]m)\s*((?:19|20)\d\d)"
_FROM = r"(?:(?:k[e&]\s*)?t[uw]|b[a4]t\s*[dp][a4]u\s*t[uw]|v[a4]o)\s*ng[a4]y\s*"
# When: 'kể từ ngày 01 tháng 12 năm 2025', 'từ ngày ký (ban hành)', 'sau 10 ngày kể từ ngày ký',
# 'kể từ ngày Quyết định này có hiệu lực (thi hành)'
_WHEN_RE = re.compile(
    r"\s*(?:[,:]\s*)?(?:" + _FROM + _DATE + r"|(?P<signed>" + _FROM + r"(?:k[yi](?:\s*ban\s*h[a4]nh)?|ban\s*h[a4]nh|th[o0]ng\s*qua))"
    r"|sau\s*(?P<days>\d{1,3})\s*ng[a4]y\s*(?:k[e&]\s*)?t[uw]\s*ng[a4]y\s*(?:k[yi]|ban\s*h[a4]nh)"
    r"|(?P<own>" + _FROM + _THIS + r"\s*(?:c[o0]\s*hi[e&]u\s*l[uw]c|[dp][uw][o0]c\s*ban\s*h[a4]nh)(?:\s*thi\s*h[a4]nh)?))")
_UNTIL_RE = re.compile(r"\s*(?:v[a4]\s*)?(?:[dp][e&]n\s*(?:h[e&]t\s*)?ng[a4]y\s*)" + _DATE)


@dataclass
class Change:
    kind: str                 # 'replaces' | 'amends' | 'repeals'
    target: str               # the changed document's id, as loaders/citations.py gives it
    date: str | None          # the day it takes effect (ISO)
    date_text: str | None     # the date as written, when the sentence gives one
    start: int                # the clause, in `clean`
    end: int


@dataclass
class Validity:
    date: str | None
    text: str
    start: int
    end: int


@dataclass
class History:
    entry_into_force: Validity | None
    no_longer_in_force: Validity | None
    changes: list[Change]

    def fields(self) -> dict:
        """The record's fields: `entry_into_force`, `no_longer_in_force` and `changes`."""
        def validity(v: Validity | None) -> dict | None:
            return {"date": v.date, "text": v.text} if v else None
        return {"entry_into_force": validity(self.entry_into_force), "no_longer_in_force": validity(self.no_longer_in_force),
                "changes": [{"kind": c.kind, "target": c.target, "date": c.date, "date_text": c.date_text} for c in self.changes]}

    def spans(self, st: SourceText) -> dict[str, list[int]]:
        out = {f"changes[{i}]": st.span(c.start, c.end) for i, c in enumerate(self.changes)}
        for key, v in (("entry_into_force", self.entry_into_force), ("no_longer_in_force", self.no_longer_in_force)):
            if v is not None:
                out[key] = st.span(v.start, v.end)
        return out


def _iso(d: str, m: str, y: str) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _when(st: SourceText, pos: int, doc_date: str | None, own: str | None) -> tuple[str | None, str | None, int]:
    """(ISO date, as written, end) of a 'kể từ ngày …' phrase at `pos`; (None, None, pos) without one.
    `own`: this document's entry into force, for 'kể từ ngày Quyết định này có hiệu lực'."""
    m = _WHEN_RE.match(st.joined_fold, pos, min(len(st.clean), pos + 160))
    if not m:
        return None, None, pos
    text = " ".join(st.clean[m.start():m.end()].split()).strip(" ,:")
    if m.group("signed"):
        return doc_date, text, m.end()
    if m.group("days"):
        date = (dt.date.fromisoformat(doc_date) + dt.timedelta(days=int(m.group("days")))).isoformat() if doc_date else None
        return date, text, m.end()
    if m.group("own"):
        return own or doc_date, text, m.end()
    return _iso(m.group(1), m.group(2), m.group(3)), text, m.end()


def _clause_start(st: SourceText, pos: int, lo: int, hard: bool = False) -> int:
    """Where the clause holding `pos` starts: after a line break, a cell, a sentence's end,
    and (unless `hard`) a ';' or ':'."""
    text = st.joined_fold
    marks = r"[\n|]|\.\s" if hard else r"[\n|;:]|\.\s"
    start = lo
    for m in re.finditer(marks, text[max(lo, pos - 600):pos]):
        start = max(lo, pos - 600) + m.end()
    return start


def _opens_clause(st: SourceText, start: int, verb: int) -> bool:
    """Is the verb the first thing of its clause, after numbering and 'Về việc'? After a line
    break it must be written with a capital: a wrapped line ('… của Chính phủ\nsửa đổi, bổ
    sung …') continues a sentence."""
    m = _MARKER_RE.match(st.joined_fold, start, verb)
    if not (m is not None and m.end() >= verb - 1 or not st.joined_fold[start:verb].strip(" \t*_")):
        return False
    before = st.joined_fold[:start].rstrip(" \t*_")
    return not before.endswith("\n") and st.joined_fold[start - 1:start] != "\n" or st.clean[verb].isupper()


# Words between the verb and the document that make the change a part of it ('Bãi bỏ Điều 1
# Nghị định số …', 'Thay thế một số cụm từ của Quy định kèm theo …'): an amendment
_PART_RE = re.compile(r"(?<![a-z])(?:m[o0]t\s*s[o0]|[dp]i[e&]u|kho[a4]n|[dp]i[e&]m|ch[uw][o0]ng|m[uw]c|ph[a4]n|ph[uw]\s*l[uw]c|ti[e&]u\s*[dp][e&]"
                      r"|c[uu]m\s*t[uw]|danh\s*m[uw]c|th[u&]\s*t[uw]c|n[o0]i\s*dung|bi[e&]u\s*m[a4]u|m[a4]u|quy\s*[dp][i1]nh|tthc|\d)(?![a-z])")
_WHOLE_RE = re.compile(r"(?<![a-z])to[a4]n\s*b[o0](?![a-z])")


def _listed(st: SourceText, cits: list[Citation], first: int, hi: int, list_mode: bool) -> list[Citation]:
    """The first citation and those listed after it ('…, Quyết định số …', '; b) Quyết định
    số …'), not the documents the listed ones mention in their description."""
    out = [cits[first]]
    for c in cits[first + 1:]:
        if c.start >= hi:
            break
        prev = out[-1]
        between = st.joined_fold[prev.tail_end:c.start]
        if re.fullmatch(r"[\s,;]*(?:v[a4]\s*)?(?:c[a4]c\s*)?", between):
            out.append(c)
            continue
        # a new item of a list ('; b) Quyết định số …', '\n- Quyết định số …', '; số 21/2023/…')
        cut = max(between.rfind(";"), between.rfind("\n") if list_mode else -1)
        if cut != -1 and re.fullmatch(r"[\s;]*(?:[a-zđ]\s*[).]|\(?\d{1,2}\)|[-+•–])?\s*", between[cut:]):
            out.append(c)
    return out


def _scope_end(st: SourceText, pos: int, hi: int) -> tuple[int, bool]:
    """End of the sentence from `pos`, through the items of a list it opens with ':'."""
    text = st.joined_fold
    end = pos
    while end < hi:
        nxt = re.compile(r"\n|\||\.(?:\s|$)").search(text, end, hi)
        if nxt is None:
            return hi, False
        if nxt.group() == "\n" and ":" in text[pos:nxt.start()] and _ITEM_RE.match(text, nxt.end()):
            # a list follows: its items, up to the first line that is not one
            line_end = nxt.end()
            while True:
                if not _ITEM_RE.match(text, line_end):
                    return line_end, True
                nl = text.find("\n", line_end, hi)
                if nl == -1:
                    return hi, True
                line_end = nl + 1
        return nxt.start(), False
    return hi, False


def read_history(st: SourceText, cits: list[Citation], lo: int, hi: int, doc_date: str | None,
                 own_id: str | None, title_span: tuple[int, int] | None = None) -> History:
    """Entry into force, end of force and the changes the document makes, in [lo, hi) of `clean`."""
    text = st.joined_fold
    cits = [c for c in cits if c.id != own_id]
    skip = in_parentheses(st, cits, lo, hi)
    cits = [c for i, c in enumerate(cits) if i not in skip]
    starts = [c.start for c in cits]

    # -- this document's own validity
    entry = end_of_force = None
    for m in _IN_FORCE_RE.finditer(text, lo, hi):
        start = _clause_start(st, m.start(), lo, hard=True)
        subject = list(_THIS_RE.finditer(text, start, m.start()))
        if not subject or m.start() - subject[-1].end() > 60:
            continue
        date, written, end = _when(st, m.end(), doc_date, None)
        if written is None:
            continue
        if entry is None:
            entry = Validity(date, written, subject[-1].start(), end)
        until = _UNTIL_RE.match(text, end, min(hi, end + 60))
        if until and end_of_force is None:  # 'có hiệu lực từ ngày … đến hết ngày 31/12/2025': the day after
            last = _iso(until.group(1), until.group(2), until.group(3))
            after = (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat() if last else None
            end_of_force = Validity(after, " ".join(st.clean[until.start():until.end()].split()), subject[-1].start(), until.end())
    own_start = entry.date if entry else None

    changes: list[Change] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, targets: list[Citation], clause: int, verb_end: int, when: tuple[str | None, str | None, int]) -> None:
        date, written, when_end = when
        end = max([c.tail_end for c in targets] + [verb_end, when_end if written else 0])
        for c in targets:
            if (kind, c.id) not in seen:
                seen.add((kind, c.id))
                changes.append(Change(kind, c.id, date or own_start or doc_date, written, clause, end))

    # -- 'thay thế', 'sửa đổi, bổ sung', 'bãi bỏ' of which this document is the subject
    for m in _VERB_RE.finditer(text, lo, hi):
        kind = m.lastgroup or ""
        if _NOT_OWN_RE.search(text, max(lo, m.start() - 60), m.start()):
            continue
        clause = _clause_start(st, m.start(), lo)
        sentence = _clause_start(st, m.start(), lo, hard=True)
        in_title = title_span is not None and title_span[0] <= m.start() < title_span[1]
        if re.match(r"\s*(?:c[a4]n\s*c[uw]|theo\s*[dp][e&]\s*ngh[i1])", text[sentence:m.start()]):
            continue  # the preamble's 'Căn cứ …' names documents as they are, changed or not
        subject = [s for s in _THIS_RE.finditer(text, sentence, m.start())]
        # '<kind> này … thay thế X': no condition and no other document between ('Nghị định này
        # thay thế Nghị định số 98/2010/NĐ-CP … Luật sửa đổi, bổ sung …' amends nothing)
        own = bool(subject) and not re.search(r"(?<![a-z])(?:n[e&]u|tr[uw][o0]ng\s*h[o0]p|khi)(?![a-z])", text[subject[-1].end():m.start()]) \
            and not any(subject[-1].end() <= c.start < m.start() for c in cits)
        if not (own or _opens_clause(st, clause, m.start()) or (title_span is not None and in_title and _opens_clause(st, title_span[0], m.start()))):
            continue
        scope_end, list_mode = _scope_end(st, m.end(), hi)
        i = bisect.bisect_left(starts, m.end())
        if i == len(cits) or cits[i].start >= scope_end or cits[i].start - m.end() > 250:
            continue
        between = text[m.end():cits[i].start]
        if _NOT_BETWEEN_RE.search(between.replace("\n", " ") if list_mode else between):
            continue
        targets = _listed(st, cits, i, scope_end, list_mode)
        when = _when(st, max(c.tail_end for c in targets), doc_date, own_start)
        if kind != "amends" and _PART_RE.search(between) and not _WHOLE_RE.search(between):
            kind = "amends"  # a part of it: the document stays in force, changed
        add(kind, targets, clause, m.end(), when)

    # -- 'X hết hiệu lực (kể từ …)': the documents before the verb, or those listed after it
    for m in _EXPIRE_RE.finditer(text, lo, hi):
        if re.search(r"(?<![a-z])(?:[dp][a4]|s[e&]|ch[uw]a|kh[o0]ng|c[o0]n|tr[uw][o0]c\s*ng[a4]y|khi|n[e&]u)\s*$", text[max(lo, m.start() - 20):m.start()]):
            continue
        sentence = _clause_start(st, m.start(), lo, hard=True)
        when = _when(st, m.end(), doc_date, own_start)
        subject = [s for s in _THIS_RE.finditer(text, sentence, m.start())]
        before = list(range(bisect.bisect_left(starts, sentence), bisect.bisect_left(starts, m.start())))
        before = [k for k in before if cits[k].end <= m.start()]  # its issuer may run on into the verb
        if subject and not before and m.start() - subject[-1].end() < 40:
            if end_of_force is None and when[1] is not None:  # 'Kế hoạch này hết hiệu lực kể từ ngày …'
                end_of_force = Validity(when[0], when[1], subject[-1].start(), when[2])
            continue
        if before:
            first = before[0]
            head = text[sentence:cits[first].start]
            if len(head) > 160 or re.search(r"c[a4]n\s*c[uw]|theo\s*quy\s*[dp][i1]nh|t[a4]i(?![a-z])", head):
                continue
            targets = [c for c in _listed(st, cits, first, m.start(), False)]
        else:  # 'Các quyết định sau hết hiệu lực kể từ ngày …: a) …; b) …'
            if not re.search(r"c[a4]c\s*(?:" + DOC_TYPE_RE + r"|v[a4]n\s*b[a4]n[a-z\s]*)\s*sau", text[sentence:m.start()]):
                continue
            scope_end, list_mode = _scope_end(st, when[2], hi)
            i = bisect.bisect_left(starts, when[2])
            if i == len(cits) or cits[i].start >= scope_end or not list_mode:
                continue
            targets = _listed(st, cits, i, scope_end, list_mode)
        add("repeals", targets, sentence, m.end(), when)
    changes.sort(key=lambda c: c.start)
    return History(entry, end_of_force, changes)
