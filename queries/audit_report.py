"""The audit as a Word (.docx) report, ready to send: title, date, the root document, the
counts (overall and per province), the table, the evidence quotes and the caveat, in the
user's language (python-docx).

Document text goes in as plain runs: Word shows it as text (no field, formula or link is
made from it); characters XML cannot hold (control characters an OCR text may carry) are
dropped.
"""
import datetime as dt
import io
import re

from policykg.base.formats import TZ, display, format_date
from policykg.base.i18n import t
from policykg.graph.audit import audit_table, level_words
from policykg.graph.auditmap import STATUSES, province_table

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value, lang: str) -> str:
    return _NOT_XML.sub("", value if isinstance(value, str) else display(value, lang))


def _table(doc, header: list[str], rows: list[list], lang: str) -> None:
    """A table with a bold header row. The body's rows are written as WordprocessingML directly:
    python-docx's add_row and cell.text look up and insert each child element one by one, about
    5 ms a row (3.7 s for a report of 696 districts); the XML is the same a cell.text makes
    (one paragraph, one run, a line break for each newline)."""
    from docx.oxml.ns import qn
    from lxml import etree

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_text(label, lang)).bold = True
    tbl = table._tbl
    widths = [None if col.w is None else str(col.w.twips) for col in tbl.tblGrid.gridCol_lst]
    space = "{http://www.w3.org/XML/1998/namespace}space"
    for row in rows:
        tr = etree.SubElement(tbl, qn("w:tr"))
        for value, width in zip(row, widths, strict=True):
            tc = etree.SubElement(tr, qn("w:tc"))
            if width is not None:  # as add_row does: each cell as wide as its column
                etree.SubElement(etree.SubElement(tc, qn("w:tcPr")), qn("w:tcW"), {qn("w:w"): width, qn("w:type"): "dxa"})
            paragraph = etree.SubElement(tc, qn("w:p"))
            text = _text(value, lang)
            if text:
                run = etree.SubElement(paragraph, qn("w:r"))
                for i, line in enumerate(text.split("\n")):
                    if i:
                        etree.SubElement(run, qn("w:br"))
                    etree.SubElement(run, qn("w:t"), {space: "preserve"}).text = line


def audit_docx(result: dict, lang: str = "vi", today: dt.date | None = None) -> bytes:
    """The report of an audit() result (rows filtered or not, see graph.auditmap.filter_rows)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE  # a six-column table reads better across the page
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    doc.styles["Normal"].font.name = "Times New Roman"  # the font of Vietnamese official documents
    doc.styles["Normal"].font.size = Pt(12)
    doc.core_properties.title = t("audit.report.title", lang).format(root=result["root"])
    doc.core_properties.language = lang

    doc.add_heading(_text(t("audit.report.title", lang).format(root=result["root"]), lang), level=1)
    day = today or dt.datetime.now(TZ).date()
    doc.add_paragraph(t("audit.report.date", lang).format(date=format_date(day, lang)))
    doc.add_paragraph(_text(t("audit.report.root", lang).format(root=result["root"], title=result.get("root_title") or "—"), lang))
    doc.add_paragraph(t("audit.report.scope", lang).format(
        level=level_words(result["level"], lang), map=t(f"map.{result['map']}", lang),
        as_of=format_date(result.get("map_date") or result["as_of"], lang)) + (f" — {result['province']}" if result.get("province") else ""))
    if result.get("due_as_written"):  # the due date the root gives this level, and who met it by the chosen day
        doc.add_paragraph(_text(t("audit.due_line", lang).format(due=format_date(result["due"], lang) or "?",
                                                                 written=result["due_as_written"]), lang))
        doc.add_paragraph(f"{t('audit.as_of_status', lang)} {format_date(result['as_of'], lang)}: " + "; ".join(
            f"{t('duecount.' + k, lang)}: {n}" for k, n in result["timeliness"].items() if n))

    doc.add_heading(t("audit.report.counts", lang), level=2)
    counts = result["counts"]
    _table(doc, [t("col.status", lang), t("audit.report.number", lang)],
           [[t(f"status.{s}", lang), counts[s]] for s in STATUSES] + [[t("plans_as_evidence", lang), result["plans"]]], lang)
    header, rows = province_table(result, lang)
    if len(rows) > 1 and result["level"] == "district":
        doc.add_heading(t("audit.by_province", lang), level=2)
        _table(doc, header, rows, lang)

    doc.add_heading(t("audit.report.table", lang), level=2)
    if result.get("status_filter"):
        doc.add_paragraph(t("audit.report.filtered", lang).format(
            statuses=", ".join(t(f"status.{s}", lang) for s in result["status_filter"])))
    header, rows = audit_table(result, lang)
    _table(doc, header, rows, lang)

    doc.add_heading(t("audit.report.evidence", lang), level=2)
    quoted = False
    for r in result["rows"]:
        for e in r["evidence"]:
            if not e.get("quote"):
                continue
            quoted = True
            source = e["document"] + ("" if e["held"] else f" ({t('cited_in', lang)} {e['cited_by']})")
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(_text(f"{r['locality']} — {source}: ", lang)).bold = True
            p.add_run(_text("«" + " ".join(e["quote"].split()) + "»", lang))
    if not quoted:
        doc.add_paragraph(t("audit.report.no_evidence", lang))

    doc.add_paragraph().add_run(t("audit.caveat", lang)).italic = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
