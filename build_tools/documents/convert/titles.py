"""Which numbered paragraphs are titles although they end like a sentence.

A numbered item whose text ends with "." or runs long reads as body text ("Điều 2. Quyết định
này có hiệu lực kể từ ngày ký."). The document's structure can prove it is a title anyway:

- it opens a division: its own sub-items follow it at once ("7.4. … (thực trạng, nguyên
  nhân, giải pháp)." then "7.4.1. …"; "Điều 6. …; Xử lý thành lập cụm công nghiệp." then
  khoản "1. …");
- it stands among sibling headings (same numbering kind, same parent, at least one of them
  a title in form) and either has content of its own, closed by a later item of the same or
  an outer kind ("7.5. Tình hình … (có số liệu minh chứng)." / paragraphs / "8. …"), or is a
  run-in heading, a title, a colon and its whole content ("3.2. Kết quả thực hiện …: Không
  có.") followed at once by the next item.

Items below an article (khoản, điểm) and điểm a), b) are never titles; paragraphs after the
last item (a closing paragraph, or the text up to an attached document or an appendix) are
not proved to belong to it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from build_tools.documents.convert import patterns as p
from build_tools.documents.convert.blocks import Para, join_lines, plain

CLAUSE_LENGTH = 450  # a numbered block longer than this reads as body text, not a title
RUN_IN_TITLE = 200  # the title part of a run-in heading ("…: Không có.") is at most this long
KHOAN = ("arabic", "decimal")  # the numbered items of an article


def sentence_end(title: str) -> bool:
    """Ends like a sentence, a footnote mark after the full stop aside ("…cơ sở).1")."""
    return re.sub(r"(?<=[.;])\d{1,2}$", "", title.rstrip("*_ ")).endswith((".", ";"))


def title_form(title: str) -> bool:
    """A numbered item's text reads as a title: short enough, not ending like a sentence."""
    return len(title) <= CLAUSE_LENGTH and not sentence_end(title)


def split_titles(body: list[Para], levels: dict[str, int]) -> list[Para]:
    """A numbered block joined over a line start with a capital while it held no sentence
    end, when most of its siblings are titles, is a title that filled its last line: cut it
    there ("2.4. Công tác xây dựng Đảng về tổ chức, cán bộ, đảng viên" / "Công tác …")."""
    out = list(body)
    while True:
        items = _items(out, levels)
        pos = next((k for k in range(len(items)) if _joined_title(out, items, k)), None)
        if pos is None:
            return out
        index = items[pos][0]
        para = out[index]
        head, rest = para.lines[: para.cut], para.lines[para.cut :]
        line = para.line + len(head)  # approximate: blank lines between are not counted
        out[index : index + 1] = [
            Para(join_lines(head), para.line, head),
            Para(join_lines(rest), line, rest),
        ]


def _joined_title(body: list[Para], items: list[Item], pos: int) -> bool:
    index, num = items[pos]
    if not body[index].cut or _titles_share(items, pos) <= 0.5:
        return False
    return not title_form(num.title) or _ran_on(body[index], items, pos)


def _ran_on(para: Para, items: list[Item], pos: int) -> bool:
    """A title in form that ran on into the sentence introducing its content: it ends
    with ":" where none of its sibling titles does, the part before its first possible end
    reads as a title and the part after it runs over lines, as a sentence does and the
    last words of a wrapped title do not ("1. Nâng cao … các cơ quan Đảng" / "Chủ động
    tham mưu … của" / … / "… như:", not "1. Đối với Ban Thường vụ" / "Thành ủy:")."""
    num = items[pos][1]
    if not num.title.endswith(":") or len(para.lines) - para.cut < 2:
        return False
    if any(s.title.endswith(":") for _, s in _siblings(items, pos)):
        return False
    head = p.numbered(plain(join_lines(para.lines[: para.cut])))
    return head is not None and title_form(head.title)


def _titles_share(items: list[Item], pos: int) -> float:
    """The share of its siblings that read as titles (0 when it has none)."""
    siblings = _siblings(items, pos)
    return sum(title_form(s.title) for _, s in siblings) / len(siblings) if siblings else 0.0


def rejoin_clauses(body: list[Para], levels: dict[str, int]) -> list[Para]:
    """A numbered block wrapped over lines and cut where a short line met a capital (the
    title rule of hard-wrapped text) is joined again with the paragraph after it when most
    of its siblings are body text: among clauses it was a clause wrapped short ("5- Ban
    Tuyên giáo … tham mưu" / "Ban Thường vụ Thành ủy …"), whatever the width of the wrap."""
    out = list(body)
    while True:
        items = _items(out, levels)
        pos = next((k for k in range(len(items)) if _cut_clause(out, items, k)), None)
        if pos is None:
            return out
        index = items[pos][0]
        para, following = out[index], out[index + 1]
        lines = para.lines + following.lines
        out[index : index + 2] = [Para(f"{para.text} {following.text}", para.line, lines)]


def _cut_clause(body: list[Para], items: list[Item], pos: int) -> bool:
    index = items[pos][0]
    following = body[index + 1] if index + 1 < len(body) else None
    if not body[index].title_end or len(body[index].lines) < 2 or following is None:
        return False  # a one-line title stays: only a block wrapped over lines was cut short
    if following.kind:
        return False
    return not p.numbered(plain(following.text)) and _among_clauses(items, pos)


def proved_titles(body: list[Para], levels: dict[str, int]) -> list[Para]:
    """The body with each numbered paragraph the structure proves a title marked "title"."""
    items = _items(body, levels)
    out = list(body)
    for pos, (index, num) in enumerate(items):
        if not title_form(num.title) and _proved(body, items, pos):
            out[index] = replace(body[index], kind="title")
    return out


Item = tuple[int, p.Numbered]


def _items(body: list[Para], levels: dict[str, int]) -> list[Item]:
    """Numbered paragraphs that can be headings: a kind with a level, not điểm, not quoted."""
    out = []
    for i, para in enumerate(body):
        num = p.numbered(plain(para.text)) if not para.kind else None
        if num and num.kind in levels and num.kind not in ("letter", "annex"):
            out.append((i, num))
    return out


def _rank(num: p.Numbered) -> int:
    return p.KINDS.index(num.kind)


def _proved(body: list[Para], items: list[Item], pos: int) -> bool:
    index, num = items[pos]
    following = body[index + 1] if index + 1 < len(body) else None
    if following is not None and _opens(num, following):
        return True
    if not _among_headings(items, pos):
        return False
    closing = next((it for it in items[pos + 1 :] if _rank(it[1]) <= _rank(num)), None)
    if closing is None or any(_boundary(para) for para in body[index + 1 : closing[0]]):
        return False
    if closing[0] > index + 1:
        own = body[index + 1 : closing[0]]
        return not any(p.numbered(plain(para.text)) for para in own)
    return _run_in(num.title)


def _boundary(para: Para) -> bool:
    """An attached document or an appendix starts: what comes before it is not closed."""
    num = p.numbered(plain(para.text))
    return para.kind in ("attached", "document") or (num is not None and num.kind == "annex")


def _opens(num: p.Numbered, following: Para) -> bool:
    """The next paragraph is one of this item's own sub-items."""
    child = p.numbered(plain(following.text))
    if child is None or following.kind:
        return False
    if num.kind == "article":
        return child.kind in KHOAN
    deeper = _rank(child) > _rank(num) and child.kind != "letter"
    return deeper and child.number.startswith(f"{num.number}.") if "." in child.number else deeper


def _siblings(items: list[Item], pos: int) -> list[Item]:
    """Items of the same kind under the same parent, this one aside."""
    _, num = items[pos]
    rank = _rank(num)
    siblings = []
    for step in (-1, 1):
        j = pos + step
        while 0 <= j < len(items) and _rank(items[j][1]) >= rank:
            if items[j][1].kind == num.kind:
                siblings.append(items[j])
            j += step
    return siblings


def _among_headings(items: list[Item], pos: int) -> bool:
    """A sibling (same kind, same parent) is a title in form."""
    return any(title_form(s.title) for _, s in _siblings(items, pos))


def _among_clauses(items: list[Item], pos: int) -> bool:
    """It has siblings, most of them body text."""
    return bool(_siblings(items, pos)) and _titles_share(items, pos) < 0.5


def _run_in(title: str) -> bool:
    """ "A title: its whole content." — the part before the colon reads as a title."""
    head, colon, rest = title.partition(": ")
    if not colon or not rest.strip() or len(head) > RUN_IN_TITLE:
        return False
    return not re.search(r"[.;:!?]", head) and not p.starts_lower(head)
