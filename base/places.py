"""Place names of Vietnam before 1 July 2025, for recognising a plan's locality.

Reads `data/gazetteer/pre2025.json` (generated from vietnam-provinces 0.6.x by
`data/gazetteer/make_pre2025.py`). Names are matched folded (no diacritics), so OCR's
'Kién Giang' is Kiên Giang.
"""
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.resources import GAZETTEER_PRE2025  # package data: data/gazetteer/pre2025.json

from .text import fold

_UNIT_TYPES = ["thành phố", "thị xã", "tỉnh", "huyện", "quận", "xã", "phường", "thị trấn", "đặc khu"]
_TYPE_RE = re.compile(r"^(" + "|".join(_UNIT_TYPES + [fold(t) for t in _UNIT_TYPES]) + r")\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    code: int
    name: str          # bare name: 'Kiên Hải'
    full_name: str     # 'Huyện Kiên Hải'
    unit_type: str     # 'huyện'
    level: str         # 'province' | 'district' | 'commune'
    province_code: int
    district_code: int | None = None  # communes only

    @property
    def prefixed(self) -> str:
        """'huyện Kiên Hải', as running text writes it."""
        return f"{self.unit_type} {self.name}"


def split_unit_type(full_name: str) -> tuple[str, str]:
    m = _TYPE_RE.match(full_name)
    if not m:
        return "", full_name
    return m.group(1).lower(), full_name[m.end():]


class Places:
    def __init__(self, data: dict):
        self.provinces: dict[int, Place] = {}
        self.districts: dict[int, Place] = {}
        self.by_name: dict[str, list[Place]] = {}
        for code, full in data["provinces"]:
            unit_type, name = split_unit_type(full)
            self._add(self.provinces, Place(code, name, full, unit_type, "province", code))
        for code, full, province_code in data["districts"]:
            unit_type, name = split_unit_type(full)
            self._add(self.districts, Place(code, name, full, unit_type, "district", province_code))
        # Communes are kept apart from the name index: over 10,000 names, many shared
        # ('Bình Trung'), so they are only looked up within a known district.
        self.communes: dict[int, Place] = {}
        self.communes_of: dict[int, list[Place]] = {}
        for code, full, district_code in data.get("communes", []):
            unit_type, name = split_unit_type(full)
            district = self.districts.get(district_code)
            if district is None:
                continue
            c = Place(code, name, full, unit_type, "commune", district.province_code, district_code)
            self.communes[code] = c
            self.communes_of.setdefault(district_code, []).append(c)
        self.max_words = max(len(k.split()) for k in self.by_name)

    def _add(self, table: dict, place: Place) -> None:
        table[place.code] = place
        self.by_name.setdefault(fold(place.name), []).append(place)

    def commune_in(self, text: str, district_code: int) -> Place | None:
        """The commune of a district that a name ends with: 'Ủy ban nhân dân xã Bình Trung' →
        Xã Bình Trung. Folded, so 'UBND Xa Binh Trung' is found too; the longest name wins."""
        f = " ".join(fold(text).split())
        best = None
        for c in self.communes_of.get(district_code, []):
            full, bare = fold(c.full_name), fold(c.name)
            for name in (full, bare):
                if (f == name or f.endswith(" " + name)) and (best is None or len(name) > best[0]):
                    best = (len(name), c)
        return best[1] if best else None

    def province_of(self, place: Place) -> Place:
        return self.provinces[place.province_code]

    def lookup(self, name: str, level: str | None = None, province_code: int | None = None) -> list[Place]:
        """Places whose bare name is `name` (folded), optionally of one level/province.

        Where folding merges two names ('Tam Đường', 'Tam Dương'), the one spelt exactly
        as written wins.
        """
        written_type, written = split_unit_type(" ".join(name.split()))
        unit_type, bare = split_unit_type(fold(name).strip())
        found = self.by_name.get(" ".join(bare.split()), [])
        exact = [p for p in found if p.name.lower() == written.lower()]
        if exact:
            found = exact
        if level:
            found = [p for p in found if p.level == level]
        if unit_type:
            found = [p for p in found if fold(p.unit_type) == fold(unit_type)] or found
        if province_code is not None:
            found = [p for p in found if p.province_code == province_code]
        return found


@lru_cache(maxsize=1)
def places() -> Places:
    return Places(json.loads(GAZETTEER_PRE2025.read_text("utf-8")))


def resolve_place(name: str | None, province_hint: int | None = None) -> Place | None:
    """The unit a place name written in a document ends with ('… tỉnh Kiên Giang', 'Kiên
    Hải'), a province first; among units of the same name, the hinted province's."""
    if not name:
        return None
    gaz = places()
    words = name.split()
    for n in range(min(len(words), gaz.max_words), 0, -1):
        hits = gaz.lookup(" ".join(words[-n:]))
        if province_hint is not None:
            hits = [p for p in hits if p.province_code == province_hint] or hits
        if len(hits) >= 1:
            return sorted(hits, key=lambda p: p.level != "province")[0]
    return None


# -- the map of 1 July 2025: 34 provinces and their communes, wards and special zones -----
@dataclass(frozen=True)
class Unit2025:
    code: int
    name: str        # bare: 'Bình Trung'
    unit_type: str   # 'xã' | 'phường' | 'đặc khu'
    province: str    # bare name of its province: 'Đắk Lắk'


@lru_cache(maxsize=1)
def units_2025() -> dict[str, list[Unit2025]]:
    """The communes of today's map by folded bare name (many names are shared between
    provinces), from the `vietnam-provinces` release the graph's gazetteer also reads."""
    import vietnam_provinces

    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
        divisions = json.load(fh)
    out: dict[str, list[Unit2025]] = {}
    for p in divisions:
        _, province = split_unit_type(p["name"])
        for w in p["wards"]:
            unit_type, name = split_unit_type(w["name"])
            out.setdefault(fold(name), []).append(Unit2025(w["code"], name, unit_type or w["division_type"], province))
    return out


def commune_2025(text: str, province: str | None) -> Unit2025 | None:
    """The commune of today's map a name ends with ('UBND XÃ BÌNH TRUNG' → Xã Bình Trung), in
    the province when one is known, else only if the name is unique in the country."""
    f = " ".join(fold(text).split())
    m = re.search(r"(?:^|\s)(xa|phuong|dac khu)\s+(.+)$", f)
    if not m:
        return None
    hits = [u for u in units_2025().get(m.group(2), []) if fold(u.unit_type) == m.group(1)]
    if province is not None:
        hits = [u for u in hits if fold(u.province) == fold(province)] or (hits if len(hits) == 1 else [])
    return hits[0] if len(hits) == 1 else None
