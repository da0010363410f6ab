"""The Word reader reads what python-docx reads, on every kind of Word file the tests build.

loaders/word.py reads the body's XML directly (python-docx's objects were ~3/4 of the time
of a long document). The reference here is the walk it replaced, through python-docx's own
`Paragraph.text` and cell paragraphs: both must give the same paragraphs and table rows, the
same `Extracted` and the same error, on the corpus documents as Word files, the generated
hostile tables, a body with every kind of run content and wrapper, and XML-level damage.
"""
import copy
import io
import random
import zipfile
from pathlib import Path

import make_hostile as mh
import pytest
from make_formats import write_docx

from policykg.loaders import ParseError, extract, limits
from policykg.loaders.extracted import TextBuilder
from policykg.loaders.word import _blocks, open_docx, read_docx

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT.parent / "shared" / "dev-corpus" / "documents"
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


# -- the reference: python-docx's object walk (loaders/word.py before issue 17) ------------
def _reference_rows(table) -> list[list[str]]:
    from docx.table import _Cell

    tbl = table._tbl
    grid = tbl.tblGrid
    columns = len(grid.gridCol_lst) if grid is not None else 0
    rows = []
    for tr in tbl.tr_lst:
        row: list[str] = []
        tcs = tr.tc_lst
        width = max(columns, len(tcs))
        for k, tc in enumerate(tcs):
            row.append("" if tc.vMerge == "continue" else "\n".join(p.text for p in _Cell(tc, None).paragraphs))
            room = width - len(row) - (len(tcs) - k - 1)
            row += [""] * max(0, min(tc.grid_span - 1, room))
        rows.append(row)
    return rows


def _reference_blocks(document) -> list:
    from docx.table import Table

    return [_reference_rows(b) if isinstance(b, Table) else b.text for b in document.iter_inner_content()]


def _outcome(read) -> object:
    """What reading gives: the blocks, or the error as the user sees it."""
    try:
        return read()
    except ParseError as exc:
        return f"ParseError: {exc}"
    except Exception as exc:  # noqa: BLE001  (read_docx turns these into the same ParseError)
        return f"corrupt Word file ({str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__})"


def _extracted(blocks) -> object:
    if isinstance(blocks, str):
        return blocks
    out = TextBuilder()
    for b in blocks:
        out.paragraph(b) if isinstance(b, str) else out.table(b)
    return out.result("docx")


def assert_same(data: bytes, label: str) -> None:
    reference = _outcome(lambda: _reference_blocks(open_docx(data, "f.docx")))
    fast = _outcome(lambda: list(_blocks(open_docx(data, "f.docx").element.body)))
    assert fast == reference, label
    try:
        got: object = read_docx(data, "f.docx")
    except ParseError as exc:
        got = str(exc)
    want = _extracted(reference)
    if isinstance(want, str):  # the error read_docx raises: the same message, named
        assert got == "f.docx: " + want.removeprefix("ParseError: f.docx: "), label
    else:
        assert got == want, label


# -- the Word files ---------------------------------------------------------------------------
def document_xml(body: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<w:document {mh._W} {_R}>'
            f"<w:body>{body}</w:body></w:document>").encode()


def docx_of_xml(xml: bytes) -> bytes:
    """A .docx whose document.xml is exactly these bytes (damaged ones too)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", mh._CONTENT_TYPES)
        z.writestr("_rels/.rels", mh._RELS)
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def _tc(inner: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>"


# Every kind of run content, wrappers python-docx does not look into, comments, an
# entity left unresolved, merged cells of every kind, nested tables, empty cells.
RUNS = ('<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t><w:tab/><w:t xml:space="preserve"> b  </w:t><w:br/><w:t>c</w:t>'
        '<w:br w:type="page"/><w:br w:type="column"/><w:br w:type="textWrapping"/><w:br w:type="bogus"/><w:cr/>'
        '<w:noBreakHyphen/><w:softHyphen/><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/>'
        '<w:sym w:font="Symbol" w:char="F0E0"/><w:t/><w:delText>gone</w:delText><w:t>d<!--x-->e</w:t></w:r>'
        '<w:hyperlink r:id="rId9"><w:r><w:t>link</w:t></w:r><w:r><w:tab/><w:t>\u00a0two</w:t></w:r>'
        '<w:ins><w:r><w:t>deep</w:t></w:r></w:ins></w:hyperlink>'
        '<w:ins w:id="1" w:author="x"><w:r><w:t>inserted</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="x"><w:r><w:delText>deleted</w:delText></w:r></w:del>'
        '<w:smartTag w:uri="u" w:element="e"><w:r><w:t>smart</w:t></w:r></w:smartTag>'
        '<w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple><!-- a comment -->'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:t>&amp; &lt;Kế hoạch&gt; &e;</w:t></w:r><w:r><w:t>x&e;y</w:t></w:r>'
        "<w:r><w:t>Sở Y tế\tchủ trì</w:t></w:r></w:p>"
        '<w:p/><w:p><w:r/></w:p><w:p><w:r><w:t>  </w:t></w:r></w:p>'
        '<w:sdt><w:sdtContent><w:p><w:r><w:t>in a content control</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        '<w:customXml w:element="x"><w:p><w:r><w:t>custom</w:t></w:r></w:p></w:customXml>'
        '<w:bookmarkStart w:id="0" w:name="b"/><w:p><w:r><w:t>after a bookmark</w:t></w:r></w:p>'
        '<w:bookmarkEnd w:id="0"/>')
NESTED = ('<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>'
          + _tc(mh._p("nested cell")) + "</w:tr></w:tbl>")
TABLE = ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>'
         '<w:tblGrid><w:gridCol w:w="100"/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
         "<w:tr>" + "".join(_tc(mh._p(h)) for h in ("TT", "Nhiệm vụ", "Chủ trì", "Thời gian")) + "</w:tr>"
         '<w:tr><w:trPr><w:cantSplit/></w:trPr>' + _tc(mh._p("1"), '<w:vMerge w:val="restart"/>')
         + _tc(mh._p("Kiện toàn") + mh._p("hai đoạn"), '<w:gridSpan w:val="2"/>')
         + _tc(mh._p("2025") + NESTED + mh._p("after nested")) + "</w:tr>"
         "<w:tr>" + _tc(mh._p("x"), "<w:vMerge/>") + _tc(mh._p("y"), '<w:vMerge w:val="continue"/>')
         + _tc(mh._p("z"), '<w:vMerge w:val=""/>') + _tc(mh._p("w"), '<w:vMerge w:val="bogus"/>') + "</w:tr>"
         "<w:tr>" + "<w:tc/>" + _tc("") + "<w:tc>" + mh._p("no props") + "</w:tc>"
         + _tc(mh._p("span 0"), '<w:gridSpan w:val="0"/>') + _tc(mh._p("extra"), '<w:gridSpan w:val=" 3"/>') + "</w:tr>"
         '<w:tr><w:sdt><w:sdtContent>' + _tc(mh._p("cell in a control")) + "</w:sdtContent></w:sdt>"
         + _tc(mh._p("two tcPr"), '<w:gridSpan w:val="2"/></w:tcPr><w:tcPr><w:vMerge/>') + "</w:tr>"
         "<w:tr/></w:tbl>")
HEADER = "".join(mh._p(line) for line in mh.HEADER.splitlines())  # a plan's header: parse_bytes gives a record
FEATURES = HEADER + RUNS + TABLE + mh._p("end") + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
ENTITY = '<!DOCTYPE w:document [<!ENTITY e "ent">]>'


def word_files() -> dict[str, bytes]:
    files = {
        "features": docx_of_xml(document_xml(FEATURES, ENTITY)),
        "table": mh.docx_table(30_000),
        "table 4 columns": mh.docx_table(10_000, cols=4),
        "gridSpan 2": mh.docx_table(10_000, span=2),
        "gridSpan=2147483647": mh.docx_table(20_000, span=2147483647),
        "gridSpan=100000": mh.docx_table(20_000, span=100_000),
        "negative gridSpan": mh.docx_table(3_000, span=-5),
        "gridSpan not a number": docx_of_xml(document_xml(
            "<w:tbl><w:tblGrid/><w:tr>" + _tc(mh._p("a"), '<w:gridSpan w:val="x"/>') + "</w:tr></w:tbl>")),
        "gridSpan without a value": docx_of_xml(document_xml(
            "<w:tbl><w:tblGrid/><w:tr>" + _tc(mh._p("a"), "<w:gridSpan/>") + "</w:tr></w:tbl>")),
        "table without a grid": docx_of_xml(document_xml("<w:tbl><w:tr>" + _tc(mh._p("a")) + "</w:tr></w:tbl>")),
        "paragraphs": mh.docx_bomb(200_000),
        "stored": mh.docx_from_body(mh._p(mh.HEADER), zipfile.ZIP_STORED),
        "empty body": docx_of_xml(document_xml("")),
        "not XML": docx_of_xml(b"<w:document"),
        "cut": mh.docx_table(100_000)[:1500],
    }
    for path in sorted((ROOT / "data" / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "documents").iterdir()):
        buf = io.BytesIO()
        write_docx(path.read_text("utf-8"), buf)  # type: ignore[arg-type]  # python-docx saves to a stream too
        files[path.name] = buf.getvalue()
    return files


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return word_files()


def test_same_as_python_docx(files):
    for label, data in files.items():
        assert_same(data, label)


def test_the_reference_can_tell(files):
    """The comparison sees a change: the features file gives what each walk skips or keeps."""
    blocks = list(_blocks(open_docx(files["features"], "f.docx").element.body))[len(mh.HEADER.splitlines()):]
    # breaks but page and column ones, no tracked insertion, w:t to its first child, a
    # text before an unresolved entity
    assert blocks[0] == "a\t b  \nc\n\n-\tdlink\t\u00a0two& <Kế hoạch> xSở Y tế\tchủ trì"
    assert "in a content control" not in blocks and "after a bookmark" in blocks
    table = next(b for b in blocks if isinstance(b, list))
    assert table[1] == ["1", "Kiện toàn\nhai đoạn", "", "2025\nafter nested"]  # nested table's text left out
    assert table[2] == ["", "", "z", "w"]                                    # vMerge continue (default) empty
    assert table[3] == ["", "", "no props", "span 0", "extra"]
    assert table[4] == ["two tcPr", ""] and table[5] == []


TAGS = ["p", "r", "t", "tab", "br", "cr", "ptab", "noBreakHyphen", "hyperlink", "ins", "sdt", "sdtContent", "tbl",
        "tblGrid", "gridCol", "tr", "tc", "tcPr", "gridSpan", "vMerge", "body", "x"]
VALUES = [None, "", "1", "2", "0", "-3", "x", "continue", "restart", "page", "column", "textWrapping", "99999"]


def rearranged(xml: bytes, rng: random.Random) -> bytes:
    """Well-formed XML of the same words in another structure: elements dropped, copied
    elsewhere, renamed, their w:val and w:type changed."""
    from lxml import etree

    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for _ in range(rng.randint(1, 6)):
        elements = list(root.iter(etree.Element))[2:]  # below w:body
        if not elements:
            break
        e = rng.choice(elements)
        kind = rng.randrange(4)
        if kind == 0 and e.getparent() is not None:
            e.getparent().remove(e)
        elif kind == 1:
            target = rng.choice(elements)
            if e not in target.iterancestors() and e is not target:
                target.insert(rng.randint(0, len(target)), copy.deepcopy(e))
        elif kind == 2:
            e.tag = w + rng.choice(TAGS)
        else:
            key = w + rng.choice(["val", "type"])
            value = rng.choice(VALUES)
            if value is None:
                e.attrib.pop(key, None)
            else:
                e.set(key, value)
    prolog = ENTITY if b"<!DOCTYPE" in xml else ""
    return b'<?xml version="1.0" encoding="UTF-8"?>' + prolog.encode() + etree.tostring(root, encoding="UTF-8")


def test_xml_damage_same_as_python_docx(files):
    """Damage inside document.xml: bytes flipped, cut, repeated (mostly not XML any more), and
    the elements rearranged, renamed and given other values (still XML): the same paragraphs,
    cells or error as python-docx."""
    rng = random.Random(17)
    bodies = [document_xml(FEATURES, ENTITY), document_xml(TABLE),
              zipfile.ZipFile(io.BytesIO(files["table"])).read("word/document.xml")[:20_000]]
    for n in range(100):
        assert_same(docx_of_xml(mh.mutate(rng.choice(bodies), rng)), f"bytes damaged {n}")
    for n in range(400):
        assert_same(docx_of_xml(rearranged(rng.choice(bodies[:2]), rng)), f"rearranged {n}")


def test_time_limit_checked_between_paragraphs(monkeypatch):
    monkeypatch.setattr(limits, "seconds_for", lambda size: -1.0)
    with pytest.raises(ParseError, match="took too long"), limits.guarded(1, "f.docx"):
        extract(mh.docx_bomb(100_000), "f.docx")


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="needs ../shared/dev-corpus (absent in a user's checkout)")
def test_dev_corpus_as_word_same_as_python_docx():
    for path in sorted(DEV_CORPUS.glob("*.md"))[::25]:
        buf = io.BytesIO()
        write_docx(path.read_text("utf-8"), buf)  # type: ignore[arg-type]
        assert_same(buf.getvalue(), path.name)
