"""The source text as the extractors see it.

`SourceText` keeps three aligned views of one document:
- `source`: the decoded NFC text, the one spans point into and the UI quotes from;
- `clean`: markup removed (markdown, HTML tags, footnote markers, literal escapes), with
  `offsets[i]` the position in `source` of `clean[i]`;
- `fold`: `clean` lower-cased without diacritics, the same length as `clean`, so a match
  found in `fold` is the same slice of `clean`. OCR drops diacritics; matching on `fold`
  finds 'Kế hoạch', 'Ke hoach' and 'Ké hoach' alike.
"""
import re
from dataclasses import dataclass, field

from policykg.base.text import FOLD_TABLE, fold, squash, tidy  # noqa: F401  (the loaders read them from here too)

# Markup removed from `clean`. Each alternative is deleted (or replaced by what follows).
_MARKUP = re.compile(
    r"(?P<escape>\\r\\n|\\n|\\r|\\t)"           # literal escapes from badly exported text
    r"|(?P<crlf>\r\n?)"
    r"|(?P<tag></?(?:b|i|u|strong|em|span|p|br|sup|sub|font|div)\b[^>\n]{0,200}>)"
    r"|(?P<heading>^[ \t]*#{1,6}[ \t]+)"
    r"|(?P<bold>\*\*|__)"
    r"|(?P<footnote>\[\d{1,3}\])"
    r"|(?P<space>[\u00a0\u2007\u202f\u3000])"
    r"|(?P<invisible>[\u00ad\u200b-\u200d\u2060\ufeff])",
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
    offsets: list[int]
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
            from .structure import soft_breaks

            chars = list(self.clean)
            for pos in soft_breaks(self):
                chars[pos] = " "
            self._joined = "".join(chars)
        return self._joined

    @property
    def joined_fold(self) -> str:
        """`fold(joined)`, computed once."""
        if "joined_fold" not in self.cache:
            self.cache["joined_fold"] = fold(self.joined)
        return self.cache["joined_fold"]

    def span(self, start: int, end: int) -> list[int]:
        """Offsets in `source` of the `clean` slice [start, end)."""
        if end <= start:
            s = self.offsets[min(start, len(self.offsets) - 1)] if self.offsets else 0
            return [s, s]
        return [self.offsets[start], self.offsets[end - 1] + 1]

    def line_index_at(self, pos: int) -> int:
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo


def make_source_text(source: str) -> SourceText:
    """Remove markup from `source`, keeping the offset of every kept character."""
    out: list[str] = []
    offsets: list[int] = []
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
        offsets.extend(range(pos, m.start()))
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
        offsets.extend([m.start()] * len(rep))
        pos = m.end()
    out.append(source[pos:])
    offsets.extend(range(pos, len(source)))
    return SourceText(source, "".join(out), offsets, bold_marks)
