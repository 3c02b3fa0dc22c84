"""The title block and signature of a source text -> van-ban.yml fields, read as written.

Only what the text states is read: "Số: 12-NQ/TU", "Cần Thơ, ngày 05 tháng 3 năm 2025"
(a date with a blank day or month is left empty), the kind line ("NGHỊ QUYẾT", "V/v …" for
a công văn), the issuing body (the left column before "CỘNG HÒA …"/"ĐẢNG CỘNG SẢN …"),
the trích yếu under the kind, and the signer (the last lines of the signature block).
Import writes them with the list `can_xac_nhan` so the editor confirms each one.
"""

from __future__ import annotations

import re
from datetime import date

from build_tools.documents.convert import patterns as p
from build_tools.documents.convert.blocks import plain
from build_tools.documents.convert.normalize import normalize_text

HEAD_LINES = 40
DATE_LINES = 15  # "<place>, ngày …" stands in the title block, not in the body
NUMBER = re.compile(r"\bSố\s*:?\s*(?P<n>\d[\w.]*\s*/\s*[\w.\-/Đđ]+|\d+-[A-ZĐ][\w.\-/Đđ]*)")
DATE = re.compile(
    r"(?:^|\s{2}|Số.*?\s)[A-ZĐÀ-Ỹ][^\d,]{1,30},\s*ngày\s+(?P<d>\d{1,2})\s*(?:tháng|/)\s*(?P<m>\d{1,2})\s*(?:năm|/)\s*(?P<y>\d{4})"
)
NATIONAL = re.compile(r"(CỘNG H[OÒÕ]À?|ĐẢNG CỘNG SẢN)")
KINDS = (
    "CHƯƠNG TRÌNH HÀNH ĐỘNG", "NGHỊ QUYẾT", "CHỈ THỊ", "KẾ HOẠCH", "QUYẾT ĐỊNH",
    "NGHỊ ĐỊNH", "THÔNG BÁO", "BÁO CÁO", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "TỜ TRÌNH",
    "QUY ĐỊNH", "QUY CHẾ", "KẾT LUẬN", "THÔNG TƯ",
)  # fmt: skip
SIGNER_LEADS = ("T/M", "TM.", "TM ", "KT.", "KT ", "Q.", "TL.", "TUQ.")
NAME_WORDS = 5
PLACE_WORDS = 4


def read_header(text: str) -> dict[str, str]:
    """Fields found in the text; a field not stated is absent."""
    lines = [" ".join(line.split()) for line in normalize_text(text).split("\n")]
    lines = [_cell_text(line) for line in lines if line.strip()]
    lines = [line for line in lines if line]
    head = lines[:HEAD_LINES]
    found: dict[str, str] = {}
    day, said = _date(head)
    for key, value in (
        ("so_ky_hieu", _number(head)),
        ("ngay_ban_hanh", day),
        ("nguon_ngay", f"bản gốc — “{said}”" if day else ""),
        ("co_quan_ban_hanh", _issuer(head)),
        *_kind_and_summary(head),
        *_signer(lines),
    ):
        if value:
            found[key] = value
    return found


def _cell_text(line: str) -> str:
    """A line without Markdown marks; a title-block table row's cells side by side."""
    line = re.sub(r"^#{1,6}\s+", "", line.strip())
    if line.startswith("|"):
        line = "  ".join(c.strip() for c in line.strip("|").split(" | ") if c.strip())
    return plain(line) if not re.fullmatch(r"[|\-\s:]+", line) else ""


def _number(head: list[str]) -> str:
    for line in head:
        match = NUMBER.search(line)
        if match:
            return re.sub(r"\s+", "", match.group("n")).rstrip(".,")
    return ""


def _date(head: list[str]) -> tuple[str, str]:
    """(ISO date, the words that state it) from "<place>, ngày 05 tháng 3 năm 2025"."""
    for line in head[:DATE_LINES]:
        match = DATE.search(line)
        if match:
            try:
                day = date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return "", ""
            return day.isoformat(), _place_and_date(match.group(0))
    return "", ""


def _place_and_date(text: str) -> str:
    """ "Số: 12-NQ/TU Cần Thơ, ngày 05 tháng 3 năm 2025" -> "Cần Thơ, ngày … năm 2025"."""
    before, after = text.split(",", 1)
    words = before.split()
    place: list[str] = []
    while words and words[-1][:1].isupper() and len(place) < PLACE_WORDS:
        place.insert(0, words.pop())
    return f"{' '.join(place)},{after}".strip()


def _issuer(head: list[str]) -> str:
    parts: list[str] = []
    for line in head[:4]:
        left = NATIONAL.split(line)[0].strip(" -*|")
        kind = any(left == k or left.startswith(k + " ") for k in KINDS)
        if not left or kind or not p.is_upper(left) or line.startswith(("Số", "Độc lập")):
            break
        parts.append(left)
        if NATIONAL.search(line) is None and parts and len(parts) > 1:
            break
    return " ".join(parts)


def _kind_and_summary(head: list[str]) -> list[tuple[str, str]]:
    for i, line in enumerate(head):
        if line.startswith("V/v"):
            return [("loai", "Công văn"), ("trich_yeu", _summary(head, i, line[3:]))]
        kind = next((k for k in KINDS if line == k or line.startswith(k + " ")), "")
        if kind and p.is_upper(line):
            rest = line[len(kind) :].strip()
            return [("loai", kind.capitalize()), ("trich_yeu", _summary(head, i + 1, rest))]
    return []


def _summary(head: list[str], start: int, first: str) -> str:
    parts = [first.strip(" :")] if first.strip(" :") else []
    for line in head[start : start + 4]:
        if line in parts or line.startswith(("V/v", "Kính gửi", "Căn cứ", "-")):
            continue
        if p.SEPARATOR.match(line) or p.numbered(line) or len(line) > 160:
            break
        if parts and (p.is_upper(line) or line[:1].isupper()) and not p.starts_lower(line):
            break
        parts.append(line)
    return " ".join(parts)


def _signer(lines: list[str]) -> list[tuple[str, str]]:
    start = next(
        (i for i in range(len(lines) - 1, -1, -1) if lines[i].startswith(SIGNER_LEADS)), None
    )
    if start is None:
        return []
    block = lines[start : start + 6]
    names = [line for line in block[1:] if _is_name(line)]
    if not names:
        return []
    titles = block[: block.index(names[-1])]
    return [("chuc_vu", " ".join(titles)), ("ten", names[-1])]


def _is_name(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= NAME_WORDS
        and all(w[:1].isupper() for w in words)
        and not p.is_upper(line)
        and not any(c.isdigit() for c in line)
    )
