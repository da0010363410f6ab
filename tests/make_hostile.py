"""Hostile and huge inputs, generated (nothing downloaded): what tests/test_fuzz.py feeds to
`parse_bytes` and what benchmarks/sizes.py measures against size.

Every maker takes a target size in bytes (the result is about that size) and returns bytes.
Word and PDF files are built with zipfile and by hand, so a damaged structure is exact.
"""
import io
import random
import zipfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nSố: 12/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Long An, ngày 12 tháng 3 năm 2024\nKẾ HOẠCH\nTriển khai công tác y tế cơ sở\n")
PARAGRAPH = ("Sở Y tế chủ trì, phối hợp với các sở, ngành liên quan tổ chức triển khai thực hiện Kế hoạch số "
             "542/KH-UBND ngày 15/3/2023 của UBND tỉnh; đến năm 2025 đạt 95% trạm y tế có bác sĩ. ")


def corpus_texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def _repeat_to(unit: str, size: int) -> str:
    n = max(1, size // max(1, len(unit.encode("utf-8"))))
    return unit * n


# -- text shapes ------------------------------------------------------------------------
def text_normal(size: int) -> bytes:
    """Corpus documents one after another: a large but ordinary text."""
    return _repeat_to("\n".join(corpus_texts()) + "\n", size).encode()


def text_one_line(size: int) -> bytes:
    """Corpus documents with every line break lost (a copy that kept none): one line."""
    return _repeat_to(" ".join(corpus_texts()) + " ", size).replace("\n", " ").encode()


def text_can_cu(size: int) -> bytes:
    """'Căn cứ …' lines before the header, many of them."""
    unit = "Căn cứ Quyết định số 1093/QĐ-BYT ngày 12/3/2023 của Bộ Y tế về việc ban hành kế hoạch;\n"
    return (_repeat_to(unit, size) + HEADER + PARAGRAPH).encode()


def text_headings(size: int) -> bytes:
    """The same headings repeated: 'I. MỤC ĐÍCH', '1. Nhiệm vụ' … over and over."""
    unit = "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n" + PARAGRAPH + "\nII. NHIỆM VỤ\n1. Sở Y tế:\n- " + PARAGRAPH + "\n"
    return (HEADER + _repeat_to(unit, size)).encode()


def text_huge_lines(size: int) -> bytes:
    """Ordinary header, then a few lines each of a megabyte or so."""
    line = _repeat_to(PARAGRAPH, max(1, size // 4))
    return (HEADER + "I. NHIỆM VỤ\n" + "\n".join([line] * 4)).encode()


def text_table(size: int) -> bytes:
    """A markdown pipe table of many rows (an appendix)."""
    head = "| TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |\n|---|---|---|---|---|\n"
    rows = "".join(f"| {i} | Kiện toàn tổ chức y tế cơ sở số {i} | Sở Y tế | Sở Nội vụ | Năm 2025 |\n"
                   for i in range(1, max(2, size // 80)))
    return (HEADER + "II. NHIỆM VỤ\n" + head + rows).encode()


# -- HTML ---------------------------------------------------------------------------------
def html_table(size: int) -> bytes:
    """A web page whose body is one big table."""
    row = ("<tr><td>{i}</td><td>Kiện toàn tổ chức y tế cơ sở</td><td>Sở Y tế</td><td>Sở Nội vụ</td>"
           "<td>Năm 2025</td></tr>\n")
    n = max(2, size // len(row.encode()))
    body = "".join(row.format(i=i) for i in range(n))
    head = "".join(f"<p>{ln}</p>" for ln in HEADER.splitlines())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{head}"
            f"<table><tr><th>TT</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Phối hợp</th><th>Thời gian</th></tr>"
            f"{body}</table></body></html>").encode()


# -- Word -----------------------------------------------------------------------------------
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  '<Default Extension="xml" ContentType="application/xml"/>'
                  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                  'wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')


def _xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{_xml_escape(text)}</w:t></w:r></w:p>"


def _tc(text: str, span: int = 1, vmerge: str | None = None) -> str:
    props = (f"<w:gridSpan w:val=\"{span}\"/>" if span != 1 else "") + \
        (f"<w:vMerge w:val=\"{vmerge}\"/>" if vmerge else "")
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text)}</w:tc>"


def docx_from_body(body: str, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal valid .docx whose document body is the given WordprocessingML."""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>{body}'
           "</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def docx_table(size: int, span: int = 1, cols: int = 5) -> bytes:
    """A Word document whose body is one big table; `span` > 1 gives every row a merged cell
    of that gridSpan (2147483647: the hostile case). The size is the unpacked XML's."""
    header = "".join(_p(ln) for ln in HEADER.splitlines())
    grid = "<w:tblGrid>" + "<w:gridCol/>" * cols + "</w:tblGrid>"
    row_xml = "<w:tr>" + _tc("{i}") + _tc("Kiện toàn tổ chức y tế cơ sở", span) + _tc("Sở Y tế") + \
        _tc("Năm 2025", vmerge="restart") + "</w:tr>"
    n = max(2, size // len(row_xml.encode()))
    rows = "".join(row_xml.replace("{i}", str(i)) for i in range(n))
    head = "<w:tr>" + "".join(_tc(h) for h in ("TT", "Nhiệm vụ", "Chủ trì", "Thời gian")) + "</w:tr>"
    return docx_from_body(header + "<w:tbl>" + grid + head + rows + "</w:tbl>")


def docx_bomb(unpacked: int) -> bytes:
    """A .docx whose document.xml unpacks to `unpacked` bytes of one paragraph repeated (~300:1)."""
    xml_head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=unpacked > 2**31) as f:
            f.write(xml_head.encode() + _p(HEADER).encode())
            para = _p("Sở Y tế chủ trì.").encode()
            chunk = para * ((1 << 20) // len(para))
            left = unpacked
            while left > 0:
                f.write(chunk)
                left -= len(chunk)
            f.write(b"</w:body></w:document>")
    return buf.getvalue()


def docx_lying_size(real: int) -> bytes:
    """A .docx bomb whose central directory declares a tiny size for document.xml: only a
    bounded reader notices."""
    data = bytearray(docx_bomb(real))
    name = b"word/document.xml"
    # central directory entry: signature PK\x01\x02, uncompressed size at offset 24 (4 bytes)
    pos = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[pos + 24:pos + 28] = (1000).to_bytes(4, "little")
    return bytes(data)


def zip_unsupported_version() -> bytes:
    """A zip whose member asks for a compression method zipfile lacks ('zip file version' error)."""
    data = bytearray(docx_from_body(_p(HEADER)))
    # central directory 'version needed to extract' (offset 6): 25.3 is beyond zipfile's 6.3
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        data[pos + 6] = 253
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


# -- PDF ------------------------------------------------------------------------------------
def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF from numbered objects (1 = catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _pages(kids: list[bytes], first: int) -> list[bytes]:
    refs = " ".join(f"{first + i} 0 R" for i in range(len(kids)))
    return [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{refs}] /Count {len(kids)} >>".encode()] + kids


def pdf_blank_pages(pages: int, width: float = 595, height: float = 842) -> bytes:
    """`pages` empty pages (no text layer: each would go to OCR)."""
    kid = f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] >>".encode()
    return pdf_from_objects(_pages([kid] * pages, 3))


def pdf_bomb(unpacked: int) -> bytes:
    """One page whose content stream inflates to `unpacked` bytes of spaces (a compression bomb)."""
    import zlib

    z = zlib.compressobj(9)
    parts = [z.compress(b"BT /F1 12 Tf 72 720 Td (Ke hoach) Tj ET\n")]
    chunk = b" " * (1 << 20)
    for _ in range(max(1, unpacked // len(chunk))):
        parts.append(z.compress(chunk))
    stream = b"".join(parts) + z.flush()
    objects = _pages([b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                      b"/Resources << /Font << /F1 5 0 R >> >> >>"], 3)
    objects.append(f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return pdf_from_objects(objects)


def pdf_text(size: int) -> bytes:
    """A text PDF of many pages (Helvetica, ASCII text), about `size` bytes."""
    line = "Ke hoach so 12/KH-UBND: So Y te chu tri, phoi hop voi cac so, nganh lien quan."
    content = "BT /F1 10 Tf 50 800 Td 12 TL " + " ".join(f"({line}) '" for _ in range(60)) + " ET"
    per_page = len(content) + 200
    n = max(1, size // per_page)
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for _ in range(n):
        page_no = len(objects) + 1
        kids.append(page_no)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {page_no + 1} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream".encode())
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {n} >>".encode()
    return pdf_from_objects(objects)


def pdf_ruled_grid(rows: int, cols: int) -> bytes:
    """One A4 page of a few lines of text under a grid of ruling lines, `rows` × `cols` cells
    (pdfplumber's table finder is quadratic in the crossings: 170 × 170 took 19 s)."""
    line = "Ke hoach so 12/KH-UBND: So Y te chu tri, phoi hop voi cac so, nganh lien quan."
    text = "BT /F1 8 Tf 30 830 Td 9 TL " + " ".join(f"({line}) '" for _ in range(3)) + " ET\n"
    x0, x1, y0, y1 = 30, 565, 40, 790
    rules = [f"{x0} {y0 + (y1 - y0) * i / rows:.2f} m {x1} {y0 + (y1 - y0) * i / rows:.2f} l S" for i in range(rows + 1)]
    rules += [f"{x0 + (x1 - x0) * j / cols:.2f} {y0} m {x0 + (x1 - x0) * j / cols:.2f} {y1} l S" for j in range(cols + 1)]
    content = text + "0.2 w\n" + "\n".join(rules)
    objects = _pages([b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                      b"/Resources << /Font << /F1 5 0 R >> >> >>"], 3)
    objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return pdf_from_objects(objects)


# -- mutations ------------------------------------------------------------------------------
def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random damage: flipped bytes, a cut, a repeated slice, inserted control characters."""
    b = bytearray(data)
    kind = rng.randrange(5)
    if kind == 0 and b:
        for _ in range(rng.randint(1, 20)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif kind == 1 and b:
        del b[rng.randrange(len(b)):]
    elif kind == 2 and b:
        i = rng.randrange(len(b))
        j = min(len(b), i + rng.randint(1, 2000))
        b[i:i] = b[i:j] * rng.randint(2, 50)
    elif kind == 3:
        for _ in range(rng.randint(1, 50)):
            b.insert(rng.randrange(len(b) + 1), rng.choice(b"\x00\x01\x07\x0b\x0c\x1b\x7f\r\t"))
    else:
        i = rng.randrange(len(b) + 1)
        b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
    return bytes(b)
