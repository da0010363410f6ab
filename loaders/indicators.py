"""Indicators (chỉ tiêu): rows of indicator tables, and targets stated in prose."""
import re
from typing import Any

from policykg.base.vocab import COMPARATOR_SYMBOLS, COMPARATOR_WORDS

from .tables import Table
from .text import SourceText, fold, squash, tidy

YEAR_RE = re.compile(r"(?:19|20)\d\d")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_CMP_SYMBOL_RE = re.compile(r"^\s*(>=|<=|=>|=<|[<>≥≤])\s*")
_CMP_WORD_RE = re.compile(r"^\s*(?:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(COMPARATOR_WORDS)) + r")\s+")


def parse_number(text: str) -> float | None:
    """Leading number, Vietnamese style: '11,36' → 11.36, '1.000' → 1000."""
    m = NUMBER_RE.search(text)
    if not m or m.start() > 0 and text[:m.start()].strip():
        return None
    raw = m.group()
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        raw = raw.replace(".", "")
    try:
        return float(raw)
    except ValueError:
        return None


def split_comparator(cell: str) -> tuple[str | None, str]:
    m = _CMP_SYMBOL_RE.match(cell)
    if m:
        return COMPARATOR_SYMBOLS[m.group(1)], cell[m.end():].strip()
    m = _CMP_WORD_RE.match(fold(cell))
    if m and NUMBER_RE.match(cell[m.end():]):
        assert m.lastgroup is not None  # one of the named alternatives matched
        i = int(m.lastgroup[1:])
        return COMPARATOR_WORDS[i][1], cell[m.end():].strip()
    return None, cell.strip()


def target(year: int | None, cell: str) -> dict:
    comparator, value = split_comparator(cell)
    return {"year": year, "value": value, "number": parse_number(value), "comparator": comparator}


def baseline(year: int | None, cell: str) -> dict:
    _, value = split_comparator(cell)
    return {"year": year, "value": cell.strip(), "number": parse_number(value)}


# -- tables -----------------------------------------------------------------------
def _role(header: str, plan_year: int | None) -> str:
    f = fold(header)
    if re.fullmatch(r"s?tt|so\s*tt", f):
        return "no"
    if re.search(r"bao\s*cao", f) and re.search(r"don\s*vi|co\s*quan", f):
        return "reporting_unit"
    if re.search(r"ky|ki", f) and re.search(r"cong\s*bo|bao\s*cao", f) or re.fullmatch(r"tan\s*suat", f):
        return "period"
    year = YEAR_RE.search(f)
    if year:
        if re.search(r"ket\s*qua|thuc\s*hien|uoc|hien\s*trang|co\s*so|nen", f):
            return "baseline"
        if plan_year and int(year.group()) < plan_year:
            return "baseline"
        return "target"
    if re.fullmatch(r"don\s*vi(\s*tinh)?|dvt", f):
        return "unit"
    if re.search(r"chi\s*(tieu|so)|noi\s*dung|ten", f):
        return "name"
    return "other"


def is_indicator_table(table: Table) -> bool:
    roles = [_role(h, None) for h in table.header]
    folded = " ".join(table.header_folded)
    return "name" in roles and any(r in ("target", "baseline") for r in roles) and "chu tri" not in folded


def _looks_value(cell: str) -> bool:
    f = fold(cell)
    return bool(re.match(r"\s*(?:>=|<=|[<>≥≤])?\s*\d", cell) or re.match(r"\s*loai\s*tru|\s*dat\s", f) or "%" in cell)


def _unit_from_name(name: str) -> str | None:
    m = re.search(r"\(\s*(%|‰|người|lần|giường|ca)\s*\)", name)
    return m.group(1) if m else None


def table_indicators(st: SourceText, table: Table, plan_year: int | None) -> list[tuple[dict, list[int]]]:
    roles = [_role(h, plan_year) for h in table.header]
    years = [int(ym.group()) if (ym := YEAR_RE.search(fold(h))) else None for h in table.header]
    value_cols = [i for i, r in enumerate(roles) if r in ("baseline", "target")]
    out = []
    parent: dict | None = None
    for row in table.rows:
        cells = list(row.cells)
        if table.layout == "lines":
            cells = [row.no or ""] + cells
        if row.sublabel and table.layout == "lines":
            cells = [""] + cells[1:]
        name_col = roles.index("name") if "name" in roles else 1
        name = tidy(cells[name_col]) if len(cells) > name_col else ""
        values: dict[int, str] = {}
        unit = reporting = None
        if len(cells) == len(roles) or table.layout != "lines":
            for i, r in enumerate(roles):
                cell = squash(cells[i]) if i < len(cells) else ""
                if r in ("baseline", "target") and cell:
                    values[i] = cell
                elif r == "unit":
                    unit = cell or None
                elif r == "reporting_unit":
                    reporting = cell.strip(" ;") or None
        else:
            # Fewer (or more) cells than columns: unit, then values filling the year
            # columns from the right, then reporting unit.
            rest = [squash(c) for c in cells[name_col + 1:]]
            if "unit" in roles and rest and not _looks_value(rest[0]) and len(rest[0]) <= 30 \
                    and not re.search(r"(?i)\b(sở|bộ|cục|tổng cục|viện|trung tâm|bảo hiểm)\b", rest[0]):
                unit = rest.pop(0)
            vals: list[str] = []
            while rest and _looks_value(rest[0]) and len(vals) < len(value_cols):
                vals.append(rest.pop(0))
            for col, cell in zip(value_cols[len(value_cols) - len(vals):], vals, strict=False):
                values[col] = cell
            if rest and "reporting_unit" in roles:
                reporting = rest[0].strip(" ;") or None
        if row.sublabel and parent is not None:
            label = re.sub(r"^[-–+]\s*", "", name)
            name = f"{parent['name']} - {label}"
            reporting = reporting or parent["reporting_unit"]
        if unit is None and "unit" not in roles:
            unit = _unit_from_name(name)
        record: dict[str, Any] = {
            "section": row.section, "from": "table", "no": row.no, "name": name, "unit": unit,
            "baseline": None, "targets": [], "reporting_unit": reporting,
        }
        for col, cell in sorted(values.items()):
            if roles[col] == "baseline":
                record["baseline"] = baseline(years[col], cell)
            else:
                record["targets"].append(target(years[col], cell))
        if not row.sublabel:
            parent = record
        out.append((record, st.span(row.start, row.end)))
    return out


# -- prose ------------------------------------------------------------------------
_MENTION_RE = re.compile(
    r"(?P<cmp>(?:" + "|".join(p for p, _ in COMPARATOR_WORDS) + r")(?:\s+d[a4]t)?\s+)?"
    # a range of percents is one value as written: '85 - 90%', '8,3% - 8,5%'
    r"(?<![\d/.,-])(?P<num>\d+(?:[.,]\d+)?(?:[ \t]*%?\s*[-–]\s*\d+(?:[.,]\d+)?(?=[ \t]*%))?)[ \t]*(?:(?P<pct>%)|(?P<unit>l[a4]n/[a-z/ ]{2,20}?(?=[;,.]|$|[ \t]+[a-z])|[a-z ]{1,20}/(?:v[a4]n|10\.000|100\.000|1\.?000)[ \t]*d[a4]n"
    # a rate per 100, 1.000, 100.000 of something: '4/100.000 trẻ sinh ra sống', '23 ca sinh/1.000 phụ nữ'
    r"|(?:[a-z ]{1,25})?/[ \t]*(?:100|1\.000|10\.000|100\.000)(?![\d.,])[ \t]*[a-z][a-z ]{1,30}?"
    r"(?=[;,.]|$|[ \t]+(?:v[a4]o|[dp][e&]n|n[a4]m|tr[o0]ng|xu[o0]ng)\b)"
    # a multiple: 'giảm … còn 1,7 lần', 'tăng gấp 2 lần'
    r"|l[a4]n(?![a-z/])))"
)
# A count or a time bound: a number and what it counts after a comparator or a word that
# makes it a target ('ít nhất 150 lượt', 'đạt 8.500 tấn', 'tối thiểu 01 sàn giao dịch dữ liệu',
# 'giảm xuống còn 15 ca', 'trong 24 giờ đầu'); a bare count ('tại 07 cửa sông') says how, not how much.
_TIME_UNITS = r"gi[o0]|ph[uw]t|ng[a4]y(?:[ \t]+l[a4]m[ \t]+vi[e&]c)?|tu[a4]n|th[a4]ng"
_MEASURES = (r"(?:t[y1]|tri[e&]u|ngh[i1]n)[ \t]+(?:[dp][o0]ng|usd)|t[a4]n|km|ha|m2|m3|l[uw][o0]t|ng[uw][o0]i|h[o0]|ca"
             r"|gi[uw][o0]ng|" + _TIME_UNITS)
# words that end what is counted: '10 doanh nghiệp công nghệ số mới | cung cấp …'
_COUNT_STOP = (r"c[uw]a|t[a4]i|tr[e&]n|tr[o0]ng|[dp][uw][o0]c|v[a4]|cho|ph[uw]c|[dp][e&]|theo|[o0]|v[a4]o|[dp][e&]n|n[a4]m"
               r"|v[o0]i|t[uw]|thu[o0]c|nh[uw]|c[o0]|tr[o0]|l[e&]n|m[o0]i|h[a4]ng|h[a4]ng\s*n[a4]m|cung|g[o0]m|so\s+v[o0]i"
               # an age qualifies who is counted ('trẻ em dưới 5 tuổi', 'trên 6 tháng tuổi'): no target
               r"|tu[o0]i")
_COUNT_RE = re.compile(
    r"(?P<cmp>\b(?:" + "|".join(p for p, _ in COMPARATOR_WORDS) + r"|[dp][a4]t(?:\s+kho[a4]ng)?|c[o0]n|xu[o0]ng(?:\s+c[o0]n)?)\s+)"
    r"(?<![\d/.,-])(?P<num>(?!(?:19|20)\d\d(?!\d))\d+(?:[.,]\d+)*)(?![\d/.,%])[ \t]*"
    r"(?P<unit>(?:" + _MEASURES + r")(?![a-z])|(?!(?:" + _COUNT_STOP + r")\b)[a-z]+(?:\s(?!(?:" + _COUNT_STOP + r")\b)[a-z]+){0,4})"
    r"\b(?!\s+tu[o0]i\b)"
)
# 'trong 24 giờ đầu', 'trong vòng 02 ngày làm việc': a time bound ('trong' is no comparator)
_WITHIN_RE = re.compile(r"(?P<cmp>\btr[o0]ng(?:\s+v[o0]ng)?\s+)(?P<num>\d+)[ \t]*(?P<unit>" + _TIME_UNITS + r")(?![a-z])")
_CLAUSE_SPLIT_RE = re.compile(r";|\.(?=\s|$)")
# 'năm 2030', 'đến 2030', and the end of a period 'giai đoạn 2026 - 2030'
_YEAR_IN_RE = re.compile(r"(?:n[a4]m|[dp][e&]n|(?:19|20)\d\d[ \t]*[-–])[ \t]*((?:19|20)\d\d)(?!\d)")
# 'mỗi năm', 'hằng năm', 'hàng năm', 'năm sau cao hơn năm trước': the target recurs each
# year, whatever year the clause or its heading names. A unit per year ('2,5 lần/người/năm',
# '8%/năm') is the unit's: a level measured in a year, not a target set again each year.
_YEARLY_RE = re.compile(r"\b(?:m[o0]i|h[a4]ng)\s+n[a4]m\b|\bn[a4]m\s+sau\s+cao\s+h[o0]n\s+n[a4]m\s+tr[uw][o0]c")
_CAVEAT_RE = re.compile(r"c[o0]\s*th[e&]\s*[dp]i[e&]u\s*ch[i1]nh\s*(?:m[uw]c|ch[i1])\s*ti[e&]u")
_OF_WHICH_RE = re.compile(r"\btr[o0]ng\s*[dp][o0]\b")
_FUNDING_RE = re.compile(r"(?<!t[uw]\s)(?:\bv[o0]n|kinh\s*ph[i1]|ng[a4]n\s*s[a4]ch)(?:\s+[a-z]+){0,4}?"
                         r"(?:\s+(?:h[o0]\s*tr[o0]|[dp][o0]i\s*[uw]ng|b[o0]\s*tr[i1]|chi[e&]m|c[a4]p|chi))?\s*:?\s*$")
_AIM_RE = re.compile(r"\b(?:[dp][a4]t|t[y1]\s*l[e&]|t[y1]\s*tr[o0]ng|ph[a4]n\s*[dp][a4]u|gi[a4]i\s*ng[a4]n|"
                     + "|".join(p for p, _ in COMPARATOR_WORDS) + r")\b")
_SO_VOI_RE = re.compile(r"so\s*v[o0]i\s*$")
_FROM_RE = re.compile(r"\bt[uw]\s+$")
_FROM_TO_RE = re.compile(r"\s(?:xu[o0]ng|l[e&]n|c[o0]n)\s+(?:c[o0]n\s+|m[uw]c\s+)?(?P<num>\d+(?:[.,]\d+)?)")
_MARKER_RE = re.compile(r"^\s*(?:\((\d{1,2})\)|[-–+*•]|[a-zđ]\))\s*")


def _cmp_of(fragment: str) -> str | None:
    f = fold(fragment).strip()
    for pattern, symbol in COMPARATOR_WORDS:
        if re.match(pattern, f):
            return symbol
    return None


def _funding_share(before: str) -> bool:
    """The words before a figure make it a share of who pays, not an aim: a source of funds
    just before it ('ngân sách tỉnh đối ứng 30%', 'vốn xã hội hóa chiếm 40%', 'kinh phí: 70%'),
    with nothing that states a target ('đạt', 'tỷ lệ', 'tối thiểu')."""
    return bool(_FUNDING_RE.search(before)) and not _AIM_RE.search(before)


def _more_of(m: re.Match, folded: str, end: int) -> list[re.Match]:
    """The further figures of the kind `m` found, in the rest of its clause, up to a breakdown
    ('Trên 27,4% nhân lực …, trong đó có 4,1% sau đại học': a share of the first, no target of it)."""
    more, at = [], m.end()
    while (n := m.re.search(folded, at, end)) is not None:
        if _OF_WHICH_RE.search(folded, at, n.start()):
            break
        more.append(n)
        at = n.end()
    return more


def prose_indicators(st: SourceText, units: list[tuple[int, int, str | None, int | None]]) -> list[tuple[dict, list[int]]]:
    """Targets in objective paragraphs: one per clause that has a percent or a rate.

    `units` are (start, end, section, lead-in year) of the paragraphs and bullets of the
    objectives part of the plan.
    """
    out = []
    for start, end, section, default_year in units:
        text = st.clean[start:end]
        folded = st.fold[start:end]
        marker = _MARKER_RE.match(text)
        no = f"({marker.group(1)})" if marker and marker.group(1) else None
        body_from = marker.end() if marker else 0
        pos = body_from
        for piece in _CLAUSE_SPLIT_RE.split(folded[body_from:]) + [None]:
            if piece is None:
                break
            c_start = pos
            c_end = pos + len(piece)
            pos = c_end + 1
            m = (_MENTION_RE.search(folded, c_start, c_end) or _COUNT_RE.search(folded, c_start, c_end)
                 or _WITHIN_RE.search(folded, c_start, c_end))
            if not m:
                continue
            clause = tidy(text[c_start:c_end]).strip(" .")
            # a caveat that lets the target be lowered ('… thấp dưới 30% có thể điều chỉnh mục tiêu') is none;
            # nor is a share of the funding ('ngân sách trung ương hỗ trợ 80%, ngân sách địa phương 20%')
            if not clause or _CAVEAT_RE.search(folded, c_start, c_end) or _funding_share(folded[c_start:m.start("num")]):
                continue
            # 'giảm 50% so với năm 2025': the year compared with is no target year
            years = [int(y.group(1)) for y in _YEAR_IN_RE.finditer(folded, c_start, c_end)
                     if not _SO_VOI_RE.search(folded, max(c_start, y.start() - 12), y.start())]
            year = years[-1] if years else default_year
            pct = m.groupdict().get("pct")
            value = squash(text[m.start("num"):m.end("num")]) + ("%" if pct else "")
            unit = "%" if pct else squash(text[m.start("unit"):m.end("unit")])
            comparator = _cmp_of(m.group("cmp")) if m.group("cmp") else None
            base = None
            # 'giảm từ 23 ca sinh/1.000 phụ nữ xuống 18 ca sinh/1.000 phụ nữ': from a baseline to the target
            to = _FROM_TO_RE.search(folded, m.end("num"), c_end) if _FROM_RE.search(folded, c_start, m.start("num")) else None
            if to:
                base = {"year": None, "value": value, "number": parse_number(value)}
                value = text[to.start("num"):to.end("num")] + ("%" if pct else "")
            targets = [{"year": year, "value": value, "number": parse_number(value), "comparator": comparator}]
            # 'đạt 65% vào năm 2025 và 80% vào năm 2030': one indicator, two targets.
            multi = re.finditer(r"(\d+(?:[.,]\d+)?)[ \t]*%?[ \t]*(?:v[a4]o|[dp][e&]n)[ \t]+n[a4]m[ \t]+((?:19|20)\d\d)", folded[m.start("num"):c_end])
            found = [(g.group(1), int(g.group(2))) for g in multi]
            if len(found) > 1:
                targets = [{"year": y, "value": v + ("%" if pct else ""),
                            "number": parse_number(v), "comparator": comparator} for v, y in found]
            elif not to:
                # 'Hà Nội có tối thiểu 200 công trình, Thành phố Hồ Chí Minh có tối thiểu 500 công
                # trình': several figures of one kind in one clause, several targets of one item
                for more in _more_of(m, folded, c_end):
                    more_value = squash(text[more.start("num"):more.end("num")]) + ("%" if pct else "")
                    targets.append({"year": year, "value": more_value, "number": parse_number(more_value),
                                    "comparator": _cmp_of(more.group("cmp")) if more.group("cmp") else None})
            if _YEARLY_RE.search(folded, c_start, c_end):
                for t in targets:
                    t["period"] = "yearly"
            record = {"section": section, "from": "prose", "no": no, "name": clause, "unit": unit,
                      "baseline": base, "targets": targets, "reporting_unit": None}
            out.append((record, st.span(start + c_start, start + c_end)))
    return out
