"""Source documents: content/van-ban/<id>/ -> Corpus (the load stage).

Each document folder holds the original exactly as received (never edited), its metadata
(van-ban.yml) and the structured Markdown editors own (noi-dung.md). Loading parses the
Markdown into sections with the contract's anchors and runs the fidelity gate.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from build_tools.documents import content as doccontent
from build_tools.documents import fidelity
from build_tools.documents import safety as docsafety
from build_tools.documents.content import Block
from build_tools.documents.meta import CONTENT_FILE, META_FILE, RawMeta, check_original, read_meta
from build_tools.errors import ErrorSink, SourceLocation
from build_tools.filecache import ByContent
from build_tools.paths import Paths
from build_tools.slugs import slugify
from build_tools.yamlio import file_too_big

INTRO = "mo-dau"  # pseudo-section for blocks before the first heading
MAX_CONTENT_BYTES = 5 * 1024 * 1024  # a noi-dung.md (the longest document today: 80 KB)
MAX_ORIGINAL_BYTES = 50 * 1024 * 1024  # an original as received (a .docx may hold images)


@dataclass(frozen=True)
class DocumentMeta:
    id: str
    kind: str  # loại văn bản, e.g. "Chỉ thị"
    number: str  # số/ký hiệu "01-CT/TU"; "Dự thảo" where none; "" if the source has none
    title: str  # short display title
    summary: str  # trích yếu
    date: datetime.date | None  # ngày ban hành, only where a source states it
    issuer: str = ""
    signer_title: str = ""
    signer_name: str = ""
    status: str = ""  # "chính thức" | "dự thảo"
    related: tuple[str, ...] = ()
    date_source: str = ""  # which source states the date
    source_file: str = ""  # project-relative path of the original, e.g. content/van-ban/x/x.txt
    content_file: str = ""  # project-relative path of the structured Markdown
    order: int = 999
    adopted: str = ""  # a draft's adopted text, as a source names it ("ban_ban_hanh")


@dataclass(frozen=True)
class Section:
    doc_id: str
    anchor: str
    number: str
    title: str
    level: int
    text: str
    parent: str | None


@dataclass(frozen=True)
class Placed:
    """A content block with the anchors the page gives it."""

    block: Block
    section: str  # anchor of the section it belongs to ("" for the intro)
    anchors: tuple[str, ...]  # its own ids: the section's for headings, -pN otherwise


@dataclass(frozen=True)
class Paragraph:
    """A body block (paragraph, list item, table) with its permalink anchor."""

    anchor: str  # e.g. "ii-3-1-p2"
    section: str  # anchor of its section ("" before the first heading)
    text: str  # plain text, NFC


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    sections: tuple[Section, ...]
    url: str  # "van-ban/<id>/"
    paragraph_anchors: frozenset[str]
    placed: tuple[Placed, ...] = ()
    source_path: Path | None = None  # the original on disk, published for download
    links: tuple[docsafety.Link, ...] = ()  # links written in its Markdown (checked at load)

    def section(self, anchor: str) -> Section | None:
        return self._sections_by_anchor.get(anchor)

    @cached_property
    def _sections_by_anchor(self) -> dict[str, Section]:
        return {s.anchor: s for s in reversed(self.sections)}  # first one wins, as before

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every permalinked block in page order, for matching text below section level."""
        out: list[Paragraph] = []
        for placed in self.placed:
            block = placed.block
            if block.kind in ("heading", "clause", "footnote"):
                continue
            texts = [i.text for i in block.items] if block.kind == "list" else [block.text]
            out += [
                Paragraph(a, placed.section, plain_text(t))
                for a, t in zip(placed.anchors, texts, strict=True)
            ]
        return tuple(out)


@dataclass(frozen=True)
class Corpus:
    documents: tuple[Document, ...] = ()
    by_id: dict[str, Document] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id.update({d.meta.id: d for d in self.documents})

    def get(self, doc_id: str) -> Document | None:
        return self.by_id.get(doc_id)

    @cached_property
    def by_number(self) -> dict[str, Document]:
        """Documents by số/ký hiệu ("01-CT/TU"); the last of a repeated number wins."""
        return {d.meta.number: d for d in self.documents if d.meta.number}

    def has_anchor(self, doc_id: str, anchor: str) -> bool:
        doc = self.get(doc_id)
        if doc is None:
            return False
        return anchor in doc.paragraph_anchors or doc.section(anchor) is not None


def load(paths: Paths, sink: ErrorSink) -> Corpus:
    """Every document under content/van-ban/; problems go to `sink`."""
    root = paths.content / "van-ban"
    docs = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        doc = _load_cached(paths, folder, sink)
        if doc is not None:
            docs.append(doc)
    docs.sort(key=lambda d: (d.meta.order, d.meta.id))
    _check_related(docs, sink)
    corpus = Corpus(tuple(docs))
    for doc in docs:
        docsafety.check_links(
            doc.meta.content_file,
            doc.meta.id,
            doc.links,
            corpus.has_anchor,
            lambda doc_id: corpus.get(doc_id) is not None,
            sink,
        )
    return corpus


# Loaded documents, kept by the bytes of every file in their folder (filecache).
_LOADED: ByContent[Document | None] = ByContent()


def _load_cached(paths: Paths, folder: Path, sink: ErrorSink) -> Document | None:
    files = sorted(f for f in folder.iterdir() if f.is_file())
    key = (str(paths.root), str(folder), paths.rel(folder))  # rel: resolved, kept (paths.py)
    return _LOADED.get(key, files, lambda local: _load_one(paths, folder, local), sink)


def _load_one(paths: Paths, folder: Path, sink: ErrorSink) -> Document | None:
    meta_path = folder / META_FILE
    if not meta_path.exists():
        sink.add(SourceLocation(paths.rel(folder)), f"thiếu tệp thông tin {META_FILE}")
        return None
    raw = read_meta(meta_path, paths.rel(meta_path), sink)
    if raw is None:
        return None
    doc_id = folder.name
    if doc_id != slugify(doc_id):
        sink.add(
            SourceLocation(paths.rel(folder)),
            f"tên thư mục “{doc_id}” là địa chỉ trang văn bản nên chỉ được dùng chữ a-z không "
            f"dấu, số 0-9 và dấu - (ví dụ “{slugify(doc_id) or 'cong-van-39'}”) — đổi tên thư mục",
        )
        return None
    if not raw.fields["ban_goc"]:
        return None
    source = folder / raw.fields["ban_goc"]
    content = folder / (raw.fields["noi_dung"] or CONTENT_FILE)
    for needed, key in ((source, "ban_goc"), (content, "noi_dung")):
        if not needed.is_file():
            sink.add(raw.where.loc(key), f"không tìm thấy tệp {paths.rel(needed)}", key)
    if not source.is_file() or not content.is_file():
        return None
    too_big = file_too_big(source, paths.rel(source), MAX_ORIGINAL_BYTES)
    if too_big is not None:
        sink.extend([too_big])
        return None
    check_original(raw, source, sink)
    meta = _meta(doc_id, raw, paths.rel(source), paths.rel(content))
    too_big = file_too_big(content, meta.content_file, MAX_CONTENT_BYTES)
    if too_big is not None:
        sink.extend([too_big])
        return None
    text = _clean(content.read_text(encoding="utf-8-sig"))
    links = docsafety.check(text, meta.content_file, sink)
    blocks = doccontent.parse(text)
    placed, sections = _structure(doc_id, blocks, meta.content_file, sink)
    _check_fidelity(meta, original_text(source), text, sink)
    anchors = frozenset(
        a for p in placed if p.block.kind not in ("heading", "clause") for a in p.anchors
    )
    return Document(meta, sections, f"van-ban/{doc_id}/", anchors, placed, source, links)


def original_text(source: Path) -> str:
    """The words of an original as received: the text of a .docx or a PDF's text layer,
    else the file itself."""
    if source.suffix.lower() in (".docx", ".pdf"):
        from build_tools.documents.importer import source_text

        return source_text(source)
    return source.read_text(encoding="utf-8-sig")


def _clean(text: str) -> str:
    """Editors' files may arrive with CRLF line ends or decomposed accents."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _meta(doc_id: str, raw: RawMeta, source: str, content: str) -> DocumentMeta:
    f = raw.fields
    return DocumentMeta(
        id=doc_id,
        kind=f["loai"],
        number=f["so_ky_hieu"],
        title=f["tieu_de"],
        summary=f["trich_yeu"],
        date=raw.date,
        issuer=f["co_quan_ban_hanh"],
        signer_title=f["chuc_vu"],
        signer_name=f["ten"],
        status=f["trang_thai"],
        related=raw.related,
        date_source=f["nguon_ngay"],
        source_file=source,
        content_file=content,
        order=raw.order,
        adopted=f["ban_ban_hanh"],
    )


def _check_related(docs: list[Document], sink: ErrorSink) -> None:
    ids = {d.meta.id for d in docs}
    for doc in docs:
        for other in doc.meta.related:
            if other not in ids:
                where = SourceLocation(doc.meta.content_file.replace(CONTENT_FILE, META_FILE))
                sink.add(where, f"văn bản liên quan “{other}” không có trong content/van-ban/")


def _check_fidelity(meta: DocumentMeta, original: str, content: str, sink: ErrorSink) -> None:
    gaps = fidelity.missing(original, content)
    for gap in gaps[: fidelity.MAX_REPORTED]:
        words = _cut(" ".join(gap.words))
        sink.add(
            SourceLocation(meta.content_file, gap.content_line, 1),
            f"văn bản {meta.id}: thiếu {len(gap.words)} từ của bản gốc "
            f"({meta.source_file}, dòng {gap.original_line}): “{words}”{_around(gap)} — khôi phục "
            "nguyên văn; chỉ được đổi cách trình bày, không được bỏ hay sửa chữ",
        )
    if len(gaps) > fidelity.MAX_REPORTED:
        sink.add(
            SourceLocation(meta.content_file),
            f"văn bản {meta.id}: còn {len(gaps) - fidelity.MAX_REPORTED} chỗ thiếu chữ khác",
        )
    for gap in fidelity.added(original, content)[: fidelity.MAX_REPORTED]:
        where = (
            f"chèn vào sau dòng {gap.original_line} của {meta.source_file}"
            if gap.original_line
            else "trong bảng hoặc chú thích"
        )
        sink.add(
            SourceLocation(meta.content_file, gap.content_line, 1),
            f"văn bản {meta.id}: có {len(gap.words)} từ không có trong bản gốc ({where}): "
            f"“{_cut(' '.join(gap.words))}” — xóa chữ thêm vào; chỉ được đổi cách trình bày",
        )


def _around(gap: fidelity.Gap) -> str:
    """Where the words belong, by their neighbours in the original."""
    parts = [f"sau “{' '.join(gap.before)}”"] if gap.before else []
    parts += [f"trước “{' '.join(gap.after)}”"] if gap.after else []
    return f" ({', '.join(parts)})" if parts else ""


def _cut(words: str) -> str:
    return words if len(words) <= 160 else words[:157] + "…"


_INLINE = re.compile(r"\[\^[^\]]+\]|\*\*|(?<!\w)\*|\*(?!\w)|\{:?[^}]*\}|<[^>]+>")


def plain_text(markdown: str) -> str:
    """Readable text of a Markdown fragment (for Section.text, search, summaries)."""
    text = re.sub(r"\[([^\]^][^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = _INLINE.sub("", text).replace("\\|", "|")
    text = re.sub(r"^\s*[-+*]\s+", "", text, flags=re.MULTILINE)
    return " ".join(text.split())


@dataclass
class _Open:
    anchor: str
    level: int
    number: str
    title: str
    parent: str | None
    body: list[str] = field(default_factory=list)
    blocks: int = 0


def _structure(
    doc_id: str, blocks: list[Block], shown: str, sink: ErrorSink
) -> tuple[tuple[Placed, ...], tuple[Section, ...]]:
    placed: list[Placed] = []
    opened: list[_Open] = []
    used: set[str] = set()
    intro = _Open(INTRO, 1, "", "", None)
    current = intro
    for block in blocks:
        if block.kind in ("heading", "clause"):
            current = _open_section(block, opened, used, shown, sink)
            own = (current.anchor,)
            if block.kind == "clause":
                current.body.append(plain_text(doccontent.section_number(block.text)[1]))
            placed.append(Placed(block, current.anchor, own))
            continue
        if block.kind == "footnote":
            placed.append(Placed(block, current.anchor, ()))
            continue
        count = len(block.items) if block.kind == "list" else 1
        ids = tuple(f"{current.anchor}-p{current.blocks + k + 1}" for k in range(count))
        current.blocks += count
        current.body.append(plain_text(block.text))
        placed.append(Placed(block, "" if current is intro else current.anchor, ids))
    sections = tuple(
        Section(doc_id, o.anchor, o.number, o.title, o.level, " ".join(o.body), o.parent)
        for o in opened
    )
    return tuple(placed), sections


def _open_section(
    block: Block, opened: list[_Open], used: set[str], shown: str, sink: ErrorSink
) -> _Open:
    number, title = doccontent.section_number(block.text)
    anchor = block.attrs.anchor or slugify(block.text)
    if not block.attrs.anchor and block.kind == "clause":
        sink.add(SourceLocation(shown, block.line, 1), "điều khoản thiếu mã neo {: #… .clause }")
    if anchor != slugify(anchor):
        sink.add(
            SourceLocation(shown, block.line, 1),
            f"mã neo “{anchor}” chỉ được dùng chữ a-z không dấu, số 0-9 và dấu - "
            f"(ví dụ “{slugify(anchor) or 'muc-1'}”)",
        )
    if anchor in used:
        sink.add(
            SourceLocation(shown, block.line, 1),
            f"mã neo “{anchor}” bị dùng hai lần — mỗi mục cần một mã riêng",
        )
    used.add(anchor)
    level = block.level or _clause_level(anchor, opened)
    parent = next((o.anchor for o in reversed(opened) if o.level < level), None)
    section = _Open(anchor, level, number, plain_text(title), parent)
    opened.append(section)
    return section


def _clause_level(anchor: str, opened: list[_Open]) -> int:
    """A clause sits one level below the nearest section whose anchor prefixes its own."""
    for other in reversed(opened):
        if anchor.startswith(other.anchor + "-"):
            return min(other.level + 1, 6)
    return 2
