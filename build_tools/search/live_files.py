"""The files of a LiveIndex under site/search-index/, and what they hold, so that an update
rewrites only the files whose content changes (see live.py)."""

from __future__ import annotations

import bisect
import hashlib
import shutil
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from build_tools.search.index import Index
from build_tools.search.records import Record
from build_tools.search.shards import (
    kind_ranges,
    shard_count,
    size_of_blocks,
    text_words,
    vocabulary,
)
from build_tools.search.text import kind_for
from build_tools.search.write import (
    BUNDLE,
    block_file,
    documents_file,
    manifest,
    record_files,
    shard_files,
    shard_of,
    version_of,
    vocabulary_file,
)

Ranges = list[tuple[str, int, int]]


@dataclass
class Bundle:
    """site/search-index/: the shard count, each shard's terms and text, the kind ranges,
    each kind's words (its block size), the vocabulary and the version folder."""

    folder: Path
    shards: int
    shard_terms: dict[int, list[str]]
    shard_text: dict[int, str]
    ranges: Ranges
    kind_words: dict[str, int]
    vocab: set[str]
    texts: dict[str, str]  # "d.json", "v.txt"
    version: str = ""

    @classmethod
    def of(
        cls,
        site_dir: Path,
        records: list[Record],
        lines: dict[str, str],
        postings: dict[str, list[int]],
    ) -> Bundle:
        """What a full build writes for these records and lines (write_index())."""
        terms = sorted(lines)
        shards = shard_count(lines[term] for term in terms)
        shard_terms: defaultdict[int, list[str]] = defaultdict(list)
        for term in terms:
            shard_terms[shard_of(term, shards)].append(term)
        index = Index(postings, [], records)
        kind_words: defaultdict[str, int] = defaultdict(int)
        for record in records:
            kind_words[_kind(record)] += text_words(record)
        texts = {"d.json": documents_file(records), "v.txt": vocabulary_file(vocabulary(index))}
        vocab = {t for t in postings if t.isalpha() and t.isascii()}
        return cls(
            site_dir / BUNDLE,
            shards,
            dict(shard_terms),
            {},
            kind_ranges(index),
            dict(kind_words),
            vocab,
            texts,
        )

    def write_all(self, records: list[Record], lines: dict[str, str]) -> list[Path]:
        """Write the whole index again, as index_site() does (nothing when no record)."""
        shutil.rmtree(self.folder, ignore_errors=True)
        if not records:
            return []
        files = shard_files(lines, self.shards) | record_files(records, self.ranges)
        files["v.txt"] = self.texts["v.txt"]
        self.shard_text = {int(n[2:-4]): text for n, text in files.items() if n.startswith("t/")}
        self.version = version_of(files)
        return self._write(files, [], records)

    def update(
        self,
        records: list[Record],
        edits: Mapping[int, Record],
        lines: dict[str, str],
        postings: dict[str, list[int]],
        changed: Iterable[str],
        counted: Iterable[str],
    ) -> list[Path]:
        """Rewrite the files an edit changes: edits are the records before (by number),
        changed the terms whose line may differ, counted those whose records differ."""
        files, removed = self._shards(lines, changed)
        self._vocabulary(postings, counted, files)
        if any("#" not in records[n].url and _kind(records[n]) == "Văn bản" for n in edits):
            self._text("d.json", documents_file(records), files)
        self._blocks(records, edits, files, removed)
        if not (self.folder / self.version).is_dir():  # the site was written again
            return self.write_all(records, lines)
        if not files and not removed:
            return []
        old = self.folder / self.version
        self.version = _version(self.version, files, removed)
        old.rename(self.folder / self.version)
        return self._write(files, removed, records)

    def _shards(
        self, lines: dict[str, str], changed: Iterable[str]
    ) -> tuple[dict[str, str], list[str]]:
        shards: set[int] = set()
        for term in changed:
            shard = shard_of(term, self.shards)
            terms = self.shard_terms.setdefault(shard, [])
            at = bisect.bisect_left(terms, term)
            held = at < len(terms) and terms[at] == term
            if term in lines and not held:
                terms.insert(at, term)
            elif term not in lines and held:
                del terms[at]
            shards.add(shard)
        files, removed = {}, []
        for shard in shards:
            text = "\n".join(lines[t] for t in self.shard_terms[shard]) + "\n"
            if not self.shard_terms[shard]:
                removed.append(f"t/{shard}.txt")
                self.shard_text.pop(shard, None)
            elif text != self.shard_text.get(shard):
                files[f"t/{shard}.txt"] = self.shard_text[shard] = text
        return files, removed

    def _vocabulary(
        self, postings: dict[str, list[int]], counted: Iterable[str], files: dict[str, str]
    ) -> None:
        words = [t for t in counted if t.isalpha() and t.isascii()]
        if not words:
            return
        for word in words:
            (self.vocab.add if word in postings else self.vocab.discard)(word)
        found = sorted((-len(postings[t]), t) for t in self.vocab)
        self._text("v.txt", vocabulary_file([t for _, t in found]), files)

    def _text(self, name: str, text: str, files: dict[str, str]) -> None:
        if text != self.texts[name]:
            files[name] = self.texts[name] = text

    def _blocks(
        self,
        records: list[Record],
        edits: Mapping[int, Record],
        files: dict[str, str],
        removed: list[str],
    ) -> None:
        """The blocks of details holding an edited record; a kind's every block when its
        block size changes."""
        for number, before in edits.items():
            self.kind_words[_kind(before)] += text_words(records[number]) - text_words(before)
        ends = [first for _, first, _ in self.ranges[1:]] + [len(records)]
        ranges: Ranges = []
        for (kind, first, size), end in zip(self.ranges, ends, strict=True):
            new = size_of_blocks(self.kind_words[kind], end - first)
            ranges.append((kind, first, new))
            if new != size:
                removed += [f"r/{start}.json" for start in range(first, end, size)]
                starts = list(range(first, end, new))
            else:
                starts = sorted(
                    {first + (n - first) // size * size for n in edits if first <= n < end}
                )
            for start in starts:
                files[f"r/{start}.json"] = block_file(records[start : min(start + new, end)])
        self.ranges = ranges

    def _write(
        self, files: dict[str, str], removed: list[str], records: list[Record]
    ) -> list[Path]:
        folder = self.folder / self.version
        for name in removed:
            if name not in files:
                (folder / name).unlink(missing_ok=True)
        written = []
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            written.append(path)
        index_json = self.folder / "index.json"
        index_json.write_text(
            manifest(self.version, self.shards, records, self.ranges), encoding="utf-8"
        )
        return [*written, index_json]


def _kind(record: Record) -> str:
    return kind_for(record.url.lstrip("/").partition("#")[0])


def _version(previous: str, files: Mapping[str, str], removed: list[str]) -> str:
    """The next version folder's name: a hash of the previous one and of what changed."""
    digest = hashlib.sha256(previous.encode() + b"\0" + "\0".join(sorted(removed)).encode())
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode("utf-8") + b"\0")
    return digest.hexdigest()[:12]
