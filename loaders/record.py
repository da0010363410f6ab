"""One document's text → its parse record (the `policykg parse --json` shape)."""
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from policykg.base.places import Place, Unit2025, commune_2025, places, resolve_place
from policykg.base.vocab import DOC_TYPE_RE, KNOWN_AGENCIES, KW, SYMBOL_ISSUERS, SYMBOL_LEVELS, expand_abbreviations

from .agencies import agencies_in_cell, canonical_agency, split_agencies, starts_like_agency
from .citations import Citation, citation_title, find_citations, in_parentheses, link_groups
from .decode import read_file
from .duties import AgencyHeading, find_duties
from .errors import ParseError
from .extract import extract
from .extracted import Extracted
from .header import Header, body_with_level, names_own_place, party_central_name, place_mentions, read_header, sentence_case
from .history import read_history
from .indicators import is_indicator_table, prose_indicators, table_indicators
from .limits import guarded
from .model import Change, Document, Duty, ExpectedImplementer, Indicator, Record, Task, Validity
from .model import Citation as CitedDocument
from .model import Responsibility as RecordResponsibility
from .plan_due import plan_due
from .sections import (
    PASSED_BY,
    Heading,
    Responsibility,
    expected_implementers,
    headings,
    objective_units,
    recipients,
    responsibilities,
    run_in_recipients_start,
    signature_start,
    signer,
)
from .structure import logical_lines, outline
from .tables import DEADLINE_RE, Table, find_tables
from .text import SourceText, fold, make_source_text, squash, tidy

# Stamped on each document graph: a reload of the same file by a newer version replaces
# what an older one made. Bump when a record or its quads change.
PARSER_VERSION = "2.6"

_COMMON_ACCENTED = re.compile(r"\b(của|được|thực|hiện|kế|hoạch|tế|các|và|tỉnh|huyện|năm|ngày|nhân|dân)\b")
_COMMON_BARE = re.compile(r"\b(cua|duoc|thuc|hien|ke|hoach|te|cac|va|tinh|huyen|nam|ngay|nhan|dan)\b")


def is_ocr_damaged(st: SourceText) -> bool:
    """Do the commonest words lack their diacritics (as OCR loses them)?"""
    sample = st.clean[:200000].lower()
    good = len(_COMMON_ACCENTED.findall(sample))
    bare = len(_COMMON_BARE.findall(sample))
    return bare > 20 and bare > good


# -- cascade ------------------------------------------------------------------------
def _clauses(st: SourceText, lo: int, hi: int) -> list[tuple[int, int]]:
    """Split the opening into clauses: at ';', at '.' + line end, and at a keyword line."""
    bounds = [lo]
    for m in re.finditer(r";|\.\s*\n|\n(?=\s*(?:" + KW["can_cu"] + "|" + KW["thuc_hien"] + "|" + KW["trien_khai"] + r"))",
                         st.joined_fold[lo:hi]):  # logical lines: a wrapped 'về\ntriển khai X' is no new clause
        bounds.append(lo + m.end())
    bounds.append(hi)
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if st.clean[a:b].strip()]


def _top_level(st: SourceText, cits: list[Citation], lo: int, hi: int, after: int | None = None) -> list[Citation]:
    inside = [c for c in cits if lo <= c.start < hi]
    if not inside:
        return []
    skip = in_parentheses(st, inside, lo, hi)
    kept = [c for i, c in enumerate(inside) if i not in skip]
    groups, target = link_groups(st, kept)
    nested = set(target.values())
    out = []
    for g, members in enumerate(groups):
        if g in nested:
            continue
        for i in members:
            if after is None or kept[i].start >= after:
                out.append(kept[i])
    return out


# 'Chủ tịch Quốc hội … vừa ký ban hành Nghị quyết số 196/2025/QH15 …', 'Ngày 9/9/2025, thay mặt
# Chính phủ, Phó Thủ tướng … đã ký ban hành …': a news item's lead, before the text it reports
_NEWS_LEAD_RE = re.compile(r"\b(?:v[uw]a|[dp][a4])\s+(?:k[yi]\s+)?(?:ban\s*h[a4]nh|k[yi]\s+quy[e&]t\s+[dp][i1]nh)\b")


def _news_lead(st: SourceText, h: Header) -> str | None:
    """The id of the document a news item reports, when the text is one: a lead that says
    somebody 'vừa ký ban hành' a document, before any header block of its own."""
    if h.own_id is not None:
        return None
    head = st.lines[h.heading_line].start if h.heading_line is not None else min(len(st.clean), h.body_start + 1500)
    lead = _NEWS_LEAD_RE.search(st.fold, 0, head)
    if lead is None:
        return None
    reported = next(iter(find_citations(st, lead.start(), head)), None)
    return reported.id if reported is not None else None


_CITED_FIRST_RE = re.compile(r"^(?:" + DOC_TYPE_RE + r")\s+(?:s[o0]\s*)?\d")


def cascade(st: SourceText, h: Header, cits: list[Citation], preamble_end: int) -> tuple[list, list]:
    implements: list[Citation] = []
    based_on: list[Citation] = []
    if h.title_span:
        ts, te = h.title_span
        m = re.search(r"(?:" + KW["thuc_hien"] + "|" + KW["trien_khai"] + ")", st.fold[ts:te])
        if m:  # 'Triển khai thực hiện …', 'Về việc ban hành Kế hoạch thực hiện …'
            implements += _top_level(st, cits, ts, te, after=ts + m.start())
    start = h.title_span[1] if h.title_span else h.body_start
    kind = None
    for a, b in _clauses(st, start, preamble_end):
        f = st.fold[a:b].lstrip(" \n;*_")
        if re.match(KW["can_cu"], f):
            kind = "based"
        elif re.match(r"(?:" + KW["thuc_hien"] + "|" + KW["trien_khai"] + r"|thi\s*h[a4]nh)", f):
            kind = "impl"
        elif re.search(KW["nhu_sau"], f) or (re.search(r"(?:x[a4]y\s*d[uw]ng|ban\s*h[a4]nh)\s+k[e&]\s*ho[a4]ch", f)
                                              and not (kind == "impl" and _CITED_FIRST_RE.match(f))):
            # '…, Ủy ban nhân dân tỉnh ban hành Kế hoạch …' issues this plan; but in a list of what it
            # carries out, 'Quyết định số 2437/QĐ-TTg … ban hành Kế hoạch …' is one more item
            m = re.search(KW["thuc_hien"], st.fold[a:b])
            if m:
                implements += _top_level(st, cits, a, b, after=a + m.end())
            kind = None
            continue
        elif re.match(r"(?:x[e&]t|theo)\s*[dp][e&]\s*ngh[i1]", f):
            kind = None
        if kind == "based":
            based_on += _top_level(st, cits, a, b)
        elif kind == "impl":
            implements += _top_level(st, cits, a, b)
    return implements, based_on


_QUOTED_RE = re.compile(r"[“\"]([^”\"]{12,300})[”\"]")


def named_programme(st: SourceText, h: Header, cits: list[Citation]) -> list[Citation]:
    """A title that carries out a programme by its name ('… thực hiện Đề án “Nâng cao nhận
    thức cộng đồng …”') carries out the document the text cites as approving that name
    ('Quyết định số 553/QĐ-TTg … phê duyệt Đề án “Nâng cao nhận thức cộng đồng …”')."""
    if not h.title_span:
        return []
    ts, te = h.title_span
    m = re.search(r"(?:" + KW["thuc_hien"] + "|" + KW["trien_khai"] + ")", st.joined_fold[ts:te])
    if not m:
        return []
    for q in _QUOTED_RE.finditer(st.joined_fold, ts + m.end(), te):
        key = " ".join(q.group(1).split())  # the whole name: '… năm 2020' is not '… giai đoạn 2016 - 2020'
        for i, c in enumerate(cits):
            if ts <= c.start < te:
                continue
            # the name in the same clause as the reference, with no other reference between
            upto = min(c.end + 400, cits[i + 1].start if i + 1 < len(cits) else len(st.clean))
            near = " ".join(st.joined_fold[c.end:upto].split(";")[0].split())
            if key in near:
                return [c]
    return []


_PURPOSE_RE = re.compile(r"^(?:[ivx]+\.|\d+\.)?\s*m[u&]c\s*[dp][i1]ch\b")
_ITEM_MARK_RE = re.compile(r"^(?:[a-zđ]\)|[-–+•]|\d+(?:\.\d+)*\.)?\s*")


def purpose_implements(st: SourceText, cits: list[Citation], segments: list[tuple[int, int]]) -> list[Citation]:
    """A plan whose opening names nothing it carries out often says it under 'Mục đích':
    'a) Triển khai thực hiện có hiệu quả Quyết định số 991/QĐ-TTg …'. The first item there only."""
    for lo, hi in segments:
        seen_purpose = False
        for ln in st.lines[st.line_index_at(lo):]:
            if ln.start >= hi:
                break
            f = ln.folded.strip(" *_#|")
            if not f:
                continue
            if _PURPOSE_RE.match(f):  # 'I. MỤC ĐÍCH, YÊU CẦU' / '1. Mục đích'
                seen_purpose = True
                continue
            if not seen_purpose or ln.text.strip(" *_#|").isupper():
                continue  # the rest of a heading in capitals ('YÊU CẦU')
            f = st.joined_fold[ln.start:ln.start + 200].strip(" *_#|")  # a wrapped 'Triển khai thực\nhiện'
            f = _ITEM_MARK_RE.sub("", f, count=1).lstrip(" *_")
            if re.match(r"(?:" + KW["trien_khai"] + r"\s+)?" + KW["thuc_hien"], f):
                end = next((b for a, b in _clauses(st, ln.start, min(hi, ln.start + 2000))), ln.end)
                return _top_level(st, cits, ln.start, end)
            break
    return []


def basis_section(st: SourceText, heads, cits: list[Citation]) -> list[Citation]:
    """'I. CĂN CỨ XÂY DỰNG KẾ HOẠCH' with its documents as a numbered list."""
    out: list[Citation] = []
    for i, head in enumerate(heads):
        if head.roman and re.match(r"(?:" + KW["can_cu"] + r"|c[o0]\s*s[o0]\s*ph[a4]p\s*l[yi])", fold(head.title)):
            end = next((x.start for x in heads[i + 1:] if x.roman), len(st.clean))
            for a, b in _clauses(st, head.end, end):
                out += _top_level(st, cits, a, b)
    return out


# -- issuers --------------------------------------------------------------------------
class Locality:
    def __init__(self, province: Place | None, district: Place | None):
        self.province = province
        self.district = district

    def complete(self, issuer: str) -> str:
        """'UBND huyện' → 'Ủy ban nhân dân huyện Kiên Hải'; 'Tỉnh ủy' → 'Tỉnh ủy Kiên Giang'."""
        issuer = expand_abbreviations(issuer)
        f = fold(issuer)
        p, d = self.province, self.district
        if p and re.search(r"(?:\btinh|\bthanh pho)$", f):
            return f"{issuer} {p.name}"
        if d and re.search(r"(?:\bhuyen|\bquan|\bthi xa)$", f):
            return f"{issuer} {d.name}"
        if p and re.search(r"(?:tinh uy|thanh uy)$", f):
            return f"{issuer} {p.name}"
        if d and re.search(r"huyen uy$", f):
            return f"{issuer} {d.name}"
        return issuer


@functools.cache
def _known_agencies() -> dict[str, str]:
    """The known agencies by their folded names."""
    return {fold(a): a for a in KNOWN_AGENCIES}


def _cited_title(text: str, st: SourceText, cits: list[Citation]) -> str:
    """A cited document's title as its citing text words it, tidied: capitals in the case the
    document writes those words elsewhere, a capital first ('Về tiếp tục củng cố …')."""
    title = tidy(text)
    if sum(ch.isupper() for ch in title) > 0.7 * sum(ch.isalpha() for ch in title):
        ids = {re.sub(r"\s+", "", st.clean[c.id_start:c.end]).lower(): c.id for c in cits}
        title = sentence_case(title, st, ids)
    return title[:1].upper() + title[1:]


def _cited_issuer(c: Citation, raw: str | None, loc: Locality, ocr: bool) -> str | None:
    code = c.issuer_code
    if raw is None and c.issuer_level_word and code == "UBND":
        raw = f"Ủy ban nhân dân {fold(c.issuer_level_word).replace('thanh pho', 'thành phố').replace('huyen', 'huyện').replace('tinh', 'tỉnh')}"
    if raw is None:
        if re.fullmatch(r"QH\d+", code):
            return "Quốc hội"
        return SYMBOL_ISSUERS.get(code)
    known = _known_agencies()
    if fold(raw) in known:  # 'Quốc Hội' is Quốc hội
        return loc.complete(known[fold(raw)])
    if raw.isupper() or ocr:
        # Strip a place name at the end, match the body, put the place back.
        words = raw.split()
        tail = ""
        for n in range(min(4, len(words) - 1), 0, -1):
            place = resolve_place(" ".join(words[-n:]))
            if place and fold(" ".join(words[-n:])) == fold(place.name):
                tail, words = place.name, words[:-n]
                break
        body = canonical_agency(" ".join(words), True)
        if raw.isupper() and body == " ".join(words):
            body = body.capitalize()
        raw = f"{body} {tail}".strip()
    return loc.complete(raw)


_COMMUNE_BODY_RE = re.compile(r"^(?:(?:uy\s*ban\s*nhan\s*dan|ubnd)\s+)?(?:xa|phuong|thi\s*tran)\s+\S")


def header_commune(st: SourceText, lo: int, h: Header, province: Place | None, district: Place | None,
                   mentions: Counter) -> Place | None:
    """The commune whose People's Committee issues the document, from the issuing-body block
    ('ỦY BAN NHÂN DÂN / XÃ BÌNH TRUNG'), looked up among the communes of the district the
    document is in or names; None when the block names no commune or the name is ambiguous."""
    gaz = places()
    end = st.lines[h.heading_line].start if h.heading_line is not None else lo + 600
    for ln in st.lines:
        if ln.start < lo or ln.start >= end:
            continue
        left = re.split(r"\t|\s{3,}|\|", ln.text.strip(" |*#\t"))[0].strip(" *#")
        if not _COMMUNE_BODY_RE.match(fold(left)):
            continue
        if district is not None:
            districts = [district]
        else:
            districts = [p for p in mentions if p.level == "district"] or \
                [d for d in gaz.districts.values() if province is not None and d.province_code == province.code]
        found = {c for d in districts if (c := gaz.commune_in(left, d.code)) is not None}
        if len(found) == 1:
            return found.pop()
    return None


_BODY_LEVELS = [
    (r"^(?:uy\s*ban\s*thuong\s*vu\s*quoc\s*hoi|quoc\s*hoi)", "national-assembly"),
    (r"^(?:thu\s*tuong|chinh\s*phu|van\s*phong\s*chinh\s*phu)", "national-government"),
    (r"^(?:ban\s*chap\s*hanh\s*trung\s*uong|bo\s*chinh\s*tri|ban\s*bi\s*thu)", "national-party"),
    (r"^bo\s", "ministry"),
    (r"^hoi\s*dong\s*nhan\s*dan\s*(?:tinh|thanh\s*pho)", "provincial-council"),
    (r"^(?:chu\s*tich\s*)?uy\s*ban\s*nhan\s*dan\s*(?:tinh|thanh\s*pho)", "provincial-people-committee"),
    (r"^(?:chu\s*tich\s*)?uy\s*ban\s*nhan\s*dan\s*(?:xa|phuong|dac\s*khu)", "commune"),
    (r"^(?:tinh|thanh)\s*uy", "provincial-party"),
    (r"^so\s", "provincial-department"),
]
_REPUBLIC_RE = re.compile(r"cong\s+hoa\s+xa\s+hoi|dang\s+cong\s+san\s+viet\s+nam")  # a State or a Party document's motto
_PLACE_WORD_RE = re.compile(r"^(?:tinh|thanh\s*pho|xa|phuong|dac\s*khu|huyen|quan|thi\s*xa)\s")


def issuing_body(st: SourceText, h: Header) -> tuple[str | None, str | None]:
    """The issuing body named in the header's first cell ('BỘ TÀI CHÍNH / CỤC THUẾ',
    'ỦY BAN NHÂN DÂN / TỈNH CÀ MAU'), in the case the document writes it, with its level."""
    # 'CỘNG HÒA XÃ HỘI …', which a web page may break anywhere ('**CỘNG' / 'HÒA XÃ HỘI …')
    republic = _REPUBLIC_RE.search(st.fold, max(0, h.body_start - 400), h.body_start + 3000)
    if republic is None:
        return None, None
    end = republic.start()
    names: list[str] = []
    for ln in logical_lines(st, max(0, end - 400), end):
        text = ln.text.strip(" -_=*")
        if not text or not text.isupper() or len(text) > 120:
            names = []  # the block is the run of capitals right before 'CỘNG HÒA …'
            continue
        if names and (_PLACE_WORD_RE.match(fold(text)) or not starts_like_agency(text)) and not names_own_place(text):
            names[-1] += " " + text  # 'BỘ VĂN HÓA, THỂ THAO / VÀ DU LỊCH', 'ỦY BAN NHÂN DÂN / TỈNH CÀ MAU'
        else:
            names.append(text)
    if not names:
        return None, None
    name = names[-1]
    f = fold(name)
    name, block_level = body_with_level(name, names[:-1])
    if not (starts_like_agency(name) or any(re.match(p, f) for p, _ in _BODY_LEVELS) or block_level):
        return None, None
    level = next((lv for p, lv in _BODY_LEVELS if re.match(p, fold(name))), None) or block_level
    name = expand_abbreviations(sentence_case(name, st, {}))
    if level == "national-party":
        name = party_central_name(name, st)
    # 'Ủy ban nhân dân Tỉnh Cà Mau': the unit word is lower case before a place name
    name = re.sub(r"\b(Tỉnh|Thành phố|Xã|Phường|Đặc khu|Huyện)(?= [A-ZĐ])", lambda m: m.group(1).lower(), name)
    return name, level


ERA_2025 = "2025-07-01"

# Thành phố Hồ Chí Minh is the one unit whose official name keeps its unit word, with a
# capital ('Ủy ban nhân dân Thành phố Hồ Chí Minh'; date line 'Thành phố Hồ Chí Minh, ngày …').
_UNIT_IN_NAME_RE = re.compile(r"\bthành phố (?=Hồ Chí Minh\b)")


def unit_in_name(name: str | None) -> str | None:
    return _UNIT_IN_NAME_RE.sub("Thành phố ", name) if name else name


def _place_name(place: Place | None, written: str | None, province: Place | None) -> str | None:
    """The date line's place ('Kiên Hải'), or the province's when there is no date line."""
    unit = place or province
    name = (place.name if place else written) or (province.name if province else None)
    if unit is not None and name == unit.name and _UNIT_IN_NAME_RE.match(f"{unit.unit_type} {unit.name}"):
        return f"Thành phố {unit.name}"
    return name


def _issuing_commune_2025(st: SourceText, h: Header, province: Place | None) -> Unit2025 | None:
    """'ỦY BAN NHÂN DÂN / XÃ BÌNH TRUNG' in the issuing-body block, on the map of 2025."""
    name, _ = issuing_body(st, h)
    if not name or not _COMMUNE_BODY_RE.match(fold(name)):
        return None
    return commune_2025(name, province.name if province else None)


# -- the record: one stage per part, over the shared structure ---------------------------
_ENACT_RE = re.compile(r"^\s*(?:[dp]i[e&]u\s*1\b|quy[e&]t\s*(?:[dp][i1]nh|ngh[i1])\s*:|ban\s*h[a4]nh\s*:)")
_CLOSING_RE = re.compile(r"^\s*(?:tr[e&]n\s*[dp]a?y\s*l[a4]|n[o0]i\s*nh[a-z]{1,2}n" + PASSED_BY + ")")
_ANNEX_LINE_RE = re.compile(r"^\s*ph[uw]\s*l[uw]c\b")


@dataclass
class Parse:
    """What every stage reads: the text, its header, citations, headings and tables, and
    where the preamble, the body's segments and the closing block lie."""
    st: SourceText
    ocr: bool
    h: Header
    cits_all: list[Citation]     # every citation of the body, the document's own id too
    cits: list[Citation]         # the others
    heads: list[Heading]
    preamble_end: int            # the first section (or 'Điều 1') after the title
    closing: int | None          # 'Nơi nhận' / 'TM. …': recipients and signer
    annex: int                   # the first 'Phụ lục' after the closing block, or the body's end
    tables: list[Table]
    segments: list[tuple[int, int]]  # the body, and the plan a decision issues after its closing

    @property
    def lo(self) -> int:
        return self.h.body_start

    @property
    def hi(self) -> int:
        return self.h.body_end

    @property
    def table_spans(self) -> list[tuple[int, int]]:
        return [(t.start, t.end) for t in self.tables]


def read_structure(source: str, name: str) -> Parse:
    """The shared structure of a document's text; refuses what is no policy document."""
    st = make_source_text(source)
    ocr = is_ocr_damaged(st)
    h = read_header(st, ocr)
    lo, hi = h.body_start, h.body_end
    cits_all = find_citations(st, lo, hi)
    heads = headings(st, lo, hi)
    if h.heading_line is None and not cits_all and not h.number and not heads:
        raise ParseError(name, "not a policy document (no document kind, number, citation or section heading found)")
    news = _news_lead(st, h)
    if news is not None:
        raise ParseError(name, f"a news item about {news}, not the document itself; load the document's own text")
    preamble_end = _preamble_end(st, h, heads)
    closing = next((ln.start for ln in logical_lines(st, max(lo, preamble_end), hi)
                    if _CLOSING_RE.match(ln.folded.lstrip(" *|#_"))), None)
    # recipients run into one line without their label: before any 'Nơi nhận' (a form's in the annex)
    run_in = run_in_recipients_start(st, max(lo, preamble_end), closing if closing is not None else hi)
    closing = run_in if run_in is not None else closing
    if closing is None:  # no 'Nơi nhận': the block opens at its signing line ('KT. CHỦ TỊCH' / … / name)
        closing = signature_start(st, max(lo, preamble_end), hi)
    annex = next((ln.start for ln in st.lines if closing is not None and closing < ln.start < hi
                  and _ANNEX_LINE_RE.match(ln.folded)), hi)
    tables = [t for t in find_tables(st) if lo <= t.start < hi]
    return Parse(st, ocr, h, cits_all, [c for c in cits_all if c.id != h.own_id], heads, preamble_end, closing,
                 annex, tables, _segments(st, preamble_end, closing, hi))


def _preamble_end(st: SourceText, h: Header, heads: list[Heading]) -> int:
    """Where the preamble (title, Căn cứ, what it carries out) ends: the first Roman section
    or 'Điều 1' after the title, else 4000 characters on."""
    lo, hi = h.body_start, h.body_end
    after_title = h.title_span[1] if h.title_span else lo
    first_section = next((x.start for x in heads if x.roman and x.start > after_title), None)
    article = next((ln.start for ln in st.lines if after_title < ln.start < hi and _ENACT_RE.match(ln.folded)), None)
    if article is not None and (first_section is None or article < first_section):
        first_section = article
    end = first_section if first_section is not None else min(hi, after_title + 4000)
    # never past the closing block: a letter without sections ('Nơi nhận:' 3,000 characters on)
    # would have its recipients and signature read as preamble, and none found
    # logical lines: a page may break the label ('*Nơi' / 'nhận:*')
    closing = next((ln.start for ln in logical_lines(st, after_title + 1, end) if _CLOSING_RE.match(ln.folded.lstrip(" *|#_"))), None)
    if closing is None:
        found = [x for x in (run_in_recipients_start(st, after_title + 1, end), signature_start(st, after_title + 1, end)) if x is not None]
        closing = min(found) if found else None
    return closing if closing is not None else end


@dataclass
class Issuer:
    """Who issued the document and where: the stage the document and the citations share."""
    place: Place | None
    province: Place | None
    district: Place | None
    name: str | None
    level: str | None

    @property
    def locality(self) -> Locality:
        return Locality(self.province, self.district)


def read_issuer(p: Parse) -> Issuer:
    """Locality (the date line's place, the header, the places the text names) and the
    issuer (the symbol's issuing-body code, the kind of body and its locality)."""
    st, h, lo, hi = p.st, p.h, p.lo, p.hi
    gaz = places()
    mentions = place_mentions(st, lo, hi)
    provs = Counter({pl: n for pl, n in mentions.items() if pl.level == "province"})
    for pl, n in mentions.items():
        if pl.level == "district" and len(gaz.lookup(pl.name, level="district")) == 1:
            provs[gaz.province_of(pl)] += 0.5 * n  # type: ignore[assignment]  # Counter counts may be floats; the stubs say int
    # 'Châu Thành' is a district in ten provinces: the provinces the text names decide.
    hint = provs.most_common(1)[0][0].code if provs else None
    place = resolve_place(h.place_written, hint)
    province = district = None
    if place is not None and place.level == "district":
        district, province = place, gaz.province_of(place)
    elif place is not None:
        province = place
    if province is None and provs:
        province = provs.most_common(1)[0][0]
    if district is None and province is not None:
        sym_code = (h.symbol or "").split("-")[-1].split("/")[-1]
        if sym_code in ("HU", "TTYT") or re.search(r"\b(?:huy[e&]n|qu[a4]n)\b", fold(h.title or "")[:0]):
            ds = Counter({pl: n for pl, n in mentions.items() if pl.level == "district" and pl.province_code == province.code})
            if ds:
                district = ds.most_common(1)[0][0]
    code = (h.symbol or "").split("/")[-1].split("-")[-1] if h.symbol else None
    # From 1 July 2025 there are no districts: a document of that date is read on the map of
    # 2025 (34 provinces, their communes, wards and special zones).
    new_map = (h.date or "") >= ERA_2025
    commune = header_commune(st, lo, h, province, district, mentions) if code == "UBND" and not new_map else None
    if commune is not None:
        assert commune.district_code is not None  # a commune always lies in a district
        district, province = gaz.districts[commune.district_code], gaz.provinces[commune.province_code]
    unit_2025 = None
    if new_map:
        district = None
        if code == "UBND":
            unit_2025 = _issuing_commune_2025(st, h, province)
            if unit_2025 is not None and province is None:
                province = resolve_place(unit_2025.province)
    issuer: str | None
    level: str | None
    if unit_2025 is not None:
        issuer, level = f"Ủy ban nhân dân {unit_2025.unit_type} {unit_2025.name}", "commune"
    elif commune is not None:
        issuer, level = f"Ủy ban nhân dân {commune.unit_type} {commune.name}", "commune"
    else:
        issuer, level = _issuer_of_code(code, h.symbol, province, district)
    if issuer is None:
        issuer, block_level = issuing_body(st, h)
        level = level or block_level
        if issuer and level == "provincial-people-committee" and province is None:
            province = resolve_place(issuer)
    if level in ("national-party", "national-government", "ministry", "national-assembly"):
        province = district = None  # 'Hà Nội, ngày …' of a national body is not its locality
    return Issuer(place, province, district, issuer, level)


_DEPARTMENTS = {"SYT": "Sở Y tế", "STC": "Sở Tài chính", "SNV": "Sở Nội vụ"}


def _issuer_of_code(code: str | None, symbol: str | None, province: Place | None,
                    district: Place | None) -> tuple[str | None, str | None]:
    """(issuer, level) from the symbol's issuing-body code ('KH-UBND', 'CT-TTg', '12-CT/TW')."""
    if code == "UBND":
        unit = district or province
        if unit:
            level = "district-people-committee" if unit is district else "provincial-people-committee"
            return f"Ủy ban nhân dân {unit.unit_type} {unit.name}", level
    elif code == "TU" and province:
        return f"{'Thành ủy' if province.unit_type == 'thành phố' else 'Tỉnh ủy'} {province.name}", "provincial-party"
    elif code == "HU" and district:
        return f"Huyện ủy {district.name}", "district-party"
    elif code == "TTYT" and district:
        return f"Trung tâm Y tế {district.unit_type} {district.name}", "district-health-centre"
    elif code and code.startswith("S") and province and len(code) <= 6:
        name = f"{_DEPARTMENTS[code]} {province.unit_type} {province.name}" if code in _DEPARTMENTS else None
        return name, "provincial-department"
    elif code in ("TTg", "CP"):
        return SYMBOL_ISSUERS[code], "national-government"
    elif code == "TW":
        return {"CT": "Ban Bí thư", "KL": "Bộ Chính trị"}.get((symbol or "").split("/")[0]), "national-party"
    elif code and re.sub(r"\d+$", "", code) in SYMBOL_ISSUERS:
        # 'QĐ-BCT', 'NQ-UBTVQH15', 'TB-VPCP', '57/VBHN-BCT' (a ministry's consolidated text)
        key = re.sub(r"\d+$", "", code)
        return SYMBOL_ISSUERS[key], SYMBOL_LEVELS.get(key, "ministry")
    return None, None


def read_document(p: Parse, issuer: Issuer) -> tuple[Document, dict[str, list[int] | None]]:
    """The document's own fields, with the spans of its id, date, title and signer."""
    st, h = p.st, p.h
    spans: dict[str, list[int] | None] = dict(h.spans)
    title = tidy(h.title) if h.title else None
    if title and sum(ch.isupper() for ch in title) > 0.7 * sum(ch.isalpha() for ch in title):
        ids = {re.sub(r"\s+", "", st.clean[c.id_start:c.end]).lower(): c.id for c in p.cits_all}
        title = sentence_case(title, st, ids)
    if h.title_span:
        spans["document.title"] = st.span(*h.title_span)
    # The closing block's signer, before the appendices, unless the page's metadata names one.
    signer_name, signer_span = h.meta.get("signer", (None, None))
    if signer_name is None and p.closing is not None:
        signer_name, signer_span = signer(st, p.closing, p.annex)
    if signer_span:
        spans["document.signer"] = signer_span
    province, district, place = issuer.province, issuer.district, issuer.place
    document = Document(
        id=h.own_id, number=h.number, symbol=h.symbol, type=h.type, issuer=unit_in_name(issuer.name),
        issuer_level=issuer.level, province=province.name if province else None,
        district=district.name if district else None, date=h.date,
        place=_place_name(place, h.place_written, province),
        title=title, signer=signer_name,
    )
    return document, spans


@dataclass
class Cascade:
    """What the document carries out and is based on, and every document it cites."""
    implements: list[str]
    based_on: list[str]
    cited: list[CitedDocument]
    first_span: dict[str, list[int]]  # each cited id: where it is first cited
    title_spans: dict[str, list[int]]  # each cited id: where its title is stated, if it is


def read_citations(p: Parse, loc: Locality) -> Cascade:
    """Implements / based_on from the title and the preamble's clauses and the 'Căn cứ'
    section; every reference once, with its issuer completed by the document's locality,
    and 'implements' from every sentence that says it."""
    st, own_id = p.st, p.h.own_id
    implements, based_on = cascade(st, p.h, p.cits, p.preamble_end)
    opening = {c.id for c in implements}  # what the opening says it carries out is no basis too
    if not implements:
        # a programme named in the title, or 'Mục đích: Triển khai thực hiện QĐ …' (its
        # 'Căn cứ' may list it as well)
        implements = named_programme(st, p.h, p.cits) or purpose_implements(st, p.cits, p.segments)
    based_on += basis_section(st, p.heads, p.cits)
    impl_ids = list(dict.fromkeys(c.id for c in implements))
    based_ids = list(dict.fromkeys(c.id for c in based_on if c.id not in opening))
    link_groups(st, p.cits)
    cited: dict[str, CitedDocument] = {}
    first: dict[str, Citation] = {}
    first_span: dict[str, list[int]] = {}
    raw_issuers: dict[str, list[str]] = {}
    title_spans: dict[str, list[int]] = {}
    for c in p.cits:
        entry = cited.get(c.id)
        if entry is None:
            entry = cited[c.id] = CitedDocument(c.id, c.type)
            first[c.id] = c
            first_span[c.id] = st.span(c.start, c.tail_end)
        entry.date = entry.date or c.date
        # the title as the first mention that gives one states it (kept with its span)
        found = None if c.id in title_spans else citation_title(st, c, p.cits)
        if found:
            title_spans[c.id] = st.span(*found)
            entry.title = _cited_title(st.clean[found[0]:found[1]], st, p.cits_all)
        if c.issuer_raw:
            raw_issuers.setdefault(c.id, []).append(c.issuer_raw)
        for impl in c.implements:
            if impl not in entry.implements and impl != own_id:
                entry.implements.append(impl)
    for ident, entry in cited.items():
        raws = raw_issuers.get(ident, [])
        raw = next((r for r in raws if not r.isupper()), raws[0] if raws else None)
        entry.issuer = unit_in_name(_cited_issuer(first[ident], raw, loc, p.ocr))
    return Cascade(impl_ids, based_ids, list(cited.values()), first_span, title_spans)


Item = TypeVar("Item")
Spanned = list[tuple[Item, list[int]]]  # items with the span each was read from


def read_indicators(p: Parse) -> Spanned[Indicator]:
    """Rows of indicator tables and targets stated in prose, in the order of the text.
    (loaders/indicators.py gives them in the JSON shape, which tests/make_formats.py reads too.)"""
    table = [x for t in p.tables if "chu tri" not in " ".join(t.header_folded) and is_indicator_table(t)
             for x in table_indicators(p.st, t, p.h.plan_year)]
    units = [u for a, b in p.segments for u in objective_units(p.st, a, b, p.heads, p.table_spans)]
    return [(Indicator.from_dict(x), span) for x, span in sorted(prose_indicators(p.st, units) + table, key=lambda x: x[1][0])]


def read_tasks(p: Parse) -> Spanned[Task]:
    """The rows of task tables (a table with a 'chủ trì' column)."""
    return [x for t in p.tables if _LEAD_COLUMN_RE.search(" ".join(t.header_folded)) for x in _tasks(p.st, t, p.ocr)]


def read_duties(p: Parse) -> tuple[list[AgencyHeading], Spanned[Duty]]:
    """Agency headings and the duties stated in prose under them (tables give tasks, not prose)."""
    lines: list = []
    breaks = set()
    # from the title on: a directive's duties start within the 4000 characters a document
    # without sections gives its preamble (see _preamble_end), or in what was read as its title
    segments = [(min(p.segments[0][0], p.h.title_span[0] if p.h.title_span else p.lo), p.segments[0][1]), *p.segments[1:]]
    for a, b in segments:
        breaks.add(len(lines))
        lines += [ln for ln in logical_lines(p.st, a, b) if not any(ts <= ln.start < te for ts, te in p.table_spans)]
    heads, found = find_duties(p.st, lines, outline(lines, frozenset(breaks)), p.ocr, segments[0][0], segments[-1][1])
    duties = [(Duty(d.agency, d.section, d.no, tidy(d.text), d.coordinating, d.deadline), p.st.span(d.start, d.end))
              for d in found]
    return heads, duties


def read_responsibilities(p: Parse, agency_heads: list[AgencyHeading]) -> list[Responsibility]:
    """A row per numbered agency heading of 'Tổ chức thực hiện'; or the line-based reading,
    where the outline finds fewer headings (OCR that damaged them)."""
    resp = [Responsibility(a.agency, a.section or "", max(1, len(a.duties)), a.node.start, a.node.last_end,
                           a.duties[0].start if a.duties else a.node.start) for a in agency_heads
            if a.node.kind not in ("dash", "plus", "bullet")]
    blank_style = sum(1 for ln in p.st.lines if not ln.text.strip()) > 0.25 * len(p.st.lines)
    by_lines = responsibilities(p.st, p.heads, p.preamble_end, p.closing or p.hi, p.ocr, blank_style)
    return by_lines if len(by_lines) > len(resp) else resp


def read_implementers(p: Parse, resp: list[Responsibility], due_spans: list[list[int] | None]) -> Spanned[ExpectedImplementer]:
    """Who must make a plan of their own, the sentence that asks it, and by when (the
    span of the due phrase of each goes to `due_spans`)."""
    out: Spanned[ExpectedImplementer] = []
    # the body, and the plan a decision issues after its closing block
    found = [f for a, b in [(p.preamble_end, p.closing or p.annex), *p.segments[1:]]
             for f in expected_implementers(p.st, a, b, resp, p.ocr)]
    seen: set[str] = set()
    for x, span in found:
        if x["who"] in seen:
            continue
        seen.add(x["who"])
        due, due_span = plan_due(p.st, span, p.h.date)  # by when their plan is due (loaders/plan_due.py)
        out.append((ExpectedImplementer(x["who"], x["quote"], due["due"], due["due_as_written"]), span))
        due_spans.append(due_span)
    return out


def read_recipients(p: Parse) -> Spanned[str]:
    """'Nơi nhận': the bodies the document is sent to."""
    found, _end = recipients(p.st, p.closing if p.closing is not None else p.preamble_end, p.annex)
    return found


def _listed(spans: dict[str, list[int] | None], key: str, items: Spanned[Item]) -> list[Item]:
    """The items of one list of the record; their spans go in as 'key[i]'."""
    for i, (_, span) in enumerate(items):
        spans[f"{key}[{i}]"] = span
    return [x for x, _ in items]


def parse_record(source: str, name: str = "<text>") -> Record:
    """Parse a document's decoded text into its typed record. Raises ParseError."""
    p = read_structure(source, name)
    issuer = read_issuer(p)
    document, spans = read_document(p, issuer)
    cas = read_citations(p, issuer.locality)
    recips = read_recipients(p)
    indicators = read_indicators(p)
    tasks = read_tasks(p)
    agency_heads, duties = read_duties(p)
    resp = read_responsibilities(p, agency_heads)
    due_spans: list[list[int] | None] = []
    implementers = read_implementers(p, resp, due_spans)
    for i, due_span in enumerate(due_spans):
        spans[f"expected_implementers[{i}].due"] = due_span
    history = read_history(p.st, p.cits, p.lo, p.hi, p.h.date, p.h.own_id, p.h.title_span)  # loaders/history.py
    spans.update(history.spans(p.st))
    fields = history.fields()
    for key, ids in (("implements", cas.implements), ("based_on", cas.based_on)):
        for i, ident in enumerate(ids):
            spans[f"{key}[{i}]"] = cas.first_span.get(ident)
    _listed(spans, "cited", [(c, cas.first_span[c.id]) for c in cas.cited])
    for i, c in enumerate(cas.cited):
        if c.id in cas.title_spans:
            spans[f"cited[{i}].title"] = cas.title_spans[c.id]
    record = Record(
        document=document,
        implements=cas.implements,
        based_on=cas.based_on,
        cited=cas.cited,
        indicators=_listed(spans, "indicators", indicators),
        tasks=_listed(spans, "tasks", tasks),
        duties=_listed(spans, "duties", duties),
        responsibilities=_listed(spans, "responsibilities", [
            (RecordResponsibility(r.agency, r.section, r.duties_count), p.st.span(r.start, r.end)) for r in resp]),
        expected_implementers=_listed(spans, "expected_implementers", implementers),
        recipients=_listed(spans, "recipients", recips),
        entry_into_force=Validity.from_dict(fields["entry_into_force"]) if fields["entry_into_force"] else None,
        no_longer_in_force=Validity.from_dict(fields["no_longer_in_force"]) if fields["no_longer_in_force"] else None,
        changes=[Change.from_dict(c) for c in fields["changes"]],
    )
    record.spans = {k: v for k, v in spans.items() if v is not None}
    return record


def parse_text(source: str, name: str = "<text>") -> dict:
    """Parse a document's decoded text into its record, as the JSON shape (`Record.to_dict()`).
    Raises ParseError."""
    return parse_record(source, name).to_dict()


_ANNEX_RE = re.compile(r"^ph[uw]\s*l[uw]c(?:\s+[ivx\d]+)?\s*$")
_PLAN_START_RE = re.compile(r"^\s*(?:k[e&]\s*ho[a4]ch|ch[uw][o0]ng\s*tr[i1]nh|[dp][e&]\s*[a4]n|ph[uw]\s*l[uw]c|quy\s*(?:ch[e&]|[dp][i1]nh))\b")


def _segments(st: SourceText, lo: int, closing: int | None, hi: int) -> list[tuple[int, int]]:
    """The body's spans: up to the annex or the closing block (recipients, signature), and
    the plan a decision issues, which follows that block."""
    end = closing if closing is not None else hi
    annex = next((ln.start for ln in st.lines if lo < ln.start < end and _ANNEX_RE.match(ln.folded.strip(" *#|"))), None)
    segments = [(lo, annex if annex is not None else end)]
    if closing is not None:
        start = next((ln.start for ln in st.lines if closing < ln.start < hi
                      and _PLAN_START_RE.match(ln.folded.strip(" *#|"))), None)
        if start is not None:
            segments.append((start, hi))
    return segments


_GROUP_MARK_RE = re.compile(r"^\s*(?:[IVX]+(?:\.\d{1,2})*|[A-Z]|\d{1,2})\s*[.):-]?\s+")


def _group_name(section: str | None) -> str | None:
    """A group row's words without its numbering: 'I. Hoàn thiện thể chế' → 'Hoàn thiện thể chế'."""
    if not section:
        return None
    return tidy(_GROUP_MARK_RE.sub("", section, count=1)) or None


_NAME_COLUMNS = [r"^ten\b", r"noi\s*dung", r"nhiem\s*vu|de\s*an|du\s*an|hoat\s*dong|giai\s*phap", r"\bten\s", r"chi\s*tieu"]


# The lead's column: 'Cơ quan chủ trì', or in a programme of drafting ('Chương trình xây dựng
# văn bản') the body that drafts, 'Cơ quan soạn thảo', when no column says 'chủ trì'.
_LEAD_COLUMN_RE = re.compile(r"chu\s*tri|soan\s*thao")


# A remark in an agency cell: a footnote mark ('[3]'), or a bracket that says what a body does
# ('(Văn phòng Quốc hội phối hợp chuẩn bị)', '(… là cơ quan thường trực …)'), not who it is.
_REMARK_RE = re.compile(r"\s*\[\d{1,2}\]|\s*\((?=[^()]*\b(?:là|phối hợp|chủ trì|thường trực|đầu mối)\b)[^()]*\)", re.IGNORECASE)


def _without_remarks(cell: str) -> str:
    return _REMARK_RE.sub("", cell)


def _tasks(st: SourceText, table: Table, ocr: bool) -> Spanned[Task]:
    roles = []
    lead_words = "chu tri" if any("chu tri" in hd for hd in table.header_folded) else "soan thao"
    for hd in table.header_folded:
        if re.fullmatch(r"s?tt|so\s*tt", hd):
            roles.append("no")
        elif lead_words in hd and "lead" not in roles:
            roles.append("lead")
        elif "phoi hop" in hd:
            roles.append("coordinating")
        elif re.search(r"thoi\s*(gian|han)|tien\s*do|hoan\s*thanh", hd):
            roles.append("deadline")
        else:
            roles.append("name")
    # Several other columns ('Nội dung nhiệm vụ', 'Kết quả dự kiến', 'Kinh phí'): the task is
    # named by the one whose header says so, in this order; the others are not read.
    named = [i for i, r in enumerate(roles) if r == "name"]
    if len(named) > 1:
        rank = [next((k for k, rx in enumerate(_NAME_COLUMNS) if re.search(rx, table.header_folded[i])), len(_NAME_COLUMNS))
                for i in named]
        keep = named[rank.index(min(rank))]
        roles = [r if r != "name" or i == keep else "other" for i, r in enumerate(roles)]
    out = []
    for row in table.rows:
        cells = list(row.cells) if table.layout != "lines" else [row.no or ""] + list(row.cells)
        rec = Task(row.no, group=_group_name(row.section))
        if len(cells) == len(roles) or table.layout != "lines":
            for role, cell in zip(roles, cells, strict=False):
                cell = squash(cell)
                if role == "name":
                    rec.name = tidy(re.sub(r"^[-–+•]\s+", "", cell))
                elif role == "lead":
                    rec.lead += [canonical_agency(a, ocr) for a in agencies_in_cell(_without_remarks(cell))]
                elif role == "coordinating":
                    rec.coordinating += [canonical_agency(a, ocr) for a in agencies_in_cell(_without_remarks(cell))]
                elif role == "deadline":
                    rec.deadline = re.sub(r"^[-–+•]\s+", "", cell) or None  # '- Trình UBTVQH …': a bullet, as in names
        else:
            rest = [squash(c) for c in cells[1:]]
            rec.name = tidy(rest.pop(0)) if rest else ""
            if rest and len(rest) >= 2 and DEADLINE_RE.search(fold(rest[-1])):
                rec.deadline = rest.pop()
            if rest:
                rec.lead = [canonical_agency(a, ocr) for a in split_agencies(rest.pop(0))]
            for cell in rest:
                rec.coordinating += [canonical_agency(a, ocr) for a in split_agencies(cell)]
        out.append((rec, st.span(row.start, row.end)))
    return out


def parse_extracted_record(extracted: Extracted, name: str = "<bytes>") -> Record:
    """The typed record of an extracted document; for other formats than text it gains
    `source`: the format and, for PDFs and images, the page of every span."""
    record = parse_record(extracted.text, name)
    if extracted.format != "text":
        record.source = extracted.source(record.spans)
    return record


def parse_extracted(extracted: Extracted, name: str = "<bytes>") -> dict:
    """`parse_extracted_record` as the JSON shape."""
    return parse_extracted_record(extracted, name).to_dict()


def parse_bytes(data: bytes, name: str = "<bytes>", progress=None) -> dict:
    """Any supported format (text, .docx, PDF, scanned PDF or image, HTML), detected from
    the content. `progress(done, total)` is called per page of PDFs and images.
    Runs under the file's time limit (loaders/limits.py)."""
    with guarded(len(data), name):
        return parse_extracted(extract(data, name, progress), name)


def parse_file(path: str | Path, progress=None) -> dict:
    return parse_bytes(read_file(path), str(path), progress)
