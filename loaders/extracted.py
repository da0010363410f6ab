"""The text-and-tables intermediate every input format is turned into.

Word, PDF, OCR and web-page readers all produce an `Extracted`: plain text the text
parser reads (one paragraph per line, tables as tab-separated rows whose cells are the
real table cells) and, for paged formats, where each page lies in that text, so a span
of the record can be traced back to its page.
"""
import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import Source
from .tables import _is_header
from .text import squash

# Formats as the record's `source.format` and the graph's pkg:sourceFormat name them.
FORMATS = ("text", "docx", "pdf", "pdf-ocr", "image-ocr", "html")


@dataclass
class Extracted:
    text: str
    format: str
    pages: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, page number)
    ocr_pages: list[int] = field(default_factory=list)               # pages read by OCR

    def pages_of(self, start: int, end: int) -> list[int]:
        """The page numbers the text slice [start, end) lies on (empty without pages)."""
        if not self.pages:
            return []
        end = max(end, start + 1)
        i = max(0, bisect.bisect_right([p[0] for p in self.pages], start) - 1)
        out = [no for s, e, no in self.pages[i:] if s < end and e > start]
        return out or [self.pages[i][2]]

    def source(self, spans: dict[str, list[int]]) -> Source:
        """The record's `source`: format, page ranges and the pages of every span."""
        out = Source(self.format)
        if self.pages:
            out.pages = [list(p) for p in self.pages]
            out.span_pages = {k: self.pages_of(*v) for k, v in spans.items()}
        if self.ocr_pages:
            out.ocr_pages = list(self.ocr_pages)
        return out


def cell_text(text: str) -> str:
    """A table cell on one line: inner breaks and tabs become spaces (tabs separate cells)."""
    return squash(unicodedata.normalize("NFC", text or ""))


def is_data_table(rows: list[list[str]]) -> bool:
    """Does the parser's own header test find a header row (TT, Chỉ tiêu, Chủ trì, …)?

    Word and HTML also use tables for layout (the two-column header block with the issuer
    and the motto); those are read cell by cell as paragraphs, as they would be typed.
    """
    return any(_is_header([c for c in row]) for row in rows[:6])


class TextBuilder:
    """Collects paragraphs, tables and page breaks into one `Extracted`."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self._pages: list[tuple[int, int, int]] = []
        self._page: tuple[int, int] | None = None  # (number, start)
        self._open_table = 0  # width of the data table just written (0: text came after it)

    def paragraph(self, text: str) -> None:
        for line in unicodedata.normalize("NFC", text).split("\n"):
            line = re.sub(r"[ \u00a0]+", " ", line).strip()
            if line:
                self._add(line + "\n")
                self._open_table = 0

    def table(self, given: Sequence[Sequence[str | None]]) -> None:
        """A table: cells may hold line breaks (several paragraphs); None is an empty cell."""
        raw = [[c or "" for c in row] for row in given]
        rows = [[cell_text(c) for c in row] for row in raw]
        keep = [i for i, r in enumerate(rows) if any(r)]
        raw, rows = [raw[i] for i in keep], [rows[i] for i in keep]
        if not rows:
            return
        width = max(len(r) for r in rows)
        # A table the page break cut: its rows go on without the header.
        continued = self._open_table and width == self._open_table
        if not continued and not is_data_table(rows):
            for row in raw:
                for cell in row:
                    self.paragraph(cell)
            return
        for row in rows:
            row = row + [""] * (width - len(row))
            if sum(1 for c in row if c) == 1 and row[0] == "":
                # A group row ('Chỉ số đầu vào') merged across the table: its text goes
                # first, where the parser looks for a group label.
                row = [next(c for c in row if c)] + [""] * (width - 1)
            self._add("\t".join(row) + "\n")
        self._open_table = width

    def start_page(self, number: int) -> None:
        self.end_page()
        self._page = (number, self._len)

    def end_page(self) -> None:
        if self._page is not None:
            number, start = self._page
            self._pages.append((start, self._len, number))
            self._page = None

    def _add(self, s: str) -> None:
        self._parts.append(s)
        self._len += len(s)

    def result(self, fmt: str, ocr_pages: list[int] | None = None) -> Extracted:
        self.end_page()
        return Extracted("".join(self._parts), fmt, self._pages, ocr_pages or [])
