"""The index's files under site/search-index/: index.json (shard count, record count, kind
ranges, the version folder), then <version>/t/<n>.txt, the terms whose hash (FNV-1a) falls
in shard n with their postings, <version>/r/<n>.json, the details (URL, title, page title,
text) of a block of records from record n on, fetched only for the results shown, d.json
(the documents) and v.txt (the vocabulary). The version is a hash of the content, so hosts
may cache everything but index.json for ever.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import defaultdict
from pathlib import Path

from build_tools.search.index import Index, site_index
from build_tools.search.records import Record
from build_tools.search.shards import (
    blocks,
    details,
    kind_ranges,
    posting_lines,
    shard_count,
    vocabulary,
)
from build_tools.search.text import fnv1a, kind_for, shard_key

BUNDLE = "search-index"


def write_index(index: Index, bundle: Path) -> None:
    """Write index.json, the shards and the record blocks (see the module's docstring)."""
    lines = posting_lines(index)
    shards = shard_count(lines[term] for term in sorted(lines))
    ranges = kind_ranges(index)
    files = shard_files(lines, shards) | record_files(index.records, ranges)
    files["v.txt"] = vocabulary_file(vocabulary(index))
    write_bundle(bundle, files, manifest(version_of(files), shards, index.records, ranges))


def shard_files(lines: dict[str, str], shards: int) -> dict[str, str]:
    """ "t/<n>.txt" -> the lines of the terms whose shard is n, by term (see shard_of())."""
    by_shard: defaultdict[int, list[str]] = defaultdict(list)
    for term in sorted(lines):
        by_shard[shard_of(term, shards)].append(lines[term])
    return {f"t/{shard}.txt": "\n".join(found) + "\n" for shard, found in by_shard.items()}


def shard_of(term: str, shards: int) -> int:
    """The shard a term's line is in (search.js postings())."""
    return fnv1a(shard_key(term)) & (shards - 1)


def record_files(records: list[Record], ranges: list[tuple[str, int, int]]) -> dict[str, str]:
    """d.json (the documents) and "r/<n>.json", the details of every block of records."""
    files = {"d.json": documents_file(records)}
    for start, end in blocks(ranges, len(records)):
        files[f"r/{start}.json"] = block_file(records[start:end])
    return files


def block_file(records: list[Record]) -> str:
    """A block's file of details: [[URL, title, page title, text, paragraphs], …]."""
    return json.dumps([details(r) for r in records], ensure_ascii=False) + "\n"


def documents_file(records: list[Record]) -> str:
    """[[first record, URL, title], …] of every document: the document filter's list,
    fetched only when the reader filters documents."""
    documents = [
        [n, r.url.lstrip("/"), r.title]
        for n, r in enumerate(records)
        if "#" not in r.url and kind_for(r.url.lstrip("/")) == "Văn bản"
    ]
    return json.dumps(documents, ensure_ascii=False) + "\n"


def vocabulary_file(found: list[str]) -> str:
    """v.txt: one folded word a line, the commonest first (vocabulary())."""
    return "\n".join(found) + "\n"


def version_of(files: dict[str, str]) -> str:
    """The version folder's name: a hash of every file's name and content."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode("utf-8") + b"\0")
    return digest.hexdigest()[:12]


def manifest(
    version: str, shards: int, records: list[Record], ranges: list[tuple[str, int, int]]
) -> str:
    """index.json: the version folder, shard and record counts, kind ranges."""
    fields: dict[str, object] = {"version": version, "shards": shards}
    fields |= {"records": len(records), "kinds": ranges}
    return json.dumps(fields) + "\n"


def write_bundle(bundle: Path, files: dict[str, str], index_json: str) -> None:
    """Write the files under bundle/<version>/, then index.json, which names the version."""
    version = json.loads(index_json)["version"]
    for name, content in files.items():
        path = bundle / version / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    (bundle / "index.json").write_text(index_json, encoding="utf-8")


def index_site(site_dir: Path) -> int:
    """Write site_dir/search-index/ from the indexed pages of a built site; returns the
    number of records (0: nothing to index yet, and no index is written)."""
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    index = site_index(site_dir)
    if index.records:
        write_index(index, bundle)
    return len(index.records)
