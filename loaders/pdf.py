"""PDF → the intermediate: the text layer in reading order with ruled tables as tables;
pages without a usable text layer (scans) go to OCR.

pdfplumber (on pdfminer.six) gives words with positions and finds tables from the
page's ruling lines; page headers, footers and page numbers are dropped (a line in the
top or bottom band repeated on most pages, or a bare page number).
"""
import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from . import limits
from .errors import ParseError
from .extracted import Extracted, TextBuilder
from .layout import Line, lines_from_words, paragraphs

BAND = 0.09          # top and bottom 9 % of the page: where headers and footers live
MIN_LETTERS = 40     # fewer letters than this on a page: no usable text layer, OCR it
# pdfplumber's table finder pairs every vertical ruling line of a page with every horizontal
# one, then every crossing with every other: quadratic in a page's crossings (a 1-page 10 KB
# PDF ruled 170 × 170 took 19 s, a larger page would take hours, and the time limit is only
# looked at between pages). A plan's densest table page has about 1,000 crossings (60 rows
# of 15 columns); a page ruled past this bound is not read for tables, its words are.
MAX_TABLE_CROSSINGS = 10_000
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
log = logging.getLogger(__name__)
_PAGE_NO_RE = re.compile(r"^\s*(?:[-–]\s*)?(?:(?:trang|page)\s*)?\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?(?:\s*[-–])?\s*$",
                         re.IGNORECASE)


@dataclass
class Page:
    number: int
    height: float
    # ('p', text, top) paragraphs or ('t', rows, top) tables, in reading order
    blocks: list[tuple] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    ocr: bool = False


_STREAM_RE = re.compile(rb"(?<!end)stream\r?\n")
_CHUNK = 1 << 20


def check_streams(data: bytes, name: str) -> None:
    """Refuse a PDF whose compressed (Flate) streams unpack to more than the limits, before
    pdfminer inflates any of them whole (a 300 KB stream can hold 300 MB of nothing).
    Each stream is inflated here in chunks that are counted and dropped, never kept."""
    import zlib

    view = memoryview(data)
    total = 0
    for m in _STREAM_RE.finditer(data):
        d = zlib.decompressobj()
        size = 0
        pos = m.end()
        try:
            while pos < len(data) and not d.eof and size <= limits.MAX_STREAM_BYTES:
                buf: bytes | memoryview = view[pos:pos + _CHUNK // 16]  # input by slices: no copy of the rest
                pos += len(buf)
                while buf and size <= limits.MAX_STREAM_BYTES:
                    size += len(d.decompress(buf, _CHUNK))
                    buf = d.unconsumed_tail
        except zlib.error:
            pass  # not Flate data, or damaged: pdfminer decides
        total += size
        if size > limits.MAX_STREAM_BYTES or total > limits.MAX_STREAMS_BYTES:
            limit = limits.MAX_STREAM_BYTES if size > limits.MAX_STREAM_BYTES else limits.MAX_STREAMS_BYTES
            raise ParseError(name, f"the PDF's compressed content unpacks to too much (over {limit // (1024 * 1024)} MB)")
        limits.check()


def _open(data: bytes, name: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if b"%%EOF" not in data[-2048:]:
        # pdfminer would rebuild what it can of a cut file and return part of the document
        raise ParseError(name, "truncated PDF (no end-of-file marker); the download or copy was cut short")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018  (reads the page tree: fails here on a damaged file)
        return pdf
    except Exception as exc:  # pdfminer raises many types (PSEOF, PDFSyntaxError, KeyError, …) on damage
        # pdfplumber wraps pdfminer's error: look at what it wraps
        inner = next((a for a in getattr(exc, "args", ()) if isinstance(a, Exception)), exc)
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ParseError(name, "encrypted PDF (password protected); save an unprotected copy and load that") from None
        raise ParseError(name, f"corrupt or truncated PDF ({_reason(inner)})") from None


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0][:100] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def usable(text: str) -> bool:
    """Is a page's text layer real text? Scans have none, or glyph codes without a map."""
    letters = sum(ch.isalpha() for ch in text)
    junk = text.count("(cid:") * 5 + sum(1 for ch in text if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    return letters >= MIN_LETTERS and junk < 0.1 * max(letters, 1)


class _TooManyLines(Exception):
    pass


def find_tables(page, number: int) -> list:
    """`page.find_tables` with ruling lines, or none if the page has too many of them to pair."""
    from pdfplumber.table import TableFinder, TableSettings

    class Bounded(TableFinder):
        def get_edges(self):  # the merged ruling lines, before they are paired
            edges = super().get_edges()
            vertical = sum(1 for e in edges if e["orientation"] == "v")
            if vertical * (len(edges) - vertical) > MAX_TABLE_CROSSINGS:
                raise _TooManyLines(f"{vertical} × {len(edges) - vertical}")
            return edges

    try:
        return Bounded(page, TableSettings.resolve(TABLE_SETTINGS)).tables
    except _TooManyLines as exc:
        log.info("page %d: %s ruling lines, too many to read as tables: its words are read", number, exc)
        return []


def _text_page(page, number: int) -> Page:
    out = Page(number, float(page.height))
    tables = [t for t in find_tables(page, number) if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]
    rest = page
    for t in tables:
        rest = rest.outside_bbox(t.bbox)
    words = rest.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=[])
    out.lines = lines_from_words(words)
    out.blocks = [("t", t.extract(), float(t.bbox[1])) for t in tables]
    return out


def _blank(page) -> bool:
    """A page with no characters, images or drawings."""
    return not (page.chars or page.images or page.curves or page.rects or page.lines)


def _drop_running_lines(pages: list[Page]) -> None:
    """Remove page headers, footers and page numbers from the pages' lines."""
    def key(ln: Line) -> str:
        return re.sub(r"\d+", "#", ln.text.lower()).strip()

    def in_band(ln: Line, p: Page) -> bool:
        return ln.bottom < BAND * p.height or ln.top > (1 - BAND) * p.height

    counts = Counter(k for p in pages for k in {key(ln) for ln in p.lines if in_band(ln, p)})
    repeated = {k for k, n in counts.items() if len(pages) > 1 and n >= max(2, len(pages) // 2)}
    for p in pages:
        p.lines = [ln for ln in p.lines if not (in_band(ln, p) and (key(ln) in repeated or _PAGE_NO_RE.match(ln.text)))]


def read_pdf(data: bytes, name: str, progress=None) -> Extracted:
    from .ocr import ocr_pdf_pages

    check_streams(data, name)
    pdf = _open(data, name)
    pages: list[Page] = []
    scans: list[int] = []
    blank = 0
    try:
        total = len(pdf.pages)
        limits.check_pages(total, name)
        limits.allow(limits.SECONDS_PER_PAGE * total)
        for i, page in enumerate(pdf.pages):
            try:
                text = page.extract_text() or ""
                if usable(text):
                    pages.append(_text_page(page, i + 1))
                elif _blank(page):  # nothing drawn: nothing for OCR to read (and seconds each to learn it)
                    pages.append(Page(i + 1, float(page.height)))
                    blank += 1
                else:
                    pages.append(Page(i + 1, float(page.height), ocr=True))
            except Exception as exc:
                raise ParseError(name, f"corrupt PDF page {i + 1} ({_reason(exc)})") from None
            if pages[-1].ocr:
                scans.append(i)
            page.close()  # drop the page's parsed objects: memory stays one page's, not the file's
            limits.check()
    finally:
        pdf.close()
    if blank:
        log.info("%s: %d blank page(s) of %d skipped", name, blank, total)
    limits.allow(limits.SECONDS_PER_OCR_PAGE * len(scans))
    if progress:
        progress(total - len(scans), total)
    if scans:
        ocr = ocr_pdf_pages(data, name, scans)
        for k, (i, (lines, tables, height)) in enumerate(zip(scans, ocr, strict=False)):
            pages[i].lines, pages[i].blocks, pages[i].height = lines, tables, height
            if progress:
                progress(total - len(scans) + k + 1, total)
    _drop_running_lines(pages)
    out = TextBuilder()
    for p in pages:
        out.start_page(p.number)
        blocks = [("p", text, top) for text, top in paragraphs(p.lines)] + p.blocks
        for kind, content, _top in sorted(blocks, key=lambda b: b[2]):
            if kind == "p":
                out.paragraph(content)
            else:
                out.table(content)
    if not any(p.lines or p.blocks for p in pages):
        raise ParseError(name, "no text found in the PDF (OCR read nothing either)" if scans else "no text in the PDF")
    fmt = "pdf-ocr" if scans else "pdf"
    return out.result(fmt, [i + 1 for i in scans])
