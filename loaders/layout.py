"""Page geometry → paragraphs: for PDF text layers and OCR alike.

A page gives positioned words. Words are grouped into lines (or the OCR engine's lines
are taken), wide gaps split a line into separate pieces (the issuer and the national
motto side by side in the header), and wrapped lines are joined back into paragraphs:
a line continues the one above when the one above is full (the next line's first word
would not have fitted after it) and it is not indented more. The text parser reads one
paragraph per line; a wrapped 'thực hiện' at the start of a line would otherwise look
like a new clause of the preamble.
"""
import re
from dataclasses import dataclass


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    first_word: float  # width of the first word (would it have fitted on the line above?)
    block: int = 0     # OCR block: a new block is a new paragraph

    @property
    def height(self) -> float:
        return self.bottom - self.top


def lines_from_words(words: list[dict], gap_factor: float = 3.0) -> list[Line]:
    """Words ({text, x0, x1, top, bottom}) → lines, top to bottom, split at wide gaps."""
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    rows: list[list[dict]] = []
    for w in words:
        mid = (w["top"] + w["bottom"]) / 2
        for row in rows[-3:]:
            if row[0]["top"] - 1 <= mid <= row[0]["bottom"] + 1:
                row.append(w)
                break
        else:
            rows.append([w])
    out: list[Line] = []
    for row in sorted(rows, key=lambda r: min(w["top"] for w in r)):
        row.sort(key=lambda w: w["x0"])
        height = max(w["bottom"] - w["top"] for w in row)
        piece = [row[0]]
        for prev, w in zip(row, row[1:], strict=False):
            if w["x0"] - prev["x1"] > gap_factor * height:
                out.append(_line(piece))
                piece = []
            piece.append(w)
        out.append(_line(piece))
    return out


def _line(words: list[dict], block: int = 0) -> Line:
    return Line(" ".join(w["text"] for w in words), min(w["x0"] for w in words), max(w["x1"] for w in words),
                min(w["top"] for w in words), max(w["bottom"] for w in words), words[0]["x1"] - words[0]["x0"], block)


def right_edge(lines: list[Line]) -> float:
    """Where full lines end: the right edge most long lines reach."""
    ends = sorted(ln.x1 for ln in lines if len(ln.text) > 20) or sorted(ln.x1 for ln in lines)
    return ends[int(0.9 * (len(ends) - 1))] if ends else 0.0


_LIST_START = re.compile(r"^(?:[-–+•*]\s|[IVX]{1,5}\.\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ]\)\s)")


def paragraphs(lines: list[Line], right: float | None = None) -> list[tuple[str, float]]:
    """Join wrapped lines: [(paragraph, top of its first line)]."""
    if not lines:
        return []
    right = right_edge(lines) if right is None else right
    left = min(ln.x0 for ln in lines)
    # The usual gap between lines of a paragraph; a wider one is paragraph spacing.
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if 0 <= b.top - a.bottom < 2 * a.height)
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    out: list[tuple[list[str], float]] = []
    prev: Line | None = None
    for ln in lines:
        space = 0.3 * ln.height
        new = (
            prev is None
            or ln.block != prev.block
            or ln.top - prev.bottom > usual + 0.3 * max(ln.height, prev.height)  # paragraph spacing
            or prev.x1 + space + ln.first_word < right - space              # the line above ended short
            or ln.x0 > max(prev.x0, left) + 2 * ln.height and ln.x0 - left > 2 * ln.height  # indented: a new paragraph
            or bool(_LIST_START.match(ln.text))
        )
        if new:
            out.append(([ln.text], ln.top))
        else:
            out[-1][0].append(ln.text)
        prev = ln
    return [(" ".join(parts), top) for parts, top in out]
