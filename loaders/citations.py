"""Document references: '… Quyết định số 89/QĐ-TTg ngày 23/01/2024 của Thủ tướng Chính phủ …'.

`find_citations` finds every reference with a number and symbol, its kind, date and
issuer as written; `link_groups` reads which referenced documents the sentence says
carry out which ('KH 197 … về thực hiện Chỉ thị 25').
"""
import datetime as dt
import re
from dataclasses import dataclass, field

from policykg.base.vocab import DOC_TYPE_RE, KW, PARTY_ISSUERS, SYMBOL_TYPES, canonical_symbol_part, doc_type_from_words

from . import limits
from .agencies import starts_like_agency
from .text import SourceText

_L = r"[a-z&]"  # a folded letter (OCR '&' included)
# The lookahead is what every match starts with (a kind's first letter, 'số', a digit): it
# changes no match, but lets the engine skip the other positions without trying every kind.
CITATION_RE = re.compile(
    r"(?=[bcdhklnpqst0-9])"
    r"(?:(?P<type>" + DOC_TYPE_RE + r")[ \t\n]*(?:" + KW["so"] + r")?[ \t\n]*[:.]?[ \t\n]*)?"
    r"(?:(?<![a-z0-9])" + KW["so"] + r"[ \t]*:?[ \t]*)?"
    r"(?:(?<![\d/.,-])|(?<=s[o06b8e&]))(?P<num>\d{1,5})[ \t\n]*"
    r"(?:"
    r"-[ \t\n]*(?P<ptype>" + _L + r"{1,5})[ \t\n]*/[ \t\n]*(?P<pissuer>" + _L + r"{1,6})(?![a-z0-9])"
    r"|/[ \t\n]*(?:(?P<year>(?:19|20)\d\d)[ \t\n]*/[ \t\n]*)?"
    r"(?P<stype>" + _L + r"[a-z0-9&]{0,9})(?P<sissuer>(?:[ \t\n]*-[ \t\n]*" + _L + r"[a-z0-9&]{0,10}){0,3})(?![a-z0-9])"
    r")"
)
DATE_AFTER_RE = re.compile(
    r"[ \t\n]*[,;]?[ \t\n]*(?:ban[ \t\n]+h[a4]nh[ \t\n]+)?(?:" + KW["ngay"] + r")?[ \t\n]*"
    r"(?P<d>\d{1,2})[ \t\n]*(?:[/.-]|" + KW["thang"] + r")[ \t\n]*(?P<m>\d{1,2})[ \t\n]*(?:[/.-]|" + KW["nam"]
    + r")[ \t\n]*(?P<y>(?:19|20)\d\d)(?!\d)"
)
ISSUER_AFTER_RE = re.compile(r"[ \t\n]*,?[ \t\n]*(?:(?:" + KW["cua"] + r")[ \t\n]+|(?=h[o0]i[ \t\n]*ngh[i1]))(?P<issuer>[^,;.()\[\]“”\"]{2,120})")
BAD_DATE_RE = re.compile(r"[ \t\n]*,?[ \t\n]*" + KW["ngay"] + r"[ \t\n]*[\d/.\- ]{3,14}")
CENTRAL_COMMITTEE_RE = re.compile(r"ban[ \t\n]+ch[a4]p[ \t\n]+h[a4]nh[ \t\n]+trung[ \t\n]+[uw][o0]?ng(?P<dang>[ \t\n]+[dp][a4]ng)?")
ISSUER_STOP_RE = re.compile(
    r"[ \t\n]+(?:v[e&](?![a-z])|v/v|tri[e&]n[ \t\n]*kh[a4]i|th[a-z&]{1,3}[ \t\n]*h[i1][e&]n|ph[e&][ \t\n]*duy[e&]t|ban[ \t\n]*h[a4]nh"
    r"|t[a4]i(?![a-z])|tr[e&]n[ \t\n]*[dp][i1]a|v[a4](?![a-z])|nh[a4]m|quy[ \t\n]*[dp][i1]nh|h[o0]i[ \t\n]*ngh[i1]|kh[o0]a(?![a-z])"
    r"|[dp][e&](?![a-z])|s[a4]u[ \t\n]*[dp]a?y|giai[ \t\n]*[dp]o[a4]n|[dp][e&]n[ \t\n]*n[a4]m|v[o0]i(?![a-z])|trong(?![a-z])|g[o0]m(?![a-z])|nay(?![a-z]))"
)
LOCAL_LEVEL_RE = re.compile(r"[ \t]+(?P<level>huy[e&]n|t[i1]nh|th[a4]nh[ \t]+ph[o0])(?![a-z])")


@dataclass
class Citation:
    start: int            # offsets in clean text: the whole mention, kind word included
    id_start: int
    end: int              # end of the number and symbol
    tail_end: int         # end of date and issuer, where they follow
    id: str
    number: str
    symbol: str
    party: bool
    type: str | None
    date: str | None = None
    issuer_raw: str | None = None
    issuer_level_word: str | None = None  # 'huyện' in '120/KH-UBND huyện'
    implements: list[str] = field(default_factory=list)

    @property
    def type_code(self) -> str:
        return self.symbol.split("/")[0].split("-")[0] if self.party else self.symbol.split("-")[0].split("/")[-1]

    @property
    def issuer_code(self) -> str:
        return self.symbol.split("/")[-1] if self.party else self.symbol.split("-")[-1]


def _iso_date(d: str, m: str, y: str) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _symbol_case_ok(raw: str, known_type: bool) -> bool:
    """State symbols are written in capitals ('KH-UBND'); '100/ngày' is not one."""
    letters = [c for c in raw if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 2 and letters[0].isupper() or known_type


def _parts(raw: str) -> list[str]:
    return [p for p in re.split(r"[\s/-]+", raw) if p]


def parse_match(st: SourceText, m: re.Match) -> Citation | None:
    clean = st.clean
    num = m.group("num")
    if m.group("ptype"):
        ptype_raw = clean[m.start("ptype"):m.end("ptype")]
        pissuer_raw = clean[m.start("pissuer"):m.end("pissuer")]
        issuer = canonical_symbol_part(pissuer_raw)
        tcode = canonical_symbol_part(ptype_raw)
        if issuer.upper() not in PARTY_ISSUERS and not (pissuer_raw.isupper() and ptype_raw[0].isupper()):
            return None
        symbol = f"{tcode}/{issuer}"
        ident = f"{num}-{symbol}"
        party = True
        type_code = tcode
    else:
        stype_raw = clean[m.start("stype"):m.end("stype")]
        sissuer_raw = clean[m.start("sissuer"):m.end("sissuer")]
        tcode = canonical_symbol_part(stype_raw)
        known = tcode in SYMBOL_TYPES and bool(sissuer_raw.strip())
        if not _symbol_case_ok(stype_raw + sissuer_raw, known):
            return None
        rest = [canonical_symbol_part(p) for p in _parts(sissuer_raw)]
        year = m.group("year")
        symbol = "-".join([tcode, *rest])
        if year:
            symbol = f"{year}/{symbol}"
        ident = f"{num}/{symbol}"
        party = False
        type_code = tcode
    kind = doc_type_from_words(m.group("type")) if m.group("type") else None
    if kind is None:
        kind = SYMBOL_TYPES.get(type_code)
        if kind is None and not party:
            kind = "Nghị quyết" if re.fullmatch(r"QH\d+", type_code) else "Công văn"
    start = m.start("type") if m.group("type") else m.start("num")
    cit = Citation(start=start, id_start=m.start("num"), end=m.end(), tail_end=m.end(), id=ident,
                   number=num, symbol=symbol, party=party, type=kind)
    pos = m.end()
    dm = DATE_AFTER_RE.match(st.fold, pos, min(len(st.fold), pos + 60))
    if dm:
        cit.date = _iso_date(dm.group("d"), dm.group("m"), dm.group("y"))
        pos = dm.end()
        cit.tail_end = pos
    else:
        bad = BAD_DATE_RE.match(st.fold, pos)
        if bad:
            pos = bad.end()
    lm = LOCAL_LEVEL_RE.match(st.fold, cit.end)
    if lm:
        cit.issuer_level_word = clean[lm.start("level"):lm.end("level")]
        cit.tail_end = max(cit.tail_end, lm.end())
    im = ISSUER_AFTER_RE.match(st.fold, pos, min(len(st.fold), pos + 120))
    if im:
        s, e = im.start("issuer"), im.end("issuer")
        para = st.fold.find("\n\n", s, e)
        if para != -1:
            e = para
        cc = CENTRAL_COMMITTEE_RE.search(st.fold, s, e)
        if cc:  # 'Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng, khóa XII'
            cit.issuer_raw = "Ban Chấp hành Trung ương" + (" Đảng" if cc.group("dang") else "")
            cit.tail_end = cc.end()
            return cit
        stop = ISSUER_STOP_RE.search(st.fold, s, e)
        if stop:
            e = stop.start()
        nxt = CITATION_RE.search(st.fold, s, e)
        if nxt:
            e = nxt.start()
        raw = " ".join(clean[s:e].split()).rstrip(" ,:-")
        if raw:
            cit.issuer_raw = raw
            cit.tail_end = s + len(clean[s:e].rstrip())
    return cit


def find_citations(st: SourceText, start: int = 0, end: int | None = None) -> list[Citation]:
    found = []
    for k, m in enumerate(CITATION_RE.finditer(st.fold, start, len(st.fold) if end is None else end)):
        if k % 1024 == 0:
            limits.check()
        cit = parse_match(st, m)
        if cit:
            found.append(cit)
    return found


# -- which cited document carries out which -----------------------------------------
_SEP_RE = re.compile(r"^[\s,;]*(?:v[a4]|c[u&]ng)?[\s,;]*$")
# '… thực hiện X', '… về triển khai X', '… triển khai thi hành X': the documents before carry X out
_IMPL_RE = re.compile(r"^[^;.()]{0,70}?(?:" + KW["thuc_hien"] + "|" + KW["trien_khai"] + r"(?:[ \t\n]+thi[ \t\n]*h[a4]nh)?)"
                      r"(?:[ \t\n]+(?:hi[e&]u[ \t\n]+qu[a4]))?[\s:]*$")
_COORD_START_RE = re.compile(r"^[\s,;]*(?:v[a4])(?![a-z])")
_PAREN_RE = re.compile(r"\([^()]{0,600}\)")


def in_parentheses(st: SourceText, cits: list[Citation], lo: int, hi: int) -> set[int]:
    """Indexes of citations inside '(…)' (abbreviation reminders: 'sau đây gọi tắt là …')."""
    inside = set()
    for pm in _PAREN_RE.finditer(st.fold, lo, hi):
        for i, c in enumerate(cits):
            if pm.start() < c.start and c.end <= pm.end():
                inside.add(i)
    return inside


def link_groups(st: SourceText, cits: list[Citation]) -> tuple[list[list[int]], dict[int, int]]:
    """Group citations listed together; map a group to the group it says they carry out.

    Returns (groups of citation indexes, {group: target group}).
    """
    groups: list[list[int]] = []
    target: dict[int, int] = {}
    for i, c in enumerate(cits):
        if i == 0:
            groups.append([i])
            continue
        prev = cits[i - 1]
        between = st.fold[prev.tail_end:c.start]
        if _SEP_RE.match(between):
            groups[-1].append(i)
        elif _IMPL_RE.match(between) and not _COORD_START_RE.match(between):
            groups.append([i])
            target[len(groups) - 2] = len(groups) - 1
        else:
            groups.append([i])
    for g, t in target.items():
        ids = [cits[j].id for j in groups[t]]
        for i in groups[g]:
            for ident in ids:
                if ident != cits[i].id and ident not in cits[i].implements:
                    cits[i].implements.append(ident)
    return groups, target


# -- what the citing text says a cited document is about -----------------------------
# A title (trích yếu) follows the reference and its issuer: '… của Ban Bí thư về tiếp tục
# củng cố …', '… của Thủ tướng Chính phủ phê duyệt Chiến lược …', '… “Về …”'. It starts
# with the words a title starts with, in folded text (OCR drops diacritics).
_TITLE_START_RE = re.compile(
    r"[ \t\n]*,?[ \t\n]*(?P<quote>[“\"])?[ \t\n]*(?=(?:v[e&]|v/v|ph[e&][ \t\n]*duy[e&]t|ban[ \t\n]*h[a4]nh|"
    + KW["thuc_hien"] + "|" + KW["trien_khai"] + r"|quy[ \t\n]*[dp][i1]nh|h[uw][o0]ng[ \t\n]*d[a4]n)(?![a-z]))")
# Where a title ends: a semicolon or colon, an opening parenthesis ('(viết tắt là …)'), a
# sentence's end, the end of its logical line (a line break `SourceText.joined` keeps: a wrapped
# line goes on, a table cell or a new paragraph does not).
_TITLE_END_RE = re.compile(r"[;:\n\t|]| \(|\.(?=[ \t]*(?:\n|$)|[ \t]+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝ])")
# A further reference listed after this one ('…, Quyết định số …', '… và Kế hoạch số …') ends it too;
# one named inside the title ('về thực hiện Chỉ thị số 25-CT/TW …') does not.
_LISTED_RE = re.compile(r"(?:[,;]|(?<![a-z])v[a4])[ \t\n]*$")
TITLE_MAX = 400
# A body's name then what it does: the sentence goes on past the title (not 'Hội nghị lần thứ sáu …').
_CLAUSE_VERB_RE = re.compile(r"[^,;]{0,70}?[ \t\n](?:y[e&]u[ \t\n]*c[a4]u|quy[e&]t[ \t\n]*[dp][i1]nh|[dp][e&][ \t\n]*ngh[i1]"
                             r"|ch[i1][ \t\n]*[dp][a4]o|th[o0]ng[ \t\n]*b[a4]o|x[a4]y[ \t\n]*d[uw]ng[ \t\n]*k[e&][ \t\n]*ho[a4]ch)(?![a-z])")


def citation_title(st: SourceText, c: Citation, cits: list[Citation]) -> tuple[int, int] | None:
    """Offsets in `st.clean` of the title the citing text gives the cited document, without
    quotes, or None when none follows the reference."""
    m = _TITLE_START_RE.match(st.fold, c.tail_end)
    if not m:
        return None
    start = m.end()
    limit = min(len(st.clean), start + TITLE_MAX)
    end = None
    if m.group("quote"):
        quote_end = re.compile(r"[”\"]").search(st.clean, start, limit)
        end = quote_end.start() if quote_end else None
    if end is None:
        stop = _TITLE_END_RE.search(st.joined, start, limit)
        end = stop.start() if stop else limit
        for other in cits:
            if start < other.start < end and _LISTED_RE.search(st.fold, start, other.start):
                end = other.start
                break
        # a clause the sentence goes on with: ', Bộ Xây dựng yêu cầu …', ', Ủy ban Thường vụ Quốc hội quyết định …'
        for comma in re.finditer(r",[ \t\n]+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝỦỤ])", st.clean[start:end]):
            after = start + comma.end()
            if starts_like_agency(st.clean[after:end]) and _CLAUSE_VERB_RE.match(st.fold, after, end):
                end = start + comma.start()
                break
        if end == limit and limit < len(st.clean):  # too long to be a title: to the last word boundary
            end = st.clean.rfind(" ", start, limit)
        # a closing quote at the end of a line ends it, whatever the line's joining made of it
        closing = re.compile(r"”(?=[ \t]*\n)").search(st.clean, start, end)
        if closing and "“" in st.clean[start:closing.start()]:
            end = closing.end()
        # a name quoted inside the title ('… Đề án “Nâng cao …”') goes on to its closing quote
        if st.clean.count("“", start, end) > st.clean.count("”", start, end):
            close = st.clean.find("”", end, limit)
            end = close + 1 if close != -1 else end
    while True:  # what a list or a sentence leaves at the end: ', và', a closing quote not opened inside
        before = end
        while end > start and (st.clean[end - 1] in " \t\n,.;:“\"-"
                               or st.clean[end - 1] == "”" and "“" not in st.clean[start:end]):
            end -= 1
        if re.search(r"(?<![a-z])v[a4]$", st.fold[start:end]):
            end -= 2
        if end == before:
            break
    if len(st.clean[start:end].split()) < 3:
        return None
    return start, end
