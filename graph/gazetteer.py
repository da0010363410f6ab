"""Vietnam's administrative units in the graph, in both eras, and where the old went.

- before 1 July 2025: 63 provinces, districts, communes, from `data/gazetteer/pre2025.json`
  (package data of `policykg.gazetteer_data`)
  (generated from vietnam-provinces 0.6.0, see that folder);
- from 1 July 2025: 34 provinces and their communes (no district level), from the
  current `vietnam-provinces` release.
Commune codes carry over between the eras, so a unit of the old map 'became part of' the
new units whose codes are codes of its old communes (Huyện Kiên Hải of Kiên Giang →
Đặc khu Kiên Hải of An Giang). Each such move is an org:ChangeEvent.
"""
import json
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

from policykg.base.places import GAZETTEER_PRE2025, Place, places, split_unit_type

from .iri import place_iri, unit_iri
from .namespaces import GAZETTEER_GRAPH, ORG, PKG, RDF, RDFS, SKOS, XSD

ERA_END = "2025-06-30"
ERA_START = "2025-07-01"


@lru_cache(maxsize=1)
def current_divisions() -> list[dict]:
    import vietnam_provinces

    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def _current_index() -> tuple[dict, dict]:
    """commune code → (commune name, type, province code); province code → name."""
    communes, provinces = {}, {}
    for p in current_divisions():
        provinces[p["code"]] = p["name"]
        for w in p["wards"]:
            communes[w["code"]] = (w["name"], w["division_type"], p["code"])
    return communes, provinces


def province_of_commune_2025(code: int) -> tuple[int, str]:
    """The province (code, name) of a commune, ward or special zone of today's map."""
    communes, provinces = _current_index()
    province = communes[code][2]
    return province, provinces[province]


@lru_cache(maxsize=1)
def _old_communes() -> dict[int, list[int]]:
    data = json.loads(GAZETTEER_PRE2025.read_text("utf-8"))
    by_district: dict[int, list[int]] = {}
    for code, _name, district in data["communes"]:
        by_district.setdefault(district, []).append(code)
    return by_district


def today(place: Place) -> list[dict]:
    """The units of today's map an old unit's communes are in now.

    For a district: the new communes that carry one of its communes' codes; for a
    province: the new provinces its communes went to.
    """
    communes, provinces = _current_index()
    if place.level == "district":
        codes = _old_communes().get(place.code, [])
        out = [{"code": c, "name": communes[c][0], "province": provinces[communes[c][2]]} for c in codes if c in communes]
        return out
    gaz = places()
    seen: dict[int, dict] = {}
    for d in gaz.districts.values():
        if d.province_code != place.code:
            continue
        for c in _old_communes().get(d.code, []):
            if c in communes:
                pc = communes[c][2]
                seen.setdefault(pc, {"code": pc, "name": provinces[pc], "province": provinces[pc]})
    return list(seen.values())


def _lit(v, dtype=None, lang=None):
    if lang:
        return Literal(v, language=lang)
    return Literal(str(v), datatype=NamedNode(XSD + dtype)) if dtype else Literal(v)


def gazetteer_quads() -> list[Quad]:
    g = GAZETTEER_GRAPH
    a = NamedNode(RDF + "type")
    label = NamedNode(SKOS + "prefLabel")
    out: list[Quad] = []

    def unit(iri: str, cls: str, code: int, full: str, parent: str | None, start: str | None, end: str | None):
        s = NamedNode(iri)
        unit_type, bare = split_unit_type(full)
        out.append(Quad(s, a, NamedNode(PKG + cls), g))
        out.append(Quad(s, label, _lit(full, lang="vi"), g))
        out.append(Quad(s, NamedNode(RDFS + "label"), _lit(bare, lang="vi"), g))
        out.append(Quad(s, NamedNode(PKG + "unitCode"), _lit(str(code)), g))
        if unit_type:
            out.append(Quad(s, NamedNode(PKG + "unitType"), _lit(unit_type), g))
        if parent:
            out.append(Quad(s, NamedNode(PKG + "partOf"), NamedNode(parent), g))
        if start:
            out.append(Quad(s, NamedNode(PKG + "validFrom"), _lit(start, "date"), g))
        if end:
            out.append(Quad(s, NamedNode(PKG + "validUntil"), _lit(end, "date"), g))

    gaz = places()
    data = json.loads(GAZETTEER_PRE2025.read_text("utf-8"))
    for p in gaz.provinces.values():
        unit(place_iri(p), "Province", p.code, p.full_name, None, None, ERA_END)
    for d in gaz.districts.values():
        unit(place_iri(d), "District", d.code, d.full_name, unit_iri("pre2025", "province", d.province_code), None, ERA_END)
    for code, name, district in data["communes"]:
        unit(unit_iri("pre2025", "commune", code), "Commune", code, name, unit_iri("pre2025", "district", district), None, ERA_END)
    communes, provinces = _current_index()
    for prov in current_divisions():
        unit(unit_iri("2025", "province", prov["code"]), "Province", prov["code"], prov["name"], None, ERA_START, None)
        for w in prov["wards"]:
            unit(unit_iri("2025", "commune", w["code"]), "Commune", w["code"], w["name"],
                 unit_iri("2025", "province", prov["code"]), ERA_START, None)
    # Where each old district and province went.
    for d in gaz.districts.values():
        targets = today(d)
        for t in targets:
            _change(out, g, place_iri(d), unit_iri("2025", "commune", t["code"]))
    for p in gaz.provinces.values():
        for t in today(p):
            _change(out, g, place_iri(p), unit_iri("2025", "province", t["code"]))
    return out


def _change(out: list, g, old: str, new: str) -> None:
    a = NamedNode(RDF + "type")
    event = NamedNode(f"{old}/change/{new.rsplit('/', 2)[-2]}-{new.rsplit('/', 1)[-1]}")
    out.append(Quad(NamedNode(old), NamedNode(PKG + "becamePartOf"), NamedNode(new), g))
    out.append(Quad(event, a, NamedNode(ORG + "ChangeEvent"), g))
    out.append(Quad(event, NamedNode(PKG + "originalUnit"), NamedNode(old), g))
    out.append(Quad(event, NamedNode(PKG + "resultingUnit"), NamedNode(new), g))
    out.append(Quad(event, NamedNode("http://purl.org/dc/terms/date"), _lit(ERA_START, "date"), g))


@lru_cache(maxsize=4096)
def place_of_unit(unit: str | None) -> Place | None:
    """The pre-2025 province, district or commune an IRI from `place_iri` names; None for others."""
    if not unit or "/unit/pre2025/" not in unit:
        return None
    level, code = unit.rsplit("/", 2)[-2:]
    gaz = places()
    return {"province": gaz.provinces, "district": gaz.districts, "commune": gaz.communes}[level].get(int(code))
