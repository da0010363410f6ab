"""Vocabulary of Vietnamese policy documents: document kinds, symbols, bodies, keywords.

Keyword patterns are regular expressions over *folded* text (see `text.fold`): lower
case, no diacritics. They tolerate the OCR confusions seen in scanned plans
('S6' for 'Số', 'K&' for 'Kế', 'Pau' for 'Đầu', 'thj' for 'thị', 'ciia' for 'của').
"""
import functools
import re

from .text import fold

# -- keywords ---------------------------------------------------------------------
V = r"[aeiouy&¢@]"  # an OCR-damaged vowel
KW = {
    "so": r"s[o06b8e&]",
    "ngay": r"ng[a4]y",
    "thang": r"th[a4]ng",
    "nam": r"n[a4i]m",
    "ke_hoach": r"k[e&]\s*ho[a4@]ch",
    "quyet_dinh": r"quy[e&]t\s*[dp][i1]nh",
    "chi_thi": r"ch[i1l]\s*th[i1jl]",
    "nghi_quyet": r"ngh[i1]\s*quy[e&]t",
    "nghi_dinh": r"ngh[i1]\s*[dp][i1]nh",
    "chuong_trinh": r"ch[uw]{1,2}[o0]?ng\s*tr[i1]nh",
    "de_an": r"[dp][e&]\s*[a4]n",
    "thuc_hien": r"th[a-z&]{1,3}\s*h[i1][e&]n",
    "trien_khai": r"tri[e&]n\s*kh[a4]i",
    "can_cu": r"c[a4]n\s*c(?:u|&t|tr|&|t)",
    "cua": r"c(?:u|ii|ti|tu|t|i|ú)a",
    "ve": r"v[e&]",
    "nhu_sau": r"nh[uw]\s*s[a4]u",
}


def kw(name: str) -> str:
    return KW[name]


# -- document kinds -----------------------------------------------------------------
# folded pattern → canonical Vietnamese name. Order matters: longer first.
DOC_TYPES: list[tuple[str, str]] = [
    (r"ch[uw]{1,2}[o0]?ng\s*tr[i1]nh\s*h[a4]nh\s*[dp][o0]ng", "Chương trình"),
    (KW["chuong_trinh"], "Chương trình"),
    (KW["quyet_dinh"], "Quyết định"),
    (KW["chi_thi"], "Chỉ thị"),
    (KW["nghi_quyet"], "Nghị quyết"),
    (KW["nghi_dinh"], "Nghị định"),
    (KW["ke_hoach"], "Kế hoạch"),
    (r"chi[e&]n\s*l[uw][o0]?[o0]?c", "Chiến lược"),
    (KW["de_an"], "Đề án"),
    (r"k[e&]t\s*lu[a4]n", "Kết luận"),
    (r"c[o0]ng\s*v[a4]n", "Công văn"),
    (r"c[o0]ng\s*[dp]i[e&]n", "Công điện"),  # the Prime Minister's urgent order ('224/CĐ-TTg')
    (r"th[o0]ng\s*t[uw]", "Thông tư"),
    (r"h[uw][o0]?ng\s*d[a4]n", "Hướng dẫn"),
    (r"th[o0]ng\s*b[a4]o", "Thông báo"),
    (r"b[a4]o\s*c[a4]o", "Báo cáo"),
    (r"quy\s*[dp][i1]nh", "Quy định"),
    (r"lu[a4]t", "Luật"),
]
DOC_TYPE_RE = "|".join(f"(?:{p})" for p, _ in DOC_TYPES)

# Type code in a symbol → kind (used when the text names no kind).
SYMBOL_TYPES = {
    "KH": "Kế hoạch", "QĐ": "Quyết định", "CT": "Chỉ thị", "NQ": "Nghị quyết",
    "CTr": "Chương trình", "ĐA": "Đề án", "KL": "Kết luận", "NĐ": "Nghị định",
    "TT": "Thông tư", "HD": "Hướng dẫn", "TB": "Thông báo", "BC": "Báo cáo", "QC": "Quy chế",
    "CL": "Chiến lược", "L": "Luật", "CĐ": "Công điện",
}


def doc_type_from_words(folded: str) -> str | None:
    for pattern, name in DOC_TYPES:
        if re.fullmatch(pattern, folded.strip()):
            return name
    return None


# -- symbols ------------------------------------------------------------------------
# Canonical spelling of symbol parts, keyed by their folded upper-case form: OCR and
# careless typing lose the Đ and the lower-case letters ('QD-TTG' is 'QĐ-TTg').
_SYMBOL_PARTS = [
    "KH", "QĐ", "CT", "NQ", "CTr", "ĐA", "KL", "NĐ", "TT", "HD", "TB", "BC", "QC", "QH", "CĐ",
    "TTg", "CP", "UBND", "HĐND", "TW", "TU", "HU", "ĐU", "QU", "TXU", "ĐUK", "BCSĐ", "BTGTW",
    "BYT", "SYT", "TTYT", "BCĐ", "BTC", "BNV", "BGDĐT", "BLĐTBXH", "BKHĐT", "BTTTT", "BVHTTDL",
    "BNNPTNT", "BTNMT", "BXD", "BCT", "BCA", "BQP", "BHXH", "VPCP", "MTTQ", "UBMTTQ", "CV", "VP",
    "SKHĐT", "STC", "SNV", "SGDĐT", "STTTT", "SLĐTBXH", "BQL", "BHYT", "CĐS", "KCB", "DP",
]
SYMBOL_CANON = {fold(p).upper(): p for p in _SYMBOL_PARTS}
PARTY_ISSUERS = {"TW", "TU", "HU", "ĐU", "QU", "TXU", "ĐUK", "BCSĐ", "BTGTW", "TƯ"}


def canonical_symbol_part(part: str) -> str:
    key = fold(part).upper()
    if key in SYMBOL_CANON:
        return SYMBOL_CANON[key]
    if re.fullmatch(r"QH\d+", key):
        return key
    return part.upper() if part.isupper() or part.islower() else part


# Issuers a symbol names by itself (for citations whose text names none).
SYMBOL_ISSUERS = {
    "TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ", "BYT": "Bộ Y tế", "QH": "Quốc hội",
    "BTC": "Bộ Tài chính", "BNV": "Bộ Nội vụ", "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội", "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BTTTT": "Bộ Thông tin và Truyền thông", "VPCP": "Văn phòng Chính phủ",
    # the ministries of 2025 (Nghị định 25-42/2025/NĐ-CP) and other central bodies
    "BCT": "Bộ Công Thương", "BTP": "Bộ Tư pháp", "BQP": "Bộ Quốc phòng", "BCA": "Bộ Công an",
    "BXD": "Bộ Xây dựng", "BKHCN": "Bộ Khoa học và Công nghệ", "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch", "BNG": "Bộ Ngoại giao", "BDTTG": "Bộ Dân tộc và Tôn giáo",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn", "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BGTVT": "Bộ Giao thông vận tải", "NHNN": "Ngân hàng Nhà nước Việt Nam", "TTCP": "Thanh tra Chính phủ",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
}
# The level of a body a symbol names (the rest of the keys above are ministries).
SYMBOL_LEVELS = {"TTg": "national-government", "CP": "national-government", "VPCP": "national-government",
                 "QH": "national-assembly", "UBTVQH": "national-assembly", "NHNN": "ministry", "TTCP": "ministry"}

# -- bodies -------------------------------------------------------------------------
ABBREVIATIONS = [
    (r"\bUBND\b", "Ủy ban nhân dân"),
    (r"\bHĐND\b", "Hội đồng nhân dân"),
    (r"\bTTYT\b", "Trung tâm Y tế"),
    (r"\bBHXH\b", "Bảo hiểm xã hội"),
    (r"\bUB\b", "Ủy ban"),
    (r"\bTP\.?(?=\s)", "thành phố"),
]


@functools.lru_cache(maxsize=65536)  # the same agency names come back in every plan
def expand_abbreviations(name: str) -> str:
    for pattern, full in ABBREVIATIONS:
        name = re.sub(pattern, full, name)
    return name


# Words that start the name of a distinct body in an agency list ('Sở Y tế, UBND
# quận, huyện'); a segment starting otherwise continues the previous name
# ('Sở Văn hóa, Thể thao và Du lịch', 'Các sở, ngành').
AGENCY_STARTS = [
    "sở", "ubnd", "ủy ban", "uỷ ban", "phòng", "p.", "k.", "ban", "bộ", "cục", "chi cục",
    "trung tâm", "ttyt", "bệnh viện", "bảo hiểm", "bhxh", "công an", "đài", "báo", "hội",
    "liên đoàn", "đoàn", "huyện ủy", "huyện uỷ", "tỉnh ủy", "tỉnh uỷ", "thành ủy", "thành uỷ",
    "mặt trận", "viện", "trường", "văn phòng", "thanh tra", "kho bạc", "cơ quan", "các",
    "khoa", "trạm", "đảng ủy", "bộ chỉ huy", "lãnh đạo", "tổng cục", "hđnd", "hội đồng",
    "quân sự", "ngân hàng", "chi nhánh", "thủ trưởng", "giám đốc", "chủ tịch", "người đứng đầu",
    "thường trực",  # 'Thường trực Hội đồng nhân dân', 'Thường trực Tỉnh ủy': a standing body
    "tổ", "nhà", "điện lực", "tòa án", "viện kiểm sát", "cảnh sát", "đồn",
    # companies are assigned work too ('Đề nghị Công ty Điện lực Đắk Lắk: …'); not 'Doanh
    # nghiệp …', which as often opens a sentence about enterprises as names one
    "công ty", "tổng công ty", "tập đoàn",
]
AGENCY_START_FOLDED = sorted({fold(w) for w in AGENCY_STARTS}, key=len, reverse=True)

# Agency names an OCR'd heading is matched against (by folded similarity), so that
# 'S& Ké hoach va Pau tu' is written 'Sở Kế hoạch và Đầu tư'.
_DEPARTMENTS = [
    "Y tế", "Tài chính", "Nội vụ", "Kế hoạch và Đầu tư", "Thông tin và Truyền thông",
    "Giáo dục và Đào tạo", "Lao động - Thương binh và Xã hội", "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường", "Tài nguyên và Môi trường", "Xây dựng", "Giao thông vận tải",
    "Công Thương", "Văn hóa, Thể thao và Du lịch", "Văn hóa và Thể thao", "Khoa học và Công nghệ",
    "Tư pháp", "Ngoại vụ", "Dân tộc và Tôn giáo",
]
KNOWN_AGENCIES = (
    [f"Sở {d}" for d in _DEPARTMENTS]
    + [f"Phòng {d}" for d in ["Y tế", "Tài chính - Kế hoạch", "Nội vụ", "Giáo dục và Đào tạo",
                               "Văn hóa và Thông tin", "Lao động - Thương binh và Xã hội"]]
    + [
        "Bảo hiểm xã hội tỉnh", "Bảo hiểm xã hội thành phố", "Bảo hiểm xã hội huyện",
        "Công an tỉnh", "Công an thành phố", "Bộ Chỉ huy Quân sự tỉnh", "Ban Chỉ huy Quân sự huyện",
        "Ủy ban nhân dân các huyện, thành phố", "Ủy ban nhân dân các huyện, thành phố, thị xã",
        "Ủy ban nhân dân cấp huyện", "Ủy ban nhân dân các xã, phường, thị trấn",
        "Ủy ban nhân dân các xã, thị trấn", "Ủy ban nhân dân tỉnh", "Ủy ban nhân dân huyện",
        "Các sở, ban, ngành liên quan", "Các sở, ban, ngành", "Các cơ quan, đơn vị liên quan",
        "Các sở, ban, ngành, địa phương", "Trung tâm Y tế huyện", "Trung tâm Kiểm soát bệnh tật",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Đài Phát thanh và Truyền hình tỉnh",
        "Liên đoàn Lao động tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn", "Hội Nông dân tỉnh",
        "Thủ tướng Chính phủ", "Chính phủ", "Bộ Y tế", "Ban Bí thư", "Bộ Chính trị", "Quốc hội",
        "Ban Chấp hành Trung ương", "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Thành ủy",
    ]
)

# Comparator words before a target value.
COMPARATOR_WORDS = [
    (r"xu[o0]ng\s*d[uw][o0]?i", "<"), (r"kh[o0]ng\s*d[uw][o0]?i", "≥"), (r"kh[o0]ng\s*qu[a4]", "≤"),
    (r"[i1]t\s*nh[a4]t", "≥"), (r"t[o0]i\s*thi[e&]u", "≥"), (r"t[o0]i\s*[dp]a", "≤"),
    (r"tr[e&]n", ">"), (r"h[o0]n", ">"), (r"d[uw][o0]?i", "<"), (r"v[uw][o0]t", ">"),
]
COMPARATOR_SYMBOLS = {">": ">", "<": "<", "≥": "≥", "≤": "≤", ">=": "≥", "<=": "≤", "=>": "≥", "=<": "≤"}
