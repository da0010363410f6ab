"""The parts of a plan: headings, objectives, 'Tổ chức thực hiện', the closing block."""
import re
from dataclasses import dataclass

from . import limits
from .agencies import canonical_agency, starts_like_agency, subject_end
from .structure import logical_lines
from .text import SourceText, fold, squash

ROMAN_RE = re.compile(r"^\s*(?P<num>(?=[IVXl1]*[IVX])[IVXl1]{1,4})\s*\.\s*(?P<title>\S.{1,150})$")
NUMBERED_RE = re.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})\s*[.)]?\s+(?P<title>\S.*)$")
BULLET_RE = re.compile(r"^\s*(?:[-–+•*]|[a-zđ]\)|[a-zđ]\.\s)\s*", re.IGNORECASE)
# a council's or the Assembly's resolution closes 'Nghị quyết này (đã) được Hội đồng nhân dân / Ủy
# ban Thường vụ Quốc hội … thông qua ngày …'; what follows is the signature and the recipients
PASSED_BY = r"|ngh[i1]\s*quy[e&]t\s*n[a4]y\s*(?:[dp][a4]\s*)?[dp][uw][o0]c\s*(?:h[o0]i\s*[dp][o0]ng|uy\s*ban|qu[o0]c\s*h[o0]i)"
CLOSING_RE = re.compile(
    r"^\s*(?:tr[e&]n\s*[dp]a?y\s*l[a4]|n[o0]i\s*nh[a-z]{1,2}n|tm\.|kt\.|ph[uw]\s*l[uw]c\b|\(?[dp][i1]nh\s*k[e&]m"
    # 'Yêu cầu Giám đốc các sở, …, Chủ tịch UBND các xã … thực hiện nghiêm túc Chỉ thị này'
    r"|[^\n]{0,45}y[e&]u\s*c[a4]u\s*(?:c[a4]c|l[a4]nh|th[u&]|cac|gi[a4]m\s*[dp][o0]c|ch[u&]\s*t[i1]ch|b[o0]\s*tr[uw][o0]ng)"
    # 'Văn phòng Chính phủ (xin, trân trọng) thông báo để / đến các cơ quan … biết, thực hiện'
    r"|[^\n]{0,45}th[o0]ng\s*b[a4]o\s*(?:[dp][e&]n?\s)"
    + PASSED_BY
    + r")"
)
ORG_RE = re.compile(r"t[o0]\s*ch[a-z&]{1,3}c\s*th[a-z&]{1,3}\s*h[i1][e&]n")


@dataclass
class Heading:
    line: int
    start: int
    end: int
    num: str
    title: str
    roman: bool


def roman_value(num: str) -> str:
    return num.replace("1", "I").replace("l", "I")


def headings(st: SourceText, lo: int, hi: int) -> list[Heading]:
    out = []
    # A heading broken over lines ('**4. Nguồn lực\nvà việc sử dụng …**') is read whole: the
    # text of the logical line that starts on the line.
    whole = {st.line_index_at(ll.start): ll for ll in logical_lines(st, lo, hi)}
    for idx, ln in enumerate(st.lines):
        if ln.start < lo or ln.start >= hi:
            continue
        ll = whole.get(idx)
        text = ll.text if ll is not None and ll.end > ln.end and ll.bold else ln.text
        m = ROMAN_RE.match(text)
        if m and (m.group("title").upper() == m.group("title") or len(m.group("title").split()) <= 12):
            out.append(Heading(idx, ln.start, ln.end, roman_value(m.group("num")), squash(m.group("title")), True))
            continue
        m = NUMBERED_RE.match(text)
        if m and "\t" not in text:
            title = m.group("title")
            head = title.split(":", 1)[0] if ":" in title[:120] else title
            if len(head.split()) <= 16 and not re.search(r"[.;]\s*\S", head.rstrip(".")):
                out.append(Heading(idx, ln.start, ln.end, m.group("num"), squash(head).rstrip(" .:"), False))
    return out


# -- objectives ------------------------------------------------------------------------
# 'Mục đích' too: plans with no 'Mục tiêu' state their targets there ('… mục tiêu tỷ lệ phủ
# sóng 5G đến năm 2030 đạt 100%'); its 'Yêu cầu' sibling ends it.
_OBJECTIVE_RE = re.compile(r"m[uw]c\s*ti[e&]u|ch[i1]\s*ti[e&]u|[dp][i1]nh\s*h[uw][o0]?ng|m[uw]c\s*[dp][i1]ch")
_OBJECTIVE_END_RE = re.compile(r"nh[i1][e&]m\s*v[uy]|gi[a4]i\s*ph[a4]p|kinh\s*ph[i1]|t[o0]\s*ch[uw]|^y[e&]u\s*c[a4]u")

_TARGET_LEAD_RE = re.compile(r"\b(?:ch[i1]|m[uw]c)\s*ti[e&]u\b[^:;.]{0,60}\b(?:sau|nh[uw]\s*sau)\s*:\W*$")

_LEAD_YEAR_RE = re.compile(r"(?:n[a4]m|[dp][e&]n)\s+((?:19|20)\d\d)")
_PERIOD_RE = re.compile(r"(?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)")
_YEARS_RE = re.compile(r"(?:19|20)\d\d")


def objective_units(st: SourceText, lo: int, hi: int, heads: list[Heading], skip: list[tuple[int, int]]):
    """Paragraphs and bullets under the objectives headings, with section name and year.

    Yields (start, end, section, year).
    """
    units: list[tuple[int, int, str | None, int | None]] = []
    active = False
    depth: tuple[bool, int] | None = None
    section: str | None = None
    section_year = None
    lead_year = None
    head_lines = {h.line: h for h in heads}
    last_head: str | None = None
    lead_block = False  # opened by a lead-in sentence, not a heading: the next heading ends it
    # Logical lines (loaders/structure.py): a target broken over lines is one unit
    for ln in logical_lines(st, lo, hi):
        h = head_lines.get(st.line_index_at(ln.start))
        if h is not None:
            f = fold(h.title)
            last_head = h.title
            if lead_block:
                active = lead_block = False
            if _OBJECTIVE_RE.search(f):
                active, depth = True, (h.roman, h.num.strip(".").count("."))
                section, lead_year = h.title, None
                # the end of a period ('Mục tiêu cụ thể giai đoạn 2026 - 2030' → 2030), else the year named
                y = re.search(r"(?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)", h.title) or re.search(r"((?:19|20)\d\d)", h.title)
                section_year = int(y.group(1)) if y else None
                # inline text after 'Mục tiêu chung:' belongs to the unit too
                colon = ln.text.find(":")
                if colon != -1 and ln.text[colon + 1:].strip():
                    units.append((ln.start + colon + 1, ln.end, section, section_year))
                continue
            # ends at the next Roman heading, a tasks/means one, or a sibling of the objectives
            # heading ('1. Mục tiêu' … '2. Các chương trình, dự án', '4. Nguồn lực')
            if h.roman or _OBJECTIVE_END_RE.search(f) or (h.roman, h.num.strip(".").count(".")) == depth:
                active = False
                continue
        if not active:
            # objectives under another heading, announced by the sentence before them:
            # '… được cụ thể hóa bằng các chỉ tiêu cụ thể như sau:', 'phấn đấu đạt các mục tiêu sau:'
            # (most lines are outside the objectives: the cheap test first)
            if ln.text.rstrip(" *_").endswith(":") and _TARGET_LEAD_RE.search(ln.folded):
                active = lead_block = True
                section, section_year = last_head, None
                y = _LEAD_YEAR_RE.search(ln.folded)
                lead_year = int(y.group(1)) if y else None
            continue
        if not ln.text.strip() or any(a <= ln.start < b for a, b in skip):
            continue
        y = _LEAD_YEAR_RE.search(ln.folded)
        text = ln.text.strip()
        if text.endswith(":") and y:
            lead_year = int(y.group(1))
            continue
        # a bullet that only names a period ('- Giai đoạn 2025-2027', '- Năm 2030') leads the
        # '+' items under it: their year is its end
        lead = _PERIOD_RE.search(ln.folded) or y
        if lead and len(text.split()) <= 8 and not re.search(r"\d", _YEARS_RE.sub("", text)):
            lead_year = int(lead.group(1))
            continue
        if BULLET_RE.match(text) or re.match(r"^\s*\(\d{1,2}\)", text) or not units or units[-1][1] != ln.start - 1:
            units.append((ln.start, ln.end, section, lead_year or section_year))
        else:
            # a hard line break inside a paragraph (OCR)
            s, _, sec, yr = units[-1]
            units[-1] = (s, ln.end, sec, yr)
    return units


# -- Tổ chức thực hiện -----------------------------------------------------------------
@dataclass
class Responsibility:
    agency: str
    section: str
    duties_count: int
    start: int
    end: int
    body_start: int


_DROP_RE = re.compile(r"^(?:[dp][e&]\s*ngh[i1]|giao)\s+", re.IGNORECASE)


def _paragraph_count(st: SourceText, lines: list, blank_style: bool, inline: str = "") -> int:
    count = 0
    prev_open = bool(inline.strip()) and not re.search(r"[.;:!?]\W*$", inline.strip())
    prev_blank = True
    for ln in lines:
        text = ln.text.strip()
        if not text:
            prev_blank = True
            continue
        # A line that does not end its sentence runs on (a hard or OCR line break).
        new = (prev_blank or not blank_style) and not prev_open
        if new:
            count += 1
        prev_open = not re.search(r"[.;:!?]\W*$", text)
        prev_blank = False
    return count


def responsibilities(st: SourceText, heads: list[Heading], lo: int, hi: int, ocr: bool,
                     blank_style: bool) -> list[Responsibility]:
    start_head = next((h for h in heads if h.roman and ORG_RE.search(fold(h.title))), None)
    if start_head is None:
        return []
    end = hi
    for h in heads:
        if h.roman and h.start > start_head.start:
            end = min(end, h.start)
            break
    for idx in range(start_head.line + 1, len(st.lines)):
        ln = st.lines[idx]
        if ln.start >= end:
            break
        if CLOSING_RE.match(ln.folded):
            end = ln.start
            break
    items = []
    for idx in range(start_head.line + 1, len(st.lines)):
        ln = st.lines[idx]
        if ln.start >= end:
            break
        m = re.match(r"^\s*(\d{1,2})\s*[.)](?!\d)\s*(\S.*)$", ln.text)
        if m:
            items.append((idx, m.group(1), m.group(2), ln.start + m.start(2)))
    out = []
    for k, (idx, num, rest, rest_start) in enumerate(items):
        last = items[k + 1][0] if k + 1 < len(items) else None
        block = []
        for j in range(idx + 1, len(st.lines)):
            if (last is not None and j >= last) or st.lines[j].start >= end:
                break
            block.append(st.lines[j])
        heading = rest
        inline = ""
        if ":" in rest[:150]:
            heading, inline = rest.split(":", 1)
        elif re.search(r"[.;]\s*$", rest) or not any(ln.text.strip() for ln in block):
            cut = subject_end(rest)
            heading, inline = (rest[:cut], rest[cut:]) if cut is not None else (rest, "")
        heading = squash(heading).strip(" ,:.")
        drop = _DROP_RE.match(fold(heading))
        if drop:
            heading = heading[drop.end():]
        agency = canonical_agency(heading, ocr)
        if not (starts_like_agency(agency) or agency in ("Tỉnh đoàn",)):
            continue
        bullets = sum(1 for ln in block if BULLET_RE.match(ln.text) and ln.text.strip())
        if bullets:
            count = bullets
        else:
            count = _paragraph_count(st, block, blank_style, inline) + (1 if inline.strip() else 0)
        body_end = block[-1].end if block else st.lines[idx].end
        if inline.strip() and ":" not in rest[:150]:
            body_start = rest_start  # a sentence item: its subject is part of the quote
        elif inline.strip():
            body_start = st.lines[idx].end - len(inline) + (len(inline) - len(inline.lstrip()))
        else:
            body_start = block[0].start if block else st.lines[idx].end
        out.append(Responsibility(agency, f"{start_head.num}.{num}", max(count, 1), st.lines[idx].start,
                                  body_end, body_start))
    return out


# -- who must issue their own plan -------------------------------------------------------
# 'xây dựng kế hoạch', 'ban hành các kế hoạch', 'xây dựng, phê duyệt và triển khai kế hoạch',
# 'phê duyệt kế hoạch', 'có kế hoạch triển khai'
_ISSUE_PLAN_RE = re.compile(
    r"(?:(?:x[a4]y\s*d[uw]ng|ban\s*h[a4]nh|ph[e&]\s*duy[e&]t)"
    r"(?:[\s,]+(?:v[a4]\s+)?(?:ph[e&]\s*duy[e&]t|tri[e&]n\s*khai|ban\s*h[a4]nh|x[a4]y\s*d[uw]ng)){0,3}|c[o0])"
    r"\s+(?:c[a4]c\s+)?k[e&]\s*ho[a4]ch")
# Under an agency's heading, a plan that agency advises or asks another body to make.
_OTHERS_PLAN_RE = re.compile(r"tham\s*m[uw]u|y[e&]u\s*c[a4]u|[dp][e&]\s*ngh[i1]")
_SENTENCE_END_RE = re.compile(r"\.(?=\s|$)(?!/)|\n\s*\n|\n(?=\s*(?:[-–+•]|[a-zđ]\)|\d{1,2}\.\s))")


# A sentence is looked for this far either side of its match: without a bound, a text of
# many unpunctuated lines ('Căn cứ …;' by the thousand) made every match scan to the end.
MAX_SENTENCE = 4000


def _sentence_bounds(st: SourceText, pos: int, lo: int, hi: int) -> tuple[int, int]:
    lo = max(lo, pos - MAX_SENTENCE)
    hi = min(hi, pos + MAX_SENTENCE)
    s = lo
    for m in _SENTENCE_END_RE.finditer(st.clean, lo, pos):
        s = m.end()
    e_m = _SENTENCE_END_RE.search(st.clean, pos, hi)
    e = e_m.start() + (1 if e_m and e_m.group().startswith(".") else 0) if e_m else hi
    return s, e


# A sentence that asks a body to act opens with the asking ('Đề nghị UBND các huyện …', 'Yêu
# cầu …', 'Giao …'): the body named after it is the one to issue the plan (a body under an
# agency's heading asked by that agency is another matter: _OTHERS_PLAN_RE).
_REQUEST_RE = re.compile(r"(?:[dp][e&]\s*ngh[i1]|y[e&]u\s*c[a4]u|giao)\s+(?=\S)")


def _without_request(text: str) -> str:
    m = _REQUEST_RE.match(fold(text))
    # only where it opens the sentence, capitalised: 'giao' on a wrapped line is inside a clause
    return text[m.end():] if m and text[:1].isupper() else text


def expected_implementers(st: SourceText, lo: int, hi: int, resp: list[Responsibility], ocr: bool):
    out = []
    seen = set()
    for m in _ISSUE_PLAN_RE.finditer(st.fold, lo, hi):
        limits.check()
        owner = next((r for r in resp if r.start <= m.start() < r.end), None)
        bound_lo = owner.body_start if owner else st.lines[st.line_index_at(m.start())].start
        s, e = _sentence_bounds(st, m.start(), bound_lo, hi)
        quote = squash(st.clean[s:e])
        quote = re.sub(r"^(?:[-–+•]|[a-zđ]\))\s*", "", quote)
        quote = re.sub(r"^(?:\d+(?:\.\d+)*\.?\s*)?[^:.;]{1,40}:\s+", "", quote) if re.match(r"^(?:\d+(?:\.\d+)*\.?\s*)?[^:.;]{1,40}:\s", quote) and not starts_like_agency(quote) else quote
        if owner:
            if _OTHERS_PLAN_RE.search(st.fold, max(s, st.fold.rfind(";", s, m.start()) + 1), m.start()):
                continue  # in its clause 'tham mưu UBND tỉnh ban hành kế hoạch', 'yêu cầu các cơ quan báo chí xây dựng kế hoạch': another's plan
            who = owner.agency
        else:
            before = squash(st.clean[s:m.start()])
            before = re.sub(r"^(?:[-–+•]|[a-zđ]\)|\d+\.)\s*", "", before)
            parts = [_without_request(p.strip()) for p in before.split(":")]
            # the body after the last colon ('Giao nhiệm vụ: UBND các huyện xây dựng …'), else the one
            # before it, whose colon opens what it is to do ('UBND các huyện: Trên cơ sở …, xây dựng …')
            before = next((p for p in parts[::-1][:2] if p and starts_like_agency(p)), "")
            if not before:
                continue
            cut = subject_end(before)
            who = canonical_agency(before[:cut] if cut is not None else before, ocr).strip(" ,")
        if not who or who in seen:
            continue
        seen.add(who)
        first = quote.split()[0] if quote.split() else ""
        qs = st.clean.find(first, s, e) if first else s
        qs = s if qs == -1 else qs
        out.append(({"who": who, "quote": quote}, st.span(qs, e)))
    return out


# -- Nơi nhận and the signature ---------------------------------------------------------
_RECIPIENTS_RE = re.compile(r"n[o0]i\s*nh[a-z]{1,2}n\s*:?")
_SIGNATURE_WORD_RE = re.compile(r"^\s*(?:tm\.?|kt\.?|q\.|ch[u&]\s*t[i1]ch|ph[o0]\s*ch[u&]|gi[a4]m\s*[dp][o0]c|b[i1]\s*th[uw])\b")


# The recipients run into one line without their label, as a page that joins the closing
# block's cells writes them: '- Chính phủ; - Kiểm toán nhà nước; …; - Lưu: VT, KTTH | TM. CHÍNH PHỦ…'
# ('…, Công báo; Các Vụ, Cục …': an item may go on after a ';' without a dash). An item starts
# with neither a space nor a dash, so each ';' splits the line one way only: the match is linear.
_RUN_IN_ITEM = r"[^\s|;-][^\n|;]*"
_RUN_IN_RE = re.compile(r"^[ \t|*]*-[ \t]*" + _RUN_IN_ITEM + r"(?:;[ \t]*(?:-[ \t]*)?" + _RUN_IN_ITEM + r")+;[ \t]*-[ \t]*l[uw]u\b[^\n|]*",
                        re.M)


def run_in_recipients_start(st: SourceText, lo: int, hi: int) -> int | None:
    """Where a closing block whose recipients a page ran into one line (no 'Nơi nhận') starts."""
    m = _RUN_IN_RE.search(st.fold, lo, hi)
    return m.start() if m else None


def _run_in_recipients(st: SourceText, lo: int, hi: int):
    m = _RUN_IN_RE.search(st.fold, lo, hi)
    if m is None:
        return [], None
    out = []
    at = m.start() + len(m.group()) - len(m.group().lstrip(" \t|*"))
    for part in re.finditer(r"[^;]+", st.clean[at:m.end()]):
        s = at + part.start()
        text = re.sub(r"^[-–+•]\s*", "", squash(part.group().replace("*", " "))).rstrip(" ;.:,")
        if text:  # the span keeps the dash, as a labelled list's items do
            out.append((text, st.span(s + len(part.group()) - len(part.group().lstrip()), s + len(part.group().rstrip()))))
    return out, m.end()


def recipients(st: SourceText, lo: int, hi: int):
    m = _RECIPIENTS_RE.search(st.fold, lo, hi)
    run_in = run_in_recipients_start(st, lo, m.start() if m else hi)
    if not m or run_in is not None:  # a 'Nơi nhận' after a run-in list is a form's in the annex
        return _run_in_recipients(st, lo, hi)
    items: list[list[int]] = []
    idx = st.line_index_at(m.end() - 1)  # the label's last line ('*Nơi' / 'nhận:*')
    for j in range(idx + 1, len(st.lines)):
        ln = st.lines[j]
        if ln.start >= hi:
            break
        # the first item's dash in italics, as a page writes it: '*-* CT, các PCT UBND tỉnh;', '*- *Như Điều 3:'
        text = ln.text.strip().lstrip("*_ \t")
        if not text:
            continue
        if _SIGNATURE_WORD_RE.match(ln.folded) or ln.text.isupper() and len(text) > 3 and not text.startswith(("-", "–", "+")):
            break
        if re.match(r"^[-–+•]", text):
            items.append([ln.start, ln.end])
        elif items and not re.search(r"[;.]$", st.clean[items[-1][0]:items[-1][1]].strip()) and len(text) < 80:
            items[-1][1] = ln.end
        else:
            break
        if fold(text).lstrip("-–+• ").startswith("luu"):
            break
    out = []
    for s, e in items:
        # italics ('*(204 Nơ Trang Long …);*', '(*01 bản giấy*)') are markup, not words
        text = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", squash(st.clean[s:e].replace("*", " "))))
        text = re.sub(r"^[-–+•]\s*", "", text).rstrip(" ;.:,")
        if text:
            out.append((text, st.span(s, e)))
    end = items[-1][1] if items else m.end()
    return out, end


_NAME_RE = re.compile(r"^[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ][a-zđàáảãạâầấẩẫậăằắẳẵặèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+"
                      r"(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ][a-zđàáảãạâầấẩẫậăằắẳẵặèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+){1,4}$")
_NOT_NAME_WORDS = {"Nơi", "Kế", "Phụ", "Chủ", "Ủy", "Uỷ", "Trung", "Sở", "Phó", "Giám", "Lưu", "Cộng", "Độc", "Quyết"}


# A rank or degree before the signer's name: 'Thượng tướng Võ Minh Lương', 'PGS.TS. Trần Văn Thuấn'
_RANK_RE = re.compile(r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)|(?:(?:GS|PGS|TS|ThS|BS|CKI{1,2})\.\s*)+)\s*")


# The signing line of a closing block without 'Nơi nhận': 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH',
# 'Q. GIÁM ĐỐC', 'TL. BỘ TRƯỞNG', or the signer's office alone ('THỨ TRƯỞNG THƯỜNG TRỰC', 'CHỦ TỊCH')
SIGNING_LINE_RE = re.compile(r"^(?:(?:tm|kt|q|tl|tuq|pp)\.\s*\S|(?:pho\s*|tong\s*)?(?:chu\s*tich|bo\s*truong|thu\s*truong|thu\s*tuong"
                              r"|giam\s*doc|cuc\s*truong|truong\s*ban|bi\s*thu|chanh\s*van\s*phong|vien\s*truong|thong\s*doc"
                              r"|tong\s*kiem\s*toan)\b)")


def signature_start(st: SourceText, lo: int, hi: int) -> int | None:
    """Where a closing block without 'Nơi nhận' starts: its signing line, in capitals, with the
    signer's name at most four lines below (a heading in capitals inside the body has none)."""
    lines = st.lines
    for i in range(st.line_index_at(lo), len(lines)):
        ln = lines[i]
        if ln.start >= hi:
            break
        text = ln.text.strip(" |*#_\t")
        if not text or not text.isupper() or not SIGNING_LINE_RE.match(fold(text)):
            continue
        below = [x.text.strip(" |*#_\t") for x in lines[i + 1:i + 8] if x.text.strip(" |*#_\t")][:4]
        if any(_NAME_RE.match(_RANK_RE.sub("", t, count=1)) and t.split()[0] not in _NOT_NAME_WORDS for t in below):
            return ln.start
    return None


def signer(st: SourceText, lo: int, hi: int) -> tuple[str | None, list[int] | None]:
    """The name under the signature: a line of 2–5 capitalised words after the closing,
    after a rank or degree (read over the line break a page may put inside it: '**Đại' /
    'tướng Nguyễn Tân Cương**')."""
    lines = st.lines
    for i in range(st.line_index_at(lo), len(lines)):
        ln = lines[i]
        if ln.start < lo:
            continue
        if ln.start >= hi:
            break
        # a signature in a pipe cell: 'Phạm Ngọc Thưởng |'
        text = ln.text.strip().strip("|").strip().strip("*").strip()
        signed = ln.text.rfind("(Đã ký)")
        if signed != -1:  # a block run into one line: '| TM. CHÍNH PHỦKT. THỦ TƯỚNG…(Đã ký)Hồ Đức Phớc |'
            text = ln.text[signed + len("(Đã ký)"):].strip(" |*\t")
        at = ln.start + ln.text.find(text) if text else ln.start
        if text in ("Đại", "Thượng", "Trung", "Thiếu") and i + 1 < len(lines):
            text = f"{text} {lines[i + 1].text.strip().strip('|').strip().strip('*').strip()}"
        rank = _RANK_RE.match(text)
        if rank and rank.end() < len(text):
            name = text[rank.end():]
            if _NAME_RE.match(name):
                s = st.clean.find(name, at)
                if s != -1:
                    return name, st.span(s, s + len(name))
        if _NAME_RE.match(text) and text.split()[0] not in _NOT_NAME_WORDS:
            return text, st.span(at, at + len(text))
    return None, None
