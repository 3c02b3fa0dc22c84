"""What tasks cite: documents, anchors and the words of a clause (the Context every
cross-file check reads), quotes checked against the source, topics."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from build_tools.config import SiteConfig
from build_tools.documents import Corpus
from build_tools.errors import ErrorSink
from build_tools.progress.model import (
    SourceRef,
)
from build_tools.progress.records import Record, record_name
from build_tools.topics import TopicIndex
from build_tools.validate import advice
from build_tools.yamlio import LocatedDict

WHOLE_DOCUMENT = "\0"  # Context.clause_text's key for every word of a document


@dataclass
class Context:
    """What cross-file checks need to see."""

    config: SiteConfig
    corpus: Corpus
    topics: TopicIndex
    sink: ErrorSink
    unit_names: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    def clause_text(self, document: Any, anchor: str) -> str:
        """`clause_text`, computed once per cited clause (thousands of tasks cite few)."""
        return _texts(document, anchor)[0]

    def folded(self, document: Any, anchor: str) -> str:
        """`clause_text(document, anchor).casefold()`, also computed once per clause."""
        return _texts(document, anchor)[1]


# The words of each cited clause (plain, then casefolded) by document, kept while the
# document is the same object (documents/load.py keeps a document whose files did not
# change): a task checked again after a save does not build the same texts again.
_TEXTS: dict[int, tuple[Any, dict[str, tuple[str, str]]]] = {}


def _texts(document: Any, anchor: str) -> tuple[str, str]:
    kept = _TEXTS.get(id(document))
    if kept is None or kept[0] is not document:
        if len(_TEXTS) > 4 * 1024:
            _TEXTS.clear()
        kept = _TEXTS[id(document)] = (document, {})
    texts = kept[1]
    if anchor not in texts:
        whole = anchor == WHOLE_DOCUMENT
        text = document_text(document) if whole else clause_text(document, anchor)
        texts[anchor] = (text, text.casefold())
    return texts[anchor]


# --- sources -----------------------------------------------------------------------------


def document_of(corpus: Corpus, doc_id: str) -> Any:
    getter = getattr(corpus, "get", None)
    return getter(doc_id) if callable(getter) else None


def document_date(corpus: Corpus, doc_id: str) -> date | None:
    document = document_of(corpus, doc_id)
    meta = getattr(document, "meta", None)
    value = getattr(meta, "date", None)
    return value if isinstance(value, date) else None


def anchors_of(document: Any) -> set[str]:
    sections = {s.anchor for s in getattr(document, "sections", ())}
    return sections | set(getattr(document, "paragraph_anchors", frozenset()))


def source_ref(
    record: Record, key: str, kind: str, ctx: Context, quoted: tuple[str, ...] = ()
) -> SourceRef:
    """The cited clause; checks the document, the anchor, and that the `quoted` fields of
    `record` are the clause's own words."""
    raw = record.data.get(key)
    if not isinstance(raw, LocatedDict):
        return SourceRef("", "")
    ref = SourceRef(str(raw.get("van_ban", "")), str(raw.get("neo", "")))
    if not ctx.corpus.documents or not ref.document:
        return ref  # no documents loaded yet: nothing to check against
    document = document_of(ctx.corpus, ref.document)
    who = record_name(record, kind)
    if document is None:
        known = [d.meta.id for d in getattr(ctx.corpus, "documents", ())]
        ctx.sink.add(
            raw.loc("van_ban"),
            advice(
                f'không có văn bản "{ref.document}"',
                f"dùng mã văn bản có trong content/van-ban/ ({', '.join(known)})",
                ref.document,
                known,
            ),
            "van_ban",
            who,
        )
    elif ref.anchor and not ctx.corpus.has_anchor(ref.document, ref.anchor):
        ctx.sink.add(
            raw.loc("neo"),
            advice(
                f'văn bản "{ref.document}" không có neo "{ref.anchor}"',
                "mở trang văn bản, bấm ¶ cạnh mục hoặc đoạn cần dẫn và chép phần sau dấu #",
                ref.anchor,
                anchors_of(document),
            ),
            "neo",
            who,
        )
    else:
        _check_quotes(record, quoted, document, ref, who, ctx)
    return ref


def plain(text: str) -> str:
    """Whitespace collapsed, Markdown emphasis marks dropped: what a reader sees."""
    return " ".join(text.replace("*", "").split())


def clause_text(document: Any, anchor: str) -> str:
    """The words of a section (heading, body, subsections) or of one paragraph."""
    paragraphs = getattr(document, "paragraphs", ())
    section = document.section(anchor)
    if section is None:
        return plain(" ".join(p.text for p in paragraphs if p.anchor == anchor))
    inside = {anchor}
    for other in document.sections:  # parents come before their children
        if other.parent in inside:
            inside.add(other.anchor)
    titles = [s.title for s in document.sections if s.anchor in inside]
    texts = [s.text for s in document.sections if s.anchor in inside]
    body = [p.text for p in paragraphs if p.section in inside]
    return plain(" ".join([*titles, *texts, *body]))


def _check_quotes(
    record: Record,
    quoted: tuple[str, ...],
    document: Any,
    ref: SourceRef,
    who: str,
    ctx: Context,
) -> None:
    words = ctx.clause_text(document, ref.anchor) if quoted else ""
    for field in quoted:
        text = record.text(field)
        if text and plain(text) not in words:
            ctx.sink.add(
                record.loc(field),
                f'không phải nguyên văn của mục được dẫn ("{ref.document}", neo "{ref.anchor}")'
                " — chép đúng từng chữ từ trang văn bản, hoặc sửa neo cho đúng mục",
                field,
                who,
            )


def topic_slugs(record: Record, ctx: Context) -> tuple[str, ...]:
    slugs = record.strings("chu_de")
    if not ctx.topics.topics:
        return slugs  # topics not loaded yet: nothing to check against
    known = {str(getattr(t, "slug", "")) for t in ctx.topics.topics}
    for slug in slugs:
        if slug not in known:
            ctx.sink.add(
                record.loc("chu_de"),
                advice(
                    f'không có chủ đề "{slug}"',
                    "dùng mã chủ đề trong content/topics.yml",
                    slug,
                    known,
                ),
                "chu_de",
                record_name(record, "nhiệm vụ"),
            )
    return slugs


def document_text(document: Any) -> str:
    """Every word of a document page: headings, section bodies, paragraphs."""
    parts = [f"{s.title} {s.text}" for s in document.sections]
    parts += [p.text for p in getattr(document, "paragraphs", ())]
    return plain(" ".join(parts))
