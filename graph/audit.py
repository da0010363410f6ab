"""The audit: which localities have a plan carrying out a document, and which do not.

Expected implementers: for a national document, every province (of the map of the
document's date, or `as_of`); for a provincial plan, the districts of its province that its
'UBND các huyện, thành phố … xây dựng kế hoạch' clause names. Each locality is:
- held: a plan whose text is loaded carries out the root (or what the root carries out,
  within the root's territory), directly or through the cascade;
- cited-only: such a plan is known only because a loaded document cites it;
- missing: no such plan is known to the graph (which does not prove there is none).

The map is the one of the root's date: from 1 July 2025, the 34 provinces and, at the commune
level, their 3,321 communes, wards and special zones (`level='commune'` always uses this map;
an older root's localities are then today's units its territory went to). Each locality also
gets the due date the root's demand gives its level, the date of its plan and whether it came
on time, as of a chosen day (graph/timeliness.py).
"""
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import networkx as nx

from policykg.base.formats import name_key
from policykg.base.i18n import level_label, t
from policykg.base.places import commune_2025, places, split_unit_type
from policykg.base.text import fold

from .cascade import cascade_graph, document_attributes, find_documents, implementation_graph, summary
from .gazetteer import ERA_START, current_divisions, place_of_unit, today
from .history import in_force_on
from .timeliness import STATUSES, parse_as_of, pick_due, timeliness, today_in_vietnam

CAVEAT = t("audit.caveat", "vi")  # in English: t("audit.caveat", "en")
STATUS_ORDER = {"held": 0, "cited-only": 1, "missing": 2}  # held first: what is done, then what to chase


class AuditError(Exception):
    """An audit that cannot be made; `code` and `params` say it in the user's language
    (policykg.base.i18n.error_text)."""

    def __init__(self, message: str, code: str | None = None, **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass
class Row:
    locality: str
    code: int
    level: str
    status: str
    evidence: list[dict] = field(default_factory=list)
    today: list[str] = field(default_factory=list)
    due: str | None = None
    plan_date: str | None = None
    timeliness: str = "no-due-date"
    late_days: int | None = None

    def as_dict(self) -> dict:
        return {"locality": self.locality, "code": self.code, "level": self.level, "status": self.status,
                "evidence": self.evidence, "today": self.today, "due": self.due, "plan_date": self.plan_date,
                "timeliness": self.timeliness, "late_days": self.late_days}


def _doc_info(store, iris: list[str], known=None, names=("id", "unit", "date", "title", "held")) -> dict[str, dict]:
    """Id, unit, date, title and held for each document (taken from `known`, a cascade
    graph's nodes, where there), and for a document not held a quote citing it."""
    known = known if known is not None else {}
    out = {i: {n: known[i].get(n) for n in names} for i in iris if i in known and "held" in known[i]}
    out.update(document_attributes(store, [i for i in iris if i not in out], names))
    for d in out.values():
        d["quote"] = d["cited_by"] = None
    cited_only = [i for i, d in out.items() if not d["held"]]
    if cited_only:
        values = " ".join(f"<{i}>" for i in cited_only)
        for r in store.query(f"""SELECT DISTINCT ?d ?quote ?by WHERE {{ VALUES ?d {{ {values} }}
                ?c pkg:citedDocument ?d ; pkg:evidence/oa:exact ?quote . ?citing pkg:citation ?c ; eli:id_local ?by }}"""):
            d = out[r["d"].value]
            d["quote"] = min(filter(None, (d["quote"], r["quote"].value)))
            d["cited_by"] = min(filter(None, (d["cited_by"], r["by"].value)))
    return out


def _district_types(who: str) -> set[str] | None:
    """Unit types a demand names ('UBND các huyện, thành phố' → {huyện, thành phố}); None = all."""
    f = fold(who)
    if "cap huyen" in f:
        return None
    types = set()
    for word, unit_type in (("huyen", "huyện"), ("quan", "quận"), ("thi xa", "thị xã"), ("thanh pho", "thành phố")):
        if re.search(rf"\b{word}\b", f):
            types.add(unit_type)
    return types or None


def _demands(store, root: str) -> list[dict]:
    """The root's demands for plans: who, the sentence, and by when (graph/rdf.py, pkg:PlanDue)."""
    return [{"who": r["who"].value, "quote": r["quote"].value, "level": r["level"].value if r["level"] else None,
             "due_as_written": r["text"].value if r["text"] else None, "due": r["date"].value if r["date"] else None}
            for r in store.query(f"""SELECT ?who ?quote ?level ?text ?date WHERE {{
                <{root}> pkg:demand ?d . ?d pkg:demandedOf/skos:prefLabel ?who ; pkg:quote ?quote .
                OPTIONAL {{ ?d pkg:demandedLevel ?level }}
                OPTIONAL {{ ?d pkg:due ?due . ?due pkg:dueText ?text OPTIONAL {{ ?due pkg:dueDate ?date }} }} }}""")]


def _province_2025(name: str) -> dict | None:
    """The province of today's map of a (bare or full) name."""
    bare = fold(split_unit_type(name)[1] if split_unit_type(name)[0] else name).strip()
    return next((p for p in current_divisions() if fold(split_unit_type(p["name"])[1]) == bare), None)


@lru_cache(maxsize=1)
def _communes_in_order() -> list[tuple[dict, dict]]:
    """Every (province, commune) of today's map, by province then commune in Vietnamese order
    (sorted once: 3,321 collation keys are a good part of a commune audit)."""
    pairs = [(p, w) for p in current_divisions() for w in p["wards"]]
    return sorted(pairs, key=lambda pw: (name_key(pw[0]["name"]), name_key(pw[1]["name"])))


def _commune_scope(root_place, root_is_new: bool, province: str | None) -> list[tuple[dict, dict]]:
    """(province, commune) pairs of today's map the audit expects, in order."""
    gaz = places()
    if province:
        p = _province_2025(province)
        if p is None:  # an old province's name: the communes its territory went to
            hits = gaz.lookup(province, level="province")
            if not hits:
                raise AuditError(f"không có tỉnh, thành phố {province!r}", "audit.no_province", province=province)
            return _commune_scope(hits[0], False, None)
        return [pw for pw in _communes_in_order() if pw[0]["code"] == p["code"]]
    if root_place is None:
        return _communes_in_order()
    old_province = root_place if root_place.level == "province" else gaz.province_of(root_place)
    if root_is_new:  # a plan of today's province: its communes
        p = _province_2025(old_province.name)
        if p is not None:
            return [pw for pw in _communes_in_order() if pw[0]["code"] == p["code"]]
    districts = [root_place] if root_place.level == "district" else \
        [d for d in gaz.districts.values() if d.province_code == old_province.code]
    codes = {u["code"] for d in districts for u in today(d)}
    return [pw for pw in _communes_in_order() if pw[1]["code"] in codes]


def _commune_2025_of(doc: dict, place) -> int | None:
    """Today's commune a commune's plan belongs to: the commune of the same code (codes carry
    over), else the one its issuer names in the province its territory went to."""
    from .gazetteer import _current_index

    communes, _provinces = _current_index()
    if place is not None and place.level == "commune" and place.code in communes:
        return place.code
    if not doc.get("issuer") or place is None:
        return None
    province = place if place.level == "province" else places().province_of(place)
    for p in today(province):
        unit = commune_2025(doc["issuer"], split_unit_type(p["name"])[1] or p["name"])
        if unit is not None:
            return unit.code
    return None


def audit(store, root_id: str = "25-CT/TW", level: str | None = None, province: str | None = None,
          as_of: str | None = None, map_of: str | None = None) -> dict:
    """The audit of `root_id` at `level` ('province', 'district', 'commune'; default by the root),
    within `province`, with each locality's timeliness as of `as_of` (ISO or dd/mm/yyyy;
    default today in Vietnam). `map_of` ('pre2025', '2025') overrides the map of the root's date."""
    roots = find_documents(store, root_id)
    if not roots:
        raise AuditError(f"không có văn bản {root_id!r} trong đồ thị", "audit.no_document", root=root_id)
    try:
        day = parse_as_of(as_of) or today_in_vietnam()
    except ValueError:
        raise AuditError(f"ngày không hợp lệ: {as_of!r}", "audit.bad_date", date=as_of) from None
    info = _doc_info(store, roots)
    root = roots[0]
    root_place = place_of_unit(info[root]["unit"])
    gaz = places()
    date = info[root]["date"] or day
    root_is_new = date >= ERA_START
    new_map = map_of == "2025" if map_of else (root_is_new or level == "commune")
    if level is None:
        level = ("commune" if new_map else "district") if root_place is not None else "province"
    if level == "commune" and not new_map:
        raise AuditError("cấp xã chỉ kiểm tra được trên bản đồ từ 1/7/2025", "audit.communes_2025")
    demands = _demands(store, root)
    demand_quote = None
    scope = None  # the district level's province, when one is chosen or the root's
    # -- who is expected to implement
    if level == "commune":
        pairs = _commune_scope(root_place, root_is_new, province)
        one_province = len({p["code"] for p, _ in pairs}) == 1
        expected = [("commune", w["code"], w["name"] if one_province else f"{w['name']} ({p['name']})") for p, w in pairs]
    elif new_map:
        if level != "province":
            raise AuditError("bản đồ từ 1/7/2025 không còn cấp huyện: chỉ kiểm tra được cấp tỉnh", "audit.no_districts")
        expected = [("province", p["code"], p["name"]) for p in sorted(current_divisions(), key=lambda p: name_key(p["name"]))]
    elif level == "province":
        expected = [("province", p.code, p.full_name) for p in sorted(gaz.provinces.values(), key=lambda p: name_key(p.name))]
    else:
        if province:
            hits = gaz.lookup(province, level="province")
            if not hits:
                raise AuditError(f"không có tỉnh, thành phố {province!r}", "audit.no_province", province=province)
            scope = hits[0]
        elif root_place is not None:
            scope = root_place if root_place.level == "province" else gaz.province_of(root_place)
        types: set[str] | None = None
        if root_place is not None and not province:
            district_demands = [(d["who"], d["quote"]) for d in demands if d["level"] == "district"]
            if not district_demands:
                raise AuditError(f"{root_id} không yêu cầu cấp huyện xây dựng kế hoạch (không có câu 'UBND các huyện … xây dựng kế hoạch')",
                                 "audit.no_district_demand", root=root_id)
            types = set()
            for who, quote in district_demands:
                t = _district_types(who)
                types = None if t is None or types is None else types | t
                demand_quote = demand_quote or quote
        districts = [d for d in gaz.districts.values() if scope is None or d.province_code == scope.code]
        if types:
            districts = [d for d in districts if d.unit_type in types]
        expected = [("district", d.code, f"{d.full_name} ({gaz.province_of(d).name})" if scope is None else d.full_name)
                    for d in sorted(districts, key=lambda d: name_key(d.name))]
    # -- what carries out the root (or what the root carries out, within its territory)
    full = implementation_graph(store)
    targets = {root}
    if root_place is not None and root in full:
        targets |= nx.descendants(full, root)  # what the provincial plan itself carries out
    implementers: set[str] = set()
    for target in targets:
        if target in full:
            implementers |= nx.ancestors(full, target)
    implementers -= {root}
    if as_of is not None:  # on a chosen day a replaced or repealed plan gives way to the one in force (graph/history.py)
        implementers = {c for c in in_force_on(store, day, sorted(implementers)).values() if c is not None}
    g = cascade_graph(store, root_id, full)
    # at the commune level, the issuer and its level too (a commune's plan is told by them)
    docs = _doc_info(store, sorted(implementers), known=g.nodes,
                     names=("id", "unit", "date", "title", "held") + (("issuer", "level") if level == "commune" else ()))
    # each document's evidence goes to the expected codes its unit belongs to
    evidence_of: dict[int, list[dict]] = {}
    for d in docs.values():
        place = place_of_unit(d["unit"])
        if level == "commune":  # only a commune's own plan counts for it
            # the level as the cascade's nodes carry it ('commune') or as the catalog does (…#level-commune)
            is_commune = place is not None and (place.level == "commune" or (d.get("level") or "").rsplit("level-", 1)[-1] == "commune")
            commune = _commune_2025_of(d, place) if is_commune else None
            codes = {commune} if commune is not None else set()
        elif place is None or (root_place is not None and place.level == "province"):
            continue
        elif new_map:
            codes = {t["code"] for t in today(place if place.level == "province" else gaz.province_of(place))}
        elif level == "province":
            codes = {place.code if place.level == "province" else place.province_code}
        else:
            codes = {place.code} if place.level == "district" else set()
        for code in codes:
            evidence_of.setdefault(code, []).append({
                "document": d["id"], "held": d["held"], "date": d["date"],
                "quote": d["title"] if d["held"] else d["quote"], "cited_by": None if d["held"] else d["cited_by"]})
    rows: list[Row] = []
    order = {code: i for i, (_lvl, code, _name) in enumerate(expected)}
    due_demand = pick_due(demands, level)
    due = due_demand["due"] if due_demand else None
    for lvl, code, name in expected:
        evidence = evidence_of.get(code, [])
        status = "held" if any(e["held"] for e in evidence) else "cited-only" if evidence else "missing"
        if new_map:
            now = [name]
        else:
            unit = gaz.provinces[code] if lvl == "province" else gaz.districts[code]
            now = sorted({f"{u['name']} ({u['province']})" if lvl == "district" else u["name"] for u in today(unit)},
                         key=name_key)
        when, plan_date, late = timeliness(due, [e["date"] for e in evidence], day)
        # held first, then the earliest: a province's own plan before its communes' (which follow it)
        rows.append(Row(name, code, lvl, status, sorted(evidence, key=lambda e: (not e["held"], e["date"] is None, e["date"] or "",
                                                                                 e["document"] or "")), now,
                        due, plan_date, when, late))
    rows.sort(key=lambda r: (STATUS_ORDER[r.status], order[r.code]))
    counts = Counter(r.status for r in rows)
    on_time = Counter(r.timeliness for r in rows)
    plans = {e["document"] for r in rows for e in r.evidence}
    return {
        "root": root_id, "root_title": info[root]["title"], "root_date": info[root]["date"], "level": level,
        "as_of": day, "map_date": date, "map": "2025" if new_map else "pre2025",
        "counts": {s: counts.get(s, 0) for s in ("held", "cited-only", "missing")},
        "timeliness": {s: on_time.get(s, 0) for s in STATUSES},
        "due": due, "due_as_written": due_demand["due_as_written"] if due_demand else None,
        "due_quote": due_demand["quote"] if due_demand else None,
        "plans": len(plans), "caveat": CAVEAT, "rows": [r.as_dict() for r in rows],
        "cascade": summary(g), "demand_quote": demand_quote,
        "province": scope.full_name if scope is not None else None,
    }


def timeliness_label(row: dict, lang: str = "vi") -> str:
    """'Đúng hạn', 'Chậm 12 ngày', 'Chưa có, quá hạn 40 ngày', … for a row of the audit."""
    if row.get("late_days") == 1:  # 'Late by 1 day', not '1 days'
        return t(f"due.{row['timeliness']}.one", lang)
    return t(f"due.{row['timeliness']}", lang).format(n=row.get("late_days"))


def level_words(level: str, lang: str = "vi") -> str:
    """The audited level as it reads after 'cấp' / before 'level': 'xã', 'huyện', 'tỉnh'
    (level_label gives the column's 'Cấp xã', which would read 'cấp cấp xã')."""
    return t(f"audit.level_words.{level}", lang)


def audit_table(result: dict, lang: str = "vi") -> tuple[list[str], list[list]]:
    """Header and rows for the table, CSV and XLSX outputs."""
    from policykg.base.formats import Plain, to_date

    header = [t(f"col.{c}", lang) for c in ("locality", "code", "level", "status", "evidence", "today",
                                            "due", "plan_date", "timeliness")]
    rows = []
    for r in result["rows"]:
        ev = "; ".join(f"{e['document']}" + ("" if e["held"] else f" ({t('cited_in', lang)} {e['cited_by']})")
                       + (f": «{' '.join((e['quote'] or '').split())[:160]}»" if e.get("quote") else "")
                       for e in r["evidence"])
        rows.append([r["locality"], Plain(r["code"]), level_label(r["level"], lang), t(f"status.{r['status']}", lang),
                     ev, ", ".join(r["today"]), to_date(r["due"]), to_date(r["plan_date"]), timeliness_label(r, lang)])
    return header, rows
