"""Results computed from content files, kept by the bytes of those files.

`make serve` runs the pipeline again after every save, in the same process: a result whose
files did not change is reused, with the errors found when it was computed (they are
reported again, so a preview shows every error every time).
"""

from __future__ import annotations

import hashlib
import operator
import os
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Generic, TypeVar

from build_tools.errors import ContentError, ErrorSink

T = TypeVar("T")


# A file whose stamp (modification and change times, size, inode) is unchanged since its
# bytes were hashed is not read again (city scale: 1,500 content files after every save).
# A stamp taken less than RACY_NS after the file's last write is not trusted (the file
# could change again within the file system's clock tick, git's "racily clean" rule): that
# file is hashed again next time. The clock is read only for this; it never reaches output.
RACY_NS = 2_000_000_000
_STAMPED: dict[str, tuple[tuple[int, int, int, int], str]] = {}


def digest(file: Path) -> str:
    """SHA-256 (hex) of `file`'s bytes, hashed again only when its stamp changed."""
    name = str(file)
    info = os.stat(file)
    stamp = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
    kept = _STAMPED.get(name)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    found = hashlib.sha256(file.read_bytes()).hexdigest()
    if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > RACY_NS:
        _STAMPED[name] = (stamp, found)
    else:
        _STAMPED.pop(name, None)
    return found


class ByContent(Generic[T]):
    """`compute(sink)` once per (key, bytes of `files`); at most `limit` results kept."""

    def __init__(self, limit: int = 4 * 1024) -> None:
        self._limit = limit
        self._kept: dict[tuple[str, ...], tuple[T, tuple[ContentError, ...]]] = {}

    @staticmethod
    def full_key(key: tuple[str, ...], files: Iterable[Path]) -> tuple[str, ...]:
        """`key` and the hash of every file's bytes: what a result is kept under."""
        return (*key, *(f"{f}:{digest(f)}" for f in files))

    def has(self, full: tuple[str, ...]) -> bool:
        return full in self._kept

    def put(self, full: tuple[str, ...], result: T, errors: Iterable[ContentError]) -> None:
        """Keep a result computed elsewhere (another process) under its full_key."""
        if len(self._kept) >= self._limit:
            self._kept.clear()
        self._kept[full] = (result, tuple(errors))

    def get(
        self,
        key: tuple[str, ...],
        files: Iterable[Path],
        compute: Callable[[ErrorSink], T],
        sink: ErrorSink,
    ) -> T:
        full = self.full_key(key, files)
        if full not in self._kept:
            local = ErrorSink()
            self.put(full, compute(local), local.errors)
        result, errors = self._kept[full]
        sink.extend(errors)
        return result


def same_objects(a: Sequence[object], b: Sequence[object]) -> bool:
    """The same objects in the same order (identity, not equality: an equal report from
    another line must not stand for this one)."""
    return len(a) == len(b) and all(map(operator.is_, a, b))
