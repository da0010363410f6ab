"""The audit as a work tool: a status filter, counts per province and the audit map.

All of it reads an `audit()` result (graph/audit.py) and nothing else, so the app, the CLI
and the Word report show the same numbers. The map is an SVG drawn here from the provinces'
outlines that the package ships (data/geo/vn-provinces.json: Natural Earth, public domain;
see data/geo/LICENSE.md), for the map before 1 July 2025 (63 provinces) and from it (34):
no tile server, no network. A province's districts have no open outlines: they are drawn as
a grid of tiles.
"""
import json
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from html import escape

from policykg.base.formats import name_key
from policykg.base.i18n import t
from policykg.base.places import places, split_unit_type
from policykg.resources import PROVINCE_SHAPES as SHAPES  # package data: data/geo/vn-provinces.json

from .audit import STATUS_ORDER

STATUSES = tuple(sorted(STATUS_ORDER, key=STATUS_ORDER.__getitem__))  # held, cited-only, missing
# Green for done, amber for known only from a citation, red for nothing known; grey outside the audit.
COLOURS = {"held": "#2e7d32", "cited-only": "#f2a900", "missing": "#c62828", None: "#e4e4e4"}
_X_SCALE = math.cos(math.radians(16))  # one longitude degree at Vietnam's middle latitude
_PX = 26.0  # pixels per degree of latitude: about 380 × 420 pixels, the width of the page's map column
# The map's frame (longitude, latitude): the mainland and the two archipelagos east of it.
_WEST, _EAST, _SOUTH, _NORTH = 102.0, 117.2, 7.4, 23.5
# Natural Earth draws Hoàng Sa and Trường Sa apart from the provinces: marked here as Vietnam's
# (Đà Nẵng's and Khánh Hòa's), a few islands each, where they are.
_ARCHIPELAGOS = {"audit.map.paracel": [(111.6, 16.5), (112.3, 16.8), (112.7, 16.1), (111.2, 16.0)],
                 "audit.map.spratly": [(114.3, 11.4), (114.0, 10.4), (115.0, 9.9), (113.0, 8.8), (114.6, 8.1)]}


def filter_rows(result: dict, statuses: Iterable[str] | None) -> dict:
    """The result with only the rows of these statuses (all when none is given); its counts
    stay those of the whole audit."""
    wanted = [s for s in STATUSES if s in set(statuses or ())]
    if not wanted:
        return result
    return {**result, "rows": [r for r in result["rows"] if r["status"] in wanted], "status_filter": wanted}


def province_of(result: dict, row: dict) -> tuple[int, str]:
    """The province (code, name) a row belongs to, on the result's map."""
    gaz = places()
    if result["map"] == "2025":
        if row["level"] == "commune":  # a commune of today's map: its province, not itself
            from .gazetteer import province_of_commune_2025

            return province_of_commune_2025(row["code"])
        return row["code"], row["locality"]
    code = gaz.districts[row["code"]].province_code if row["level"] == "district" else row["code"]
    return code, gaz.provinces[code].full_name


def province_counts(result: dict) -> list[dict]:
    """Per province: its code, name and how many of its localities are held, cited-only,
    missing (a province-level audit counts the province itself); in Vietnamese order."""
    out: dict[int, dict] = {}
    for row in result["rows"]:
        code, name = province_of(result, row)
        entry = out.setdefault(code, {"code": code, "province": name, **{s: 0 for s in STATUSES}})
        entry[row["status"]] += 1
    return sorted(out.values(), key=lambda e: name_key(split_unit_type(e["province"])[1]))  # by the name, not its 'Tỉnh'


def province_table(result: dict, lang: str = "vi") -> tuple[list[str], list[list]]:
    """Header and rows of the per-province counts, for the table, CSV, Excel and the report."""
    header = [t("col.province", lang)] + [t(f"status.{s}", lang) for s in STATUSES]
    return header, [[e["province"], *(e[s] for s in STATUSES)] for e in province_counts(result)]


def _aggregate(counts: dict) -> str:
    """A province's colour from its localities: held if one is, else cited-only if one is."""
    return next(s for s in STATUSES if counts[s]) if any(counts[s] for s in STATUSES) else "missing"


def map_statuses(result: dict) -> dict[int, dict]:
    """What the map colours: every province of the result's map (63 before 1 July 2025, 34
    from it) → its name, its status (None: outside the audit, e.g. another province at the
    district level) and the counts of its localities."""
    gaz = places()
    if result["map"] == "2025":
        from .gazetteer import current_divisions

        names = {p["code"]: p["name"] for p in current_divisions()}
    else:
        names = {p.code: p.full_name for p in gaz.provinces.values()}
    counted = {e["code"]: e for e in province_counts(result)}
    out = {}
    for code, name in names.items():
        entry = counted.get(code)
        counts = {s: entry[s] if entry else 0 for s in STATUSES}
        out[code] = {"name": name, "status": _aggregate(counts) if entry else None, "counts": counts}
    return out


@lru_cache(maxsize=1)
def _shapes() -> dict:
    return json.loads(SHAPES.read_text("utf-8"))


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return (lon - _WEST) * _X_SCALE * _PX, (_NORTH - lat) * _PX


@lru_cache(maxsize=2)
def _paths(era: str) -> dict[int, str]:
    """Each province's outline as an SVG path (projected once per map, then reused)."""
    out = {}
    for code, polygons in _shapes()[era].items():
        parts = []
        for polygon in polygons:
            for ring in polygon:
                pts = [_xy(lon, lat) for lon, lat in ring]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        out[int(code)] = "".join(parts)
    return out


def _legend(lang: str, counts: dict, x: float, y: float, with_outside: bool) -> list[str]:
    items = [(COLOURS[s], f"{t(f'status.{s}', lang)} ({counts[s]})" if counts else t(f"status.{s}", lang)) for s in STATUSES]
    if with_outside:
        items.append((COLOURS[None], t("audit.map.not_audited", lang)))
    out = ['<g class="legend" font-size="13">']
    for i, (colour, label) in enumerate(items):
        out.append(f'<rect x="{x:.0f}" y="{y + i * 22:.0f}" width="16" height="16" fill="{colour}" stroke="#555" stroke-width="0.5"/>'
                   f'<text x="{x + 22:.0f}" y="{y + i * 22 + 13:.0f}">{escape(label)}</text>')
    out.append("</g>")
    return out


def audit_map_svg(result: dict, lang: str = "vi") -> str:
    """The provinces of the result's map coloured held / cited-only / missing, as an SVG with
    each province's code, status and counts on its path (data-code, data-status, a tooltip)."""
    era = "2025" if result["map"] == "2025" else "pre2025"
    units = map_statuses(result)
    paths = _paths(era)
    width, height = _xy(_EAST, _SOUTH)
    title = t("audit.map", lang)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="audit-map" data-map="{era}" viewBox="0 0 {width:.0f} {height:.0f}" '
           f'width="{width:.0f}" height="{height:.0f}" style="max-width:100%;height:auto" role="img" aria-label="{escape(title)}" '
           'font-family="DejaVu Sans, Noto Sans, Arial, sans-serif">',
           f'<rect width="{width:.0f}" height="{height:.0f}" fill="#f3f7fb"/>', '<g class="provinces" stroke="#ffffff" stroke-width="0.6">']
    for code, unit in units.items():
        c = unit["counts"]
        tip = unit["name"] + (": " + t(f"status.{unit['status']}", lang) + " — " + t("audit.map.counts", lang).format(
            held=c["held"], cited=c["cited-only"], missing=c["missing"]) if unit["status"] else ": " + t("audit.map.not_audited", lang))
        out.append(f'<path class="province" d="{paths[code]}" fill="{COLOURS[unit["status"]]}" data-code="{code}" '
                   f'data-status="{unit["status"] or "none"}" data-name="{escape(unit["name"])}"><title>{escape(tip)}</title></path>')
    out.append("</g>")
    out.append('<g class="archipelagos" fill="#555" font-size="12">')
    for key, islands in _ARCHIPELAGOS.items():
        for lon, lat in islands:
            x, y = _xy(lon, lat)
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.2"/>')
        x, y = _xy(sum(lon for lon, _ in islands) / len(islands), max(lat for _, lat in islands) + 0.9)
        name, _, province = t(key, lang).rpartition(" (")  # two lines: the name, then '(Đà Nẵng)'
        out.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle">{escape(name)}'
                   f'<tspan x="{x:.1f}" dy="14">({escape(province)}</tspan></text>')
    out.append("</g>")
    out += _legend(lang, result["counts"], *_xy(109.0, 22.6), with_outside=any(u["status"] is None for u in units.values()))
    out.append("</svg>")
    return "".join(out)


def svg_size(svg: str) -> tuple[int, int]:
    """The width and height an SVG of this module is drawn at (for the frame that holds it)."""
    m = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def tiles_province(result: dict) -> str | None:
    """The one province whose districts (before 1 July 2025) or communes (from it) the audit
    lists, to draw them as tiles; None for provinces, or localities of several provinces."""
    if result["level"] == "district":
        return result["province"]
    if result["level"] == "commune" and result["rows"]:
        provinces = {province_of(result, r) for r in result["rows"]}
        return next(iter(provinces))[1] if len(provinces) == 1 else None
    return None


def district_tiles_svg(result: dict, lang: str = "vi") -> str:
    """A province's districts, or its communes on the map of 2025, as a grid of tiles in name
    order, coloured by status (no open outlines of districts or communes exist to draw them
    as a map)."""
    rows = sorted((r for r in result["rows"] if r["level"] in ("district", "commune")), key=lambda r: name_key(r["locality"]))
    if not rows:
        return ""
    cols = 4  # fits the column beside the map; a tall grid scrolls with the page
    w, h, gap = 128, 44, 6
    width, height = cols * (w + gap), math.ceil(len(rows) / cols) * (h + gap)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="audit-districts" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" style="max-width:100%;height:auto" role="img" aria-label="{escape(t("audit.map", lang))}" '
           'font-family="DejaVu Sans, Noto Sans, Arial, sans-serif" font-size="11">']
    for i, r in enumerate(rows):
        x, y = (i % cols) * (w + gap), (i // cols) * (h + gap)
        name = r["locality"].split(" (")[0]
        label = name if len(name) <= 20 else name[:19] + "…"
        text_colour = "#000" if r["status"] == "cited-only" else "#fff"
        out.append(f'<g class="{r["level"]}" data-code="{r["code"]}" data-status="{r["status"]}">'
                   f'<title>{escape(name)}: {escape(t("status." + r["status"], lang))}</title>'
                   f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="4" fill="{COLOURS[r["status"]]}"/>'
                   f'<text x="{x + w / 2:.0f}" y="{y + h / 2 + 4:.0f}" text-anchor="middle" fill="{text_colour}">{escape(label)}</text></g>')
    out.append("</svg>")
    return "".join(out)
