"""Thin MkDocs door to the pipeline: `mkdocs build` does everything.

This file only translates MkDocs events into calls on the build's `Door` (door.py), made
by on_config and kept on the MkDocs config every event receives: nothing lives here
between events or builds. The preview (`make serve`, build_tools/preview/) drives MkDocs
in its own process with this same hook, after writing docs/ itself (as `python -m
build_tools site` does); both say so in the config (door.Wishes).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_tools import door, search


def on_config(config: Any) -> Any:
    """The build's Door; ASCII anchors; the build date is the status date (door.py)."""
    return door.open_door(config)


def on_pre_build(config: Any) -> None:
    """Generate pages into docs/, unless the caller already did."""
    door.door_of(config).pre_build()


def on_files(files: Any, config: Any) -> Any:
    """Task pages are written from one shell after the build (taskpages.py)."""
    return door.exclude_task_pages(files)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """In a parallel build, another process renders this page: no Markdown to convert."""
    return "" if door.door_of(config).elsewhere(page.file.src_uri) else markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """In a parallel build, anchors across parts are noted, not checked (door.py)."""
    door.door_of(config).page_content(page)
    return html


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> Any:
    """The page's edit link (from its content file) and its search result kind."""
    page.edit_url = door.door_of(config).edit_url(page, config)
    context["search_kind"] = search.kind_for(page.url)
    return context


def on_post_build(config: Any) -> None:
    """Task pages from the shell, then the search index and offline copy (door.py)."""
    door.door_of(config).post_build(config)
