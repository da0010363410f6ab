"""Text folding shared by every layer: OCR-tolerant keys without diacritics, and tidy text.

`fold` lower-cases and strips Vietnamese diacritics (đ → d) keeping the length, so a match
in folded text is the same slice of the original; `squash` and `tidy` fold whitespace and the
gaps typing leaves in ids.
"""
import re
import unicodedata


def _build_fold_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x1FFF):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if base != ch and len(base) == 1 and base.isascii():
            table[code] = base
    for ch in "đĐ":
        table[ord(ch)] = "d"
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    # OCR of Vietnamese renders some accented letters as look-alike symbols or other
    # scripts' letters; fold them to what they stand for so keywords still match.
    table.update({ord("¢"): "o", ord("€"): "e", ord("ﬁ"): "f"})
    return table


FOLD_TABLE = _build_fold_table()
# The same table as a list indexed by code point (each unmapped one maps to itself; past its
# end a character is left as is): str.translate reads a list twice as fast as a dict.
_FOLD_LIST = [FOLD_TABLE.get(code, chr(code)) for code in range(max(FOLD_TABLE) + 1)]


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics (đ→d), keep length."""
    return text.translate(_FOLD_LIST)


def squash(text: str) -> str:
    """Fold line breaks and runs of spaces into one space; trim. (str.split splits at the
    characters regex `\\s` matches, and is faster than a `\\s+` substitution.)"""
    return " ".join(text.split())


_ID_GAP_RE = re.compile(r"(\d)[ \t]*([-/])[ \t]+(?=[A-ZĐ][A-Za-zĐđ]{0,5}[ \t]*[-/])|(\d)[ \t]+([-/])(?=[ \t]*[A-ZĐ])")


def tidy(text: str) -> str:
    """`squash`, then close the gaps typing leaves in ids and before commas:
    'Chỉ thị số 25- CT/TW , …' → 'Chỉ thị số 25-CT/TW, …'."""
    text = squash(text)
    text = _ID_GAP_RE.sub(lambda m: (m.group(1) or m.group(3)) + (m.group(2) or m.group(4)), text)
    text = re.sub(r"(%)\d{1,2}(?=[\s.,;)]|$)", r"\1", text)  # a footnote number glued on: '24%1'
    return re.sub(r"[ \t]+([,;])", r"\1", text)


def diacritic_share(text: str | None) -> float:
    """The share of letters that carry a Vietnamese diacritic (đ included): about a third in
    Vietnamese prose, near none in OCR that lost them ('Ke hoach thuc hien')."""
    letters = [ch for ch in (text or "").lower() if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if FOLD_TABLE.get(ord(ch), ch) != ch) / len(letters)


READABLE_SHARE = 0.2  # below it, text reads as OCR without its diacritics


def most_readable(texts, counts: dict[str, int] | None = None) -> str | None:
    """Of several wordings of one thing (a title as several documents cite it): one with its
    diacritics, then the one most sources use (`counts`), then the shortest (a sentence that
    runs on past the title is longer), then the first in code-point order."""
    counts = counts or {}
    found = [t for t in texts if t]
    if not found:
        return None
    return min(found, key=lambda t: (diacritic_share(t) < READABLE_SHARE, -counts.get(t, 1), len(t), t))
