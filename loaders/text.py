"""The source text as the extractors see it.

`SourceText` keeps three aligned views of one document:
- `source`: the decoded NFC text, the one spans point into and the UI quotes from;
- `clean`: markup removed (markdown, HTML tags, footnote markers, literal escapes), with
  `offsets[i]` the position in `source` of `clean[i]`;
- `fold`: `clean` lower-cased without diacritics, the same length as `clean`, so a match
  found in `fold` is the same slice of `clean`. OCR drops diacritics; matching on `fold`
  finds 'Kế hoạch', 'Ke hoach' and 'Ké hoach' alike.
"""
import bisect
import re
from dataclasses import dataclass, field

from policykg.base.text import FOLD_TABLE, fold, squash, tidy  # noqa: F401  (the loaders read them from here too)

# Markup removed from `clean`. Each alternative is deleted (or replaced by what follows).
# The lookahead lists the characters a match can start with: it changes no match, but the
# engine skips every other position without trying each alternative (the scan was 2.5x slower).
_MARKUP = re.compile(
    r"(?=[\\\r<*_\[ \t#\u00a0\u2007\u202f\u3000\u00ad\u200b-\u200d\u2060\ufeff])(?:"
    r"(?P<escape>\\r\\n|\\n|\\r|\\t)"           # literal escapes from badly exported text
    r"|(?P<crlf>\r\n?)"
    r"|(?P<tag></?(?:b|i|u|strong|em|span|p|br|sup|sub|font|div)\b[^>\n]{0,200}>)"
    r"|(?P<heading>^[ \t]*#{1,6}[ \t]+)"
    r"|(?P<bold>\*\*|__)"
    r"|(?P<footnote>\[\d{1,3}\])"
    r"|(?P<space>[\u00a0\u2007\u202f\u3000])"
    r"|(?P<invisible>[\u00ad\u200b-\u200d\u2060\ufeff]))",
    re.MULTILINE | re.IGNORECASE,
)
_ESCAPES = {"\\r\\n": "\n", "\\n": "\n", "\\r": "\n", "\\t": "\t"}


@dataclass
class Line:
    start: int  # offset in `clean`
    text: str   # the line in `clean`, without its newline
    folded: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class SourceText:
    source: str
    clean: str
    offsets: "Offsets"  # offsets[i]: the position in `source` of `clean[i]`
    bold_marks: list[int] = field(default_factory=list)  # where `**` stood, as offsets in `clean`
    fold: str = field(init=False)
    lines: list[Line] = field(init=False)
    _joined: str | None = field(default=None, init=False, repr=False)
    cache: dict = field(default_factory=dict, init=False, repr=False)  # derived views (loaders/structure.py)

    def __post_init__(self) -> None:
        self.fold = fold(self.clean)
        self.lines = []
        pos = 0
        for raw in self.clean.split("\n"):
            self.lines.append(Line(pos, raw, self.fold[pos:pos + len(raw)]))
            pos += len(raw) + 1

    @property
    def joined(self) -> str:
        """`clean` with the line breaks inside sentences, bold spans and ids as spaces
        (same length, so offsets hold): the text of the logical lines (loaders/structure.py)."""
        if self._joined is None:
            self._joined = _spaces_at(self.clean, self._soft_breaks())
        return self._joined

    @property
    def joined_fold(self) -> str:
        """`fold(joined)`, computed once: `fold` with the same newlines as spaces (folding
        keeps every position, and a space folds to itself)."""
        if "joined_fold" not in self.cache:
            self.cache["joined_fold"] = _spaces_at(self.fold, self._soft_breaks())
        return self.cache["joined_fold"]

    def _soft_breaks(self) -> list[int]:
        if "soft_breaks" not in self.cache:
            from .structure import soft_breaks

            self.cache["soft_breaks"] = soft_breaks(self)
        return self.cache["soft_breaks"]

    def span(self, start: int, end: int) -> list[int]:
        """Offsets in `source` of the `clean` slice [start, end)."""
        if end <= start:
            s = self.offsets[min(start, len(self.offsets) - 1)] if self.offsets else 0
            return [s, s]
        return [self.offsets[start], self.offsets[end - 1] + 1]

    def line_index_at(self, pos: int) -> int:
        """The index of the line `pos` is on (the last line starting at or before it; 0 before the first)."""
        starts = self.cache.get("line_starts")
        if starts is None:
            starts = self.cache["line_starts"] = [ln.start for ln in self.lines]
        return max(0, bisect.bisect_right(starts, pos) - 1)


def _spaces_at(text: str, positions: list[int]) -> str:
    """`text` with a space at each of the (sorted) positions."""
    parts = []
    prev = 0
    for pos in positions:
        parts.append(text[prev:pos])
        parts.append(" ")
        prev = pos + 1
    parts.append(text[prev:])
    return "".join(parts)


class Offsets:
    """`offsets[i]`: the position in `source` of `clean[i]`, kept as runs (where each run of
    `clean` starts, and where it starts in `source`) instead of one int per character."""

    def __init__(self) -> None:
        self._clean: list[int] = []   # run starts in `clean`, increasing
        self._source: list[int] = []  # the same runs' starts in `source`
        self._len = 0

    def add(self, source_start: int, length: int) -> None:
        """The next `length` characters of `clean` are `source[source_start:source_start + length]`."""
        if length <= 0:
            return
        if not self._clean or self._source[-1] + (self._len - self._clean[-1]) != source_start:
            self._clean.append(self._len)
            self._source.append(source_start)
        self._len += length

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError(i)
        k = bisect.bisect_right(self._clean, i) - 1
        return self._source[k] + i - self._clean[k]


def make_source_text(source: str) -> SourceText:
    """Remove markup from `source`, keeping the offset of every kept character."""
    out: list[str] = []
    offsets = Offsets()
    bold_marks: list[int] = []
    pos = 0
    # Literal '\n' escapes are only line breaks in text that has almost no real ones.
    real_breaks = source.count("\n")
    literal_breaks = source.count("\\n")
    take_escapes = literal_breaks > 3 and literal_breaks > real_breaks
    for m in _MARKUP.finditer(source):
        kind = m.lastgroup
        if kind == "escape" and not take_escapes:
            continue
        out.append(source[pos:m.start()])
        offsets.add(pos, m.start() - pos)
        if kind == "escape":
            rep = _ESCAPES[m.group().lower()] if m.group().lower() in _ESCAPES else "\n"
        elif kind == "crlf":
            rep = "\n"
        elif kind == "space":
            rep = " "
        elif kind == "tag" and m.group().lower().startswith("<br"):
            rep = "\n"
        else:
            rep = ""
            if kind == "bold":
                bold_marks.append(len(offsets))
        out.append(rep)
        offsets.add(m.start(), len(rep))  # a replacement is at most one character
        pos = m.end()
    out.append(source[pos:])
    offsets.add(pos, len(source) - pos)
    return SourceText(source, "".join(out), offsets, bold_marks)
