"""Write a corpus document as staff receive it: .docx, text PDF, scanned PDF, saved web page.

The tests and `benchmarks/formats.py` make their fixtures with these functions (nothing
is downloaded). The document's paragraphs become paragraphs; its tables, as the parser
finds them in the text, become real tables (Word tables, ruled PDF tables, <table>).

    python tests/make_formats.py OUT_DIR [corpus files…]   # writes every format of each
"""
import re
import sys
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
RUNNING_HEADER = "Cổng thông tin điện tử — bản lưu văn bản"


# -- the document as blocks ---------------------------------------------------------
def _grid(st, table, plan_year) -> list[list[str]]:
    """The table as a grid of cells: header, group rows as a first-cell-only row, rows."""
    from policykg.loaders.indicators import _role, is_indicator_table, table_indicators

    width = len(table.header)
    grid = [list(table.header)]
    section = None
    indicators = table_indicators(st, table, plan_year) if is_indicator_table(table) else None
    roles = [_role(h, plan_year) for h in table.header]
    for k, row in enumerate(table.rows):
        if row.section != section and row.section:
            grid.append([row.section] + [""] * (width - 1))
        section = row.section
        if table.layout != "lines":
            cells = list(row.cells)
        elif row.sublabel:
            cells = [""] + list(row.cells)
        else:
            cells = [row.no or ""] + list(row.cells)
        if len(cells) != width and indicators is not None:
            # A row with cells missing in the text: put each value in its column, as the
            # parser read it (unit, baseline, the year columns, reporting unit).
            ind = indicators[k][0]
            label = cells[1] if len(cells) > 1 else ""
            cells = [""] * width
            cells[0] = "" if row.sublabel else (row.no or "")
            cells[roles.index("name") if "name" in roles else 1] = label
            values = ([ind["baseline"]] if ind["baseline"] else []) + ind["targets"]
            for i, r in enumerate(roles):
                if r == "unit":
                    cells[i] = ind["unit"] or ""
                elif r == "reporting_unit":
                    cells[i] = ind["reporting_unit"] or ""
                elif r in ("baseline", "target"):
                    col_year = int(re.search(r"(?:19|20)\d\d", table.header[i]).group())
                    hit = next((v for v in values if v["year"] == col_year and (r == "baseline") == (v is ind["baseline"])), None)
                    if hit:
                        cells[i] = ((hit.get("comparator") or "") + " " + hit["value"]).strip() if r == "target" else hit["value"]
        elif len(cells) > width:
            # A task row with two coordinating cells: one cell, as typed in Word.
            cells = cells[:3] + ["; ".join(cells[3:-1])] + cells[-1:]
        grid.append((cells + [""] * width)[:width])
    return grid


def blocks(text: str) -> list[tuple[str, object]]:
    """[('p', paragraph) | ('t', grid)] of a corpus document's text (markup removed)."""
    from policykg.loaders.header import read_header
    from policykg.loaders.tables import find_tables
    from policykg.loaders.text import make_source_text

    st = make_source_text(text)
    plan_year = read_header(st, False).plan_year
    tables = find_tables(st)
    out: list[tuple[str, object]] = []
    t = 0
    for ln in st.lines:
        while t < len(tables) and tables[t].end <= ln.start:
            t += 1
        if t < len(tables) and tables[t].start <= ln.start < tables[t].end:
            if not out or out[-1][1] is not tables[t]:
                out.append(("t", tables[t]))
            continue
        if ln.text.strip():
            out.append(("p", ln.text.strip()))
    return [("t", _grid(st, b, plan_year)) if kind == "t" else (kind, b) for kind, b in out]


# -- writers ----------------------------------------------------------------------------
def write_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for kind, block in blocks(text):
        if kind == "p":
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=0, cols=len(block[0]))
        table.style = "Table Grid"
        for row in block:
            cells = table.add_row().cells
            if row[0] and not any(row[1:]) and len(row) > 1:
                cells[0].merge(cells[-1])  # a group row merged across the table, as Word does it
            cells[0].text = row[0]
            for cell, value in zip(cells[1:], row[1:], strict=False):
                if value:
                    cell.text = value
    document.save(path)
    return path


def _pdf():
    from fpdf import FPDF

    class PDF(FPDF):
        def header(self):
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, RUNNING_HEADER, align="C")
            self.ln(10)

        def footer(self):
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, f"Trang {self.page_no()}/{{nb}}", align="C")

    pdf = PDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_margins(20, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    return pdf


def write_pdf(text: str, path: Path) -> Path:
    """A text PDF: justified paragraphs, ruled tables, a running header and page numbers."""
    pdf = _pdf()
    for kind, block in blocks(text):
        pdf.set_font("DejaVu", size=11)
        if kind == "p":
            pdf.multi_cell(0, 5.5, block, align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
            continue
        width = len(block[0])
        pdf.set_font("DejaVu", size=8)
        # Columns as wide as their longest word needs (no word is cut), the rest shared.
        weights = [max(max((len(w) for c in col for w in c.split()), default=1), 0.3 * max(len(c) for c in col) ** 0.8)
                   for col in zip(*block, strict=False)]
        with pdf.table(col_widths=weights, first_row_as_headings=False, line_height=4.2,
                       text_align="LEFT", repeat_headings=0) as table:
            for row in block:
                r = table.row()
                if row[0] and not any(row[1:]) and width > 1:
                    r.cell(row[0], colspan=width)
                else:
                    for value in row:
                        r.cell(value)
        pdf.ln(2)
    pdf.output(str(path))
    return path


def page_images(text: str, pages: int | None = None, dpi: int = 200) -> tuple[list, str]:
    """The document typed on A4 pages (Pillow, DejaVu Sans 12 pt): what a scanner returns,
    and the text of the blocks those pages hold (tables as tab-separated rows), to compare
    the OCR with. Table rows are typed as their cells separated by wide gaps."""
    from PIL import Image, ImageDraw, ImageFont

    scale = dpi / 72
    width, height = int(595 * scale), int(842 * scale)
    margin, size = int(56 * scale), int(12 * scale)
    font = ImageFont.truetype(str(FONT), size)
    line_h = int(size * 1.45)
    images: list = []
    held: list[str] = []
    state = {"draw": None, "y": height}

    def put(line: str) -> None:
        if state["y"] + line_h > height - margin:
            images.append(Image.new("L", (width, height), 255))
            state["draw"], state["y"] = ImageDraw.Draw(images[-1]), margin
        state["draw"].text((margin, state["y"]), line, font=font, fill=0)
        state["y"] += line_h

    for kind, block in blocks(text):
        paras = [block] if kind == "p" else ["    ".join(c for c in row if c) for row in block]
        for para in paras:
            line = ""
            for w in para.split():
                if line and font.getlength(line + " " + w) > width - 2 * margin:
                    put(line)
                    line = w
                else:
                    line = (line + " " + w).strip()
            if line:
                put(line)
        if pages and len(images) > pages:
            break
        held.append(block if kind == "p" else "\n".join("\t".join(row) for row in block))
    return (images[:pages] if pages else images), "\n".join(held) + "\n"


def write_scan(text: str, path: Path, pages: int | None = None, dpi: int = 200) -> str:
    """A scanned PDF (page images only, no text layer); returns the text its pages hold."""
    images, held = page_images(text, pages, dpi)
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return held


def write_html(text: str, path: Path) -> Path:
    """A page saved from a legal-document site: navigation, a login prompt, the document
    (paragraphs, <table>s), related documents and a footer around it."""
    from html import escape

    body = []
    for kind, block in blocks(text):
        if kind == "p":
            body.append(f"<p>{escape(block)}</p>")
        else:
            rows = []
            for row in block:
                if row[0] and not any(row[1:]):
                    rows.append(f'<tr><td colspan="{len(row)}"><b>{escape(row[0])}</b></td></tr>')
                else:
                    rows.append("<tr>" + "".join(f"<td><p>{escape(c)}</p></td>" for c in row) + "</tr>")
            body.append('<table border="1" cellspacing="0">' + "".join(rows) + "</table>")
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Văn bản pháp luật</title>
<script>window.dataLayer = [];</script><style>.menu{{color:red}}</style></head>
<body>
<header class="site-header"><a href="/">Trang chủ</a> <a href="/van-ban">Văn bản pháp luật</a>
<form class="search"><input name="q" placeholder="Từ khoá: Số Hiệu, Tiêu đề hoặc Nội dung ngắn gọn của Văn Bản..."></form>
<div class="login"><a href="/dang-nhap">Đăng nhập</a> | <a href="/dang-ky">Đăng ký</a></div></header>
<nav class="menu"><ul><li><a href="/tin-tuc">Tin tức</a></li><li><a href="/hoi-dap">Hỏi đáp pháp luật</a></li>
<li><a href="/bieu-mau">Biểu mẫu</a></li></ul></nav>
<main><article class="content1">
{chr(10).join(body)}
</article>
<aside class="related"><h3>Văn bản liên quan</h3><ul><li><a href="/a">Quyết định 1/QĐ-UBND về việc khác</a></li>
<li><a href="/b">Công văn 2/UBND-VX năm 2024</a></li></ul></aside></main>
<footer><p>Bản quyền © Công ty Cổ phần Pháp luật — Giấy phép số 27/GP-TTĐT</p>
<p>Liên hệ: 028 0000 0000 · Điều khoản sử dụng · Chính sách bảo mật</p></footer>
</body></html>"""
    path.write_text(page, "utf-8")
    return path


def write_all(source: Path, out: Path) -> list[Path]:
    text = source.read_text("utf-8")
    stem = source.stem
    write_scan(text, out / f"{stem}.scan.pdf")
    return [write_docx(text, out / f"{stem}.docx"), write_pdf(text, out / f"{stem}.pdf"),
            write_html(text, out / f"{stem}.html"), out / f"{stem}.scan.pdf"]


if __name__ == "__main__":
    out_dir = Path(sys.argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    root = Path(__file__).resolve().parent.parent
    for f in map(Path, sys.argv[2:] or sorted((root / "data" / "corpus").glob("*.txt"))):
        for p in write_all(f, out_dir):
            print(p)
