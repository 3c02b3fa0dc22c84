"""content/topics.yml and content/chu-de-gan-tay.yml -> topics, overrides, located errors."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from build_tools.errors import ErrorSink, SourceLocation
from build_tools.filecache import ByContent
from build_tools.paths import Paths
from build_tools.topics.match import normalize
from build_tools.topics.model import CorpusLike, SectionKey, Topic
from build_tools.validate import load_schema, validate_with_schema
from build_tools.yamlio import LocatedDict, LocatedList, load_yaml

TOPICS_SCHEMA = "topics.schema.json"
OVERRIDES_SCHEMA = "topic-overrides.schema.json"


@dataclass(frozen=True)
class Override:
    """An editor's decision for one section: topics added first, topics removed."""

    key: SectionKey
    add: tuple[str, ...]
    remove: tuple[str, ...]


@dataclass(frozen=True)
class TopicSource:
    topics: tuple[Topic, ...]
    general_titles: tuple[str, ...]  # headings that are general by nature ("Nơi nhận")


@dataclass(frozen=True)
class OverrideSource:
    overrides: tuple[Override, ...]
    general: Mapping[SectionKey, str]  # section -> reason


def _hint(value: str, options: Iterable[str], noun: str) -> str:
    """`có phải ý bạn là "x"? Các <noun> dùng được: a, b, c`."""
    names = list(options)
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    guess = f'có phải ý bạn là "{close[0]}"? ' if close else ""
    return f"{guess}Các {noun} dùng được: {', '.join(names)}"


def unknown_topic_message(slug: str, known: Iterable[str]) -> str:
    """The message for a topic slug that content/topics.yml does not define."""
    return f'chủ đề "{slug}" không có trong content/topics.yml — {_hint(slug, known, "mã chủ đề")}'


# --- content/topics.yml -------------------------------------------------------------------


def _read(path: Path, paths: Paths, schema: str, sink: ErrorSink) -> LocatedDict | None:
    shown = paths.rel(path)
    data, errors = load_yaml(path, shown)
    sink.extend(errors)
    if errors:
        return None
    if not isinstance(data, LocatedDict):
        sink.add(
            SourceLocation(shown, 1, 1), 'tệp phải gồm các dòng "khóa: giá trị" — sửa theo mẫu'
        )
        return None
    return data if validate_with_schema(data, load_schema(schema), sink) else None


@cache
def icon_dir() -> Path:
    import material

    return Path(material.__file__).resolve().parent / "templates" / ".icons"


def icon_svg(icon: str) -> str | None:
    """The SVG markup of a Material icon ("material/laptop"), or None if it does not exist."""
    file = icon_dir() / f"{icon}.svg"
    return file.read_text(encoding="utf-8").strip() if file.is_file() else None


def load_topics(paths: Paths, sink: ErrorSink) -> TopicSource:
    """Read content/topics.yml; errors go to `sink`, an empty source is returned then.
    While the file's bytes do not change, the same source (same Topic objects) comes back
    with its errors (filecache)."""
    if not paths.topics_yml.is_file():
        sink.add(
            SourceLocation(paths.rel(paths.topics_yml)),
            "không tìm thấy tệp danh sách chủ đề — tạo lại tệp này",
        )
        return TopicSource((), ())
    key = (paths.rel(paths.topics_yml),)
    return _SOURCES.get(key, [paths.topics_yml], lambda local: _load_topics(paths, local), sink)


_SOURCES: ByContent[TopicSource] = ByContent(limit=64)


def _load_topics(paths: Paths, sink: ErrorSink) -> TopicSource:
    data = _read(paths.topics_yml, paths, TOPICS_SCHEMA, sink)
    if data is None:
        return TopicSource((), ())
    items: LocatedList = data["chu_de"]
    topics = tuple(_topic(item) for item in items)
    _check_topics(items, topics, sink)
    return TopicSource(topics, tuple(data.get("tieu_de_chung", ())))


def _topic(item: LocatedDict) -> Topic:
    return Topic(
        slug=item["ma"],
        name=item["ten"],
        description=item["mo_ta"],
        icon=item["bieu_tuong"],
        phrases=tuple(item["cum_tu"]),
        exclusions=tuple(item.get("loai_tru", ())),
    )


def _check_topics(items: LocatedList, topics: Sequence[Topic], sink: ErrorSink) -> None:
    first_line: dict[str, int] = {}
    for item, topic in zip(items, topics, strict=True):
        if topic.slug in first_line:
            message = (
                f'mã chủ đề "{topic.slug}" đã dùng ở dòng {first_line[topic.slug]} — '
                "mỗi chủ đề cần một mã riêng"
            )
            sink.add(item.loc("ma"), message, "ma")
        first_line.setdefault(topic.slug, item.loc("ma").line)
        _check_phrases(item, sink)
        if icon_svg(topic.icon) is None:
            message = (
                f'biểu tượng "{topic.icon}" không có trong Material for MkDocs 9.8.1 — '
                'tìm tên đúng trong danh mục biểu tượng của Material, ví dụ "material/laptop"'
            )
            sink.add(item.loc("bieu_tuong"), message, "bieu_tuong")


def _check_phrases(item: LocatedDict, sink: ErrorSink) -> None:
    """Every phrase must contain a word: punctuation alone would match nothing."""
    for key in ("cum_tu", "loai_tru"):
        values: LocatedList | tuple[()] = item.get(key, ())
        for index, phrase in enumerate(values):
            if not normalize(str(phrase)) and isinstance(values, LocatedList):
                message = (
                    f'cụm từ "{phrase}" không có chữ nào nên không khớp được — xóa hoặc sửa lại'
                )
                sink.add(values.item_locations[index], message, key)


# --- content/chu-de-gan-tay.yml -----------------------------------------------------------


def load_overrides(
    paths: Paths, corpus: CorpusLike, known: Sequence[str], sink: ErrorSink
) -> OverrideSource:
    """Read the optional overrides file and check every document, section and topic named."""
    if not paths.topic_overrides.is_file():
        return OverrideSource((), {})
    data = _read(paths.topic_overrides, paths, OVERRIDES_SCHEMA, sink)
    if data is None:
        return OverrideSource((), {})
    overrides: dict[SectionKey, Override] = {}
    for item in _once(data.get("gan_tay", ()), "gan_tay", sink):
        key = _section_key(item, corpus, sink)
        add = _known_topics(item, "them", known, sink)
        remove = _known_topics(item, "bo", known, sink)
        if key is not None:
            overrides[key] = Override(key, add, remove)
    general = {}
    for item in _once(data.get("muc_chung", ()), "muc_chung", sink):
        key = _section_key(item, corpus, sink)
        if key is not None:
            general[key] = str(item["ly_do"])
    return OverrideSource(tuple(overrides.values()), general)


def _once(items: Sequence[LocatedDict], name: str, sink: ErrorSink) -> list[LocatedDict]:
    """Items of a list, reporting (and skipping) a section named a second time."""
    first: dict[tuple[str, str], int] = {}
    kept = []
    for item in items:
        key = (str(item["van_ban"]), str(item["muc"]))
        if key in first:
            message = (
                f'mục "{key[1]}" của văn bản "{key[0]}" đã có trong {name} ở dòng '
                f"{first[key]} — gộp hai mục làm một"
            )
            sink.add(item.location, message)
            continue
        first[key] = item.location.line
        kept.append(item)
    return kept


def _section_key(item: LocatedDict, corpus: CorpusLike, sink: ErrorSink) -> SectionKey | None:
    """(doc, anchor) named by an override item, or None after reporting what is unknown."""
    doc_id, anchor = str(item["van_ban"]), str(item["muc"])
    documents = {d.meta.id: d for d in corpus.documents}
    document = documents.get(doc_id)
    if document is None:
        message = f'văn bản "{doc_id}" không có — {_hint(doc_id, documents, "mã văn bản")}'
        sink.add(item.loc("van_ban"), message, "van_ban")
        return None
    anchors = [s.anchor for s in document.sections]
    if anchor not in anchors:
        close = difflib.get_close_matches(anchor, anchors, n=1, cutoff=0.6)
        guess = f'có phải ý bạn là "{close[0]}"? ' if close else ""
        message = (
            f'mục "{anchor}" không có trong văn bản "{doc_id}" — {guess}Mã mục là phần sau '
            "dấu # trong liên kết ¶ bên cạnh tiêu đề mục"
        )
        sink.add(item.loc("muc"), message, "muc")
        return None
    return (doc_id, anchor)


def _known_topics(
    item: LocatedDict, key: str, known: Sequence[str], sink: ErrorSink
) -> tuple[str, ...]:
    values: LocatedList | tuple[()] = item.get(key, ())
    found = []
    for index, slug in enumerate(values):
        if slug in known or not known:  # no topics loaded: topics.yml has its own errors
            found.append(str(slug))
        elif isinstance(values, LocatedList):
            sink.add(values.item_locations[index], unknown_topic_message(slug, known), key)
    return tuple(found)
