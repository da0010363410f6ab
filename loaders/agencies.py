"""Agency names: splitting a cell into distinct bodies, and canonical spelling for OCR."""
import difflib
import re
from functools import lru_cache

from policykg.base.vocab import AGENCY_START_FOLDED, KNOWN_AGENCIES

from .text import fold, squash


def ocr_key(text: str) -> str:
    """Folded text with OCR's digit-for-vowel swaps undone: "S6'Y té" → 'so y te'."""
    key = re.sub(r"(?<=[a-z])[60¢&](?![0-9])", "o", fold(text))
    key = re.sub(r"['’`\"]", " ", key)
    return " ".join(key.split())


_KNOWN_FOLDED = [(ocr_key(a), a) for a in KNOWN_AGENCIES]
_SPLIT_RE = re.compile(r"(,|\s+và\s+|\s+va\s+)")


def starts_like_agency(text: str) -> bool:
    f = fold(text).lstrip("-–+*• ")
    if f.startswith("truong hop"):
        return False  # 'Trường hợp …' (in case …) opens a condition, not a school's name
    if f.startswith("so ") and text.lstrip("-–+*• ")[:2].lower() == "số":
        return False  # 'Số hộ dân …' (the number of …) folds as 'Sở' does
    return any(f == w or f.startswith(w + " ") or (w.endswith(".") and f.startswith(w)) for w in AGENCY_START_FOLDED)


VERB_RE = re.compile(
    r"\s+(?:theo\b|c[a4]n\s*c[uw]|kh[a4]n\s*tr[uw][o0]?ng|ch[u&]\s*[dp][o0]ng|c[o0]\s*tr[a4]ch|t[o0]\s*ch[uw]c|l[a4]m\b|x[a4]y\s*d[uw]ng"
    r"|ch[u&]\s*tr[i1]|ph[o0]i\s*h[o0]p|th[uw]c\s*hi[e&]n|tri[e&]n\s*kh[a4]i|tham\s*m[uw]u|[dp][a4]y\s*m[a4]nh|t[a4]ng\s*c[uw][o0]?ng"
    r"|ti[e&]p\s*t[uw]c|h[uw][o0]ng\s*d[a4]n|ki[e&]m\s*tra|r[a4]\s*so[a4]t|b[a4]o\s*[dp][a4]m|[dp][a4]m\s*b[a4]o|ch[i1]\s*[dp][a4]o"
    r"|ti[e&]n\s*h[a4]nh|l[a4]nh\s*[dp][a4]o|nghi[e&]m\s*t[uw]c\b|c[uw]\s*th[e&]\s*h[o0][a4]\b|nghi[e&]n\s*c[uw]u\b|x[uw]\s*ly\b|c[a4]n\s+(?=ti[e&]p|t[a4]p|kh[a4]n|ch[u&]|th[uw]c|x[a4]y|r[a4]|[dp][a4]y|t[a4]ng|s[o0]m|quan|nghi[e&]n)|ch[i1]u\s*tr[a4]ch|[dp][uw][o0]c\s*(?:giao|ph[a4]n)|th[uú]c\s*[dp][a4]y|theo\s*d[o0]i|b[a4]o\s*c[a4]o|ph[a4]n\s*c[o0]ng\b|ki[e&]n\s*to[a4]n|qu[a4]n\s*tri[e&]t|[dp][o0]n\s*[dp][o0]c|[dp][a4]ng\s*t[a4]i|ph[o0]\s*bi[e&]n|b[o0]\s*tr[i1]\b|t[a4]p\s*trung\b|[uw]u\s*ti[e&]n\b|c[o0]\s*nhi[e&]m\s*v[uy]|n[a4]ng\s*cao|quan\s*t[a4]m|ph[a4]t\s*huy|tuy[e&]n\s*truy[e&]n|c[a4]p\s*nh[a4]t|gi[a4]m\s*s[a4]t|ph[a4]i\s|t[o0]ng\s*h[o0]p|k[i1]p\s*th[o0]i|l[a4]\s*c[o0]\s*quan|c[a4]n\s*c[uw]|trong\s*ph[a4]m\s*vi|\()")


# In a table cell only the verbs that never stand in a name ('Ban Quản lý dự án đầu tư xây
# dựng' is a name; 'Sở KH&CN chủ trì hướng dẫn' names 'Sở KH&CN').
CELL_VERB_RE = re.compile(
    r"\s+(?:ch[u&]\s*tr[i1]|ph[o0]i\s*h[o0]p|th[uw]c\s*hi[e&]n|th[uw]c\s*[dp][a4]y|theo\s*d[o0]i|ti[e&]n\s*h[a4]nh"
    r"|h[uw][o0]ng\s*d[a4]n|t[o0]ng\s*h[o0]p|tham\s*m[uw]u|tri[e&]n\s*khai|ch[i1]u\s*tr[a4]ch|c[o0]\s*tr[a4]ch)\b")


def subject_end(text: str, verbs: re.Pattern = VERB_RE) -> int | None:
    """Where the agency that a sentence starts with ends: before its first verb written in
    lower case ('Sở Y tế chủ trì, …' → 7). Names write their words in capitals ('Ban Tổ chức
    Tỉnh ủy'), so a capitalised word is never taken for the verb."""
    folded = fold(text)
    for m in verbs.finditer(folded):
        if re.match(r"\s*(?:chu\s*tri|phoi\s*hop|xu\s*ly)\b", folded[m.start():]) and re.fullmatch(r"(?:cac\s+)?(?:co\s*quan|don\s*vi)",
                                                                                           folded[:m.start()].strip()):
            continue  # 'Cơ quan chủ trì có trách nhiệm …', 'Đơn vị phối hợp …': a body named by its role
        if re.search(r"(?:^|\s)(?:cac|nhung|moi|la)\s*$", folded[:m.start()]):
            continue  # 'các tổ chức đoàn thể', 'chủ rừng là tổ chức': a noun, not the verb 'tổ chức'
        if folded[m.start():m.end()].split() == ["to", "chuc"] and (folded[:m.start()].endswith(",")
                                                                     or folded.startswith(("chinh tri", "xa hoi"), m.end() + 1)):
            continue  # 'đơn vị, tổ chức chính trị - xã hội, hội': a noun in a list of bodies
        word = text[m.start():m.end()].strip()
        if word[:1].islower() or word[:1] == "(" or CELL_VERB_RE.fullmatch(" " + fold(word)):
            return m.start()  # 'chủ trì', 'phối hợp' … never stand in a name, whatever their case
    return None


_NAME_GOES_ON_RE = re.compile(r"(?:va|cung|voi|cac|tinh|thanh pho|huyen|xa|phuong|quan|thi xa|thuoc|tai)\b")
_KNOWN_BY_LENGTH = sorted({fold(a) for a in KNOWN_AGENCIES}, key=len, reverse=True)


def known_agency_end(text: str) -> int | None:
    """Where a sentence that opens with a body of the known list ends its name, when a
    lower-case word follows it ('Sở Xây dựng đăng tải thông điệp …' → 11): the verb after it
    may be any ('đăng tải' is in no list), the name is one every province has."""
    f = fold(text)
    for name in _KNOWN_BY_LENGTH:
        if f.startswith(name + " ") and text[len(name) + 1:len(name) + 2].islower():
            # 'Sở Y tế và các cơ quan …', 'Sở Y tế tỉnh …' go on naming bodies
            return None if _NAME_GOES_ON_RE.match(f, len(name) + 1) else len(name)
    return None


def _starts_new_body(segment: str, after_and: bool = False, before: str = "") -> bool:
    """Does this comma- or 'và'-separated segment name a new body?

    Upper-case segments that start like an agency do ('Sở Y tế, UBND cấp huyện');
    others continue a name ('Sở Văn hóa, Thể thao và Du lịch'). Lower-case segments
    continue a group phrase ('Các sở, ngành'), except 'các …' and 'cơ quan …'.
    """
    first = segment[:1]
    f = fold(segment)
    if f.startswith(("co quan ngang bo", "co quan thuoc chinh phu")):
        return False  # 'các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ': one group phrase
    if first.islower():
        # 'chính quyền', 'lực lượng' do not qualify the noun before them ('các cơ quan chức
        # năng, chính quyền địa phương' are two bodies; 'các cơ quan, đơn vị' is one phrase),
        # save in the set pair 'cấp ủy, chính quyền các cấp'
        pair = fold(before).startswith("cap uy")
        return (f.startswith(("cac ", "co quan")) or (f.startswith(("chinh quyen ", "luc luong ")) and not pair)
                or (after_and and f.startswith(_BODY_NOUNS)))
    return starts_like_agency(segment)


# Lower-case nouns that open a body of their own after 'và' ('các sở, ban, ngành và đơn vị
# có liên quan', 'cơ quan báo chí và hệ thống truyền thông'); after a comma they continue a
# group phrase ('Các cơ quan, đơn vị liên quan').
_BODY_NOUNS = ("don vi ", "he thong ", "to chuc ", "chinh quyen ", "luc luong ", "doanh nghiep ", "nguoi dan")


def split_agencies(cell: str) -> list[str]:
    """'Sở Nội vụ và các cơ quan, ban ngành, UBND các xã' → three bodies."""
    cell = squash(cell).strip(" .;,")
    out: list[str] = []
    for part in re.split(r"\s*;\s*", cell):
        part = part.strip(" .,")
        if not part:
            continue
        pieces = _SPLIT_RE.split(part)
        items: list[str] = []
        delim = None
        for piece in pieces:
            if _SPLIT_RE.fullmatch(piece):
                delim = "," if piece == "," else " và "
                continue
            seg = piece.strip()
            if fold(seg).startswith("va "):  # ', và các cơ quan'
                seg, delim = seg[3:].strip(), " và "
            if not seg:
                continue
            if not items or _starts_new_body(seg, delim == " và ", items[-1]):
                items.append(seg)
            else:
                assert delim is not None  # a separator piece always comes between two items
                items[-1] = items[-1] + (", " if delim == "," else delim) + seg
        out.extend(i.strip(" .,-–+•") for i in items if i.strip(" .,-–+•"))
    return out


def agencies_in_cell(cell: str, sentence: bool = False) -> list[str]:
    """The bodies a lead or coordinating cell names, the verbs after each dropped:
    'Sở KH&CN chủ trì hướng dẫn; Các sở, ngành, UBND cấp xã thực hiện …' → three bodies.
    `sentence`: the value may run on into a sentence ('Bộ Công an … rà soát văn bản …'), so
    any verb in lower case ends the names, not only those that never stand in one."""
    out: list[str] = []
    for part in re.split(r"\s*;\s*", squash(cell)):
        cut = subject_end(part, VERB_RE if sentence else CELL_VERB_RE)
        out += split_agencies(part[:cut] if cut is not None else part)
    return out


@lru_cache(maxsize=8192)
def canonical_agency(name: str, ocr: bool) -> str:
    """The known spelling of an agency name read by OCR; the name as written otherwise."""
    name = squash(name).strip(" .:;")
    if not ocr:
        return name
    key = ocr_key(name)
    best, score = None, 0.0
    for folded, canon in _KNOWN_FOLDED:
        s = difflib.SequenceMatcher(None, key, folded, autojunk=False).ratio()
        if s > score:
            best, score = canon, s
    if best and score >= 0.8:
        # 'Các sở, ban, ngành liên quan' keeps the case the document gave its first word.
        if best[0].isupper() and name[:1].islower():
            best = best[0].lower() + best[1:]
        return best
    return name
