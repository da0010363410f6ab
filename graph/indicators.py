"""The indicator concepts shared across plans, and which one a plan's row means.

The standard indicators of the national health strategy (Quyết định 89/QĐ-TTg) and of
grassroots-health plans. A row is matched on its folded wording, so 'Số bác sĩ trên
10.000 dân' and 'Số Bác sĩ/vạn dân' are one concept; a row that matches none gets a
concept of its own, flagged pkg:needsReview.
"""
import re
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from policykg.base.text import fold

from .iri import slug
from .namespaces import ID, INDICATORS_GRAPH, PKG, RDF, SKOS, XSD


@dataclass(frozen=True)
class Concept:
    key: str
    vi: str
    en: str
    pattern: str          # regular expression over the folded wording
    polarity: str | None = "higher"  # is a higher value more ambitious ('lower' for deaths, cases)


PER_10K = r"(?:10[.,]?000|van)\s*dan"
CONCEPTS = [
    Concept("aids-tb-malaria-elimination", "Chấm dứt AIDS, lao và loại trừ sốt rét", "End AIDS and TB, eliminate malaria",
            r"cham\s*dut.*aids", None),
    Concept("doctors-per-10000", "Số bác sĩ trên 10.000 dân", "Doctors per 10,000 people",
            rf"^(?:[\d.,]+\s*)?(?:so\s*)?bac\s*si.*{PER_10K}"),
    Concept("pharmacists-per-10000", "Số dược sĩ trên 10.000 dân", "Pharmacists per 10,000 people",
            rf"duoc\s*si.*{PER_10K}"),
    Concept("nurses-per-10000", "Số điều dưỡng trên 10.000 dân", "Nurses per 10,000 people",
            rf"dieu\s*duong.*{PER_10K}"),
    Concept("hospital-beds-per-10000", "Số giường bệnh trên 10.000 dân", "Hospital beds per 10,000 people",
            rf"giuong\s*benh.*{PER_10K}"),
    Concept("preventive-budget-share", "Tỷ lệ chi ngân sách cho y tế dự phòng", "Share of health budget for preventive care",
            r"ngan\s*sach.*y\s*te\s*du\s*phong|y\s*te\s*du\s*phong.*ngan\s*sach"),
    Concept("population-health-managed", "Tỷ lệ dân số được quản lý sức khỏe", "Population with managed health records",
            r"(?:dan\s*so|nguoi\s*dan).*quan\s*ly\s*suc\s*khoe"),
    Concept("full-immunization", "Tỷ lệ tiêm chủng đầy đủ trong chương trình tiêm chủng mở rộng",
            "Full immunization coverage (expanded programme)", r"tiem\s*chung.*day\s*du|day\s*du.*tiem\s*chung|tiem\s*chung\s*mo\s*rong"),
    Concept("tetanus-vaccination-pregnant", "Tỷ lệ phụ nữ có thai được tiêm phòng uốn ván", "Pregnant women vaccinated against tetanus",
            r"uon\s*van"),
    Concept("newborn-screening", "Tỷ lệ trẻ sơ sinh được tầm soát", "Newborn screening coverage",
            r"so\s*sinh.*(?:tam\s*soat|sang\s*loc)"),
    Concept("prenatal-screening", "Tỷ lệ phụ nữ mang thai được tầm soát bệnh tật bẩm sinh", "Prenatal screening coverage",
            r"(?:mang\s*thai|co\s*thai).*(?:tam\s*soat|sang\s*loc)"),
    Concept("medical-waste-treated", "Tỷ lệ chất thải y tế được xử lý đạt quy chuẩn", "Medical waste treated to standard",
            r"chat\s*thai\s*y\s*te"),
    Concept("uhc-service-coverage", "Mức độ bao phủ các dịch vụ y tế thiết yếu", "Essential health service coverage index",
            r"bao\s*phu.*dich\s*vu.*thiet\s*yeu"),
    Concept("health-insurance-coverage", "Tỷ lệ người dân tham gia bảo hiểm y tế", "Health insurance coverage",
            r"(?:tham\s*gia|bao\s*phu).*bao\s*hiem\s*y\s*te|bao\s*hiem\s*y\s*te.*tham\s*gia"),
    Concept("primary-care-insured", "Tỷ lệ người dân sử dụng chăm sóc ban đầu được bảo hiểm y tế chi trả",
            "Primary care use paid by health insurance", r"cham\s*soc\s*ban\s*dau.*bao\s*hiem"),
    Concept("elderly-care", "Tỷ lệ người cao tuổi có thẻ bảo hiểm y tế, được quản lý sức khỏe",
            "Elderly people insured and with managed health", r"nguoi\s*cao\s*tuoi"),
    Concept("patient-satisfaction", "Tỷ lệ người dân hài lòng với dịch vụ y tế", "Satisfaction with health services",
            r"hai\s*long"),
    Concept("hiv-new-infections", "Số ca nhiễm HIV mới trên 100.000 dân", "New HIV infections per 100,000", r"\bhiv\b", "lower"),
    Concept("tb-incidence", "Số ca mắc mới lao trên 100.000 dân", "Tuberculosis incidence per 100,000", r"mac\s*moi\s*lao|\blao\b.*100[.,]?000", "lower"),
    Concept("malaria-incidence", "Số ca mắc mới sốt rét trên 100.000 dân", "Malaria incidence per 100,000", r"sot\s*ret", "lower"),
    Concept("life-expectancy", "Tuổi thọ trung bình tính từ lúc sinh", "Life expectancy at birth", r"tuoi\s*tho"),
    Concept("healthy-life-years", "Số năm sống khỏe mạnh", "Healthy life expectancy", r"song\s*khoe\s*manh"),
    Concept("total-fertility-rate", "Tổng tỷ suất sinh", "Total fertility rate", r"tong\s*t[iy]\s*suat\s*sinh", None),
    Concept("birth-rate-decline", "Mức giảm tỷ lệ sinh", "Decline of the birth rate", r"giam\s*t[iy]\s*le\s*sinh|t[iy]\s*le\s*sinh.*giam", None),
    Concept("natural-population-growth", "Tỷ lệ tăng dân số tự nhiên", "Natural population growth", r"tang\s*dan\s*so\s*tu\s*nhien", "lower"),
    Concept("infant-mortality", "Tỷ suất tử vong trẻ em dưới 1 tuổi", "Infant mortality rate",
            r"(?:tu\s*vong|chet).*(?:duoi\s*1\s*tuoi|<\s*1\s*tuoi)", "lower"),
    Concept("under5-mortality", "Tỷ suất tử vong trẻ em dưới 5 tuổi", "Under-five mortality rate",
            r"(?:tu\s*vong|chet).*duoi\s*5\s*tuoi", "lower"),
    Concept("maternal-mortality", "Tỷ số tử vong mẹ", "Maternal mortality ratio", r"(?:tu\s*vong|chet)\s*me", "lower"),
    Concept("stunting-under5", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi", "Stunting among children under five",
            r"thap\s*coi", "lower"),
    Concept("underweight-under5", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân", "Underweight among children under five",
            r"suy\s*dinh\s*duong", "lower"),
    Concept("height-18-male", "Chiều cao trung bình của thanh niên 18 tuổi - Nam", "Average height at 18, men",
            r"chieu\s*cao.*-\s*nam$"),
    Concept("height-18-female", "Chiều cao trung bình của thanh niên 18 tuổi - Nữ", "Average height at 18, women",
            r"chieu\s*cao.*-\s*nu$"),
    Concept("height-18", "Chiều cao trung bình của thanh niên 18 tuổi", "Average height at 18", r"chieu\s*cao", None),
    Concept("commune-stations-with-doctor", "Tỷ lệ trạm y tế xã có bác sĩ làm việc", "Commune health stations with a doctor",
            r"tram\s*y\s*te.*bac\s*si|xa\s*co\s*bac\s*si"),
    Concept("communes-national-health-criteria", "Tỷ lệ xã đạt tiêu chí quốc gia về y tế", "Communes meeting national health criteria",
            r"tieu\s*chi\s*quoc\s*gia\s*ve\s*y\s*te"),
    Concept("village-health-workers", "Tỷ lệ thôn, bản có nhân viên y tế hoạt động", "Villages with an active health worker",
            r"(?:ban|thon|ap).*nhan\s*vien\s*y\s*te"),
    Concept("hiv-aids-reduction", "Tỷ lệ nhiễm HIV/AIDS", "HIV/AIDS prevalence", r"hiv\s*/\s*aids", "lower"),
]
_COMPILED = [(c, re.compile(c.pattern)) for c in CONCEPTS]


def concept_iri(key: str) -> str:
    return f"{ID}indicator/{key}"


def match_indicator(name: str) -> tuple[str, bool]:
    """(concept IRI, known?) for an indicator row's wording."""
    f = " ".join(fold(name).split())
    # The first matching concept wins; order puts the specific before the general.
    for concept, rx in _COMPILED:
        if rx.search(f):
            if concept.key in ("hiv-new-infections",) and "aids" in f and "moi" not in f:
                return concept_iri("hiv-aids-reduction"), True
            return concept_iri(concept.key), True
    return concept_iri("local/" + slug(name, 70)), False


def scheme_quads() -> list[Quad]:
    g = INDICATORS_GRAPH
    a = NamedNode(RDF + "type")
    scheme = NamedNode(PKG + "Indicators")
    out = []
    for c in CONCEPTS:
        s = NamedNode(concept_iri(c.key))
        out += [
            Quad(s, a, NamedNode(SKOS + "Concept"), g),
            Quad(s, NamedNode(SKOS + "inScheme"), scheme, g),
            Quad(s, NamedNode(SKOS + "prefLabel"), Literal(c.vi, language="vi"), g),
            Quad(s, NamedNode(SKOS + "prefLabel"), Literal(c.en, language="en"), g),
            Quad(s, NamedNode(SKOS + "notation"), Literal(c.key), g),
            Quad(s, NamedNode(PKG + "needsReview"), Literal("false", datatype=NamedNode(XSD + "boolean")), g),
        ]
        if c.polarity:
            out.append(Quad(s, NamedNode(PKG + "polarity"), Literal(c.polarity), g))
    return out
