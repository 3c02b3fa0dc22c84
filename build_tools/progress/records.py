"""content/tien-do/<folder>/*.yml -> Records: parsed (in worker processes at scale), checked
against the folder's JSON Schema, ids unique. The first stage of progress loading."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.errors import ContentError, ErrorSink, SourceLocation
from build_tools.filecache import ByContent, same_objects
from build_tools.paths import Paths
from build_tools.validate import JsonPath, load_schema, validate_items
from build_tools.workers import context as workers_context
from build_tools.yamlio import LocatedDict, LocatedList, load_yaml, signature

FOLDERS = {
    "don-vi": ("don-vi.schema.json", "đơn vị"),
    "nhiem-vu": ("nhiem-vu.schema.json", "nhiệm vụ"),
    "cap-nhat": ("cap-nhat.schema.json", "báo cáo"),
    "chi-tieu": ("chi-tieu.schema.json", "chỉ tiêu"),
    "thay-doi": ("thay-doi.schema.json", "thay đổi nhiệm vụ"),
    "doi-chieu": ("doi-chieu.schema.json", "đối chiếu neo"),
}


@dataclass(frozen=True)
class Record:
    """One YAML list item with the file it came from."""

    data: LocatedDict
    file: str

    def text(self, key: str) -> str:
        value = self.data.get(key, "")
        return value if isinstance(value, str) else ""

    def strings(self, key: str) -> tuple[str, ...]:
        """The text items of a list field (other values are the schema's to report)."""
        raw = self.data.get(key)
        return tuple(x for x in raw if isinstance(x, str)) if isinstance(raw, list) else ()

    def loc(self, key: str) -> SourceLocation:
        return self.data.loc(key)


def tracking_root(paths: Paths) -> Path:
    return paths.content / "tien-do"


def read_records(paths: Paths, folder: str) -> list[Record]:
    """The items of one tracking folder as last read (parsed once, kept by content); their
    errors were reported by `load`."""
    return list(read_folder(paths, folder, ErrorSink()))


def _files(paths: Paths, folder: str) -> list[Path]:
    """The YAML files of one tracking folder (none if it does not exist), in order."""
    directory = tracking_root(paths) / folder
    return sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])


def read_folder(paths: Paths, folder: str, sink: ErrorSink) -> Iterator[Record]:
    for records in read_files(paths, folder, sink):
        yield from records


def read_files(paths: Paths, folder: str, sink: ErrorSink) -> list[tuple[Record, ...]]:
    """The records of each file of one tracking folder, in order. A file whose bytes did
    not change since the last call gives back the same tuple of the same Records."""
    schema_name, kind = FOLDERS[folder]
    found = []
    for file in _files(paths, folder):
        shown = _shown(paths, file)
        data = _parsed(file, shown, schema_name, kind, sink)
        found.append(_records(data, shown))
    return found


# The Records of a parsed file, by the file's name: kept while the parsed data is the same
# object (its bytes unchanged), so later stages can compare records by identity.
_RECORDS: dict[str, tuple[object, tuple[Record, ...]]] = {}


def _records(data: Any, shown: str) -> tuple[Record, ...]:
    kept = _RECORDS.get(shown)
    if kept is not None and kept[0] is data:
        return kept[1]
    # An item that reads the same, at the same places, as before the save keeps its
    # Record: a saved file's other items stay the same objects for the later stages.
    before = {signature(r.data): r for r in kept[1]} if kept is not None else {}
    items = data if isinstance(data, LocatedList) else ()
    records = tuple(
        before.get(signature(item)) or Record(item, shown)
        for item in items
        if isinstance(item, LocatedDict)
    )
    if len(_RECORDS) > 4 * 1024:
        _RECORDS.clear()
    _RECORDS[shown] = (data, records)
    return records


_SHOWN: dict[tuple[Path, Path], str] = {}


def _shown(paths: Paths, file: Path) -> str:
    """`paths.rel(file)`, computed once per file (it resolves symbolic links)."""
    key = (paths.root, file)
    if key not in _SHOWN:
        _SHOWN[key] = paths.rel(file)
    return _SHOWN[key]


# Parsed and schema-checked files, kept by their bytes (filecache): `make serve` re-reads
# only the files a save changed (city scale: 630 files).
_PARSED: ByContent[Any] = ByContent()


def _parsed(file: Path, shown: str, schema_name: str, kind: str, sink: ErrorSink) -> Any:
    """`file`'s data (None if empty or unreadable); its syntax and schema errors to `sink`."""
    return _PARSED.get(
        _cache_key(file, shown, schema_name),
        [file],
        lambda local: _parse(file, shown, schema_name, kind, local),
        sink,
    )


def _cache_key(file: Path, shown: str, schema_name: str) -> tuple[str, ...]:
    # The result depends only on the bytes (in the full key), `shown` and the schema.
    return (str(file), shown, schema_name)


def _parse(file: Path, shown: str, schema_name: str, kind: str, sink: ErrorSink) -> Any:
    data, errors = load_yaml(file, shown)
    sink.extend(errors)
    if data is not None:
        schema = load_schema(schema_name)
        kept = _ITEMS.setdefault(schema_name, {})
        if len(kept) > 64 * 1024:
            kept.clear()
        validate_items(data, schema, sink, _subject(data, kind), kept, signature)
    return data


# The schema errors of each list item, by schema, place in the list and signature: a
# saved file's other items are not validated again (a file in a worker starts empty).
_ITEMS: dict[str, dict[Hashable, list[Any]]] = {}


# Below this many files to parse, worker processes cost more than they save.
PREFETCH_MIN_FILES = 16


def prefetch(paths: Paths) -> Callable[[], None]:
    """Start parsing and schema-checking the tracking files not parsed yet, in worker
    processes (city scale: 18 MB of YAML, ≈ 11 s on one core), while the caller loads
    documents and topics; the returned function waits and keeps the results in _PARSED,
    where `load` finds them. The same `_parse` runs, so data and errors are unchanged."""
    jobs = []
    for folder, (schema_name, kind) in FOLDERS.items():
        for file in _files(paths, folder):
            shown = _shown(paths, file)
            full = ByContent.full_key(_cache_key(file, shown, schema_name), [file])
            if not _PARSED.has(full):
                jobs.append((full, file, shown, schema_name, kind))
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) < PREFETCH_MIN_FILES or workers < 2:
        return lambda: None
    pool = ProcessPoolExecutor(workers, mp_context=workers_context())
    futures = [pool.submit(_parse_job, *job[1:]) for job in jobs]

    def collect() -> None:
        with pool:
            for job, future in zip(jobs, futures, strict=True):
                data, errors = future.result()
                _PARSED.put(job[0], data, errors)

    return collect


def _parse_job(
    file: Path, shown: str, schema_name: str, kind: str
) -> tuple[Any, list[ContentError]]:
    sink = ErrorSink()
    data = _parse(file, shown, schema_name, kind, sink)
    return data, sink.errors


def _subject(data: Any, kind: str) -> Callable[[JsonPath], str]:
    def subject(path: JsonPath) -> str:
        if not path or not isinstance(path[0], int) or not isinstance(data, list):
            return ""
        item = data[path[0]]
        ident = None
        if isinstance(item, dict):
            ident = next(
                (item[k] for k in ("id", "nhiem_vu", "neo") if isinstance(item.get(k), str)), None
            )
        return f"{kind} {ident}" if isinstance(ident, str) else f"{kind} thứ {path[0] + 1}"

    return subject


def record_name(record: Record, kind: str) -> str:
    ident = record.text("id") or record.text("nhiem_vu")
    return f"{kind} {ident}" if ident else kind


def unique(records: list[Record], kind: str, sink: ErrorSink) -> list[Record]:
    """Records with a fresh id; a repeated id is reported where it is repeated. The same
    Records as in the last call for this `kind` give the same result (and errors) again."""
    kept = _UNIQUE.get(kind)
    if kept is not None and same_objects(kept[0], records):
        sink.extend(kept[2])
        return list(kept[1])
    local = ErrorSink()
    found = _unique(records, kind, local)
    sink.extend(local.errors)
    _UNIQUE[kind] = (list(records), found, tuple(local.errors))
    return list(found)


_UNIQUE: dict[str, tuple[list[Record], list[Record], tuple[ContentError, ...]]] = {}


def _unique(records: list[Record], kind: str, sink: ErrorSink) -> list[Record]:
    seen: dict[str, SourceLocation] = {}
    kept = []
    for record in records:
        ident = record.text("id")
        if ident in seen:
            sink.add(
                record.loc("id"),
                f'mã "{ident}" đã dùng ở {seen[ident]} — mỗi {kind} cần một mã riêng; đổi mã này',
                "id",
                f"{kind} {ident}",
            )
            continue
        if ident:
            seen[ident] = record.loc("id")
        kept.append(record)
    return kept
