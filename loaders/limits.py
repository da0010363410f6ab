"""Bounds on what one file may cost: pages, unpacked sizes, rendered pixels and time.

A policy plan is a few hundred kilobytes and a few dozen pages. Files far beyond that are
dumps, damaged, or built to hurt (a zip bomb, a PDF of 14,400-pt pages, a 30 KB PDF of 300
blank pages that each go to OCR); each limit below turns such a file into one ParseError
instead of minutes of work or gigabytes of memory. The figures are in docs/deployment.md.

The time limit scales with the file: `BASE_SECONDS` plus `SECONDS_PER_MB` for each megabyte,
`SECONDS_PER_PAGE` for each page of a PDF and `SECONDS_PER_OCR_PAGE` for each page read by OCR. Every pass of the parser is linear,
so a real document is far inside it; the limit catches what no measurement foresaw. It is
checked between steps (`check()`), so one step may run over it a little, never without end.
It counts the CPU time of the thread reading the file, not the clock: on a server busy with
other users a file runs longer but is not refused for it (measured: a 2 MB text took 80 s of
clock and 3.4 s of CPU on a machine shared by many). Tesseract runs in its own processes:
OCR is bounded by the page limit instead.
"""
import contextlib
import os
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from .errors import ParseError


def _env_int(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


# Pages of a PDF or frames of an image; POLICYKG_MAX_PAGES sets another limit.
MAX_PAGES = _env_int("POLICYKG_MAX_PAGES", 200)
# A Word file's parts once unpacked (python-docx reads every part into memory) and, of those,
# the XML (parsed into a tree: 16 MB of it took 50 s and 570 MB); checked on the sizes the zip declares,
# which zipfile then holds each part to (it stops at the declared size, then fails the CRC).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_UNPACKED_XML_BYTES = 32 * 1024 * 1024
# A PDF's compressed streams once inflated: one stream (a page at 300 dpi in colour is 26 MB)
# and all of them together.
MAX_STREAM_BYTES = 128 * 1024 * 1024
MAX_STREAMS_BYTES = 1024 * 1024 * 1024
# A page rendered for OCR: A3 at 300 dpi is 17 Mpx; a larger page is rendered at a lower dpi.
MAX_PAGE_PIXELS = 40_000_000
BASE_SECONDS = 60.0
SECONDS_PER_MB = 10.0
SECONDS_PER_PAGE = 5.0        # a PDF page's text layer (pdfplumber: 0.3-2 s a dense page)
SECONDS_PER_OCR_PAGE = 15.0   # and a page read by OCR (Tesseract: 2-10 s a page)


@dataclass
class _Budget:
    name: str
    started: float
    seconds: float

    def left(self) -> float:
        return self.started + self.seconds - time.thread_time()


_current: ContextVar[_Budget | None] = ContextVar("policykg_parse_budget", default=None)


def seconds_for(size: int) -> float:
    """The time limit for a file of `size` bytes."""
    return BASE_SECONDS + SECONDS_PER_MB * size / 1e6


@contextlib.contextmanager
def guarded(size: int, name: str) -> Iterator[None]:
    """Read one file under its time limit; running out of memory or stack is a ParseError too."""
    budget = _Budget(name, time.thread_time(), seconds_for(size))
    token = _current.set(budget)
    try:
        yield
    except MemoryError:
        raise ParseError(name, "too large to read in the memory available") from None
    except RecursionError:
        raise ParseError(name, "nested too deeply to read") from None
    finally:
        _current.reset(token)


def allow(seconds: float) -> None:
    """Give the file being read more time (OCR: per page, known only once the PDF is open)."""
    budget = _current.get()
    if budget is not None:
        budget.seconds += seconds


def check() -> None:
    """Raise ParseError if the file being read has run past its time limit (no-op outside `guarded`)."""
    budget = _current.get()
    if budget is not None and budget.left() < 0:
        raise ParseError(budget.name, f"took too long to read (over the limit of {round(budget.seconds)} s "
                                      "for a file of this size)")


def check_pages(pages: int, name: str) -> None:
    if pages > MAX_PAGES:
        raise ParseError(name, f"too many pages ({pages}; the limit is {MAX_PAGES})")
