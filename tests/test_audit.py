"""`policykg audit`: which localities have a plan carrying out a document."""
import csv
import io
import json
import subprocess
import sys

import pytest

from policykg.graph.audit import AuditError, audit, audit_table


def by_name(result):
    return {r["locality"]: r for r in result["rows"]}


def test_25_ct_tw_province_level(corpus_store):
    result = audit(corpus_store, "25-CT/TW")
    rows = by_name(result)
    assert result["level"] == "province" and result["map"] == "pre2025" and len(rows) == 63
    assert result["counts"] == {"held": 2, "cited-only": 1, "missing": 60}
    assert rows["Tỉnh Kiên Giang"]["status"] == "held"
    assert rows["Tỉnh Nghệ An"]["status"] == "held"
    assert rows["Thành phố Cần Thơ"]["status"] == "cited-only"
    assert [e["document"] for e in rows["Thành phố Cần Thơ"]["evidence"]] == ["265-KH/TU"]
    assert rows["Thành phố Cần Thơ"]["evidence"][0]["cited_by"] == "177/KH-UBND"
    assert rows["Tỉnh Kiên Giang"]["code"] == 91
    assert rows["Tỉnh Kiên Giang"]["today"] == ["An Giang"]  # Kiên Giang is part of An Giang since 1 July 2025
    assert [r["status"] for r in result["rows"]] == ["held"] * 2 + ["cited-only"] + ["missing"] * 60  # held first
    assert "không có nghĩa là" in result["caveat"]
    assert result["cascade"]["depth"] == 2


def test_district_level_under_kien_giang_plan(corpus_store):
    result = audit(corpus_store, "176/KH-UBND")
    rows = by_name(result)
    assert result["level"] == "district"
    # 'UBND các huyện, thành phố … xây dựng kế hoạch': Kiên Giang's districts and cities
    assert len(rows) == 15
    kien_hai = rows["Huyện Kiên Hải"]
    assert kien_hai["status"] == "cited-only"
    assert {e["document"] for e in kien_hai["evidence"]} == {"120/KH-UBND", "198-KH/HU"}
    assert all(e["cited_by"] == "201/KH-TTYT" and e["quote"] for e in kien_hai["evidence"])
    assert kien_hai["today"] == ["Đặc khu Kiên Hải (An Giang)"]
    assert all(r["status"] == "missing" for name, r in rows.items() if name != "Huyện Kiên Hải")


def test_as_of_todays_map(corpus_store):
    result = audit(corpus_store, "25-CT/TW", map_of="2025")
    rows = by_name(result)
    assert result["map"] == "2025" and len(rows) == 34
    assert rows["An Giang"]["status"] == "held"  # through Kiên Giang's plan
    assert rows["Thành phố Cần Thơ"]["status"] == "cited-only"
    with pytest.raises(AuditError, match="không còn cấp huyện"):
        audit(corpus_store, "25-CT/TW", level="district", map_of="2025")


def test_errors(corpus_store):
    with pytest.raises(AuditError, match="không có văn bản"):
        audit(corpus_store, "999/XX-YY")
    with pytest.raises(AuditError, match="không yêu cầu cấp huyện"):
        audit(corpus_store, "177/KH-UBND")  # Cần Thơ's plan asks no district plans


def test_counts_are_distinct_plans(corpus_store):
    result = audit(corpus_store, "25-CT/TW")
    plans = {e["document"] for r in result["rows"] for e in r["evidence"]}
    assert result["plans"] == len(plans) == 7


def test_cli_formats(corpus_store, tmp_path):
    base = [sys.executable, "-m", "policykg", "audit", "--store", str(corpus_store.path)]
    rows = json.loads(subprocess.run(base + ["--format", "json"], capture_output=True, text=True, check=True).stdout)
    assert set(rows[0]) >= {"locality", "code", "level", "status", "evidence", "today"}
    table = subprocess.run(base, capture_output=True, text=True, check=True).stdout
    assert "Đã có toàn văn: 2   Chỉ được dẫn chiếu: 1   Chưa có: 60" in table
    csv_text = subprocess.run(base + ["--format", "csv", "--root", "176/KH-UBND"], capture_output=True, check=True).stdout
    reader = list(csv.reader(io.StringIO(csv_text.decode("utf-8-sig"))))
    assert reader[0] == ["Địa phương", "Mã", "Cấp", "Tình trạng", "Bằng chứng", "Nay thuộc", "Hạn ban hành KH", "Ngày kế hoạch",
                         "Tiến độ"]
    assert reader[1][0] == "Huyện Kiên Hải" and reader[1][3] == "Chỉ được dẫn chiếu"
    out = tmp_path / "audit.xlsx"
    subprocess.run(base + ["--format", "xlsx", "-o", str(out)], check=True)
    from openpyxl import load_workbook
    assert load_workbook(out).active.max_row == 64
    header, body = audit_table(audit(corpus_store, "25-CT/TW"), "en")
    assert header[3] == "Status" and body[0][3] == "Held"
