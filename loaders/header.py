"""What identifies a plan: number, symbol, kind, date, place, title, issuer, locality."""
import re
from collections import Counter
from dataclasses import dataclass, field

from policykg.base.places import places
from policykg.base.vocab import DOC_TYPES, KW, SYMBOL_ISSUERS, SYMBOL_TYPES, canonical_symbol_part

from .citations import CITATION_RE, Citation, parse_match
from .sections import SIGNING_LINE_RE
from .structure import logical_lines
from .text import Line, SourceText, fold, squash

BOILERPLATE_RE = re.compile(
    r"^\s*(?:v[a4]n\s*b[a4]n\s*n[a4]y\s*ch[uw]a\s*c[a4]p\s*nh[a4]t|b[a4]n\s*ch[uw]a\s*[dp][a4]ng\s*nh[a4]p|ngu[o0]n\s*tra\s*c[uw]u"
    r"|dmca|ip:\s*\d|h[a4]y\s*[dp][e&]\s*ch[uw]ng\s*t[o0]i|n[e&]u\s*ch[uw]a\s*l[a4]\s*th[a4]nh\s*vi[e&]n|v[i1]\s*ch[uw]a\s*[dp][a4]ng\s*nh[a4]p"
    r"|t[uw]\s*kh[o0]a:|[dp][a4]ng\s*t[a4]i\s*v[a4]n\s*b[a4]n|[dp][a4]ng\s*nh[a4]p\s*$|l[uw][o0]c\s*[dp][o0]\s*$|t[a4]i\s*v[e&]\s*$)"
)
# The website's metadata block, the value on the key's line or in the next cell ('|' lines between).
_CELL_GAP = r"[ \t*]*(?:\n[ \t|*]*){0,4}"
META_RE = {
    "id": re.compile(r"s[o0]\s*hi[e&]u:" + _CELL_GAP + r"(?P<v>[^\n|*]*?)(?=\s{2,}|\s+lo[a4]i\s*v[a4]n|[ \t]*[|*]|$)", re.M),
    "type": re.compile(r"lo[a4]i\s*v[a4]n\s*b[a4]n:" + _CELL_GAP + r"(?P<v>[^\n|*]*?)(?=\s{2,}|[ \t]*[|*]|$)", re.M),
    "place": re.compile(r"n[o0]i\s*ban\s*h[a4]nh:" + _CELL_GAP + r"(?P<v>[^\n|*]*?)(?=\s+ng[uw][o0]?i\s*k[yi]|\s{2,}|[ \t]*[|*]|$)", re.M),
    "signer": re.compile(r"ng[uw][o0]?i\s*k[yi]:" + _CELL_GAP + r"(?P<v>[^\n|*]*?)(?=\s{2,}|[ \t]*[|*]|$)", re.M),
    "date": re.compile(r"ng[a4]y\s*ban\s*h[a4]nh:" + _CELL_GAP + r"(?P<v>\d{1,2}/\d{1,2}/\d{4})", re.M),
}
# The last keys of that block: the document starts after their values.
_META_END_RE = re.compile(r"^[\s|*#]*(?:t[i1]nh\s*tr[a4]ng|s[o0]\s*c[o0]ng\s*b[a4]o|ng[a4]y\s*c[o0]ng\s*b[a4]o|ng[a4]y\s*hi[e&]u\s*l[uw]c)\s*:")
OWN_NUMBER_RE = re.compile(  # 'Số: 201 /KH-TTYT', 'Số: /KH-UBND', Party style 'Số 197-KH/TU'
    r"(?<![a-z])s[o06b]\s*(?:hi[e&]u)?\s*(?::\s*(?P<num>\d{0,5})|(?=\d)(?P<num2>\d{1,5}))\s*"
    # a law's 'Luật số: 60/2024/QH15' has one part after its year
    r"(?P<sym>[/-]?\s*(?:(?:19|20)\d\d\s*/\s*[a-z&][a-z0-9&]{0,9}(?:\s*[-/]\s*[a-z&][a-z0-9&]{0,10}){0,3}"
    r"|[a-z&][a-z0-9&]{0,9}(?:\s*[-/]\s*[a-z&][a-z0-9&]{0,10}){1,3}))"
)
DATE_LINE_RE = re.compile(
    # italics a page closes and reopens inside the line: '*Hà Nội,\nngày*\n*02 tháng 12 năm 2025*'
    r"(?P<place>[^\n,]{2,60}),[\s*_]*" + KW["ngay"] + r"[\s*_]*(?P<d>\d{1,2})?[\s*_]*" + KW["thang"] + r"[\s*_]*(?P<m>\d{1,2})?[\s*_]*"
    + KW["nam"] + r"[\s*_]*(?P<y>(?:19|20)\d\d)(?!\d)"
)
PREAMBLE_KEY_RE = re.compile(r"^\s*(?:" + KW["can_cu"] + "|" + KW["thuc_hien"] + "|" + KW["trien_khai"]
                             + r"|x[e&]t\s*[dp][e&]\s*ngh[i1]|theo\s*[dp][e&]\s*ngh[i1])")
_ISSUING_LINE_RE = re.compile(r"(?:uy\s*ban\s*nhan\s*dan|thu\s*tuong|chu\s*tich|bo\s*truong|cuc\s*truong|chinh\s*phu|hoi\s*dong\s*nhan\s*dan"
                              r"|ban\s*chap\s*hanh|ban\s*thuong\s*vu|giam\s*doc|bo\s+\S+|so\s+\S+)")
ANNEX_CAPTION_RE = re.compile(r"k[e&]m\s*theo")
LEVELS = {
    "UBND": None, "TU": "provincial-party", "HU": "district-party", "TTYT": "district-health-centre",
    "TTg": "national-government", "CP": "national-government", "TW": "national-party",
}


@dataclass
class Header:
    body_start: int = 0
    body_end: int = 0
    own: Citation | None = None
    number: str | None = None
    symbol: str | None = None
    type: str | None = None
    heading_line: int | None = None
    date: str | None = None
    plan_year: int | None = None
    place_written: str | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None
    own_id: str | None = None
    party: bool = False
    meta: dict = field(default_factory=dict)
    spans: dict = field(default_factory=dict)


# A site's caption of the document it shows: its kind and id, then its subject
_CAPTION_RE = re.compile(r"(?:" + "|".join(p for p, _ in DOC_TYPES) + r")\s+\d{1,6}\s*[/-]\s*\S")
# The first lines of a document's header block ('ỦY BAN NHÂN DÂN', 'CỘNG HÒA …', 'Số: …')
_DOC_START_RE = re.compile(r"(?:uy\s*ban|[dp][a4]ng\s*b[o0]|c[o0]ng\s*h[o0][a4]|s[o06]\s*:|t[i1]nh\s*[uy]y|huy[e&]n\s*[uy]y|b[o0]\s*y\s*t[e&]"
                           r"|so\s*y\s*te|trung\s*t[a4]m)")
# Any issuing body's first line in capitals ('BỘ CÔNG THƯƠNG', 'CHÍNH PHỦ', 'QUỐC HỘI', 'BAN CHẤP
# HÀNH / TRUNG ƯƠNG', 'CỤC THUẾ'), a Party header's 'Số 07-KL/VPTW', a law's 'Luật số: …': the header
# block starts there, not at the kind heading under it (whose 'Số:' and date line would be lost).
_BODY_FIRST_RE = re.compile(r"(?!ban\s*d[i1]ch)(?:ubnd|hdnd|s[o0](?=\s+[a-z])|b[o0]|c[uw]c|t[o0]ng\s*c[uw]c|ban|[uy]y\s*ban|h[o0]i\s*[dp][o0]ng|v[a4]n\s*ph[o0]ng|ch[i1]\s*c[uw]c"
                            r"|ch[i1]nh\s*ph[uw]|qu[o0]c\s*h[o0]i|th[uw]\s*t[uw][o0]ng|[dp][a4]ng\s*c[o0]ng\s*s[a4]n|ki[e&]m\s*to[a4]n"
                            r"|ng[a4]n\s*h[a4]ng|b[a4]o\s*hi[e&]m|thanh\s*tra|t[o0][a4]\s*[a4]n|vi[e&]n\s*ki[e&]m\s*s[a4]t|c[o0]ng\s*[a4]n"
                            r"|ch[uw]\s*t[i1]ch|thu[e&])(?![a-z])")
_PARTY_NUMBER_RE = re.compile(r"(?:lu[a4]t\s*)?s[o0]\s*:?\s*\d{1,5}\s*[-/]")


def _header_first(ln: Line) -> bool:
    """A line that can open a document's header block."""
    f = ln.folded.strip(" |*#\t_-")
    if _DOC_START_RE.match(f):
        return True
    text = ln.text.strip(" |*#\t_-")
    if (text[:1] == "S" or text[:4] == "Luật") and _PARTY_NUMBER_RE.match(f):
        return True
    # the first cell of a header run into one line: 'CHÍNH PHỦ_______ Số: 172/2025/NĐ-CP | CỘNG HÒA …'
    first_cell = re.split(r"[|_]|-{2,}|\s{3,}", text)[0]
    return first_cell.isupper() and bool(_BODY_FIRST_RE.match(f))


def body_bounds(st: SourceText) -> tuple[int, int]:
    """Skip a web page's site text before and after the document."""
    lines = st.lines
    start = 0
    first = 0
    for i, ln in enumerate(lines[: min(len(lines), 120)]):
        if _META_END_RE.match(ln.folded):
            first = i + 1
        elif first and (_DOC_START_RE.match(ln.folded.strip(" |*#\t")) or BOILERPLATE_RE.match(ln.folded)):
            break  # the document (or the site's text after it) has begun: a 'Tình trạng:' further on is the site's list of related documents
    if first:  # skip the metadata block's last value
        while first < len(lines) and not lines[first].text.strip(" |*"):
            first += 1
        first += 1
    for ln in lines[first: min(len(lines), first + 80)]:
        f = ln.folded.strip(" |*#\t")
        if _header_first(ln) or any(re.fullmatch(p, f) for p, _ in DOC_TYPES):
            start = ln.start
            break
        if first and BOILERPLATE_RE.match(ln.folded):
            # the site's words right after its metadata: the page holds no text of the document
            # (a consolidated text 'đang cập nhật'), and what follows is the site's, not its title
            start = lines[first].start if first < len(lines) else ln.start
            return start, ln.start
    end = len(st.clean)
    seen_content = False
    read = 0  # characters of the document read so far: a page that wraps its lines has none over 200
    last_text: Line | None = None
    for ln in lines:
        if ln.start < start:
            continue
        read += len(ln.text)
        if len(ln.text) > 200 or read > 600:
            seen_content = True
        if seen_content and BOILERPLATE_RE.match(ln.folded):
            end = ln.start
            # the site's caption of the document just above ('Quyết định 138/2025/QĐ-UBND về …')
            if last_text is not None and _CAPTION_RE.match(last_text.folded.strip(" |*#")):
                end = last_text.start
            break
        if ln.text.strip(" |*"):
            last_text = ln
    return start, end


def make_symbol(raw: str) -> str:
    parts = re.split(r"\s*([-/])\s*", raw.strip(" /-"))
    return "".join(p if p in "-/" else canonical_symbol_part(p) for p in parts)


def _metadata(st: SourceText, lo: int, hi: int) -> dict:
    meta = {}
    for key, rx in META_RE.items():
        m = rx.search(st.fold, lo, hi)
        if m:
            meta[key] = (squash(st.clean[m.start("v"):m.end("v")]), st.span(m.start("v"), m.end("v")))
    return meta


def _heading(st: SourceText, lo: int, hi: int) -> tuple[int | None, str | None]:
    for idx, ln in enumerate(st.lines):
        if ln.start < lo or ln.start >= hi:
            continue
        f = ln.folded.strip(" *#")
        for pattern, name in DOC_TYPES:
            if re.fullmatch(pattern, f) and ln.text.strip(" *#")[:1].isupper():
                return idx, name
        # the kind broken over two lines by a web page ('**NGHỊ' / 'QUYẾT**', '**QUYẾT' / 'ĐỊNH**'):
        # the heading is its second line, the title starts after it
        if len(f.split()) == 1 and ln.text.strip(" *#").isupper() and idx + 1 < len(st.lines):
            nxt = st.lines[idx + 1]
            both = f"{f} {nxt.folded.strip(' *#')}"
            if nxt.text.strip(" *#").isupper() and any(re.fullmatch(pattern, both) for pattern, _ in DOC_TYPES):
                return idx + 1, next(name for pattern, name in DOC_TYPES if re.fullmatch(pattern, both))
        if idx > 120 and ln.start > lo + 6000:
            break
    return None, None


_WORD_RE = re.compile(r"\w+")
_LETTER_RE = re.compile(r"^[\s|*_]*v/v\b", re.M)
# A letter's subject line: 'V/v …', or in italics under the number '*Về hướng dẫn …*'
_SUBJECT_RE = re.compile(r"^[\s|*_]*v/v\b|^[\s|_]*\*[ \t]*v[e&][ \t]+(?=\w)", re.M)
_PASSED_ON_RE = re.compile(r"(?:ngh[i1]\s*quy[e&]t|(?:b[o0]\s*)?lu[a4]t)\s*n[a4]y\s*(?:[dp][a4]\s*)?[dp][uw][o0]c[^.;]{0,250}?th[o0]ng\s*qua"
                           r"[\s*_]*(?:ng[a4]y[\s*_]*)?(?P<d>\d{1,2})[\s*_]*(?:th[a4]ng|/)[\s*_]*(?P<m>\d{1,2})[\s*_]*(?:n[a4]m|/)[\s*_]*"
                           r"(?P<y>(?:19|20)\d\d)")


def sentence_case(title: str, st: SourceText, ids: dict[str, str]) -> str:
    """An all-capitals title in the case the rest of the document writes those words.

    The longest run of title words that also occurs in the body (up to five words)
    takes the body's casing: 'CỦA TỈNH ỦY NGHỆ AN' → 'của Tỉnh ủy Nghệ An'.
    """
    words: list[str | None] = []
    lowered: list[str | None] = []

    def take(block: list[str]) -> None:
        """The words of lines in a row that are not all capitals, with one findall; their
        lower case from the block's, when lowering goes character by character (no length
        change, no final sigma, the one context rule)."""
        text = "\n".join(block)
        found = _WORD_RE.findall(text)
        low = text.lower()
        words.extend(found)
        lowered.extend(_WORD_RE.findall(low) if len(low) == len(text) and "Σ" not in text else [w.lower() for w in found])

    block: list[str] = []
    for ln in st.lines[:4000]:  # enough text to learn the casing; bounded for huge files
        if ln.text.isupper():
            take(block)
            block = []
            words.append(None)  # capitals carry no case information
            lowered.append(None)
            continue
        block.append(ln.text)
    take(block)
    title_words = [w.lower() for w in re.findall(r"\w+", title)]
    needed = {tuple(title_words[i:i + n]) for n in range(1, 6) for i in range(len(title_words) - n + 1)}
    vocab = set(title_words)
    # Where each title word occurs; a run's surface forms are counted when the title asks
    # for it (counting every run of every occurrence up front cost a tenth of the parse).
    positions: dict[str, list[int]] = {}
    for i, low in enumerate(lowered):
        if low is not None and low in vocab:
            positions.setdefault(low, []).append(i)
    grams: dict[tuple, Counter | None] = {}

    def surfaces(gram: tuple) -> Counter | None:
        """How the body writes the run of words `gram` (lower case), or None if it never does."""
        if gram not in grams:
            n, want = len(gram), list(gram)
            found = Counter(tuple(words[i:i + n]) for i in positions.get(gram[0], []) if lowered[i:i + n] == want)
            grams[gram] = found if gram in needed and found else None
        return grams[gram]

    tokens = re.split(r"(\s+)", title)
    out = list(tokens)
    word_pos = [(i, t) for i, t in enumerate(tokens) if t.strip()]
    k = 0
    while k < len(word_pos):
        i, token = word_pos[k]
        key = re.sub(r"\s+", "", token).strip(",.;:").lower()
        if key in ids:
            out[i] = token.replace(token.strip(",.;:"), ids[key])
            k += 1
            continue
        done = False
        for n in range(min(5, len(word_pos) - k), 0, -1):
            found = [re.match(r"^(\W*)(\w+)(\W*)$", word_pos[k + j][1]) for j in range(n)]
            parts = [p for p in found if p is not None]
            if len(parts) < n or any(j < n - 1 and parts[j].group(3) not in ("", ",") for j in range(n)):
                continue
            gram = tuple(p.group(2).lower() for p in parts)
            counted = surfaces(gram)
            if counted is not None:
                surface = counted.most_common(1)[0][0]
                for j in range(n):
                    p = parts[j]
                    out[word_pos[k + j][0]] = p.group(1) + surface[j] + p.group(3)
                k += n
                done = True
                break
        if not done:
            out[i] = token.lower()
            k += 1
    text = "".join(out)
    # A quoted name starts with a capital, as a sentence does: Đề án “Nâng cao nhận thức …”
    text = re.sub(r"([“«\"]\s*)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)
    text = _quoted_as_in_body(text, st)
    return text[:1].upper() + text[1:]


def _quoted_as_in_body(text: str, st: SourceText) -> str:
    """A quoted name in the title (a programme's, Đề án “…”) as the body writes that name
    between quotes, when it does in other than capitals: names keep their own capitals."""
    quoted = list(re.finditer(r"“([^”]{8,300})”", text))
    if not quoted:
        return text
    body = " ".join(st.clean[:400_000].split())
    low = body.lower()
    if len(low) != len(body):
        return text
    for q in reversed(quoted):
        name = q.group(1)
        at = low.find("“" + name.lower() + "”")
        while at != -1:
            written = body[at + 1:at + 1 + len(name)]
            if not written.isupper():
                text = text[:q.start(1)] + written + text[q.end(1):]
                break
            at = low.find("“" + name.lower() + "”", at + 1)
    return text


_KIND_CAPS_RE = re.compile(r"(?<![\w])(KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|NGHỊ QUYẾT|NGHỊ ĐỊNH|THÔNG TƯ|CÔNG ĐIỆN|HƯỚNG DẪN"
                           r"|CHƯƠNG TRÌNH HÀNH ĐỘNG|CHƯƠNG TRÌNH|ĐỀ ÁN|KẾT LUẬN)")


def _kind_in_capitals(st: SourceText, lo: int, hi: int) -> re.Match | None:
    """The first kind written in capitals as a word, or run into its title by a page that
    dropped the line break ('NGHỊ ĐỊNHQuy định về …': a capital then lower case after it)."""
    for m in _KIND_CAPS_RE.finditer(st.clean, lo, hi):
        after = st.clean[m.end():m.end() + 2]
        if not after[:1].isalnum() or (after[:1].isupper() and after[1:2].islower()):
            return m
    return None


def _kind_of_symbol(symbol: str) -> str | None:
    """The kind a symbol's kind code names ('2025/NĐ-CP' → Nghị định, 'KL/VPTW' → Kết luận,
    '224/CĐ-TTg' → Công điện). 'CT' is also the Cục Thuế's code ('5348/CT-CS', a letter): a
    Chỉ thị only before a known issuer ('CT-TTg', 'CT-UBND')."""
    parts = [p for p in re.split(r"[-/]", symbol) if p and not p.isdigit()]
    if len(parts) < 2 or parts[0] not in SYMBOL_TYPES:
        return None
    if parts[0] == "CT" and parts[1] not in SYMBOL_ISSUERS and parts[1] not in ("UBND", "TW", "TU", "HU"):
        return None
    return SYMBOL_TYPES[parts[0]]


def _inline_title(st: SourceText, h: Header, hi: int) -> None:
    """A header run into one line: 'UBND … Số: 45/KH-UBND … ngày … KẾ HOẠCH Triển khai …'."""
    m = _kind_in_capitals(st, h.body_start, hi)
    if not m:
        return
    from policykg.base.vocab import doc_type_from_words
    h.type = h.type or doc_type_from_words(fold(m.group(1)))
    start = m.end()
    line_end = st.clean.find("\n", start)
    line_end = hi if line_end == -1 else min(line_end, hi)
    stop = line_end
    for km in re.finditer(r"(?<![a-z])(?:" + KW["can_cu"] + "|" + KW["thuc_hien"] + "|" + KW["trien_khai"] + ")", st.fold[start:line_end]):
        if km.start() > 15 and st.clean[start + km.start()].isupper():  # 'Căn cứ …', not '… về việc thực hiện dự án'
            stop = start + km.start()
            break
    raw = st.clean[start:stop]
    if raw.strip():
        s = start + len(raw) - len(raw.lstrip())
        h.title = squash(raw)
        h.title_span = (s, start + len(raw.rstrip()))


def _letter_subject(st: SourceText, h: Header, hi: int) -> None:
    """A letter's title: its subject line under the number, 'V/v …' as written, to the end of
    its italics or of its cell ('*V/v thuế suất thuế' / 'GTGT*' / '|')."""
    m = _SUBJECT_RE.search(st.fold, h.body_start, min(hi, h.body_start + 1500))
    if m is None:
        return
    start = st.clean.index("V", m.start()) if "V" in st.clean[m.start():m.end()] else m.end() - 3
    end = start
    for ln in st.lines:
        if ln.end <= start:
            continue
        text = ln.text.strip()
        if ln.start > start and (not text.strip("|") or DATE_LINE_RE.match(ln.folded)):
            break
        end = ln.end
        if ln.start > start + 300 or text.endswith("*") or text.endswith("|"):
            break
    raw = st.clean[start:end]
    title = squash(raw.replace("*", " ").replace("|", " ")).strip(" .")
    if re.search(r"\w{2}", title[3:]):  # not a blank form's 'V/v: ……'
        h.title = title
        h.title_span = (start, start + len(raw.rstrip(" *|\n.")))


# The preamble's bases: 'Căn cứ …', 'Xét đề nghị …' (a title may open with 'Thực hiện', 'Triển khai')
_BASIS_RE = re.compile(r"^\s*(?:" + KW["can_cu"] + r"|x[e&]t\s*[dp][e&]\s*ngh[i1]|theo\s*[dp][e&]\s*ngh[i1])")
_ARTICLE_RE = re.compile(r"^\s*(?:[dp]i[e&]u\s*\d|ch[uw][o0]ng\s*[ivx\d]|ph[a4]n\s*[ivx\d]|[ivx]+\.\s)")


def _bold_title(st: SourceText, h: Header, hi: int) -> None:
    """A page that lost the kind heading: the title is the bold paragraph right under the
    number and date ('**Quy định chế độ … ****trong các cơ sở …**'), before the preamble."""
    after = max((h.spans[k][1] for k in ("document.id", "document.date") if k in h.spans), default=None)
    if after is None:
        return
    marks = set(st.bold_marks)
    lines: list[Line] = []
    for idx in range(st.line_index_at(after) + 1, len(st.lines)):
        ln = st.lines[idx]
        if ln.start >= hi:
            break
        text = ln.text.strip(" |\t")
        if not text.strip("*_-"):
            if lines:
                break  # the paragraph's end
            continue
        opens = ln.start + len(ln.text) - len(ln.text.lstrip(" |\t"))
        f = ln.folded.lstrip(" |*_#")
        if not lines and (opens not in marks or PREAMBLE_KEY_RE.match(f) or _ARTICLE_RE.match(f) or DATE_LINE_RE.search(f)):
            return  # the text goes on without a bold title
        lines.append(ln)
        if len(lines) >= 6:
            break
    if not lines:
        return
    s, e = lines[0].start, lines[-1].end
    raw = st.clean[s:e]
    title = squash(raw.replace("|", " ")).strip(" .")
    if len(title.split()) >= 3:
        h.title = title
        h.title_span = (s + len(raw) - len(raw.lstrip(" |\t")), s + len(raw.rstrip(" |\t")))


def _enacting_title(st: SourceText, h: Header, hi: int) -> None:
    """A page that lost the title under the kind heading: the preamble's enacting formula
    says it ('Bộ trưởng Bộ Xây dựng ban hành Thông tư sửa đổi, bổ sung … .'), before Điều 1."""
    if h.type is None or h.heading_line is None:
        return
    formula = re.compile(r"ban\s*hanh\s+" + r"\s*".join(fold(h.type).split()) + r"\s+(?=\w)")
    for ln in logical_lines(st, st.lines[h.heading_line].end, min(hi, st.lines[h.heading_line].end + 6000)):
        f = ln.folded.lstrip(" *_|")
        if _ARTICLE_RE.match(f):
            return
        m = formula.search(ln.folded)
        if m is None or PREAMBLE_KEY_RE.match(f):
            continue
        s = ln.start + m.end()
        raw = st.clean[s:ln.end]
        title = re.sub(r"\s+như\s+sau$", "", squash(raw.replace("*", " ")).rstrip(" .;:"))
        if len(title.split()) >= 3:
            h.title = title[:1].upper() + title[1:]
            h.title_span = (s, s + len(raw.rstrip(" *.;:_|\n")))
        return


def read_header(st: SourceText, ocr: bool) -> Header:
    h = Header()
    h.body_start, h.body_end = body_bounds(st)
    h.meta = _metadata(st, 0, min(h.body_end, h.body_start + 3000) if h.body_start else min(h.body_end, 3000))
    head_hi = min(h.body_end, h.body_start + 8000)
    h.heading_line, h.type = _heading(st, h.body_start, head_hi)
    if h.type is None and "type" in h.meta:
        # a letter has no kind heading ('V/v …'): the site's 'Loại văn bản: Công văn' says it
        kind = fold(h.meta["type"][0]).strip(" .")
        h.type = next((name for pattern, name in DOC_TYPES if re.fullmatch(pattern, kind)), None)
    heading_pos = st.lines[h.heading_line].start if h.heading_line is not None else h.body_start
    # Number and symbol of the header block ('Số: 201 /KH-TTYT'), before the title.
    m = None
    for cand in OWN_NUMBER_RE.finditer(st.fold, h.body_start, heading_pos + 200 if h.heading_line is not None else head_hi):
        # Without a colon only a header's capital 'Số 197-KH/TU' counts, not 'Quyết định số 89/QĐ-TTg'.
        if cand.group("num2") and (st.clean[cand.start()] != "S" or (h.heading_line is not None and cand.start() > heading_pos)):
            continue
        m = cand
        break
    if m:
        num = m.group("num") or m.group("num2") or None
        sym_raw = st.clean[m.start("sym"):m.end("sym")]
        sep = sym_raw.strip()[:1]
        h.symbol = make_symbol(sym_raw)
        h.number = num
        h.party = sep == "-"  # 'Số 07-KL/VPTW': a Party document's number and kind joined by a dash
        h.spans["document.id"] = st.span(m.start(), m.end())
    # Date line: 'Kiên Hải, ngày 06 tháng 11 năm 2024'.
    # On the logical text: a web page breaks '*Thành phố Hồ\nChí Minh, ngày …*' inside the name.
    dm = DATE_LINE_RE.search(st.joined_fold, h.body_start, heading_pos + 200 if h.heading_line is not None else head_hi)
    if dm:
        written = squash(st.joined[dm.start("place"):dm.end("place")])
        words = written.replace("*", " ").replace("_", " ").split()  # italics: '*Cần Thơ, ngày …*'
        caps: list[str] = []
        for w in reversed(words):
            if w[:1].isupper() and not re.search(r"\d|:|/", w):
                caps.insert(0, w)
            else:
                break
        h.place_written = " ".join(caps[-4:]) or None
        if dm.group("y"):
            h.plan_year = int(dm.group("y"))
        if dm.group("d") and dm.group("m"):
            from .citations import _iso_date
            h.date = _iso_date(dm.group("d"), dm.group("m"), dm.group("y"))
        h.spans["document.date"] = st.span(dm.start(), dm.end())
    # No header block: the appendix caption says 'Kèm theo Kế hoạch số: 177/KH-UBND ngày …'.
    if h.number is None:
        for cm in CITATION_RE.finditer(st.fold, h.body_start, h.body_end):
            if ANNEX_CAPTION_RE.search(st.fold, max(0, cm.start() - 25), cm.start()):
                c = parse_match(st, cm)
                if c:
                    h.own = c
                    h.number, h.symbol = c.number, c.symbol
                    h.date = h.date or c.date
                    if c.date and not h.plan_year:
                        h.plan_year = int(c.date[:4])
                    h.type = h.type or c.type
                    h.spans["document.id"] = st.span(c.id_start, c.end)
                    break
    if h.number is None and "id" in h.meta:
        im = CITATION_RE.search(fold(h.meta["id"][0]))
        if im:
            h.number = im.group("num")
            h.symbol = make_symbol(h.meta["id"][0][im.end("num"):])
    if h.date is None and "date" in h.meta:
        d, mth, y = h.meta["date"][0].split("/")
        from .citations import _iso_date
        h.date = _iso_date(d, mth, y)
        h.plan_year = h.plan_year or int(y)
    if h.date is None:
        # a resolution without a date line is dated by its adoption: 'Nghị quyết này được Ủy ban
        # Thường vụ Quốc hội … thông qua ngày 16 tháng 4 năm 2025'
        pm = _PASSED_ON_RE.search(st.fold, h.body_start, h.body_end)
        if pm:
            from .citations import _iso_date
            h.date = _iso_date(pm.group("d"), pm.group("m"), pm.group("y"))
            h.plan_year = h.plan_year or int(pm.group("y"))
            h.spans["document.date"] = st.span(pm.start("d"), pm.end("y"))
    # Title: the lines under the kind heading, up to the opening 'Căn cứ'/'Thực hiện'.
    if h.heading_line is None:
        _inline_title(st, h, head_hi)
    if h.heading_line is not None:
        title_lines: list[Line] = []
        for idx in range(h.heading_line + 1, min(len(st.lines), h.heading_line + 14)):
            ln = st.lines[idx]
            text = ln.text.strip()
            if not text:
                continue
            if not title_lines and _BASIS_RE.match(ln.folded.lstrip(" *_")):
                break  # the page lost the title: the preamble follows the heading ('Căn cứ …')
            # a new paragraph (a blank line above): a one-line title has ended before it
            gap = not st.lines[idx - 1].text.strip(" |*")
            if title_lines and gap and text.strip(" *#").isupper() and SIGNING_LINE_RE.match(ln.folded.strip(" *#")):
                break  # who decides, above a decision's preamble: 'TRƯỞNG BAN CHỈ ĐẠO …', 'TỔNG KIỂM TOÁN NHÀ NƯỚC'
            if title_lines and text.isupper() and not title_lines[0].text.strip().isupper():
                break  # 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …' under a decision's title
            if title_lines and _ISSUING_LINE_RE.match(ln.folded.strip(" *#")) and text.strip(" *#").isupper() \
                    and not re.match(r"\W*(?:BỐ|SỐ)\s", text):  # 'CÔNG' / 'BỐ DANH MỤC …', '… QUYẾT ĐỊNH' / 'SỐ 15/2025/QĐ-UBND …'
                break  # 'ỦY BAN NHÂN DÂN THÀNH PHỐ …' / 'THỦ TƯỚNG CHÍNH PHỦ' above a decision's preamble
            caps_title = text.strip(" *#").isupper() and title_lines and title_lines[0].text.strip(" *#").isupper()
            if title_lines and title_lines[0].text.strip(" *#").isupper() and title_lines[-1].text.strip(" *#").isupper() \
                    and (len(title_lines) > 1 or gap) and any(c.islower() for c in text) and not text.strip(" *_").startswith("("):
                break  # a title in capitals ends where sentence case starts ('Quyết định số 142/2008/QĐ-TTg …'), not at its note '(thực hiện …)'
            if title_lines and ((PREAMBLE_KEY_RE.match(ln.folded.lstrip(" *_")) and not caps_title) or re.match(r"^\s*(?:[ivx]+\.|-{3,}|_{3,}|\(?ban h[a4]nh k[e&]m|k[e&]m theo)", ln.folded)):
                break
            if not title_lines and re.match(r"^\s*(?:-{3,}|_{3,})", text):
                continue
            if title_lines and re.fullmatch(r"[\s_\-=*]+", text):
                break  # the rule under the title, what a page left of it ('_')
            title_lines.append(ln)
            if len(title_lines) >= 8:
                break
        if title_lines:
            s, e = title_lines[0].start, title_lines[-1].end
            raw = squash(st.clean[s:e])
            s += len(st.clean[s:e]) - len(st.clean[s:e].lstrip())
            h.title_span = (s, e)
            h.title = raw
    if h.title is None and h.heading_line is not None:
        _enacting_title(st, h, head_hi)
    if h.type is None and h.symbol:
        h.type = _kind_of_symbol(h.symbol)  # the page lost the kind heading: the symbol names it
    if h.type is None and h.heading_line is None and _LETTER_RE.search(st.fold, h.body_start, min(head_hi, h.body_start + 1500)):
        h.type = "Công văn"  # a letter has no kind heading: its subject line 'V/v …' under the number
    if h.title is None and h.heading_line is None:
        _letter_subject(st, h, head_hi)
    if h.title is None and h.heading_line is None:
        _bold_title(st, h, head_hi)
    if h.number is not None and h.symbol:
        party = h.party or (h.symbol.split("/")[-1] in ("TW", "TU", "HU", "ĐU", "QU", "ĐUK", "BCSĐ") and "/" in h.symbol
                            and "-" not in h.symbol.split("/")[-1])
        h.own_id = f"{h.number}-{h.symbol}" if party else f"{h.number}/{h.symbol}"
    else:
        h.own_id = None
    return h


# -- locality and issuer ------------------------------------------------------------
_PREFIXED_RE = re.compile(r"(?<![a-z])(t[i1]nh|th[a4]nh\s*ph[o0]|huy[e&]n|qu[a4]n|th[i1]\s*x[a4])\s+")


def place_mentions(st: SourceText, lo: int, hi: int) -> Counter:
    """Counts of gazetteer places named with their unit type ('huyện Kiên Hải')."""
    gaz = places()
    found: Counter = Counter()
    for m in _PREFIXED_RE.finditer(st.fold, lo, hi):
        words = st.clean[m.end():m.end() + 40].split()
        for n in range(min(gaz.max_words, len(words)), 0, -1):
            cand = " ".join(words[:n]).strip(",.;:()")
            if not cand[:1].isupper():
                continue
            hits = gaz.lookup(st.clean[m.start():m.end()].strip() + " " + cand)
            if hits:
                for p in hits:
                    found[p] += 1
                break
    return found


# -- the issuing body's level, by the structure of the header's issuing-body block -------
# The block names the issuer last, under the body it belongs to ('BỘ TÀI CHÍNH / CỤC THUẾ',
# 'CỤC THUẾ / THUẾ TỈNH TÂY NINH', 'UBND THÀNH PHỐ HÀ NỘI / TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG').
_OWN_PLACE_RE = re.compile(r"^(?P<body>.+?)\s+(?P<unit>tinh|thanh\s*pho)\s+(?P<place>\S.*)$")
_PROVINCIAL_PARENT_RE = re.compile(r"^(?:uy\s*ban\s*nhan\s*dan|ubnd|hoi\s*dong\s*nhan\s*dan|hdnd)\s+(?P<place>(?:tinh|thanh\s*pho)\s+\S.*)$")
_CENTRAL_UNIT_RE = re.compile(r"^(?:tong\s*cuc|cuc|vu|thanh\s*tra\s*bo)\b")
_NATIONAL_BOARD_RE = re.compile(r"^(?:ban\s*chi\s*dao|hoi\s*dong|uy\s*ban)\b.*\b(?:nha\s*nuoc|quoc\s*gia|trung\s*uong)\b")
_NO_COMMITTEE_RE = re.compile(r"^(CHỦ TỊCH|Chủ tịch)(\s+)(?=(?:NHÂN DÂN|nhân dân)\b)")


def _province_named(folded: str) -> bool:
    """'tỉnh Tây Ninh', 'thành phố Hà Nội': a province (a 'thành phố' only if it is one)."""
    m = _OWN_PLACE_RE.match(folded)
    if m is None or m.group("body").endswith("dan"):  # 'ỦY BAN NHÂN DÂN TỈNH …' is the province's own body
        return False
    return m.group("unit") == "tinh" or bool(places().lookup(m.group("place"), level="province"))


def names_own_place(text: str) -> bool:
    """A line of the block that is a whole body's name with its province ('THUẾ TỈNH TÂY
    NINH'), not the rest of the line above ('DÂN TỈNH CÀ MAU', 'VÀ DU LỊCH')."""
    return _province_named(fold(text).strip())


def body_with_level(name: str, parents: list[str]) -> tuple[str, str | None]:
    """The issuer's name, mended, and the level its place in the block gives it (None when
    the block does not tell): a body named with its province, or under a province's People's
    Committee or Council, is a provincial department; a unit under the Party's Central
    Committee is a central Party body ('Văn phòng Trung ương'); a Cục, Tổng cục or Vụ without
    a place, or any unit under a ministry, is the ministry's, and so is a central State body
    heading the block alone ('Kiểm toán nhà nước', as 'Ngân hàng Nhà nước'); a national
    steering board or council ('Ban Chỉ đạo Nhà nước về Du lịch') is the Government's."""
    # 'CHỦ TỊCH NHÂN DÂN / THÀNH PHỐ HUẾ': the block dropped 'Ủy ban'
    name = _NO_COMMITTEE_RE.sub(lambda m: m.group(1) + m.group(2) + ("ỦY BAN " if m.group(1).isupper() else "Ủy ban "), name)
    f = " ".join(fold(name).split())
    folded_parents = [" ".join(fold(p).split()) for p in parents]
    if _province_named(f):
        return name, "provincial-department"
    for p in reversed(folded_parents):
        pm = _PROVINCIAL_PARENT_RE.match(p)
        if pm:
            raw = parents[folded_parents.index(p)]
            place = " ".join(raw.split()[-len(pm.group("place").split()):])
            return f"{name} {place}", "provincial-department"
        if _province_named(p):
            return name, "provincial-department"
        if p.startswith("ban chap hanh trung uong"):
            return name if f.endswith("trung uong") else f"{name} {'TRUNG ƯƠNG' if name.isupper() else 'Trung ương'}", "national-party"
        if re.match(r"bo\s", p):
            return name, "ministry"
    if _CENTRAL_UNIT_RE.match(f):
        return name, "ministry"
    if _NATIONAL_BOARD_RE.match(f):
        return name, "national-government"
    if not parents and re.search(r"\bnha\s*nuoc$", f):
        return name, "ministry"  # a central State body of a ministry's rank: 'Kiểm toán nhà nước'
    return name, None


def party_central_name(name: str, st: SourceText) -> str:
    """'Văn phòng Trung ương' as the text writes it in full, 'Văn phòng Trung ương Đảng', when
    it writes it so more often than without 'Đảng' ('Ban Tổ chức Trung ương' stays)."""
    if not name.endswith("Trung ương"):
        return name
    text = " ".join(st.clean[:400_000].split())
    full = text.count(name + " Đảng")
    return name + " Đảng" if full > text.count(name) - full else name
