"""OCR of scanned pages and images: Tesseract with its Vietnamese model, page by page.

pypdfium2 renders a PDF page to an image (the PDFium engine, no Ghostscript needed);
pytesseract runs Debian's `tesseract` with `-l vie` and returns words with their
positions and Tesseract's own block/paragraph/line grouping, from which `layout` joins
wrapped lines. The text then goes to the parser, which matches OCR-damaged keywords on
folded text.
"""
import io
import os
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from . import limits
from .errors import ParseError
from .extracted import Extracted, TextBuilder
from .layout import Line, paragraphs

DPI = 300           # Tesseract reads body text (12–14 pt) best at 300 dpi
LANG = "vie"
MIN_CONFIDENCE = 10  # words Tesseract itself doubts (speckles, stamp ink) are dropped
# Pages are read in parallel, one Tesseract process per core, each single-threaded: its own
# OpenMP threads oversubscribe the cores (measured on 2 cores: 11 s a page with OpenMP,
# under 2 s a page this way). A limit the user set is kept.
WORKERS = max(1, min(4, os.cpu_count() or 1))


def _tesseract_error(name: str, exc: Exception) -> ParseError:
    import pytesseract

    if isinstance(exc, pytesseract.TesseractNotFoundError) or "Failed loading language" in str(exc):
        return ParseError(name, "scanned pages need OCR: install Tesseract with its Vietnamese model "
                                "(apt-get install tesseract-ocr tesseract-ocr-vie)")
    return ParseError(name, f"OCR failed ({str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__})")


def ocr_lines(image, name: str = "<image>") -> list[Line]:
    """One page image → its lines, as Tesseract groups them."""
    import pytesseract

    gray = image.convert("L")
    low, high = gray.getextrema()
    if high - low < 16:  # one flat colour: a blank page, nothing for Tesseract to find
        return []
    try:
        data = pytesseract.image_to_data(gray, lang=LANG, config="--psm 3",
                                         output_type=pytesseract.Output.DICT)
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, OSError) as exc:
        raise _tesseract_error(name, exc) from None
    lines: dict[tuple, list[dict]] = {}
    for i, text in enumerate(data["text"]):
        if not text.strip() or float(data["conf"][i]) < MIN_CONFIDENCE:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        lines.setdefault(key, []).append({"text": text.strip(), "x0": x, "x1": x + w, "top": y, "bottom": y + h})
    out = []
    for (block, par, _line), words in sorted(lines.items()):
        words.sort(key=lambda w: w["x0"])
        out.append(Line(" ".join(w["text"] for w in words), min(w["x0"] for w in words), max(w["x1"] for w in words),
                        min(w["top"] for w in words), max(w["bottom"] for w in words),
                        words[0]["x1"] - words[0]["x0"], block * 1000 + par))
    return sorted(out, key=lambda ln: (ln.block, ln.top))


def ocr_images(images, name: str):
    """Yield (lines, image height) for each image of an iterable, in order, reading up to
    WORKERS pages at once (images are taken from the iterable only as workers free up)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with ThreadPoolExecutor(WORKERS) as pool:
        pending: deque = deque()
        for image in images:
            limits.check()
            pending.append((pool.submit(ocr_lines, image, name), float(image.height)))
            if len(pending) >= 2 * WORKERS:
                future, height = pending.popleft()
                yield future.result(), height
        while pending:
            future, height = pending.popleft()
            yield future.result(), height


def _render(page):
    """A PDF page as an image at DPI, or at less for a page so large it would pass
    MAX_PAGE_PIXELS (a 14,400-pt page is 3.6 Gpx at 300 dpi)."""
    width, height = page.get_size()
    scale = DPI / 72
    pixels = max(1.0, width * scale) * max(1.0, height * scale)
    if pixels > limits.MAX_PAGE_PIXELS:
        scale *= (limits.MAX_PAGE_PIXELS / pixels) ** 0.5
    limits.check()
    return page.render(scale=scale).to_pil()


def ocr_pdf_pages(data: bytes, name: str, indexes: list[int]):
    """Yield (lines, tables, page height) for the given pages (0-based) of a PDF, in order."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ParseError(name, f"corrupt PDF ({exc})") from None
    try:
        # PDFium is not thread-safe: pages are rendered here, one by one, and OCR'd in workers.
        rendered = (_render(pdf[i]) for i in indexes)
        for lines, height in ocr_images(rendered, name):
            yield lines, [], height
    finally:
        pdf.close()


def read_image(data: bytes, name: str, progress=None) -> Extracted:
    """A scanned page as PNG/JPEG/TIFF (every frame of a multi-page TIFF is a page)."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        limits.check_pages(getattr(image, "n_frames", 1), name)
        frames = [f.copy() for f in ImageSequence.Iterator(image)]
        limits.allow(limits.SECONDS_PER_OCR_PAGE * len(frames))
    except ParseError:
        raise
    except UnidentifiedImageError:
        raise ParseError(name, "corrupt or unreadable image (the picture data cannot be decoded)") from None
    except Exception as exc:  # Pillow's decoders fail in many ways (OSError, struct.error, bombs, …)
        raise ParseError(name, f"corrupt or unreadable image ({(str(exc).splitlines() or [type(exc).__name__])[0][:100]})") from None
    out = TextBuilder()
    if progress:
        progress(0, len(frames))
    for n, (lines, _height) in enumerate(ocr_images(frames, name), 1):
        out.start_page(n)
        for text, _top in paragraphs(lines):
            out.paragraph(text)
        if progress:
            progress(n, len(frames))
    result = out.result("image-ocr", list(range(1, len(frames) + 1)))
    if not result.text.strip():
        raise ParseError(name, "no text found in the image (OCR read nothing)")
    return result
