"""Edit links that open the content file a page comes from, never generated Markdown.

A generated page names its source in front matter: `edit_source: content/van-ban/<id>/…`
(a path from the project root; the key is `EDIT_SOURCE`). Hand-written pages in docs/
keep MkDocs' own link. A generated page without `edit_source` gets no link, since its
file is rebuilt on every build and editing it would be lost.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

EDIT_SOURCE = "edit_source"


def edit_url(
    *,
    repo_url: str | None,
    edit_uri: str | None,
    root: Path,
    docs_dir: Path,
    src_uri: str,
    meta: Mapping[str, Any],
    generated: Collection[str],
    current: str | None,
) -> str | None:
    """The page's edit link: to its content file, MkDocs' own, or None.

    `edit_uri` follows MkDocs: relative to `repo_url` and pointing at `docs_dir`
    (e.g. "edit/main/docs/"); a content file is reached relative to it ("../content/…").
    """
    if not repo_url or not edit_uri:
        return None
    source = meta.get(EDIT_SOURCE)
    if isinstance(source, str) and source:
        return source_edit_url(
            repo_url=repo_url, edit_uri=edit_uri, root=root, docs_dir=docs_dir, source=source
        )
    if src_uri in generated:
        return None
    return current


def source_edit_url(
    *, repo_url: str | None, edit_uri: str | None, root: Path, docs_dir: Path, source: str
) -> str | None:
    """The edit link of a content file (a path from the project root), or None without a
    repository configured."""
    if not repo_url or not edit_uri:
        return None
    base = urljoin(repo_url.rstrip("/") + "/", edit_uri)
    relative = Path(os.path.relpath(root / source, docs_dir)).as_posix()
    return urljoin(base, relative)


def generated_pages(manifest: Path) -> frozenset[str]:
    """The docs-relative paths the pipeline wrote (docs/.generated)."""
    if not manifest.exists():
        return frozenset()
    return frozenset(manifest.read_text(encoding="utf-8").split())
