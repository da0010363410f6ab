"""Agency names: splitting a cell into distinct bodies, and canonical spelling for OCR."""
import difflib
import re
from functools import lru_cache

from .text import fold, squash
from .vocab import AGENCY_START_FOLDED, KNOWN_AGENCIES

def ocr_key(text: str) -> str:
    """Folded text with OCR's digit-for-vowel swaps undone: "S6'Y té" → 'so y te'."""
    key = re.sub(r"(?<=[a-z])[60¢&](?![0-9])", "o", fold(text))
    key = re.sub(r"['’`\"]", " ", key)
    return " ".join(key.split())


_KNOWN_FOLDED = [(ocr_key(a), a) for a in KNOWN_AGENCIES]
_SPLIT_RE = re.compile(r"(,|\s+và\s+|\s+va\s+)")


def starts_like_agency(text: str) -> bool:
    f = fold(text).lstrip("-–+*• ")
    return any(f == w or f.startswith(w + " ") or (w.endswith(".") and f.startswith(w)) for w in AGENCY_START_FOLDED)


def _starts_new_body(segment: str) -> bool:
    """Does this comma- or 'và'-separated segment name a new body?

    Upper-case segments that start like an agency do ('Sở Y tế, UBND cấp huyện');
    others continue a name ('Sở Văn hóa, Thể thao và Du lịch'). Lower-case segments
    continue a group phrase ('Các sở, ngành'), except 'các …' and 'cơ quan …'.
    """
    first = segment[:1]
    f = fold(segment)
    if first.islower():
        return f.startswith(("cac ", "co quan"))
    return starts_like_agency(segment)


def split_agencies(cell: str) -> list[str]:
    """'Sở Nội vụ và các cơ quan, ban ngành, UBND các xã' → three bodies."""
    cell = squash(cell).strip(" .;,")
    out: list[str] = []
    for part in re.split(r"\s*;\s*", cell):
        part = part.strip(" .,")
        if not part:
            continue
        pieces = _SPLIT_RE.split(part)
        items: list[str] = []
        delim = None
        for piece in pieces:
            if _SPLIT_RE.fullmatch(piece):
                delim = "," if piece == "," else " và "
                continue
            seg = piece.strip()
            if fold(seg).startswith("va "):  # ', và các cơ quan'
                seg, delim = seg[3:].strip(), " và "
            if not seg:
                continue
            if not items or _starts_new_body(seg):
                items.append(seg)
            else:
                items[-1] = items[-1] + (", " if delim == "," else delim) + seg
        out.extend(i.strip(" .,") for i in items if i.strip(" .,"))
    return out


@lru_cache(maxsize=8192)
def canonical_agency(name: str, ocr: bool) -> str:
    """The known spelling of an agency name read by OCR; the name as written otherwise."""
    name = squash(name).strip(" .:;")
    if not ocr:
        return name
    key = ocr_key(name)
    best, score = None, 0.0
    for folded, canon in _KNOWN_FOLDED:
        s = difflib.SequenceMatcher(None, key, folded, autojunk=False).ratio()
        if s > score:
            best, score = canon, s
    if best and score >= 0.8:
        # 'Các sở, ban, ngành liên quan' keeps the case the document gave its first word.
        if best[0].isupper() and name[:1].islower():
            best = best[0].lower() + best[1:]
        return best
    return name
