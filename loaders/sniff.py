"""What a file is, from its first bytes (magic numbers), not from its name.

Staff rename files, and websites serve PDFs as '.html'; the content decides. Returns one
of 'pdf', 'docx', 'image', 'html', 'text'; formats we cannot read get a ParseError that
says what the file is and what to do.
"""
import io
import re
import zipfile

from . import limits
from .errors import ParseError

IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",   # PNG
    b"\xff\xd8\xff",        # JPEG
    b"II*\x00", b"MM\x00*",  # TIFF (little/big endian)
)
# A page has one of these near its start; markdown may carry <b>, <p> or <div> but not these.
_HTML_RE = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_FRAGMENT_RE = re.compile(rb"</(?:table|div|p|td)>", re.IGNORECASE)


def check_unpacked(infos: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a zip whose parts, as declared, unpack to more than the limits (a zip bomb),
    before anything is unpacked."""
    total = sum(i.file_size for i in infos)
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    for size, limit in ((total, limits.MAX_UNPACKED_BYTES), (xml, limits.MAX_UNPACKED_XML_BYTES)):
        if size > limit:
            raise ParseError(name, f"the Word file unpacks to too much ({size // (1024 * 1024)} MB; "
                                   f"the limit is {limit // (1024 * 1024)} MB)")


def _zip_kind(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            check_unpacked(infos, name)
            names = {i.filename for i in infos}
            mimetype = ""
            if "mimetype" in names and z.getinfo("mimetype").file_size < 256:
                mimetype = z.read("mimetype").decode("ascii", "replace").strip()
    except NotImplementedError:  # zipfile: a newer zip version or compression method
        raise ParseError(name, "a ZIP/Word file packed in a way that cannot be read (unsupported zip "
                               "version or compression); save it again as .docx") from None
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, RuntimeError):
        raise ParseError(name, "corrupt or truncated ZIP/Word file (cannot read its contents)") from None
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith("application/vnd.oasis.opendocument.text"):
        raise ParseError(name, "OpenDocument text (.odt) is not supported; save it as .docx or PDF")
    if "xl/workbook.xml" in names:
        raise ParseError(name, "an Excel workbook, not a policy document; save the document as .docx or PDF")
    raise ParseError(name, "a ZIP archive, not a Word document (.docx); unpack it and load the documents inside")


def sniff(data: bytes, name: str = "<bytes>") -> str:
    head = data[:1024]
    if b"%PDF-" in head:  # the header may follow some junk, within the first 1024 bytes
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data, name)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ParseError(name, "a Word 97-2003 (.doc) file, not supported; save it as .docx or PDF")
    if head.startswith(b"{\\rtf"):
        raise ParseError(name, "an RTF file, not supported; save it as .docx or PDF")
    if head.startswith(IMAGE_MAGIC) or head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    # HTML: a page's opening tags near the start, or a fragment that starts with a tag.
    start = data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_RE.search(start[:4096]) or start[:1] == b"<" and _FRAGMENT_RE.search(start):
        return "html"
    return "text"
