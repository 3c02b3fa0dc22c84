"""Logical blocks -> structured Markdown (headings with stable anchors, lists, footnotes)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.documents.convert import patterns as p
from build_tools.documents.convert.anchors import AnchorAllocator, own_slug
from build_tools.documents.convert.blocks import Footnote, Para, plain
from build_tools.documents.convert.titles import CLAUSE_LENGTH, title_form
from build_tools.slugs import slugify

DOC_TYPES = (
    "QUY CHẾ",
    "QUY ĐỊNH",
    "ĐIỀU LỆ",
    "HƯỚNG DẪN",
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH",
    "ĐỀ ÁN",
)  # a numbered block longer than this is body text, not a title
# Names of documents that may follow another in the same file, with a title block of their own.
TITLE_TYPES = (
    *DOC_TYPES,
    "BÁO CÁO",
    "NGHỊ QUYẾT",
    "CHỈ THỊ",
    "KẾT LUẬN",
    "QUYẾT ĐỊNH",
    "THÔNG BÁO",
    "TỜ TRÌNH",
)


@dataclass(frozen=True)
class Frame:
    kind: str
    number: str
    anchor: str


def clean_inline(text: str) -> str:
    """Pandoc leftovers -> Markdown: ^(x) superscripts, stray or doubled stars."""
    text = re.sub(r"\^\(\)", "", text)
    text = re.sub(
        r"\^\(([^)]*)\)", lambda m: f"<sup>{m.group(1).replace('*', '&#42;')}</sup>", text
    )
    text = re.sub(r"^\*\*\*\s+(.+?)\*\*", r"**\1**", text)
    if text.count("*") % 2:
        text = text[:-1] if text.endswith("*") else text.replace("*", "", 1)
    return text.replace("|", "\\|") if text.startswith("|") else text


def heading_levels(kinds_present: list[str]) -> dict[str, int]:
    """Markdown level per numbering kind (`##` is the outermost division): by the kinds the
    document uses, outermost first, the same in the whole document; an appendix is always
    `##`, and an attached document (a Quy chế) puts its chapters one level below it.
    Below an article (Điều), numbered items are khoản and điểm: never headings."""
    order = [k for k in p.KINDS if k in kinds_present and k not in ("annex", "attached")]
    if "article" in order:
        order = order[: order.index("article") + 1]
    shift = 1 if "attached" in kinds_present else 0
    levels = {kind: min(2 + i + shift, 6) for i, kind in enumerate(order)}
    return {**levels, "annex": 2, "attached": 2}


class Emitter:
    """Turns body paragraphs into Markdown blocks, tracking numbering and anchors."""

    def __init__(
        self, kinds_present: list[str], anchors: AnchorAllocator, wrapped: bool = False
    ) -> None:
        self.wrapped = wrapped
        self.levels = heading_levels(kinds_present)
        self.stack: list[Frame] = []
        self.anchors = anchors
        self.out: list[str] = []
        self.bullets: list[str] = []  # bullet marks of the current list, outermost first
        self.prefix = ""  # anchor prefix inside an attached document ("quy-che")

    def block(self, text: str) -> None:
        self.bullets = []
        self.out.append(text)

    def paragraph(self, para: Para) -> None:
        if para.text.startswith("|"):
            self.block(para.text)  # a table row block (from .docx)
            return
        if para.kind in ("attached", "document"):
            self.attached(para.text)
            return
        paren = p.PAREN.match(plain(para.text)) if para.kind == "paren" else None
        if paren:
            number, marker, title = paren["num"], paren["marker"], paren["title"]
            self._numbered(p.Numbered("paren", number, marker, title), proved=True)
            return
        if para.kind == "quoted":
            self.block(re.sub(r"^(\d{1,2})\.", r"\1\\.", clean_inline(para.text)))
            return  # text quoted from another document: its "Điều 56." is not ours
        text = plain(para.text) if p.numbered(plain(para.text)) else para.text
        num = p.numbered(text)
        if num and num.kind in self.levels:
            self._numbered(num, proved=para.kind == "title")
            return
        if num and "article" in self.levels:
            self._clause(num)
            return
        bullet = p.BULLET.match(para.text)
        if bullet:
            self._bullet(bullet.group("mark"), bullet.group("text"))
            return
        ordinal = p.ORDINAL.match(para.text)
        if ordinal:
            lead = ordinal.group("lead") + ","
            self.block(f"**{lead}** {clean_inline(para.text[len(lead) :].lstrip())}")
            return
        text = clean_inline(para.text)
        if p.is_upper(plain(text)) and len(text) < CLAUSE_LENGTH:
            self._banner(text)  # lines set in capitals: a title or banner, kept line by line
            return
        if self.wrapped and _is_lead(text):
            text = f"**{text.rstrip()}**"  # a short unnumbered title line: "Nguyên nhân chủ quan:"
        self.block(text)

    def _banner(self, text: str) -> None:
        suffix = "\n{: .doc-header }"
        if self.out and self.out[-1].endswith(suffix) and not self.bullets:
            self.out[-1] = f"{self.out[-1][: -len(suffix)]}  \n{text}{suffix}"
        else:
            self.block(f"{text}{suffix}")

    def _numbered(self, num: p.Numbered, proved: bool = False) -> None:
        rank = p.KINDS.index(num.kind)
        while self.stack and p.KINDS.index(self.stack[-1].kind) >= rank:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        slug = own_slug(num.kind, num.number, parent.number if parent else "")
        if parent is None or num.kind in p.GLOBAL_KINDS:
            anchor = self.anchors.take(f"{self.prefix}-{slug}" if self.prefix else slug)
        else:
            anchor = self.anchors.take(f"{parent.anchor}-{slug}")
        self.stack.append(Frame(num.kind, num.number, anchor))
        text = f"{num.marker} {clean_inline(num.title)}".strip()
        body_text = num.kind != "annex" and not proved and not title_form(num.title)
        if num.kind == "letter" or body_text:  # điểm a), b) are never headings
            self.block(f"{text}\n{{: #{anchor} .clause }}")
        else:
            self.block(f"{'#' * self.levels[num.kind]} {text} {{#{anchor}}}")

    def _clause(self, num: p.Numbered) -> None:
        """A khoản or điểm of an article: numbered body text with an anchor."""
        parent = next((f for f in reversed(self.stack) if f.kind == "article"), None)
        slug = slugify(num.number.replace(".", "-"))
        anchor = self.anchors.take(f"{parent.anchor}-{slug}" if parent else slug)
        self.block(
            f"{num.marker} {clean_inline(num.title)}".strip() + f"\n{{: #{anchor} .clause }}"
        )

    def attached(self, title: str) -> None:
        """The title of a document attached to this one (a Quy chế ban hành kèm theo)."""
        self.stack = []
        doc_type = next((t for t in TITLE_TYPES if title.startswith(t)), title[:20])
        self.prefix = self.anchors.take(slugify(doc_type))
        self.block(f"## {clean_inline(title)} {{#{self.prefix}}}")

    def heading(self, title: str, level: int = 2) -> None:
        self.stack = []
        anchor = self.anchors.take(slugify(title))
        self.block(f"{'#' * level} {title} {{#{anchor}}}")

    def _bullet(self, mark: str, text: str) -> None:
        nested = p.BULLET.match(text)
        if nested and mark == "-":  # pandoc "- + item": the inner mark is the real one
            mark, text = nested.group("mark"), nested.group("text")
        if mark not in self.bullets:
            self.bullets.append(mark)
        else:
            del self.bullets[self.bullets.index(mark) + 1 :]
        depth = len(self.bullets) - 1
        item = f"{'    ' * depth}- {clean_inline(text)}"
        if self.out and self.out[-1].lstrip().startswith("- ") and depth >= 0:
            self.out[-1] += "\n" + item
        else:
            self.out.append(item)


LEAD_LENGTH = 60


def _is_lead(text: str) -> bool:
    return (
        len(text) <= LEAD_LENGTH
        and "*" not in text
        and not text.rstrip().endswith((".", ";", ","))
        and text[:1].isupper()
        and not p.is_upper(text)
    )


def lines_block(lines: list[str], css: str) -> str:
    """Lines kept as written (title block, signature), one Markdown paragraph."""
    cleaned = [clean_inline(line) for line in lines if not p.SEPARATOR.match(line)]
    kept = [line for line in cleaned if plain(line)]
    return "  \n".join(kept) + f"\n{{: .{css} }}"


def attach_footnotes(blocks: list[str], notes: list[Footnote]) -> list[str]:
    """Footnote markers glued to words ("mới1") -> [^1]; definitions after their block."""
    result = list(blocks)
    start = 0
    for note in notes:
        marker = re.compile(rf"(?<=[^\W\d_]){note.label}(?=[\s.,;:)]|$)")
        for i in range(start, len(result)):
            if result[i].startswith("[^"):
                continue
            match = marker.search(result[i])
            if match:
                block = result[i]
                result[i] = f"{block[: match.start()]}[^{note.label}]{block[match.end() :]}"
                insert_at = i + 1
                while insert_at < len(result) and result[insert_at].startswith("[^"):
                    insert_at += 1
                result.insert(insert_at, f"[^{note.label}]: {note.text}")
                start = i
                break
        else:
            result.append(f"[^{note.label}]: {note.text}")
    return result
