"""Identity: the IRI of a document, a body, an agency or an administrative unit.

A document is identified in Vietnam by its number, symbol, issuing body and year. The
IRI is built from exactly those, so the node a citation creates and the node the
document's own text creates are the same:

    https://policykg.vn/id/doc/tu-p91/2024/197-kh-tu     (197-KH/TU of Tỉnh ủy Kiên Giang)

The issuing body's key is the symbol's body code plus the unit it governs (`ubnd-d912`
is the People's Committee of Kiên Hải district). A citation with no date gets the
IRI without the year; the identity graph then resolves it to the dated document with
the same key when there is exactly one (`pkg:resolvedTo`).
"""
import re

from policykg.base.places import Place, places, resolve_place
from policykg.base.text import fold

from .namespaces import ID

# Body codes of a symbol that are issued at a locality, and the level of that locality.
LOCAL_BODIES = {"UBND": None, "HĐND": None, "TU": "province", "HU": "district", "ĐU": None, "QU": "district",
                "TXU": "district", "TTYT": "district"}
NATIONAL_BODIES = {"TTg", "CP", "TW", "BYT", "BTC", "BNV", "BGDĐT", "BLĐTBXH", "BKHĐT", "BTTTT", "VPCP", "QH"}
_LOCALITY_RE = re.compile(
    r"(?:t[i1]nh|th[a4]nh\s*ph[o0]|huy[e&]n|qu[a4]n|th[i1]\s*x[a4]|t[i1]nh\s*[uy]y|th[a4]nh\s*[uy]y|huy[e&]n\s*[uy]y)\s+(?P<name>.+)$"
)


def slug(text: str, limit: int = 80) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s[:limit].rstrip("-") or "x"


def unit_iri(era: str, level: str, code: int) -> str:
    """era 'pre2025' or '2025'; level 'province', 'district' or 'commune'."""
    return f"{ID}unit/{era}/{level}/{code}"


def place_iri(place: Place) -> str:
    return unit_iri("pre2025", place.level, place.code)


def locality_of(issuer: str | None) -> Place | None:
    """The unit an issuer's name says it governs: 'Ủy ban nhân dân huyện Kiên Hải' → Kiên Hải."""
    if not issuer:
        return None
    f = fold(issuer)
    matches = list(_LOCALITY_RE.finditer(f))
    m = matches[-1] if matches else None  # the last locality the name ends with
    if not m:
        return None
    name = issuer[m.start("name"):].strip()
    level_word = f[m.start():m.start("name")].strip()
    place = resolve_place(name)
    if place is None:
        return None
    if level_word.startswith(("huyen", "quan", "thi xa")) and not level_word.endswith(("uy", "iy")) and place.level != "district":
        hits = places().lookup(name, level="district")
        return hits[0] if len(hits) == 1 else place
    return place


def symbol_body(symbol: str | None) -> str | None:
    """The issuing-body code of a symbol: 'KH-UBND' → 'UBND', '25-CT/TW' → 'TW', 'QH15' → 'QH'."""
    if not symbol:
        return None
    code = symbol.split("/")[-1].split("-")[-1]
    if re.fullmatch(r"QH\d+", code):
        return "QH"
    return code


def body_key(code: str | None, place: Place | None) -> str:
    """'ubnd-d912', 'tu-p91', 'syt-p91', 'ubnd-c31942' (a commune), 'ttg', 'tw'."""
    if not code:
        return "x"
    base = slug(code)
    if code in NATIONAL_BODIES or code.startswith("B") and code not in LOCAL_BODIES:
        return base
    if place is None:
        return f"{base}-x"
    prefix = {"district": "d", "commune": "c"}.get(place.level, "p")
    return f"{base}-{prefix}{place.code}"


def body_place(code: str | None, issuer: str | None, context: Place | None, context_district: Place | None) -> Place | None:
    """The unit of a body: from its name, else (for local bodies) from the citing plan."""
    place = locality_of(issuer)
    if place is not None:
        return place
    if code in NATIONAL_BODIES or code is None:
        return None
    wants = LOCAL_BODIES.get(code, "province")
    if wants == "district":
        return context_district
    if issuer and re.search(r"huy[e&]n|qu[a4]n", fold(issuer)) and context_district is not None:
        return context_district
    return context


def document_iri(doc_id: str | None, body: str, year: int | None, sha: str | None = None) -> str:
    if doc_id is None:
        return f"{ID}doc/{body}/{year or 'x'}/file-{(sha or 'x')[:16]}"
    m = re.search(r"/((?:19|20)\d\d)/", doc_id)  # '60/2021/NĐ-CP' carries its year
    if year is None and m:
        year = int(m.group(1))
    if year is None:
        return f"{ID}doc/{body}/{slug(doc_id)}"
    return f"{ID}doc/{body}/{year}/{slug(doc_id)}"


def identity_key(doc_id: str | None, body: str) -> str | None:
    return f"{body}/{slug(doc_id)}" if doc_id else None


def graph_iri(document: str) -> str:
    return document.replace(f"{ID}doc/", f"{ID}graph/doc/", 1)


def org_iri(body: str) -> str:
    return f"{ID}org/{body}"


def agency_iri(name: str, scope: Place | None) -> str:
    """An agency named in a plan, scoped to the plan's province ('Sở Y tế' of Nghệ An)."""
    from policykg.base.vocab import expand_abbreviations

    where = f"p{scope.code}" if scope is not None else "x"
    return f"{ID}agency/{where}/{slug(expand_abbreviations(name))}"


def body_level(code: str | None, place: Place | None) -> str | None:
    """The level of an issuing body, from its symbol code and the unit it governs."""
    if not code:
        return None
    if code in ("TTg", "CP", "VPCP"):
        return "national-government"
    if code in ("TW", "QH"):
        return "national-party" if code == "TW" else None
    if code == "TU":
        return "provincial-party"
    if code in ("HU", "QU", "TXU"):
        return "district-party"
    if code == "TTYT":
        return "district-health-centre"
    if code == "UBND":
        if place is None:
            return None
        return {"district": "district-people-committee", "commune": "commune"}.get(place.level, "provincial-people-committee")
    if code.startswith("S") and len(code) <= 7:
        return "provincial-department"
    if code.startswith("B") and len(code) <= 8:
        return "ministry"
    return None


def parent_body(code: str | None, place: Place | None) -> tuple[str, Place] | None:
    """The body a local body answers to (before 2025): a department to its province's
    People's Committee, a district's People's Committee to the province's, a district Party
    committee to the province's, a district health centre to the provincial health department."""
    if place is None or not code:
        return None
    gaz = places()
    province = gaz.province_of(place)
    if code == "UBND" and place.level == "district":
        return "UBND", province
    if code == "UBND" and place.level == "commune":
        assert place.district_code is not None  # a commune always lies in a district
        return "UBND", gaz.districts[place.district_code]
    if code in ("HU", "QU", "TXU"):
        return "TU", province
    if code == "TTYT":
        return "SYT", province
    if code.startswith("S") and len(code) <= 7 and place.level == "province":
        return "UBND", province
    return None
