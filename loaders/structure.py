"""The structure layer: logical lines and the outline of a document.

Documents copied from the web break lines inside sentences, names and ids, open a bold
marker on one line and close it on the next (`**1.\\nSở Y tế:**`) and put one table cell
per line between lone `|` lines. The extractors should not re-find that structure with
their own patterns, so this module turns `SourceText.clean` into

- **logical lines**: a hard line break inside a sentence, a bold span or an id becomes a
  space. A newline and a space have the same length, so every logical line is a slice
  `[start, end)` of `clean` and maps back to the source through `SourceText.span`:
  nothing is lost, nothing moves;
- the **outline**: each logical line that opens with a marker (Phần / Chương / Mục / Điều,
  Roman `I.`, Arabic `1.` and `1.1.`, lettered `a)` … `đ)`, `(1)`, dash and `+` bullets)
  becomes a node nested by the order markers first appear in, the way a reader nests
  them, whatever the numbers say (numbering that restarts, repeats or skips does not
  matter). Lines without a marker are paragraphs of the node above them.

Every pass is linear in the size of the text.
"""
import bisect
import re
from dataclasses import dataclass, field

from .text import SourceText

_MARKERS: list[tuple[str, re.Pattern]] = [
    ("part", re.compile(r"(?:PHẦN|Phần)\s+(?P<m>[IVXLC]+|\d{1,2}|THỨ\s+\S+)\b[.:]?\s*")),
    ("chapter", re.compile(r"(?:CHƯƠNG|Chương)\s+(?P<m>[IVXLC]+|\d{1,2})\b[.:]?\s*")),
    ("muc", re.compile(r"(?:MỤC|Mục)\s+(?P<m>[IVXLC]+|\d{1,2})\b[.:]?\s*")),
    ("article", re.compile(r"(?:ĐIỀU|Điều)\s+(?P<m>\d{1,3})\s*[.:]\s*")),
    ("roman", re.compile(r"(?P<m>(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))\s*[.)]\s*(?=\S)")),
    ("upper", re.compile(r"(?P<m>[A-H])\s*[.)]\s+(?=[A-ZĐÂĂÊÔƠƯ])")),
    ("num3", re.compile(r"(?P<m>\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s*(?=\D)")),
    ("num2", re.compile(r"(?P<m>\d{1,2}\.\d{1,2})(?:\.|\s)\s*(?=\D)")),
    ("num", re.compile(r"(?P<m>\d{1,2})\s*\.(?!\d)\s*(?=\S)")),
    ("numparen", re.compile(r"(?P<m>\d{1,2})\s*\)\s*(?=\S)")),
    ("paren", re.compile(r"\((?P<m>\d{1,2}|[a-zđ])\)\s*(?=\S)")),
    ("letter", re.compile(r"(?P<m>[a-zđ])\s*[).]\s+(?=\S)")),
    ("dash", re.compile(r"(?P<m>[-–—])\s*(?=\S)")),
    ("plus", re.compile(r"(?P<m>\+)\s*(?=\S)")),
    ("bullet", re.compile(r"(?P<m>[•·▪●○◦])\s*(?=\S)")),
]
ITEM_KINDS = {"num", "num2", "num3", "numparen", "paren", "letter", "dash", "plus", "bullet"}
_JUNK = " \t*#_|>"
_RULE_RE = re.compile(r"^[\s|*_=\-–—.]*$")
_LONE_BULLETS = ("-", "–", "+", "•")
_ARTICLE_NO_RE = re.compile(r"\d{1,3}\s*[.:]")
_HEADING_KINDS = ("part", "chapter", "muc", "article", "roman", "upper", "num", "num2", "num3")
_TERMINAL_RE = re.compile(r"[.;:!?…]\W{0,3}$")
_YEAR_RANGE_END_RE = re.compile(r"(?:19|20)\d\d$")
_YEAR_RANGE_NEXT_RE = re.compile(r"[-–]\s*(?:19|20)\d\d\b")
_NUMBER_END_RE = re.compile(r"\s\d+(?:[.,]\d+)?%?$")
_PERCENT_NEXT_RE = re.compile(r"[-–]\s*\d+(?:[.,]\d+)?\s*%")
_ITALIC_RE = re.compile(r"(?=\*)(?<![*\w])\*(?=[^\s*])[^*]{1,300}?(?<=[^\s*])\*(?![*\w])")
# A line ending on a word that cannot end a sentence runs on: 'Quý' / 'IV năm 2025'.
_OPEN_END_RE = re.compile(
    r"(?:^|[\s*_(])(?:quý|tháng|ngày|năm|số|và|của|các|những|về|tại|theo|với|cho|trong|đến|từ"
    r"|Quý|Tháng|Ngày|Số|Ủy ban|nhân dân|Luật|Nghị định|Quyết định|Kế hoạch|Chỉ thị|Nghị quyết|Thông tư|phối hợp|chủ trì"
    r"|Ban|Sở|Bộ|Cục|Hội|Phòng|Trung tâm|Văn phòng|Mặt trận|Đảng|Nhà nước|Chính phủ|Thủ tướng)[,]?$", re.IGNORECASE)
_KEYWORD_START_RE = re.compile(
    r"(?:c[aă]n\s*c[uứ]|th[uự]c\s*hi[eệ]n|n[oơ]i\s*nh[aậ]n|k[ií]nh\s*g[uử]i|ph[uụ]\s*l[uụ]c|tm\.|kt\.)", re.IGNORECASE)


@dataclass
class LogicalLine:
    start: int      # offsets in `clean`
    end: int
    text: str       # the line with its soft breaks as spaces, junk markup stripped
    folded: str
    cell_start: bool = False  # the first line after a lone '|' (a new table cell)
    bold: bool = False        # the whole line is set in bold


@dataclass
class Node:
    kind: str               # a marker kind, or 'para' for a line without one
    marker: str | None      # '1', 'a', 'IV', '-' …
    title: str              # the line's text after the marker
    line: int               # index in the logical lines
    start: int
    end: int                # end of the node's own line
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)

    @property
    def last_end(self) -> int:
        """End of the node with everything under it."""
        node = self
        while node.children:
            node = node.children[-1]
        return node.end

    def descendants(self):
        for c in self.children:
            yield c
            yield from c.descendants()

    @property
    def items(self) -> list["Node"]:
        return [c for c in self.children if c.kind != "para"]


# The characters each kind of marker can start with: a line is tried only against the
# markers its first character allows (same answers, a fraction of the regex calls).
_FIRST_CHARS = {
    "part": "P", "chapter": "C", "muc": "M", "article": "Đ", "roman": "IVX", "upper": "ABCDEFGH",
    "num3": "0123456789", "num2": "0123456789", "num": "0123456789", "numparen": "0123456789", "paren": "(",
    "letter": "abcdefghijklmnopqrstuvwxyzđ", "dash": "-–—", "plus": "+", "bullet": "•·▪●○◦",
}
_MARKERS_BY_FIRST: dict[str, list[tuple[str, re.Pattern]]] = {}
for _kind, _rx in _MARKERS:
    for _ch in _FIRST_CHARS[_kind]:
        _MARKERS_BY_FIRST.setdefault(_ch, []).append((_kind, _rx))


def _marker(text: str) -> tuple[str, str | None, int]:
    """(kind, marker, length of the marker) of a stripped line."""
    for kind, rx in _MARKERS_BY_FIRST.get(text[:1], ()):
        m = rx.match(text)
        if m:
            if kind == "roman" and not m.group("m"):
                continue
            if kind == "letter" and text[m.end("m"):m.end("m") + 1] == "." and len(text) > m.end() and text[m.end()].islower():
                continue  # 'a. b' inside a sentence, not an item
            return kind, m.group("m"), m.end()
    return "para", None, 0


def _bold_pairs(st: SourceText) -> list[tuple[int, int]]:
    """Spans of `clean` that a bold marker pair enclosed (markers are gone from `clean`)."""
    marks, clean = st.bold_marks, st.clean
    pairs: list[tuple[int, int]] = []
    i = 0
    while i < len(marks) - 1:
        if _BLANK_LINE_RE.search(clean, marks[i], marks[i + 1]):
            i += 1  # a stray marker ('** Lưu ý: *Ưu tiên …'): bold never runs over a blank line,
            continue  # so the pairs after it are not shifted by one
        pairs.append((marks[i], marks[i + 1]))
        i += 2
    return pairs


_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")


def soft_breaks(st: SourceText) -> list[int]:
    """Positions in `clean` of the newlines that break a sentence, a bold span or an id."""
    clean = st.clean
    soft: set[int] = set()
    for lo, hi in _bold_pairs(st):
        # a bold span never runs over a blank line: one that does paired the markers of two
        # headings ('**V. TỔ CHỨC THỰC HIỆN**' / '' / '**1. Sở Y tế**' after a stray '** **')
        if hi - lo < 300 and not _BLANK_LINE_RE.search(clean, lo, hi):
            inner = clean.count("\n", lo, hi)
            if 0 < inner <= 3:
                pos = clean.find("\n", lo, hi)
                while pos != -1:
                    soft.add(pos)
                    pos = clean.find("\n", pos + 1, hi)
    for m in _ITALIC_RE.finditer(clean):  # '*Thành phố Hồ Chí\nMinh, ngày …*'
        if 0 < m.group().count("\n") <= 3:
            pos = clean.find("\n", m.start(), m.end())
            while pos != -1:
                soft.add(pos)
                pos = clean.find("\n", pos + 1, m.end())
    lines = st.lines
    texts = [ln.text.strip(_JUNK) for ln in lines]  # each line stripped once (it is 'a', then 'b')
    wrapped = _looks_wrapped(texts)
    blank = sum(1 for ln in lines if not ln.text.strip())
    cells = sum(1 for ln in lines if ln.text.strip() == "|")
    paragraphs_by_blank = blank > 0.3 * (len(lines) - cells) and wrapped
    markers: dict[int, tuple[str, str | None, int]] = {}

    def marker(i: int) -> tuple[str, str | None, int]:
        if i not in markers:
            markers[i] = _marker(texts[i])
        return markers[i]

    for i in range(len(lines) - 1):
        prev, nxt = lines[i], lines[i + 1]
        nl = prev.end
        if nl in soft:
            continue
        a, b = texts[i], texts[i + 1]
        if a in _LONE_BULLETS and b and "|" not in prev.text and not nxt.text.lstrip(" *").startswith("|") \
                and marker(i + 1)[0] == "para":
            soft.add(nl)  # a bullet alone on its line ('-' / 'Phân công, chỉ đạo …'), not a rule
            continue
        if a in ("Điều", "ĐIỀU") and _ARTICLE_NO_RE.match(b):
            soft.add(nl)  # 'Điều' / '8. Tổ chức thực hiện': an article's marker broken from its number
            continue
        if not a or not b or _RULE_RE.match(prev.text) or _RULE_RE.match(nxt.text):
            continue
        if nxt.text.lstrip(" *").startswith("|") or prev.text.rstrip(" *").endswith("|"):
            continue
        if _YEAR_RANGE_END_RE.search(a) and _YEAR_RANGE_NEXT_RE.match(b):
            soft.add(nl)  # 'giai đoạn 2026' / '- 2030': a range of years, not a bullet
            continue
        if len(a) >= 40 and _NUMBER_END_RE.search(a) and not _YEAR_RANGE_END_RE.search(a) and _PERCENT_NEXT_RE.match(b):
            soft.add(nl)  # '… tốc độ tăng bình quân 05' / '- 06%/năm': a range of percents, not a bullet
            continue
        kind, _, length = marker(i)
        if kind != "para" and length >= len(a.rstrip()):
            soft.add(nl)  # a marker alone on its line: '1.' / 'Sở Y tế:'
            continue
        nkind, _, _ = marker(i + 1)
        if nkind != "para" and nkind not in ("num2", "num3"):
            continue
        if kind in _HEADING_KINDS and nkind == "para" and (a.endswith(",") or (a.isupper() and b.isupper() and len(b) <= 80)):
            # a heading broken over lines: 'VI. TỔ CHỨC' / 'THỰC HIỆN', '1. Trách nhiệm của Sở Văn
            # hóa,' / 'Thể thao và Du lịch' (a heading ends on no comma)
            soft.add(nl)
            continue
        first = b[0]
        if first.islower() and not a.endswith(":"):
            soft.add(nl)  # a paragraph never starts in lower case
            continue
        if paragraphs_by_blank and not _KEYWORD_START_RE.match(b):
            soft.add(nl)  # paragraphs are set apart by blank lines: a bare newline is a wrap
            continue
        if _TERMINAL_RE.search(a):
            continue
        if first.islower() or (first.isdigit() and nkind == "para") or _OPEN_END_RE.search(a):
            soft.add(nl)
        elif wrapped and len(a) >= 40 and (first.isupper() or first in "(\"“'") and not _KEYWORD_START_RE.match(b):
            soft.add(nl)
        elif (wrapped and kind == "para" and len(a) >= 15 and len(b) >= 40 and (i == 0 or not texts[i - 1])
              and not a.isupper() and not b.isupper() and not prev.text.lstrip().startswith("*")
              and not _KEYWORD_START_RE.match(b)):
            # a web page indents a paragraph's first line, so it wraps short: 'Phối hợp với Sở Công' / 'Thương và …'
            soft.add(nl)
    return sorted(soft)


def _looks_wrapped(texts: list[str]) -> bool:
    """Does the text break lines inside sentences (a web page's or a PDF's wrapping)?
    `texts`: the lines stripped of markup."""
    long_lines = low_next = 0
    for a, b in zip(texts, texts[1:], strict=False):
        if len(a) < 40 or not b:
            continue
        long_lines += 1
        if b[0].islower() and not _TERMINAL_RE.search(a):
            low_next += 1
    return long_lines >= 5 and low_next >= 0.2 * long_lines


def logical_lines(st: SourceText, lo: int = 0, hi: int | None = None) -> list[LogicalLine]:
    """The logical lines that start in `clean[lo:hi]`, lone '|' cell separators and rules
    left out. Read once per text (every extractor asks for its part)."""
    every = st.cache.get("logical_lines")
    if every is None:
        every = st.cache["logical_lines"] = _logical_lines(st, 0, len(st.clean))
    hi = len(st.clean) if hi is None else hi
    starts = st.cache.get("logical_starts")
    if starts is None:
        starts = st.cache["logical_starts"] = [ln.start for ln in every]
    return every[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


def _logical_lines(st: SourceText, lo: int, hi: int) -> list[LogicalLine]:
    joined, joined_fold = st.joined, st.joined_fold
    pairs = _bold_pairs(st)
    starts = [a for a, _ in pairs]
    out: list[LogicalLine] = []
    pos = lo
    cell_start = False
    while pos < hi:
        nl = joined.find("\n", pos, hi)
        end = hi if nl == -1 else nl
        raw = joined[pos:end]
        stripped = raw.strip(_JUNK)
        if raw.strip() == "|" or raw.strip() in ("||", "| |"):
            cell_start = True
        elif stripped and not _RULE_RE.match(raw):
            s = pos + (len(raw) - len(raw.lstrip(_JUNK)))
            e = pos + len(raw.rstrip(_JUNK))
            # Emphasis markers left in the text ('*Cơ quan chủ trì:* Sở Y tế') are not words.
            text = " ".join(joined[s:e].replace("*", " ").split())
            # fold(text), from the folded text already made (folding maps spaces and '*' to
            # themselves and nothing else to them, so the words split the same)
            folded = " ".join(joined_fold[s:e].replace("*", " ").split())
            k = bisect.bisect_right(starts, s + 1) - 1
            bold = k >= 0 and pairs[k][0] <= s + 1 and pairs[k][1] >= e - 1
            out.append(LogicalLine(s, e, text, folded, cell_start, bold))
            cell_start = False
        pos = end + 1
    return out


# Headings nest in a fixed order whatever comes first (a Roman section is never under an
# item, even when OCR lost the first 'I.'); list items nest in the order they appear.
_RANK = {"part": 0, "chapter": 1, "muc": 2, "article": 3, "roman": 4, "upper": 5, "num": 6, "num2": 7, "num3": 8}
_LIST_RANK = 9


def outline(lines: list[LogicalLine], breaks: frozenset[int] = frozenset()) -> list[Node]:
    """The outline of logical lines: top-level nodes, each with its children. At the line
    indexes of `breaks` (another document, an annex) the outline starts again."""
    roots: list[Node] = []
    stack: list[Node] = []
    for idx, ln in enumerate(lines):
        if idx in breaks:
            del stack[:]
        kind, marker, length = _marker(ln.text)
        title = ln.text[length:].strip() if kind != "para" else ln.text
        node = Node(kind, marker, title, idx, ln.start, ln.end)
        if kind == "para" and ln.text.isupper() and len(ln.text) > 6:
            del stack[:]  # a line in capitals ('PHỤ LỤC', 'NHIỆM VỤ CỤ THỂ') is a heading of its own
        if kind == "para" and ln.bold and stack and stack[-1].line == idx - 1 and lines[idx - 1].bold \
                and not stack[-1].children and not _TERMINAL_RE.search(stack[-1].title):
            # a bold heading set as two bold paragraphs ('3. Đề nghị Ủy ban … Hội Liên hiệp' /
            # 'Phụ nữ Thành phố …'): one heading
            stack[-1].title = f"{stack[-1].title} {ln.text}"
            stack[-1].end = ln.end
            continue
        if kind == "para":
            if stack:
                node.parent = stack[-1]
                stack[-1].children.append(node)
            else:
                roots.append(node)
            continue
        rank = _RANK.get(kind, _LIST_RANK)
        if rank < _LIST_RANK:
            while stack and _RANK.get(stack[-1].kind, _LIST_RANK) >= rank:
                stack.pop()
        else:
            depth = next((i for i, n in enumerate(stack) if n.kind == kind), None)
            if depth is not None:
                del stack[depth:]
        if stack:
            node.parent = stack[-1]
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)
    return roots


def walk(nodes: list[Node]):
    for n in nodes:
        yield n
        yield from n.descendants()


def node_text(node: Node, lines: list[LogicalLine]) -> str:
    """The node's title and everything under it, one line."""
    parts = [node.title]
    for d in node.descendants():
        parts.append(lines[d.line].text)
    return " ".join(p for p in parts if p)
