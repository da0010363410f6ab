"""Any supported file's bytes → the text-and-tables intermediate (`Extracted`).

The format comes from the content (`sniff`); each reader is imported only when needed,
so reading text needs none of the PDF, Word or OCR libraries.
"""
from .decode import decode_bytes
from .errors import ParseError
from .extracted import Extracted
from .sniff import sniff

# Scans are large (a 40-page scan at 300 dpi can pass 64 MB); text stays under MAX_BYTES.
MAX_BINARY_BYTES = 256 * 1024 * 1024
# A web page costs ~90 MB of memory a MB (trafilatura's and lxml's trees; benchmarks/sizes.py:
# 8 MB took 725 MB): a page of a plan, appendix tables included, is a few MB.
MAX_HTML_BYTES = 16 * 1024 * 1024


def extract(data: bytes, name: str = "<bytes>", progress=None) -> Extracted:
    """Read a document of any supported format. `progress(done, total)` is called per page
    for PDFs and images (OCR takes seconds per page). Raises ParseError."""
    if not data.strip():
        raise ParseError(name, "empty file")
    kind = sniff(data, name)
    if kind == "text":
        return Extracted(decode_bytes(data, name), "text")
    if len(data) > MAX_BINARY_BYTES or kind == "html" and len(data) > MAX_HTML_BYTES:
        limit = MAX_HTML_BYTES if kind == "html" else MAX_BINARY_BYTES
        raise ParseError(name, f"file too large ({len(data) // (1024 * 1024)} MB; the limit is {limit // (1024 * 1024)} MB)")
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf(data, name, progress)
    if kind == "docx":
        from .word import read_docx
        return read_docx(data, name)
    if kind == "image":
        from .ocr import read_image
        return read_image(data, name, progress)
    from .webpage import read_html
    return read_html(data, name)
