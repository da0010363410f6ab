"""A saved web page → the intermediate: the document body without the site around it.

trafilatura finds the main content (drops navigation, login prompts, menus, related
links and footers: what legal-document sites wrap a plan in) and keeps its tables as
tables; its XML output is walked for paragraphs, list items and table cells. A page
trafilatura finds no content in (a bare fragment) is read whole with lxml instead.
"""
from .decode import decode_bytes
from .errors import ParseError
from .extracted import Extracted, TextBuilder

_BLOCKS = {"p", "head", "item", "quote", "code"}


def _text(el) -> str:
    """An element's text with <lb/> as line breaks."""
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _walk(el, out: TextBuilder) -> None:
    for child in el:
        if child.tag == "table":
            rows = [[_text(c) for c in row.iter("cell")] for row in child.iter("row")]
            out.table(rows)
        elif child.tag in _BLOCKS:
            out.paragraph(_text(child))
        else:
            _walk(child, out)


def _main_content(html: str):
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(html, output_format="xml", include_tables=True, include_comments=False,
                              include_formatting=False, include_links=False, include_images=False,
                              favor_recall=True, deduplicate=False)
    return etree.fromstring(xml.encode("utf-8")).find("main") if xml else None


def _whole_body(html: str, out: TextBuilder) -> None:
    """No main content found: every block of the body, scripts and styles left out."""
    import lxml.html

    root = lxml.html.fromstring(html)
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer|//form"):
        bad.drop_tree()
    for el in root.iter("table", "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div"):
        if el.tag == "table":
            out.table([[c.text_content() for c in tr.xpath("./td|./th")] for tr in el.iter("tr")])
        elif not el.xpath(".//p|.//div|.//table|.//li") and not el.xpath("ancestor::table"):
            out.paragraph(el.text_content())


def read_html(data: bytes, name: str) -> Extracted:
    text = decode_bytes(data, name)
    out = TextBuilder()
    try:
        main = _main_content(text)
        if main is not None:
            _walk(main, out)
        else:
            _whole_body(text, out)
    except (ValueError, TypeError) as exc:  # lxml refuses some damaged markup this way
        raise ParseError(name, f"unreadable HTML ({str(exc).splitlines()[0][:100]})") from None
    result = out.result("html")
    if not result.text.strip():
        raise ParseError(name, "no text in the web page")
    return result
