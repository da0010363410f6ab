"""Duties written in prose, read from the outline (loaders/structure.py).

Most plans assign their work in prose, not in a table:
- under each agency's heading of 'Tổ chức thực hiện' ('1. Sở Y tế: a) Chủ trì, phối hợp với
  Sở Tài chính tham mưu …; b) …'): each item under the heading is a duty of that agency;
- in blocks ('Cơ quan chủ trì: …', 'Cơ quan phối hợp: …', 'Thời gian thực hiện: …') under
  an item of any section: the item is a duty of its lead;
- in an item that names its lead ('Sở Y tế chủ trì, phối hợp với …').
Each duty keeps the agency that must do it, the coordinating bodies it names, its deadline
as written and its span.
"""
import re
from dataclasses import dataclass, field

from .agencies import (
    CELL_VERB_RE,
    VERB_RE,
    agencies_in_cell,
    canonical_agency,
    known_agency_end,
    split_agencies,
    starts_like_agency,
    subject_end,
)
from .plan_due import HALF, RELATIVE_RE, TIME_OF_DAY, YEAR, anchor_length, day_pattern, month_pattern
from .sections import CLOSING_RE
from .structure import LogicalLine, Node, node_text, walk
from .text import SourceText, fold

_ORG_RE = re.compile(r"^(?:t[o0]\s*ch[uw]c\s*th[uw]c\s*hi[e&]n|ph[a4]n\s*c[o0]ng|tr[a4]ch\s*nhi[e&]m\s*(?:th[uw]c\s*hi[e&]n|c[uw]a)?)")
# A section of duties by another name ('NHIỆM VỤ CỤ THỂ', 'Nhiệm vụ của các sở, ngành', 'Giao
# nhiệm vụ'): read as 'Tổ chức thực hiện' only when its items are agency headings (see
# _names_agencies); 'Nhiệm vụ, giải pháp' whose items are topics stays a tasks section.
_DUTY_SECTION_RE = re.compile(r"^(?:giao\s*)?(?:c[a4]c\s*)?nhi[e&]m\s*v[uy]\b")
_TASK_SECTION_RE = re.compile(r"nhi[e&]m\s*v[uy]|gi[a4]i\s*ph[a4]p|n[o0]i\s*dung|ho[a4]t\s*[dp][o0]ng|ch[uw][o0]ng\s*tr[i1]nh")
_DROP_RE = re.compile(r"^(?:[dp][e&]\s*ngh[i1]|giao(?:\s+cho)?|y[e&]u\s*c[a4]u|tr[a4]ch\s*nhi[e&]m\s*c[uw]a)\s+", re.IGNORECASE)
_DETAILS_RE = re.compile(r"^trong\s*[dp][o0]\s*,")
# A sentence that hands its work out ('Giao Sở Y tế …', 'Đề nghị Bộ Công an …', 'Yêu cầu Đảng uỷ
# Chính phủ chỉ đạo …')
_ASSIGN_RE = re.compile(r"^(?:[dp][e&]\s*ngh[i1]|giao(?:\s+cho)?|y[e&]u\s*c[a4]u)\s+")
# Fields of a block, the label's own words free up to the colon ('Thời hạn ban hành:',
# 'Cơ quan chủ trì thực hiện:', 'Đơn vị phối hợp chính:').
_LABELS = [
    ("lead", re.compile(r"^(?:c[o0]\s*quan|[dp][o0]n\s*v[i1]|b[o0]\s*ph[a4]n)?\s*(?:ch[u&]\s*tr[i1]|th[uw]c\s*hi[e&]n|"
                        r"ch[i1]u\s*tr[a4]ch\s*nhi[e&]m)[^:.;]{0,25}:")),
    ("coordinating", re.compile(r"^(?:c[o0]\s*quan|[dp][o0]n\s*v[i1])?\s*ph[o0]i\s*h[o0]p[^:.;]{0,25}:")),
    ("deadline", re.compile(r"^(?:th[o0]i\s*(?:gian|h[a4]n|[dp]i[e&]m)|ti[e&]n\s*[dp][o0])[^:.;]{0,25}:")),
    ("content", re.compile(r"^n[o0]i\s*dung[^:.;]{0,25}:")),
    ("product", re.compile(r"^(?:s[a4]n\s*ph[a4]m|k[e&]t\s*qu[a4])[^:.;]{0,25}:")),
]
# A bracket after a body's name that gives its role, not its members
_ROLE_RE = re.compile(r"(?:c[o0]\s*quan|[dp][o0]n\s*v[i1]|th[uw][o0]ng\s*tr[uw]c|[dp][a4]u\s*m[o0]i|ch[u&]\s*tr[i1]|qua\b|l[a4]\b|g[o0]i\s*t[a4]t|sau\s*[dp][a4]y)")
_DEADLINE_LABEL_RE = dict(_LABELS)["deadline"]
# An item that starts with a verb ('Tổ chức tập huấn …') is a duty, not an agency's heading.
_VERB_FIRST_RE = re.compile(r"(?:t[o0]\s*ch[uw]c|th[uw]c\s*hi[e&]n|x[a4]y\s*d[uw]ng|tri[e&]n\s*khai|t[a4]ng\s*c[uw][o0]ng|[dp][a4]y\s*m[a4]nh"
                            r"|n[a4]ng\s*cao|r[a4]\s*so[a4]t|ki[e&]m\s*tra|h[uw][o0]ng\s*d[a4]n|tham\s*m[uw]u|ch[u&]\s*tr[i1]"
                            r"|ph[o0]i\s*h[o0]p|b[a4]o\s*c[a4]o|theo\s*d[o0]i|tuy[e&]n\s*truy[e&]n|ban\s*h[a4]nh|b[o0]\s*tr[i1])\b")
_LEAD_CLAUSE_RE = re.compile(r"^(?:c[a4]n\s*c[uw]|tr[e&]n\s*c[o0]\s*s[o0]|theo\s*ch[uw]c\s*n[a4]ng|trong\s*ph[a4]m\s*vi)")
_LEAD_IN_SENTENCE_RE = re.compile(r"^(?:giao\s+(?:cho\s+)?)?(?P<who>.{2,120}?)\s+ch[u&]\s*tr[i1]\b")
# 'phối hợp, hỗ trợ chính quyền địa phương': a second verb before the bodies names none
_COORD_RE = re.compile(r"ph[o0]i\s*h[o0]p\s*(?:ch[a4]t\s*ch[e&]\s*)?(?:(?:,|v[a4])\s*h[o0]\s*tr[o0]\s+)?(?:v[o0]i\s+)?")
# Where the bodies end: a verb ('làm' folds as 'lâm' does: not the 'lâm' of 'Kiểm lâm', 'lâm nghiệp')
_COORD_STOP_RE = re.compile(
    r"[.;:(]|\s+(?:tham\s*m[uw]u|tri[e&]n\s*khai|x[a4]y\s*d[uw]ng|t[o0]\s*ch[uw]c\s+(?!t[i1]n)|th[uw]c\s*hi[e&]n|h[uw][o0]ng\s*d[a4]n"
    r"|ki[e&]m\s*tra|r[a4]\s*so[a4]t|[dp][e&]\s*xu[a4]t|tr[i1]nh\b|b[a4]o\s*c[a4]o|theo\s*d[o0]i|[dp][o0]n\s*[dp][o0]c|nghi[e&]n\s*c[uw]u"
    r"|ch[i1]\s*[dp][a4]o|b[a4]o\s*[dp][a4]m|[dp][a4]m\s*b[a4]o|[dp][e&]\b|trong\b|nh[a4]m\b|(?<!t[a4]i\s)cho\b|ti[e&]p\s*t[uw]c|v[e&]\b|c[a4]p\s*nh[a4]t"
    r"|t[o0]ng\s*h[o0]p|gi[a4]m\s*s[a4]t|qu[a4]n\s*l[yi]\b|ban\s*h[a4]nh|so[a4]n\s*th[a4]o|t[uw]\s*v[a4]n|t[a4]p\s*hu[a4]n|tuy[e&]n\s*truy[e&]n"
    r"|c[u&]ng\s*c[o0]|n[a4]ng\s*cao|[dp][a4]y\s*m[a4]nh|tri[e&]n|(?<!ki[e&]m\s)l[a4]m\b(?!\s*nghi[e&]p)|th[a4]m\s*[dp][i1]nh|ph[a4]t\s*huy|t[a4]ng\s*c[uw][o0]ng|s[o0]\s*k[e&]t|t[o0]ng\s*k[e&]t|[dp][a4]nh\s*gi[a4]"
    r"|theo\b|b[o0]\s*tr[i1]|ti[e&]p\s*nh[a4]n|huy\s*[dp][o0]ng|d[uw]ng\b|gi[a4]i\s*quy[e&]t|cung\s*c[a4]p|h[o0]\s*tr[o0]"
    r"|v[a4]n\s*[dp][o0]ng|kh[a4]n\s*tr[uw][o0]ng|x[e&]m\s*x[e&]t|c[o0]\s*tr[a4]ch\s*nhi[e&]m|th[o0]ng\s*tin\s+(?:k[i1]p\s*th[o0]i|v[e&]\b|cho\b|[dp][e&]n\b)|ph[a4]n\s*b[o0]|x[uw]\s*l[yi]\b)")
# Lower-case bodies a 'phối hợp' without 'với' names ('Phối hợp chính quyền địa phương, …');
# 'phối hợp chặt chẽ', 'phối hợp tốt' name none.
_LOWER_BODY_RE = re.compile(r"(?:chinh\s*quyen|cap\s*uy|cap\s*tren|luc\s*luong|chu\s*dau\s*tu|so\b|don\s*vi|to\s*chuc|dia\s*phuong"
                            r"|doan\s*the|he\s*thong|nganh\b|ubnd|uy\s*ban|nha\s*mang|doanh\s*nghiep|nguoi\s*dung\s*dau)")
_BY = r"(?<![\w/-])(?:tr[uw][o0]c|ch[a4]m\s*nh[a4]t(?:\s*(?:l[a4]|v[a4]o))?|[dp][e&]n\s*h[e&]t|[dp][e&]n|trong|v[a4]o|t[uw])\s+"
# A date is a deadline when a word says so ('trước ngày 15/12/2025'); a bare date is a
# document's ('Luật … ngày 11 tháng 11 năm 2009'). A period or a frequency is one on its own.
DEADLINE_PHRASE_RE = re.compile(
    # a period: 'từ ngày 15/11 đến ngày 15/12'
    r"t[uw]\s+ng[a4]y\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*(?:19|20)\d\d)?\s+[dp][e&]n\s+ng[a4]y\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*(?:19|20)\d\d)?"
    # ('từ ngày 16-22/11/2025' is a span of days, not a day 16 of month 22)
    r"|" + _BY + day_pattern(r"/|-") + r"(?![\d/])(?:\s*h[a4]ng\s*n[a4]m)?"
    r"|" + _BY + month_pattern("/")
    + r"|(?:" + _BY + r")?(?:qu[yi]\s*(?:[1-4]|iv|i{1,3})(?:\s*(?:/|n[a4]m)\s*" + YEAR + ")?|" + HALF + ")"
    # a time of day, alone or each day: 'trước 19h00’ hằng ngày'
    r"|" + _BY + TIME_OF_DAY + r"(?:\s*h[a4]ng\s*ng[a4]y)?"
    # a count per period, with the times it gives: '02 lần/ngày (trước 9h00’ và 16h00’)'
    r"|\d{1,2}\s*l[a4]n\s*/\s*(?:ng[a4]y|tu[a4]n|th[a4]ng|qu[yi]|n[a4]m)(?:\s*\([^()]{0,40}\d\s*(?:gi[o0]|h)[^()]{0,20}\))?"
    r"|(?:[dp][i1]nh\s*k[yi]\s*)?h[a4]ng\s*(?:n[a4]m|qu[yi]|th[a4]ng|tu[a4]n|ng[a4]y)|[dp][i1]nh\s*k[yi]"
    # not 'kinh phí chi thường xuyên' (a budget line) nor 'giáo dục thường xuyên' (continuing
    # education); 'liên tục' in prose says how, not when ('cập nhật liên tục tình hình')
    r"|(?<!chi\s)(?<!ph[i1]\s)(?<!d[uw]c\s)th[uw][o0]ng\s*xuy[e&]n"
    # ('các nhiệm vụ được giao trong năm 2025' says when they were given, not by when)
    r"|(?<!nh[i1]n\s)(?<!giao\s)(?:trong|tr[uw][o0]c|[dp][e&]n)\s+n[a4]m\s*(?:19|20)\d\d")


_YEAR_ONLY_RE = re.compile(r"(?:trong|tr[uw][o0]c|[dp][e&]n)\s+n[a4]m\s*(?:19|20)\d\d")
_DAY_BY_RE = re.compile(r"(?:tr[uw][o0]c|ch[a4]m\s*nh[a4]t)\s+(?:ng[a4]y\s*)?\d")


@dataclass
class Duty:
    agency: str
    section: str | None
    no: str | None
    text: str
    coordinating: list[str]
    deadline: str | None
    start: int
    end: int


@dataclass
class AgencyHeading:
    agency: str
    section: str | None
    node: Node
    duties: list[Duty] = field(default_factory=list)


def deadline_phrase(text: str) -> str | None:
    """The first deadline phrase of a sentence, as written: 'trước ngày 15/12/2025'; or a time
    counted from an event ('trong thời hạn 02 ngày làm việc kể từ ngày nhận được hồ sơ'), read
    as `plan_due` reads it. A bare count ('trong 03 ngày') is how long, not by when."""
    f = fold(text)
    phrases = list(DEADLINE_PHRASE_RE.finditer(f))
    first = phrases[:1]
    if first and _YEAR_ONLY_RE.fullmatch(first[0].group()):
        # 'được xử lý trong năm 2025 …; gửi Bộ Tư pháp trước ngày 05 tháng 12 năm 2025': a day
        # the sentence gives is the deadline, a year before it the time of something else
        first = [next((m for m in phrases[1:] if _DAY_BY_RE.match(m.group())), first[0])]
    found = [(m.start(), m.end()) for m in first]
    for r in RELATIVE_RE.finditer(f):
        if r.group("from") is not None:
            found.append((r.start(), r.start("from") + anchor_length(r.group("from"))))
            break
        if "th" in f[r.start():r.start("n")]:  # 'trong thời hạn 30 ngày'
            found.append((r.start(), r.end()))
            break
    if not found:
        return None
    start, end = min(found)
    return text[start:end].strip(" ,")


def time_for_items(title: str) -> str | None:
    """The time a heading or lead-in gives the items below it: a deadline phrase that ends it
    ('Sở Y tế: hoàn thành trước ngày 30/11/2025:', 'Nhiệm vụ thực hiện trong Quý IV/2025') or
    opens it before a comma ('Trong tháng 12/2025, thực hiện các nhiệm vụ sau:').
    One inside the sentence belongs to it alone ('… Đề án … đến năm 2030” trên địa bàn …:'),
    and 'đến năm 2030' is a horizon, not a time to do the work by."""
    f = fold(title)
    found = list(DEADLINE_PHRASE_RE.finditer(f))
    # the last phrase, when it ends the title; or the first, when it opens it ('Trong tháng
    # 12/2025, thực hiện các nhiệm vụ sau:')
    ends = [m for m in found[-1:] if not f[m.end():].strip(" .:;*)")]
    opens = [m for m in found[:1] if not f[:m.start()].strip(" *(") and f[m.end():].lstrip(" *").startswith(",")]
    for m in ends + opens:
        if not re.match(r"[dp][e&]n\s+n[a4]m", m.group()):
            return title[m.start():m.end()].strip()
    return None


def coordinating_bodies(text: str, ocr: bool) -> list[str]:
    """The bodies named after 'phối hợp với' in a sentence."""
    f = fold(text)
    # not the role name 'cơ quan phối hợp' ('… gửi cơ quan phối hợp; cơ quan chủ trì phối hợp với …'),
    # nor the passive 'các đơn vị được phối hợp'
    m = next((x for x in _COORD_RE.finditer(f) if not re.search(r"(?:co\s*quan|don\s*vi|duoc)\s*$", f[:x.start()])), None)
    if not m:
        return []
    rest = f[m.end():]
    # a verb is written in lower case; the same words capitalised are a name ('Bộ Xây dựng')
    stop = next((x for x in _COORD_STOP_RE.finditer(rest)
                 if not text[m.end() + x.start():m.end() + x.end()].strip()[:1].isupper()), None)
    phrase = text[m.end():m.end() + (stop.start() if stop else min(len(rest), 200))]
    bodies = [canonical_agency(a, ocr) for a in split_agencies(phrase)]
    # After 'phối hợp với' comes a body, whatever its case ('cấp ủy, chính quyền các cấp').
    named = m.group().rstrip().endswith(("voi", "v0i"))
    return [b for b in bodies if b and (starts_like_agency(b) or fold(b).startswith("cac ") or named or _LOWER_BODY_RE.match(fold(b)))]


def _listed_names(title: str) -> tuple[int, int]:
    """(the colon that opens a heading's work or -1, where the names it lists end). A colon that
    lists names ('Chủ tịch UBND các tỉnh, thành phố trực thuộc Trung ương: Hà Tĩnh, Quảng Trị, …,
    Lâm Đồng chủ động …') says which bodies: the colon after the list opens the work, and a
    sentence that runs on after the list has none."""
    colon = title.find(":")
    names = 0
    for seg in re.finditer(r"[^,:;.]+[,:;.]?", title[colon + 1:]) if colon > 0 else ():
        words = seg.group(0).strip(" ,:;.").split()
        # ('Gia Lai và Lâm Đồng chỉ đạo …': 'và' before a name goes on with the list)
        caps = next((k for k, w in enumerate(words) if not w[:1].isupper()
                     and not (w == "và" and k + 1 < len(words) and words[k + 1][:1].isupper())), len(words))
        if caps == 0:
            break
        names += 1
        if caps < len(words):  # 'Lâm Đồng chủ động, …': the sentence runs on
            if names < 2:
                break
            lead = re.match(r"\s*(?:\S+\s+){%d}" % caps, seg.group(0))
            return -1, colon + 1 + seg.start() + (lead.end() if lead else 0)
        if seg.group(0).endswith(":"):  # 'các xã: Tân An, Bình Minh:' / 'a) …'
            if names < 2:
                break
            return colon + 1 + seg.end() - 1, colon + 1 + seg.end() - 1
        if not seg.group(0).endswith(","):
            break
    return colon, colon


def heading_colon(title: str) -> int:
    """Where the colon that opens a heading's work is (-1: none), past a list of names."""
    return _listed_names(title)[0]


def agency_of_title(title: str, ocr: bool, name_only: bool = False) -> tuple[str | None, str]:
    """('Sở Y tế', inline text) of a heading 'Sở Y tế: …' / 'Giao Sở Y tế chủ trì …'; None if the
    title names no agency first. `name_only`: a heading line with its duties below it, which
    names the body only, so only the verbs that never stand in a name end it ('Các chủ đầu tư
    xây dựng và kinh doanh hạ tầng Khu công nghiệp')."""
    head, inline = title, ""
    first = title.find(":")
    colon, names_end = _listed_names(title)
    if colon != first:  # the bodies named before a colon that lists them ('các tỉnh: Hà Tĩnh, …')
        title = title[:first] + (title[colon:] if colon > 0 else " " + title[names_end:].lstrip())
        colon = first if colon > 0 else -1
    members = ""
    if 0 < colon < 150:
        head, inline = title[:colon], title[colon + 1:].strip()
        # 'Các doanh nghiệp viễn thông (VNPT, Viettel, MobiFone …):' — a bracket that lists
        # its members is part of the name (one that gives its role is not: see below)
        bracket = re.search(r"\s*\(([^()]*,[^()]*)\)\s*$", head)
        if bracket and not _ROLE_RE.match(fold(bracket.group(1))):
            head, members = head[:bracket.start()], " (" + bracket.group(1).strip() + ")"
        cut = subject_end(head)  # 'Sở Y tế chủ trì, phối hợp với …:' names Sở Y tế
        head = head[:cut] if cut is not None else head
    else:
        bracket = re.search(r"\s*\(([^()]*,[^()]*)\)\s*$", title) if name_only else None
        if bracket and not _ROLE_RE.match(fold(bracket.group(1))):
            title, members = title[:bracket.start()], " (" + bracket.group(1).strip() + ")"
        cut = subject_end(title, CELL_VERB_RE if name_only else VERB_RE)
        if cut is None and not name_only and len(title.split()) > 8:
            cut = known_agency_end(title)  # a sentence: 'Sở Xây dựng đăng tải thông điệp …'
        head, inline = (title[:cut], title[cut:].strip()) if cut is not None else (title, "")
    head = head.strip(" ,.:*")
    # 'Chủ tịch UBND các tỉnh từ Hà Tĩnh đến Lâm Đồng, trong đó trọng tâm là các tỉnh': the
    # bodies are named before 'trong đó', which singles some of them out
    within = re.search(r",?\s*\(?\btrong\s*[dp][o0]\b", fold(head))
    if within and within.start() > 0:
        head = head[:within.start()]
    if any(rx.match(fold(title)) for _, rx in _LABELS):
        return None, inline  # 'Cơ quan chủ trì: …' is a field of a block, not a heading
    lead_in = _LEAD_CLAUSE_RE.match(fold(head))
    if lead_in and not starts_like_agency(head):
        # 'Căn cứ nội dung Kế hoạch, các sở, ngành và UBND các xã …': the subject follows the clause
        commas = [m.end() for m in re.finditer(r",\s*", head) if starts_like_agency(head[m.end():])]
        comma = commas[0] if commas else None
        if len(commas) > 1 and head[commas[0]:commas[0] + 1].islower() and re.search(r"\bcua\b", fold(head[:commas[0]])):
            # 'Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính …': the bodies after
            # 'của' are the clause's own; the subject is the next capitalised one
            comma = next((c for c in commas[1:] if head[c:c + 1].isupper()), comma)
        if comma is not None:
            head = head[comma:]
            cut = subject_end(head)
            head = head[:cut] if cut is not None else head
    drop = _DROP_RE.match(fold(head))
    if drop:
        head = head[drop.end():]
    if not head or len(head) > 160 or not starts_like_agency(head) or _VERB_FIRST_RE.match(fold(head)):
        return None, inline
    # 'Sở Nội vụ (Cơ quan thường trực Ban …)': the body is named before its role in brackets
    head = re.sub(r"\s*\([^()]*\)\s*$", "", head) or head
    return canonical_agency(head, ocr) + members, inline


def _labels(node: Node, lines: list[LogicalLine]) -> dict[str, tuple[str, Node]]:
    """'Cơ quan chủ trì: X' and the like among a node's direct children (or its own title)."""
    found: dict[str, tuple[str, Node]] = {}
    for child in node.children:
        f = fold(child.title)
        for role, rx in _LABELS:
            m = rx.match(f)
            if m and role not in found:
                found[role] = (child.title[m.end():].strip(), child)
                break
    return found


def _make(st: SourceText, lines: list[LogicalLine], node: Node, agency: str, section: str | None,
          ocr: bool, text: str | None = None) -> Duty:
    body = text if text is not None else node_text(node, lines)
    no = node.marker if node.kind in ("num", "num2", "num3", "numparen", "paren", "letter", "upper") else None
    return Duty(agency, section, no, body.strip().rstrip(";").strip(), coordinating_bodies(body, ocr), deadline_phrase(body),
                node.start, node.last_end)


def _section_path(node: Node | None, top: Node | None = None) -> str | None:
    """The outline number of a node: 'V.1' for an agency heading '1.' under 'V. TỔ CHỨC
    THỰC HIỆN', 'II.3.1' for '3.1.' under '3.' under 'II.' (bullets carry no number)."""
    path: list[str] = []
    n = node
    while n is not None:
        if n.marker and n.kind not in ("dash", "plus", "bullet", "para"):
            if path and path[-1].startswith(n.marker + "."):
                pass  # '3.1' already says it is under '3'
            else:
                path.append(n.marker)
        if n is top:
            break
        n = n.parent
    return ".".join(reversed(path)) or None


def _block_duties(st: SourceText, lines: list[LogicalLine], node: Node, ocr: bool) -> list[Duty]:
    """The duty of an item with a 'Cơ quan chủ trì: …' block; several when the lead field is
    left empty and its bodies come in bullets below it, each a duty ('Cơ quan thực hiện:' /
    '+ Sở A chủ trì, phối hợp với …' / '+ Sở B đăng tải …')."""
    labels = _labels(node, lines)
    if "lead" not in labels:
        return []
    value, lead_label = labels["lead"]
    label_nodes = {id(n) for _, n in labels.values()}
    rest = [node_text(c, lines) for c in node.children if id(c) not in label_nodes]
    text = " ".join([node.title.rstrip(" :")] + rest).strip()
    if "content" in labels and (not text or len(node.title.split()) <= 3):
        # 'Hoạt động 1' / 'Nội dung: …' (or its items below): the content says what it is
        content, label = labels["content"]
        text = content or " ".join(node_text(c, lines) for c in label.children) or text
    section = _section_path(node.parent)
    no = node.marker if node.kind not in ("dash", "plus", "bullet", "para") else None
    deadlines = labels.get("deadline")
    if not value.strip(" .;"):
        out = []
        for item in lead_label.items:
            agency, inline = agency_of_title(item.title, ocr)
            if agency is None:
                continue
            body = node_text(item, lines)
            # '+ Sở A chủ trì, phối hợp với …': A does the block's work; '+ Sở B đăng tải …': its own
            own = not _LEAD_IN_SENTENCE_RE.match(fold(body))
            duty_text = body if own else text
            out.append(Duty(agency, section, no, duty_text.strip().rstrip(";").strip(),
                            coordinating_bodies(body, ocr), _block_deadline(deadlines, lines, agency) or deadline_phrase(duty_text),
                            node.start, node.last_end))
        return out
    leads = [canonical_agency(a, ocr) for a in agencies_in_cell(value, sentence=True)]
    leads = [a for a in leads if a]
    if not leads:
        return []
    coord = []
    if "coordinating" in labels:
        coord = [canonical_agency(a, ocr) for a in agencies_in_cell(labels["coordinating"][0])]
    else:  # 'Cơ quan thực hiện: Sở Y tế chủ trì, phối hợp với các sở, ban, ngành …'
        coord = coordinating_bodies(value, ocr)
    # 'Thời gian thực hiện:' or, without it, 'Nội dung: Triển khai Tháng hành động (từ ngày 15/11 …'
    deadline = _block_deadline(deadlines, lines, leads[0]) if deadlines else deadline_phrase(text)
    return [Duty("; ".join(leads), section, no, text, coord, deadline or None, node.start, node.last_end)]


def _block_deadline(label: tuple[str, Node] | None, lines: list[LogicalLine], lead: str) -> str | None:
    """The time a block's 'Thời gian thực hiện:' gives, as written; when it is left empty and
    its times come in bullets below, one per body ('+ Các bộ … gửi kết quả trước ngày 15/12';
    '+ Bộ Công an tổng hợp … trước ngày 31/12'), the lead's, else the first."""
    if label is None:
        return None
    when, node = label
    if when.strip(" .;"):
        return when.strip(" .;")
    texts = [node_text(c, lines) for c in node.children]
    mine = [t for t in texts if fold(t).lstrip("-+*• ").startswith(fold(lead))]
    return next((p for t in mine + texts if (p := deadline_phrase(t))), None)


def find_duties(st: SourceText, lines: list[LogicalLine], roots: list[Node], ocr: bool,
                lo: int, hi: int) -> tuple[list[AgencyHeading], list[Duty]]:
    """The agency headings of 'Tổ chức thực hiện' with their duties, and every duty in order."""
    headings: list[AgencyHeading] = []
    duties: list[Duty] = []
    taken: set[int] = set()

    def read_section(section: Node) -> None:
        for h in _agency_headings(section, ocr):
            if id(h.node) in taken:
                continue
            headings.append(h)
            h.duties = _heading_duties(st, lines, h, section, ocr)
            duties.extend(h.duties)
            taken.add(id(h.node))
            taken.update(id(x) for x in h.node.descendants())

    # A directive (Chỉ thị, Công điện) has no 'Tổ chức thực hiện': after 'UBND tỉnh yêu cầu:'
    # its numbered items are the agency headings themselves, at the top of the outline.
    top = Node("root", None, "", -1, lo, lo, None, [r for r in roots if lo <= r.start < hi])
    if _names_agencies(top, ocr, _asked(top)):
        read_section(top)
    for n in walk(roots):
        if not (lo <= n.start < hi) or id(n) in taken:
            continue
        if n.kind == "para":
            # '…, thành phố Đà Nẵng cần tập trung thực hiện tốt một số nhiệm vụ sau đây:' / '1. …'
            items, found = _lead_in_duties(st, lines, n, roots, ocr)
            duties.extend(found)
            taken.update(id(x) for item in items for x in [item, *item.descendants()])
            request = _request_duty(n, ocr)
            if request is not None and not found:
                duties.append(request)
            continue
        answer = _answer_duty(st, lines, n, ocr)
        if answer is not None:  # '1. Về đề nghị …: Bộ Nội vụ nghiên cứu …'
            duties.append(answer)
            taken.update(id(x) for x in n.descendants())
            continue
        # 'Tổ chức thực hiện' and its agency headings
        if n.kind in ("part", "chapter", "muc", "article", "roman", "upper", "num") and (
                _ORG_RE.match(fold(n.title)) or (_DUTY_SECTION_RE.match(fold(n.title)) and _names_agencies(n, ocr))):
            read_section(n)
            continue  # its other items are read below, as any section's
        block = _block_duties(st, lines, n, ocr)
        if block:
            duties.extend(block)
            taken.update(id(x) for x in n.descendants())
            continue
        if n.kind in ("dash", "plus", "bullet", "letter", "num", "num2", "num3", "paren", "numparen") and _in_task_section(n):
            m = _LEAD_IN_SENTENCE_RE.match(fold(n.title))
            if m:
                who = n.title[m.start("who"):m.end("who")]
                agency, _ = agency_of_title(who, ocr)
                if agency and len(who) < 120:
                    duty = _make(st, lines, n, agency, _section_path(n.parent), ocr)
                    if n.parent is not None:  # 'Nhiệm vụ trong Quý IV/2025:' / '- Sở Y tế chủ trì …'
                        duty.deadline = duty.deadline or time_for_items(n.parent.title)
                    duties.append(duty)
                    taken.update(id(x) for x in n.descendants())
    duties.sort(key=lambda d: d.start)
    return headings, duties


# A lead-in that names who must do the items after it ('Để …, thành phố Đà Nẵng cần tập trung
# thực hiện tốt một số nhiệm vụ, giải pháp sau đây:', '…, Văn phòng Trung ương Đảng và các văn
# phòng tỉnh uỷ, thành uỷ cụ thể hoá …, trong đó, cần tập trung một số nhiệm vụ trọng tâm sau:')
# (work: 'nhiệm vụ', 'giải pháp', 'nội dung', 'công việc'; a statute's '… phải đáp ứng các điều
# kiện sau:' or '… phải chịu các hình thức xử lý sau:' asks none)
_LEAD_IN_RE = re.compile(r"\b(?:c[a4]n|ph[a4]i|c[o0]\s*tr[a4]ch\s*nhi[e&]m)\s+[^:.;]{0,160}?"
                         r"\b(?:nhi[e&]m\s*v[uy]|gi[a4]i\s*ph[a4]p|n[o0]i\s*dung|c[o0]ng\s*vi[e&]c)[^:.;]{0,60}?"
                         r"\b(?:sau(?:\s*[dp][a4]y)?|nh[uw]\s*sau)\s*:\W*$")
_ASKER_RE = re.compile(r"\b(?:y[e&]u\s*c[a4]u|[dp][e&]\s*ngh[i1]|giao)\s+")
# a province or city named as the body that acts ('thành phố Đà Nẵng cần …')
_PLACE_BODY_RE = re.compile(r"(?:t[i1]nh|th[a4]nh\s*ph[o0])\s+")


_CLAUSE_OPENER_RE = re.compile(r"\W*(?:[dp][e&]\b|nh[a4]m\b|th[uw]c\s*hi[e&]n\b|qu[a4]n\s*tri[e&]t|trong\b|v[o0]i\b|sau\s*khi"
                               r"|qua\b|c[a4]n\s*c[uw]|tr[e&]n\s*c[o0]\s*s[o0]|theo\b|v[e&]\b)")


def _lead_in_body(title: str, ocr: bool) -> str | None:
    """The body a lead-in names before 'cần …/phải …/có trách nhiệm … sau:', the subject of its
    clause: the first stretch after a comma (or after 'yêu cầu', 'đề nghị') that names a body."""
    folded = fold(title)
    m = _LEAD_IN_RE.search(folded)
    if m is None:
        return None
    prefix = title[:m.start()]
    prefix = prefix[max((e.end() for e in re.finditer(r"[.;]\s+", prefix)), default=0):]  # its own sentence
    asks = list(_ASKER_RE.finditer(fold(prefix)))
    starts = [asks[-1].end()] if asks else [0, *(c.end() for c in re.finditer(r"[,;.]\s*", prefix))]
    for a in starts:
        part = prefix[a:].strip()
        if a and not asks and not _CLAUSE_OPENER_RE.match(fold(prefix)):
            return None  # the sentence opens with its subject ('Các trung tâm thương mại, siêu thị, …')
        place = _PLACE_BODY_RE.match(fold(part))
        if place and part[place.end():][:1].isupper() and not re.search(r"[,;]", part):
            return part.strip(" ,")  # 'thành phố Đà Nẵng'
        agency = agency_of_title(part, ocr)[0] if starts_like_agency(part) else None
        if agency is not None:
            return agency
    return None


def _lead_in_duties(st: SourceText, lines: list[LogicalLine], lead: Node, roots: list[Node],
                    ocr: bool) -> tuple[list[Node], list[Duty]]:
    """The items right after a lead-in that names their body: a duty each, of that body or of
    the one the item names itself ('1. Cấp ủy, chính quyền Thành phố phải …'); a paragraph under
    an item that opens with its own body ('Ủy ban nhân dân Thành phố chỉ đạo …') is a duty of it."""
    siblings = lead.parent.children if lead.parent is not None else roots
    if not lead.title.rstrip(" *").endswith(":"):
        return [], []
    who = _lead_in_body(lead.title, ocr)
    if who is None:
        return [], []
    i = next(k for k, c in enumerate(siblings) if c is lead)
    items = []
    for c in siblings[i + 1:]:
        if c.kind not in _ITEM_KINDS:
            break  # the items of a list, not the sections of a plan ('I. MỤC ĐÍCH, YÊU CẦU')
        items.append(c)
    out: list[Duty] = []
    for item in items:
        agency = _heading_agency(item, ocr) or who
        own = [p for p in item.children if p.kind == "para" and starts_like_agency(p.title)
               and agency_of_title(p.title, ocr)[1] and not _closing(p.title)]
        text = " ".join(t for t in [item.title] + [lines[d.line].text for c in item.children if c not in own
                                                   for d in [c, *c.descendants()]] if t)
        out.append(_make(st, lines, item, agency, _section_path(item), ocr, text))
        for p in own:
            out.append(Duty(agency_of_title(p.title, ocr)[0] or agency, _section_path(item), None, p.title.rstrip(";").strip(),
                            coordinating_bodies(p.title, ocr), deadline_phrase(p.title), p.start, p.end))
    return items, out


# 'Về đề nghị …', 'Về kiến nghị …', 'Về đề xuất …': a proposal, answered after its colon
def _request_duty(para: Node, ocr: bool) -> Duty | None:
    """A paragraph of its own that hands work to a body ('Đề nghị thường trực các tỉnh uỷ, thành
    uỷ tiếp tục quan tâm lãnh đạo …', 'Giao Sở Y tế chủ trì …'): a duty of that body; not the
    closing words ('Yêu cầu … thực hiện nghiêm túc Kết luận này')."""
    title = para.title.strip(" *")
    request = _ASSIGN_RE.match(fold(title))
    if request is None or title[:4].lower() == "giáo" or _closing(title) or title.endswith(":"):
        return None  # ('Giáo viên …' folds as 'Giao')
    if re.search(r"(?:\./\.|thuc\s*hien\W*)$", fold(title)) or re.search(r"\.{4,}|…{2,}", title):
        return None  # '… khẩn trương triển khai, thực hiện./.' closes; a form's blanks ('………') are no work
    if not starts_like_agency(title[request.end():]):
        return None
    agency, inline = agency_of_title(title, ocr)
    if agency is None or not inline[:1].islower() or not VERB_RE.match(" " + fold(inline)):
        return None
    if re.match(r"(?:can\s*cu|nghien\s*cuu\s+(?:cac\s+)?(?:quy\s*dinh|van\s*ban))", fold(inline)):
        return None  # 'Đề nghị Công ty căn cứ / nghiên cứu quy định … để thực hiện': advice to apply the law
    return Duty(agency, _section_path(para.parent), None, para.title.rstrip(";").strip(), coordinating_bodies(para.title, ocr),
                deadline_phrase(para.title), para.start, para.end)


_ABOUT_RE = re.compile(r"^v[e&]\s+")
_PROPOSAL_RE = re.compile(r"^v[e&]\s+(?:c[a4]c\s+|vi[e&]c\s+|n[o0]i\s*dung\s+)?(?:[dp][e&]\s*ngh[i1]|ki[e&]n\s*ngh[i1]|[dp][e&]\s*xu[a4]t)")
_ITEM_KINDS = ("num", "num2", "num3", "letter", "dash", "plus", "bullet", "paren", "numparen")


def _answer_duty(st: SourceText, lines: list[LogicalLine], item: Node, ocr: bool) -> Duty | None:
    """An item that answers a proposal ('1. Về đề nghị Bộ Nội vụ tham mưu …: Bộ Nội vụ nghiên cứu
    …'): the answer after the colon, when it opens with the body that acts, is that body's duty."""
    if item.kind not in _ITEM_KINDS or not _ABOUT_RE.match(fold(item.title)):
        return None
    for colon in re.finditer(r":\s*", item.title):
        answer = item.title[colon.end():]
        request = _ASSIGN_RE.match(fold(answer))
        if not starts_like_agency(answer[request.end() if request else 0:]) or _closing(answer):
            continue
        agency, inline = agency_of_title(answer, ocr)
        # the answer to a proposal, or work handed out on any topic ('Về …: Giao Bộ Y tế …', 'Về dự
        # án …: Bộ Xây dựng khẩn trương rà soát …'); not a finding ('Về tồn tại, hạn chế: Ban Chỉ
        # đạo thẳng thắn chỉ ra …: (1) …') nor a view ('Các Bộ, cơ quan thống nhất …')
        acts = (inline[:1].islower() and VERB_RE.match(" " + fold(inline))
                and not re.search(r"\b(?:thong\s*nhat|nhat\s*tri)\b", fold(agency or "")))
        asks = _PROPOSAL_RE.match(fold(item.title)) or _ASSIGN_RE.match(fold(answer)) or acts
        if asks and agency is not None and inline and not _VIEW_RE.match(fold(inline)):
            text = " ".join([answer] + [lines[d.line].text for c in item.children if not _closing(c.title)
                                        for d in [c, *c.descendants()]])
            return _make(st, lines, item, agency, _section_path(item), ocr, text)
    return None


# The words that hand the items below them out: 'Ủy ban nhân dân tỉnh yêu cầu:', 'Thủ tướng
# Chính phủ chỉ thị:', 'đề nghị các cơ quan …:', 'giao nhiệm vụ như sau:', a Thông báo's 'Phó Thủ
# tướng … kết luận như sau:'
_ASKS_RE = re.compile(r"(?:y[e&]u\s*c[a4]u|ch[i1]\s*th[i1]|[dp][e&]\s*ngh[i1]|giao(?:\s*nhi[e&]m\s*v[uy])?|k[e&]t\s*lu[a4]n)"
                      r"(?:\s*nh[uw]\s*sau)?\s*:\W*$")


def _asked(top: Node) -> bool:
    """Does the line just before the first numbered item ask for the work ('… yêu cầu:')?"""
    before = None
    for n in walk(top.children):
        if n.kind in ("num", "roman") and n.parent is None:
            break
        before = n
    if before is None:
        return False
    # or asks someone for what follows ('Thủ tướng Chính phủ yêu cầu Bộ trưởng …, Chủ tịch UBND
    # các tỉnh … tập trung thực hiện một số giải pháp sau:')
    f = fold(before.title)
    return bool(_ASKS_RE.search(f) or (_ASKER_RE.search(f) and re.search(r"\b(?:sau(?:\s*[dp][a4]y)?|nh[uw]\s*sau)\s*:\W*$", f)))


def _in_task_section(n: Node) -> bool:
    p = n.parent
    while p is not None:
        if p.kind != "para" and _TASK_SECTION_RE.search(fold(p.title)[:60]):
            return True
        p = p.parent
    return False


def _heading_agency(child: Node, ocr: bool) -> str | None:
    """The agency an item of a duties section is the heading of ('1. Sở Y tế', 'a) Bộ Công an:
    …'); a short line with its items below names the body only."""
    # (the words of a bracket that lists its members do not count: 'Các chủ rừng là tổ chức
    # (các Ban quản lý rừng đặc dụng, rừng phòng hộ, các Công ty nông, lâm nghiệp…)')
    name_only = (len(child.items) >= 2 and len(re.sub(r"\([^()]*\)\s*$", "", child.title).split()) <= 14
                 and not re.search(r"[.;,]\s*$", child.title) and ":" not in child.title)
    agency, inline = agency_of_title(child.title, ocr, name_only)
    if _VIEW_RE.match(fold(inline)):
        return None  # '1. Bộ Chính trị cơ bản nhất trí với Tờ trình …': the conclusion's view, no work
    return agency


# What a concluding body says of what it heard: a view, not work it takes on
_VIEW_RE = re.compile(r"(?:c[o0]\s*b[a4]n\s*)?(?:nh[a4]t\s*tr[i1]|th[o0]ng\s*nh[a4]t\s*v[o0]i|[dp][o0]ng\s*[yi]\b|ghi\s*nh[a4]n"
                      r"|bi[e&]u\s*d[uw][o0]ng|[dp][a4]nh\s*gi[a4]\s*cao|hoan\s*ngh[e&]nh)")


def _names_agencies(section: Node, ocr: bool, asked: bool = False) -> bool:
    """Are a section's items agency headings ('IV. NHIỆM VỤ CỤ THỂ' / '1. Sở Nông nghiệp và Môi
    trường' / '2. Sở Tài chính' …), not topics ('1. Hoàn thiện thể chế' …)? Two at least,
    and two in three of them name a body (a stray 'Bảo vệ môi trường biển' reads like 'Báo …')."""
    items = [c for c in section.items if c.kind not in ("dash", "plus", "bullet")] or section.items
    named = [c for c in items if _heading_agency(c, ocr) is not None]
    # and two of them are headings, with their work below or after a colon ('a) Bộ Công an: …'):
    # an article 'Nhiệm vụ, quyền hạn' of sentences ('1. Ban Quản lý thực hiện …') is a statute
    headed = [c for c in named if c.children or 0 < heading_colon(c.title) < 150]
    # after '… yêu cầu:' the items are what is asked, of whom: sentences that open with their
    # body ('3. Bộ Tài chính chủ trì cùng Bộ Xây dựng rà soát …') are duties, not a statute
    # a conclusion hands work out in the sentence ('3. Giao Đảng uỷ Quốc hội lãnh đạo …') among
    # items that state its views ('1. Bộ Chính trị cơ bản nhất trí …'): two such assignments
    # make its items duties, however many views stand between them
    assigned = [c for c in named if _ASSIGN_RE.match(fold(c.title))]
    return (asked or len(headed) >= 2) and len(named) >= 2 and (
        3 * len(named) >= 2 * len(items) or (asked and len(assigned) >= 2))


def _agency_headings(org: Node, ocr: bool) -> list[AgencyHeading]:
    """The deepest items under 'Tổ chức thực hiện' that name an agency first."""
    out: list[AgencyHeading] = []

    def visit(node: Node, depth: int) -> None:
        for child in node.items:
            if child.kind in ("dash", "plus", "bullet") and depth == 0 and any(c.kind == "num" for c in node.items):
                continue
            agency = _heading_agency(child, ocr)
            if agency is not None:
                sub = [c for c in child.items if agency_of_title(c.title, ocr)[0] is not None]
                if len(sub) >= 2 and len(sub) >= len(child.items) / 2:
                    visit(child, depth + 1)
                else:
                    out.append(AgencyHeading(agency, _section_path(child), child))
            elif depth < 2 and child.kind not in ("dash", "plus", "bullet"):
                visit(child, depth + 1)

    visit(org, 0)
    return out


def _heading_duties(st: SourceText, lines: list[LogicalLine], h: AgencyHeading, org: Node, ocr: bool) -> list[Duty]:
    node = h.node
    agency, inline = agency_of_title(node.title, ocr)
    items = node.items
    out: list[Duty] = []
    if items:
        # 'Sở Y tế chủ trì, phối hợp với Sở Tài chính: a) …; b) …': each item coordinates with
        # the bodies its heading names, unless it names its own
        colon = heading_colon(node.title)
        shared = coordinating_bodies(node.title[:colon], ocr) if 0 < colon < 150 else []
        # or a lead-in paragraph above the items ('Chủ trì, phối hợp với các cơ quan có liên quan
        # tham mưu …:' / 'a) …')
        # A time stated once for the items: in the heading ('1. Sở Y tế, trong Quý IV/2025:'),
        # its lead-in paragraph, or a 'Thời gian thực hiện: …' line of its own
        when = time_for_items(node.title)
        before_items = True
        for para in node.children:
            if para.kind != "para":
                before_items = False
                continue
            label = _DEADLINE_LABEL_RE.match(fold(para.title))
            if label:
                when = when or para.title[label.end():].strip(" .;") or None
            elif before_items and para.title.rstrip(" *").endswith(":"):
                shared = shared or coordinating_bodies(para.title, ocr)
                when = when or time_for_items(para.title)
        for item in items:
            after = _sentences_after_items(item, ocr) if item is items[-1] else []
            duty = _duty_of_item(st, lines, item, h, ocr, after)
            duty.coordinating = duty.coordinating or shared
            duty.deadline = duty.deadline or when
            out.append(duty)
            for para, agency in after:
                out.append(Duty(agency, h.section, None, para.title.rstrip(";").strip(), coordinating_bodies(para.title, ocr),
                                deadline_phrase(para.title), para.start, para.end))
        return out
    colon = heading_colon(node.title)
    # a colon deep in a sentence ('Bộ Tài chính chủ trì … hỗ trợ cho các tỉnh: Đắk Lắk, …, hoàn
    # thành trước …') opens a list inside the duty; after the agency, or a few words of its
    # role ('Sở Y tế chủ trì, phối hợp với Sở Tài chính: …'), it opens the duty
    cut = subject_end(node.title[:colon]) if 0 < colon < 150 else None
    sentence = not (0 < colon < 150) or (cut is not None and len(node.title[cut:colon].split()) >= 15)
    if inline:
        text = node.title if sentence else inline
        out.append(Duty(h.agency, h.section, None, text.rstrip(";").strip(), coordinating_bodies(text, ocr),
                        deadline_phrase(text), node.start, node.end))
    for para in node.children:
        if _closing(para.title):
            break  # 'UBND tỉnh yêu cầu các Sở …', 'Trên đây là Kế hoạch …': the plan's closing words
        if re.fullmatch(r"\*?\([^()]*\)[.*]*", para.title.strip()):
            continue  # '(Kèm theo Báo cáo số 565-BC/BTCTW …)': a note, no work
        if out and (para.title[:1].islower() or _DETAILS_RE.match(fold(para.title))):
            # a sentence broken by a blank line ('… với' / '' / 'cuộc vận động …'), or one that
            # details it ('Trong đó, ưu tiên các lĩnh vực: …'): one duty
            out[-1].text = f"{out[-1].text} {para.title}"
            out[-1].end = para.end
            out[-1].deadline = out[-1].deadline or deadline_phrase(para.title)
            continue
        # a paragraph that hands work to a body of its own ('4. Yêu cầu Đảng uỷ Chính phủ chỉ đạo …' /
        # 'Yêu cầu các cấp uỷ, cơ quan, đơn vị, địa phương đẩy mạnh …') is that body's
        own = agency_of_title(para.title, ocr)[0] if inline and _ASSIGN_RE.match(fold(para.title)) else None
        out.append(Duty(own or h.agency, h.section, None, para.title.rstrip(";").strip(), coordinating_bodies(para.title, ocr),
                        deadline_phrase(para.title), para.start, para.end))
    return out


_THIS_DOCUMENT_RE = re.compile(r"\b(?:ch[i1]\s*th[i1]|c[o0]ng\s*[dp]i[e&]n|k[e&]t\s*lu[a4]n|th[o0]ng\s*b[a4]o|k[e&]\s*ho[a4]ch"
                               r"|quy[e&]t\s*[dp][i1]nh|ngh[i1]\s*quy[e&]t|v[a4]n\s*b[a4]n)\s*n[a4]y\b")


def _closing(title: str) -> bool:
    """The closing words ('Yêu cầu Giám đốc các sở … thực hiện nghiêm túc Chỉ thị này'), not a
    request of work in the body ('Yêu cầu các cấp uỷ, cơ quan … đẩy mạnh việc rà soát …')."""
    folded = fold(title)
    if not CLOSING_RE.match(folded):
        return False
    # the closing asks for the document as a whole, or ends it ('… nghiêm túc triển khai thực hiện./.')
    whole = _THIS_DOCUMENT_RE.search(folded) or re.search(r"(?:\./\.|thuc\s*hien\W*)$", folded.strip(" *"))
    return not (_ASSIGN_RE.match(folded) and not whole)


def _sentences_after_items(last: Node, ocr: bool) -> list[tuple[Node, str]]:
    """Paragraphs after a heading's last item that open with a body and its verb ('a) …;
    b) …; c) …' / 'Chủ tịch UBND cấp tỉnh chịu trách nhiệm toàn diện …'): the outline puts
    them under that item, but each is a duty of its own, of the body it names."""
    out: list[tuple[Node, str]] = []
    kids = last.children
    for i in range(len(kids) - 1, -1, -1):
        para = kids[i]
        before = [kids[i - 1], *kids[i - 1].descendants()][-1] if i else last
        colon = para.title.find(":")
        # and the sentence before it has ended ('Phối hợp Bộ Chỉ huy' / 'Quân sự tỉnh, …' runs on)
        ended = re.search(r"[.;!?][\s\"”’)*]*$", before.title)
        agency, inline = agency_of_title(para.title, ocr) if para.kind == "para" and not 0 < colon < 150 and ended else (None, "")
        if agency is None or not inline or CLOSING_RE.match(fold(para.title)):
            break
        out.insert(0, (para, agency))
    return out


def _duty_of_item(st: SourceText, lines: list[LogicalLine], item: Node, h: AgencyHeading, ocr: bool,
                  after: list[tuple[Node, str]] | None = None) -> Duty:
    duty = _make(st, lines, item, h.agency, h.section, ocr)
    if after:  # without the sentences after it, duties of their own
        own = [item.title] + [lines[d.line].text for c in item.children[:len(item.children) - len(after)]
                              for d in [c, *c.descendants()]]
        duty = _make(st, lines, item, h.agency, h.section, ocr, " ".join(t for t in own if t))
        duty.end = after[0][0].start
    m = _LEAD_IN_SENTENCE_RE.match(fold(item.title))
    if m:
        who = item.title[m.start("who"):m.end("who")]
        agency, _ = agency_of_title(who, ocr)
        if agency and fold(agency) != fold(h.agency) and len(who) < 100:
            duty.agency = agency
    return duty
