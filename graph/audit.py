"""The audit: which localities have a plan carrying out a document, and which do not.

Expected implementers: for a national document, every province (of the map of the
document's date, or `as_of`); for a provincial plan, the districts of its province that its
'UBND các huyện, thành phố … xây dựng kế hoạch' clause names. Each locality is:
- held: a plan whose text is loaded carries out the root (or what the root carries out,
  within the root's territory), directly or through the cascade;
- cited-only: such a plan is known only because a loaded document cites it;
- missing: no such plan is known to the graph (which does not prove there is none).
"""
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from policykg.base.formats import name_key
from policykg.base.i18n import level_label, t
from policykg.base.places import places
from policykg.base.text import fold

from .cascade import cascade_graph, document_attributes, find_documents, implementation_graph, summary
from .gazetteer import ERA_START, current_divisions, place_of_unit, today

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

    def as_dict(self) -> dict:
        return {"locality": self.locality, "code": self.code, "level": self.level, "status": self.status,
                "evidence": self.evidence, "today": self.today}


def _doc_info(store, iris: list[str], known=None) -> dict[str, dict]:
    """Id, unit, date, title and held for each document (taken from `known`, a cascade
    graph's nodes, where there), and for a document not held a quote citing it."""
    names = ("id", "unit", "date", "title", "held")
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


def audit(store, root_id: str = "25-CT/TW", level: str | None = None, province: str | None = None,
          as_of: str | None = None) -> dict:
    roots = find_documents(store, root_id)
    if not roots:
        raise AuditError(f"không có văn bản {root_id!r} trong đồ thị", "audit.no_document", root=root_id)
    info = _doc_info(store, roots)
    root = roots[0]
    root_place = place_of_unit(info[root]["unit"])
    gaz = places()
    date = as_of or info[root]["date"] or dt.date.today().isoformat()
    new_map = date >= ERA_START
    if level is None:
        level = "district" if root_place is not None else "province"
    # -- who is expected to implement
    if new_map:
        if level != "province":
            raise AuditError("bản đồ từ 1/7/2025 không còn cấp huyện: chỉ kiểm tra được cấp tỉnh", "audit.no_districts")
        expected = [("province", p["code"], p["name"]) for p in sorted(current_divisions(), key=lambda p: name_key(p["name"]))]
    elif level == "province":
        expected = [("province", p.code, p.full_name) for p in sorted(gaz.provinces.values(), key=lambda p: name_key(p.name))]
    else:
        scope = None
        if province:
            hits = gaz.lookup(province, level="province")
            if not hits:
                raise AuditError(f"không có tỉnh, thành phố {province!r}", "audit.no_province", province=province)
            scope = hits[0]
        elif root_place is not None:
            scope = root_place if root_place.level == "province" else gaz.province_of(root_place)
        types: set[str] | None = None
        demand_quote = None
        if root_place is not None and not province:
            demands = [(r["who"].value, r["quote"].value) for r in store.query(f"""SELECT ?who ?quote WHERE {{
                <{root}> pkg:demand ?d . ?d pkg:demandedLevel "district" ; pkg:demandedOf/skos:prefLabel ?who ; pkg:quote ?quote }}""")]
            if not demands:
                raise AuditError(f"{root_id} không yêu cầu cấp huyện xây dựng kế hoạch (không có câu 'UBND các huyện … xây dựng kế hoạch')",
                                 "audit.no_district_demand", root=root_id)
            types = set()
            for who, quote in demands:
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
    g = cascade_graph(store, root_id, full)
    docs = _doc_info(store, sorted(implementers), known=g.nodes)
    # each document's evidence goes to the expected codes its unit belongs to
    evidence_of: dict[int, list[dict]] = {}
    for d in docs.values():
        place = place_of_unit(d["unit"])
        if place is None or (root_place is not None and place.level == "province"):
            continue
        if new_map:
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
    for lvl, code, name in expected:
        evidence = evidence_of.get(code, [])
        status = "held" if any(e["held"] for e in evidence) else "cited-only" if evidence else "missing"
        if new_map:
            now = [name]
        else:
            unit = gaz.provinces[code] if lvl == "province" else gaz.districts[code]
            now = sorted({f"{u['name']} ({u['province']})" if lvl == "district" else u["name"] for u in today(unit)},
                         key=name_key)
        rows.append(Row(name, code, lvl, status, sorted(evidence, key=lambda e: (not e["held"], e["document"] or "")), now))
    rows.sort(key=lambda r: (STATUS_ORDER[r.status], order[r.code]))
    counts = Counter(r.status for r in rows)
    plans = {e["document"] for r in rows for e in r.evidence}
    return {
        "root": root_id, "root_title": info[root]["title"], "level": level, "as_of": date,
        "map": "2025" if new_map else "pre2025",
        "counts": {s: counts.get(s, 0) for s in ("held", "cited-only", "missing")},
        "plans": len(plans), "caveat": CAVEAT, "rows": [r.as_dict() for r in rows],
        "cascade": summary(g), "demand_quote": locals().get("demand_quote"),
        "province": getattr(locals().get("scope"), "full_name", None),  # the district level's province
    }


def audit_table(result: dict, lang: str = "vi") -> tuple[list[str], list[list]]:
    """Header and rows for the table, CSV and XLSX outputs."""
    from policykg.base.formats import Plain

    header = [t(f"col.{c}", lang) for c in ("locality", "code", "level", "status", "evidence", "today")]
    rows = []
    for r in result["rows"]:
        ev = "; ".join(f"{e['document']}" + ("" if e["held"] else f" ({t('cited_in', lang)} {e['cited_by']})")
                       + (f": «{' '.join((e['quote'] or '').split())[:160]}»" if e.get("quote") else "")
                       for e in r["evidence"])
        rows.append([r["locality"], Plain(r["code"]), level_label(r["level"], lang), t(f"status.{r['status']}", lang),
                     ev, ", ".join(r["today"])])
    return header, rows
