"""Write generated files under docs/: only when changed, stale ones removed.

Writing only what changed keeps `mkdocs serve` from rebuilding in a loop and keeps file
times stable. The manifest (docs/.generated) records what the pipeline owns, so a
hand-written page is never touched.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

Output = Mapping[str, str | bytes]


def _as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def sync(root: Path, files: Output, manifest: Path) -> list[str]:
    """Make `root` hold exactly `files` (relative posix paths) among generated files.

    Returns the relative paths that were written or removed.
    """
    previous = set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()
    changed: list[str] = []
    for rel in sorted(previous - set(files)):
        target = root / rel
        if target.exists():
            target.unlink()
            changed.append(rel)
            _remove_empty_parents(target.parent, root)
    for rel in sorted(files):
        target = root / rel
        data = _as_bytes(files[rel])
        if target.exists() and target.read_bytes() == data:
            continue
        _atomic_write(target, data)
        changed.append(rel)
    listing = "".join(f"{rel}\n" for rel in sorted(files)).encode("utf-8")
    if not manifest.exists() or manifest.read_bytes() != listing:
        _atomic_write(manifest, listing)
    return changed


def _atomic_write(target: Path, data: bytes) -> None:
    """Readers (a running preview) never see a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def apply(root: Path, changed: Output, removed: list[str], manifest: Path) -> list[str]:
    """Write the generated files in `changed`, remove those in `removed`, and keep the
    manifest listing every generated file: `sync` for a few known paths (the preview).
    Returns the relative paths whose bytes changed or that were removed."""
    listed = set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()
    done: list[str] = []
    for rel in sorted(removed):
        target = root / rel
        if target.exists():
            target.unlink()
            _remove_empty_parents(target.parent, root)
            done.append(rel)
    for rel in sorted(changed):
        target = root / rel
        data = _as_bytes(changed[rel])
        if not (target.exists() and target.read_bytes() == data):
            _atomic_write(target, data)
            done.append(rel)
    files = (listed - set(removed)) | set(changed)
    if files != listed:
        _atomic_write(manifest, "".join(f"{rel}\n" for rel in sorted(files)).encode("utf-8"))
    return done
