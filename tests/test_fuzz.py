"""Fuzzing `parse_bytes`: every input ends in a record or a one-line ParseError, in bounded time.

A few hundred generated cases per run (tests/make_hostile.py): random bytes behind each
format's magic number, mutated and truncated corpus documents, control characters, UTF-16,
huge lines, repeated headings, 'Căn cứ' runs, HTML and Word tables, Word files with merged
cells, absurd gridSpan, zip bombs and lying sizes, malformed, compressed and giant PDFs.

The seed is printed; POLICYKG_FUZZ_SEED replays a run, POLICYKG_FUZZ_CASES sets how many
random cases (default 300).
"""
import os
import random
import time
import zipfile

import make_hostile as mh
import pytest

from policykg.loaders import ParseError, limits, parse_bytes

SEED = int(os.environ.get("POLICYKG_FUZZ_SEED") or random.SystemRandom().randrange(2**31))
CASES = int(os.environ.get("POLICYKG_FUZZ_CASES") or 300)
MAGIC = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<!DOCTYPE html><html><body>", b"\xff\xfe", b"\xfe\xff",
         b"\xef\xbb\xbf", b"\x89PNG\r\n\x1a\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1"]


def bound(data: bytes) -> float:
    """CPU seconds a case may take, far below the minutes a quadratic pass or a bomb took.
    CPU time of this thread (what the parser spends), so other work on the machine does not
    fail a case; the clock gets ten times as much, for what waits without using the CPU."""
    return 10.0 + 10.0 * len(data) / 1e6


def _docx_of(text: str) -> bytes:
    return mh.docx_from_body("".join(mh._p(line) for line in text.splitlines()[:400]))


def random_case(rng: random.Random, texts: list[str], pdf: bytes) -> tuple[str, bytes]:
    kind = rng.randrange(10)
    doc = rng.choice(texts)
    if kind == 0:
        n = rng.choice([0, 1, 7, 100, 3000])
        return "random bytes", rng.choice(MAGIC) + bytes(rng.randrange(256) for _ in range(n))
    if kind in (1, 2):
        return "mutated text", mh.mutate(doc.encode(), rng)
    if kind == 3:
        return "truncated text", doc.encode()[:rng.randrange(len(doc.encode()) + 1)]
    if kind == 4:
        enc = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
        return f"{enc} mutated", mh.mutate(doc.encode(enc), rng)
    if kind == 5:
        return "mutated docx", mh.mutate(_docx_of(doc), rng)
    if kind == 6:
        return "mutated pdf", mh.mutate(pdf, rng)
    if kind == 7:
        maker = rng.choice([mh.text_one_line, mh.text_can_cu, mh.text_headings, mh.text_huge_lines, mh.text_table])
        return maker.__name__, maker(rng.choice([10_000, 60_000, 200_000]))
    if kind == 8:
        return "mutated html table", mh.mutate(mh.html_table(rng.choice([2_000, 40_000])), rng)
    controls = "".join(rng.choice("\x00\x01\x07\x0b\x0c\x1b\x7f\u200b\ufeff\u202e") for _ in range(rng.randint(1, 400)))
    i = rng.randrange(len(doc) + 1)
    return "control characters", (doc[:i] + controls + doc[i:]).encode()


def fixed_cases() -> list[tuple[str, bytes]]:
    """The hostile files the red team found, each built here."""
    span = mh.docx_table(20_000, span=2147483647)
    return [
        ("docx gridSpan=2147483647", span),
        ("docx gridSpan=100000", mh.docx_table(50_000, span=100_000)),
        ("docx gridSpan not a number", mh.docx_from_body(
            "<w:tbl><w:tr>" + mh._tc("a").replace("<w:tcPr></w:tcPr>", '<w:tcPr><w:gridSpan w:val="x"/></w:tcPr>')
            + "</w:tr></w:tbl>")),
        ("docx negative gridSpan", mh.docx_table(3_000, span=-5)),
        ("docx merged cells", mh.docx_table(30_000)),
        ("docx zip bomb 60 MB", mh.docx_bomb(60_000_000)),
        ("docx lying size", mh.docx_lying_size(20_000_000)),
        ("zip version 25.3", mh.zip_unsupported_version()),
        ("docx stored, not deflated", mh.docx_from_body(mh._p(mh.HEADER), zipfile.ZIP_STORED)),
        ("pdf compression bomb", mh.pdf_bomb(200_000_000)),
        ("pdf 300 blank pages", mh.pdf_blank_pages(300)),
        ("pdf 150 blank pages", mh.pdf_blank_pages(150)),
        ("pdf 14,400-pt page", mh.pdf_blank_pages(1, 14400, 14400)),
        ("pdf ruled 170 × 170 on one page", mh.pdf_ruled_grid(170, 170)),
        ("html nested 20,000 deep", b"<html><body>" + b"<div>" * 20000 + "Kế hoạch".encode() + b"</div>" * 20000),
        ("text one line 1 MB", mh.text_one_line(1_000_000)),
        ("text 'Căn cứ' 500 KB", mh.text_can_cu(500_000)),
    ]


def _run(label: str, data: bytes) -> str | None:
    """None if the case ended as it must, else what went wrong."""
    start, cpu = time.monotonic(), time.thread_time()
    try:
        record = parse_bytes(data, "fuzz.bin")
        outcome = "record" if isinstance(record, dict) else f"returned {type(record).__name__}"
    except ParseError as exc:
        outcome = "ParseError" if "\n" not in str(exc) and str(exc).startswith("fuzz.bin: ") else f"ParseError of many lines: {exc!r}"
    except BaseException as exc:  # noqa: BLE001  (the point: anything but ParseError is a failure)
        outcome = f"{type(exc).__name__}: {str(exc)[:200]}"
    seconds, cpu = time.monotonic() - start, time.thread_time() - cpu
    if outcome not in ("record", "ParseError"):
        return f"{label} ({len(data)} bytes): {outcome}"
    if cpu > bound(data) or seconds > 10 * bound(data):
        return f"{label} ({len(data)} bytes): {cpu:.1f} s of CPU, {seconds:.1f} s of clock; the bound is {bound(data):.0f} s"
    return None


def test_fixed_hostile_files_end_in_record_or_parse_error():
    failures = [f for f in (_run(label, data) for label, data in fixed_cases()) if f]
    assert not failures, "\n".join(failures)


def test_fuzz_parse_bytes():
    print(f"fuzz seed {SEED} ({CASES} cases): replay with POLICYKG_FUZZ_SEED={SEED}")
    rng = random.Random(SEED)
    texts = mh.corpus_texts()
    pdf = mh.pdf_text(6_000)
    failures = []
    for n in range(CASES):
        label, data = random_case(rng, texts, pdf)
        failure = _run(f"case {n} {label}", data)
        if failure:
            failures.append(failure)
    assert not failures, f"seed {SEED}:\n" + "\n".join(failures)


# -- the limits themselves -------------------------------------------------------------------
def test_zip_bomb_refused_before_unpacking():
    data = mh.docx_bomb(60_000_000)
    start, cpu = time.monotonic(), time.thread_time()
    with pytest.raises(ParseError, match=r"the Word file unpacks to too much \(\d+ MB; the limit is 32 MB\)"):
        parse_bytes(data, "bomb.docx")
    assert time.thread_time() - cpu < 2 and time.monotonic() - start < 30  # reading it took 35-48 s


def test_huge_grid_span_is_clamped_to_the_grid():
    from policykg.loaders import extract

    ex = extract(mh.docx_table(3_000, span=2147483647, cols=4), "span.docx")
    rows = [line for line in ex.text.splitlines() if line.startswith("1\t")]
    assert rows and all(len(r.split("\t")) <= 4 for r in rows)


def test_unsupported_zip_version_is_a_parse_error():
    with pytest.raises(ParseError, match="unsupported zip version"):
        parse_bytes(mh.zip_unsupported_version(), "old.docx")


def test_pdf_compression_bomb_refused():
    with pytest.raises(ParseError, match="compressed content unpacks to too much"):
        parse_bytes(mh.pdf_bomb(200_000_000), "bomb.pdf")


def test_page_limit(monkeypatch):
    with pytest.raises(ParseError, match=r"too many pages \(300; the limit is 200\)"):
        parse_bytes(mh.pdf_blank_pages(300), "blank.pdf")
    monkeypatch.setattr(limits, "MAX_PAGES", 10)
    with pytest.raises(ParseError, match=r"too many pages \(11; the limit is 10\)"):
        parse_bytes(mh.pdf_blank_pages(11), "blank.pdf")


def test_blank_pages_are_not_sent_to_ocr():
    start, cpu = time.monotonic(), time.thread_time()
    with pytest.raises(ParseError, match="no text in the PDF"):
        parse_bytes(mh.pdf_blank_pages(150), "blank.pdf")
    # OCR of 150 pages takes minutes (Tesseract's own processes: the clock shows it)
    assert time.thread_time() - cpu < 5 and time.monotonic() - start < 60


def test_giant_page_is_rendered_within_the_pixel_limit():
    import pypdfium2 as pdfium

    from policykg.loaders.ocr import _render

    pdf = pdfium.PdfDocument(mh.pdf_blank_pages(1, 14400, 14400))
    image = _render(pdf[0])
    assert image.width * image.height <= limits.MAX_PAGE_PIXELS * 1.01
    pdf.close()


def test_time_limit(monkeypatch):
    monkeypatch.setattr(limits, "BASE_SECONDS", 0.0)
    monkeypatch.setattr(limits, "SECONDS_PER_MB", 0.0)
    with pytest.raises(ParseError, match=r"took too long to read \(over the limit of 0 s"):
        parse_bytes(mh.text_normal(200_000), "slow.txt")


def test_limit_messages_are_translated():
    from policykg.base.i18n import error_text

    for problem, vi in [("too many pages (300; the limit is 200)", "quá nhiều trang"),
                        ("the Word file unpacks to too much (57 MB; the limit is 32 MB)", "giải nén quá lớn"),
                        ("took too long to read (over the limit of 60 s for a file of this size)", "quá lâu"),
                        ("the PDF's compressed content unpacks to too much (over 128 MB)", "PDF"),
                        ("a ZIP/Word file packed in a way that cannot be read (unsupported zip version or "
                         "compression); save it again as .docx", "không đọc được")]:
        text = error_text(ParseError("f.docx", problem), "vi")
        assert text.startswith("f.docx: ") and vi in text and problem not in text


def test_a_web_page_over_its_limit_is_refused_before_it_is_read():
    from policykg.loaders.extract import MAX_HTML_BYTES

    unit = "<p>Kế hoạch</p>".encode()
    page = b"<!DOCTYPE html><html><body>" + unit * (MAX_HTML_BYTES // len(unit) + 1)
    with pytest.raises(ParseError, match=r"file too large \(16 MB; the limit is 16 MB\)"):
        parse_bytes(page, "page.html")
