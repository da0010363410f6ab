"""Generate data/gazetteer/pre2025.json: Vietnam's administrative units before 1 July 2025.

Only the 0.6.x releases of the `vietnam-provinces` package carry the three-level
(province / district / commune) map that every corpus document was written under; the
current release carries the 2025 two-level map and shares the import name. So this
script installs 0.6.x into a temporary folder, reads its nested JSON and writes a compact
file that the project commits. Run it again only to refresh the data:

    python data/gazetteer/make_pre2025.py
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

VERSION = "0.6.0"
OUT = Path(__file__).with_name("pre2025.json")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", tmp,
             f"vietnam-provinces=={VERSION}"],
            check=True,
        )
        meta: dict[str, list[str]] = {}
        for line in (Path(tmp) / f"vietnam_provinces-{VERSION}.dist-info" / "METADATA").read_text().splitlines():
            if line.startswith(("Home-page:", "Project-URL:", "License")):
                meta.setdefault("package_metadata", []).append(line)
        nested = json.loads((Path(tmp) / "vietnam_provinces" / "data" / "nested-divisions.json").read_text("utf-8"))
        init = (Path(tmp) / "vietnam_provinces" / "__init__.py").read_text("utf-8")
        data_version = next((ln.split("=", 1)[1].strip().strip("'\"") for ln in init.splitlines()
                             if ln.startswith("__data_version__")), None)
    provinces, districts, communes = [], [], []
    for p in nested:
        provinces.append([p["code"], p["name"]])
        for d in p["districts"]:
            districts.append([d["code"], d["name"], p["code"]])
            for w in d["wards"]:
                communes.append([w["code"], w["name"], d["code"]])
    doc = {
        "source": f"vietnam-provinces {VERSION} (PyPI), nested-divisions.json",
        "data_version": data_version,
        "valid_until": "2025-06-30",
        "columns": {"provinces": ["code", "name"], "districts": ["code", "name", "province_code"],
                    "communes": ["code", "name", "district_code"]},
        **meta,
        "provinces": provinces,
        "districts": districts,
        "communes": communes,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(f"{OUT}: {len(provinces)} provinces, {len(districts)} districts, {len(communes)} communes")


if __name__ == "__main__":
    main()
