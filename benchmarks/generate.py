"""A national-scale synthetic cascade, made from the gazetteer, as parse records.

Deterministic for a seed. Sizes:
- tiny: three provinces and their districts (for CI: proves the benchmark runs);
- province: every province issues a Party-committee plan and a People's-Committee plan;
- district: and most districts issue a plan implementing their province's, and most of
  those districts' health centres issue theirs;
- commune: and some communes issue theirs.
A share of localities is deliberately left without a plan, so the audit has something to
find. The records go through the same `record_quads` as parsed documents.
"""
import datetime as dt
import random

from policykg.base.places import places
from policykg.graph.indicators import CONCEPTS

AGENCIES = ["Sở Y tế", "Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Thông tin và Truyền thông",
            "Sở Giáo dục và Đào tạo", "Bảo hiểm xã hội tỉnh", "Sở Lao động - Thương binh và Xã hội",
            "Các sở, ban, ngành liên quan", "UBND cấp huyện", "Các cơ quan, đơn vị liên quan"]
DISTRICT_AGENCIES = ["Phòng Y tế", "Trung tâm Y tế huyện", "Phòng Nội vụ", "Phòng Tài chính - Kế hoạch",
                     "UBND các xã, thị trấn", "Các cơ quan, ban, ngành huyện"]
TASK_WORDS = ["Kiện toàn tổ chức y tế cơ sở", "Phát triển nguồn nhân lực y tế", "Đẩy mạnh chuyển đổi số y tế",
              "Nâng cao chất lượng khám chữa bệnh", "Đầu tư cơ sở vật chất trạm y tế", "Tăng cường y tế dự phòng",
              "Mở rộng bảo hiểm y tế toàn dân", "Quản lý sức khỏe người cao tuổi", "Phòng chống bệnh không lây nhiễm",
              "Phát triển y học cổ truyền"]
DEADLINES = ["Quý 3/2024", "Quý 2/2025", "Năm 2025", "2024 - 2025", "2024 - 2030", "Nhiệm vụ thường xuyên", "Đến năm 2030"]
SIZES = ("tiny", "province", "district", "commune")


def _cited(ident, kind, issuer, date, implements=()):
    return {"id": ident, "type": kind, "issuer": issuer, "date": date, "implements": list(implements)}


def _plan(rng, ident, number, symbol, issuer, level, province, district, date, title, implements, cited, agencies,
          demand_who=None, due=None):
    year = int(date[:4])
    indicators = []
    for i, concept in enumerate(rng.sample(CONCEPTS, 20)):
        base = rng.uniform(5, 95)
        targets = [{"year": y, "value": f"{base * f:.2f}".replace(".", ","), "number": round(base * f, 2),
                    "comparator": rng.choice([None, None, "≥", ">"])} for y, f in ((2025, 1.0), (2030, 1.1))]
        indicators.append({"section": "Chỉ số đầu vào", "from": "table", "no": str(i + 1), "name": concept.vi,
                           "unit": "%", "baseline": {"year": year - 1, "value": f"{base * 0.9:.1f}", "number": round(base * 0.9, 1)},
                           "targets": targets, "reporting_unit": "Sở Y tế"})
    tasks = [{"no": str(i + 1), "name": f"{rng.choice(TASK_WORDS)} ({i + 1})", "lead": rng.sample(agencies, 1),
              "coordinating": rng.sample(agencies, 2), "deadline": rng.choice(DEADLINES)} for i in range(20)]
    responsibilities = [{"agency": a, "section": f"V.{i + 1}", "duties_count": rng.randint(1, 6)}
                        for i, a in enumerate(rng.sample(agencies, min(10, len(agencies))))]
    # the due date as loaders/plan_due.py reads it: (ISO date or None, phrase as written)
    due_date, due_text = due or (None, None)
    demands = [{"who": demand_who, "quote": f"{demand_who} xây dựng kế hoạch triển khai thực hiện phù hợp với điều kiện thực tế"
                                            + (f", {due_text}." if due_text else "."),
                "due": due_date, "due_as_written": due_text}] if demand_who else []
    return {
        "document": {"id": ident, "number": number, "symbol": symbol, "type": "Kế hoạch", "issuer": issuer,
                     "issuer_level": level, "province": province, "district": district, "date": date,
                     "place": district or province, "title": title, "signer": "Nguyễn Văn A"},
        "implements": implements, "based_on": [], "cited": cited, "indicators": indicators, "tasks": tasks,
        "responsibilities": responsibilities, "expected_implementers": demands, "recipients": ["Lưu: VT"], "spans": {},
    }


def generate(size: str = "district", seed: int = 7) -> list[tuple[dict, str]]:
    """(record, source text) pairs for the size."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}")
    rng = random.Random(seed)
    gaz = places()
    provinces = sorted(gaz.provinces.values(), key=lambda p: p.code)
    if size == "tiny":
        provinces = provinces[:3]
    districts_of: dict[int, list] = {}
    for d in gaz.districts.values():
        districts_of.setdefault(d.province_code, []).append(d)
    import json

    from policykg.base.places import GAZETTEER_PRE2025

    communes_of: dict[int, list] = {}
    if size == "commune":
        for code, name, district in json.loads(GAZETTEER_PRE2025.read_text("utf-8"))["communes"]:
            communes_of.setdefault(district, []).append((code, name))
    root = _cited("25-CT/TW", "Chỉ thị", "Ban Bí thư", "2023-10-25")
    out = []
    for p in provinces:
        if rng.random() < 0.1 and size != "tiny":
            continue  # a province with no known plan
        tu_id = f"{100 + p.code}-KH/TU"
        party = "Thành ủy" if p.unit_type == "thành phố" else "Tỉnh ủy"
        tu = _plan(rng, tu_id, str(100 + p.code), "KH/TU", f"{party} {p.name}", "provincial-party", p.name, None,
                   "2024-03-01", "Thực hiện Chỉ thị số 25-CT/TW của Ban Bí thư", ["25-CT/TW"], [root], AGENCIES)
        out.append((tu, f"{party} {p.name}\nSố {tu_id}\nKẾ HOẠCH\nThực hiện Chỉ thị số 25-CT/TW\n"))
        ubnd_id = f"{200 + p.code}/KH-UBND"
        issuer = f"Ủy ban nhân dân {p.unit_type} {p.name}"
        ubnd = _plan(rng, ubnd_id, str(200 + p.code), "KH-UBND", issuer, "provincial-people-committee", p.name, None,
                     "2024-05-15", f"Triển khai thực hiện Kế hoạch số {tu_id}", [tu_id, "25-CT/TW"],
                     [_cited(tu_id, "Kế hoạch", f"{party} {p.name}", "2024-03-01", ["25-CT/TW"]), root], AGENCIES,
                     demand_who="Ủy ban nhân dân các huyện, thành phố, thị xã",
                     due=("2024-06-30", "hoàn thành trước ngày 30/6/2024"))
        out.append((ubnd, f"{issuer}\nSố: {ubnd_id}\nKẾ HOẠCH\nTriển khai thực hiện Kế hoạch số {tu_id}\n"))
        if size in ("province",):
            continue
        for d in sorted(districts_of.get(p.code, []), key=lambda d: d.code):
            if rng.random() < 0.2:
                continue  # a district with no known plan
            dist_id = f"{300 + d.code % 700}/KH-UBND"
            d_issuer = f"Ủy ban nhân dân {d.unit_type} {d.name}"
            # on time, late or much later than the province's 30/6/2024, for the audit's timeliness
            # (by the district's code, not `rng`: the plans drawn stay those of earlier figures)
            d_date = ("2024-06-20", "2024-07-01", "2024-08-15")[d.code % 3]
            dist = _plan(rng, dist_id, str(300 + d.code % 700), "KH-UBND", d_issuer, "district-people-committee", p.name,
                         d.name, d_date, f"Thực hiện Kế hoạch số {ubnd_id}", [ubnd_id],
                         [_cited(ubnd_id, "Kế hoạch", issuer, "2024-05-15", [tu_id]), root], DISTRICT_AGENCIES,
                         demand_who="Ủy ban nhân dân các xã, thị trấn",
                         due=((dt.date.fromisoformat(d_date) + dt.timedelta(days=30)).isoformat(),
                              "trong thời hạn 30 ngày kể từ ngày ký"))
            out.append((dist, f"{d_issuer}\nSố: {dist_id}\nKẾ HOẠCH\nThực hiện Kế hoạch số {ubnd_id}\n"))
            if rng.random() < 0.6:
                ttyt_id = f"{50 + d.code % 400}/KH-TTYT"
                ttyt = _plan(rng, ttyt_id, str(50 + d.code % 400), "KH-TTYT", f"Trung tâm Y tế {d.unit_type} {d.name}",
                             "district-health-centre", p.name, d.name, "2024-09-01", f"Thực hiện Kế hoạch số {dist_id}",
                             [dist_id], [_cited(dist_id, "Kế hoạch", d_issuer, d_date, [ubnd_id])], DISTRICT_AGENCIES)
                out.append((ttyt, f"Trung tâm Y tế {d.name}\nSố: {ttyt_id}\nKẾ HOẠCH\n"))
            if size == "commune":
                for code, name in communes_of.get(d.code, []):
                    if rng.random() < 0.3:
                        c_id = f"{1000 + code % 9000}/KH-UBND"
                        c = _plan(rng, c_id, str(1000 + code % 9000), "KH-UBND", f"Ủy ban nhân dân {name}", "commune",
                                  p.name, d.name, "2024-10-01", f"Thực hiện Kế hoạch số {dist_id}", [dist_id],
                                  [_cited(dist_id, "Kế hoạch", d_issuer, d_date, [ubnd_id])], DISTRICT_AGENCIES)
                        out.append((c, f"Ủy ban nhân dân {name}\nSố: {c_id}\nKẾ HOẠCH\n"))
    return out


def main(argv=None) -> int:
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser(description="Generate the synthetic national cascade of 25-CT/TW as parse "
                                     "records (what benchmarks/run.py loads).")
    parser.add_argument("--size", choices=SIZES, default="tiny", help="how far down the cascade goes (default tiny)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7: the README's figures)")
    parser.add_argument("--json", action="store_true", help="print the records as JSON lines (record, source text)")
    args = parser.parse_args(argv)
    pairs = generate(args.size, args.seed)
    if args.json:
        for record, text in pairs:
            sys.stdout.write(json.dumps({"record": record, "text": text}, ensure_ascii=False) + "\n")
    else:
        print(f"{len(pairs)} plans ({args.size}, seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
