"""Bytes to text: UTF-8 or UTF-16 (detected, with or without BOM), anything else refused."""
import codecs
import re
import unicodedata

from .errors import ParseError

# Documents beyond this size are not policy plans but dumps; refusing them keeps the
# parser's time and memory bounded (a real plan is well under 1 MB).
MAX_BYTES = 64 * 1024 * 1024


def _looks_utf16(data: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' for BOM-less UTF-16 (NULs on one side), else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, source: str = "<bytes>") -> str:
    """Decode a document's bytes to NFC text, or raise ParseError saying why not."""
    if len(data) > MAX_BYTES:
        raise ParseError(source, f"file too large ({len(data) // (1024 * 1024)} MB; the limit is "
                                 f"{MAX_BYTES // (1024 * 1024)} MB)")
    if not data.strip():
        raise ParseError(source, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = (_looks_utf16(data) or "utf-8"), data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if b"\x00" in data[:4096]:
            raise ParseError(source, "binary file, not text") from None
        raise ParseError(
            source,
            f"not UTF-8 or UTF-16 text (invalid byte 0x{body[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8",
        ) from None
    controls = len(_CONTROL_RE.findall(text, 0, 65536))
    if "\x00" in text or controls > 0.01 * min(len(text), 65536) + 2:
        raise ParseError(source, "binary file, not text")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise ParseError(source, "empty file")
    return text


# Unicode category Cc (U+0000–U+001F, U+007F–U+009F) but the whitespace controls \t \n \v \f \r:
# one regex pass, not a category look-up per character.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def read_file(path) -> bytes:
    """A document's bytes, or ParseError naming the file and what went wrong."""
    from pathlib import Path

    path = Path(path)
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise ParseError(str(path), "is a folder, not a file") from None
    except FileNotFoundError:
        raise ParseError(str(path), "no such file") from None
    except OSError as exc:
        raise ParseError(str(path), f"cannot be read ({exc.strerror})") from None
