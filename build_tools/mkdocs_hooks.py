"""Thin MkDocs door to the pipeline: `mkdocs build` and `mkdocs serve` do everything.

All logic lives in build_tools; this file only translates MkDocs events into calls.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError

from build_tools import pipeline, search, slugs
from build_tools.config import load_config
from build_tools.errors import ContentErrors, ErrorSink
from build_tools.paths import Paths

log = logging.getLogger("mkdocs.hooks.build_tools")
_state: dict[str, Any] = {"command": "build", "errors": ""}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config: Any) -> Any:
    """ASCII anchors for hand-written headings; a build date taken from the data."""
    config["mdx_configs"].setdefault("toc", {})["slugify"] = slugs.slugify
    if "SOURCE_DATE_EPOCH" not in os.environ:
        as_of = load_config(Paths(), ErrorSink()).as_of
        stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC).timestamp()
        os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp))
    return config


def on_pre_build(config: Any) -> None:
    """Generate pages into docs/; a content error fails a build, but not a preview."""
    try:
        pipeline.build(Paths())
        _state["errors"] = ""
    except ContentErrors as exc:
        if _state["command"] != "serve":
            raise PluginError(str(exc)) from None
        _state["errors"] = str(exc)
        log.error("Lỗi nội dung (trang xem trước giữ bản hợp lệ gần nhất):\n%s", exc)


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> Any:
    """Expose the current content errors to the preview banner (overrides/main.html)."""
    context["content_errors"] = _state["errors"]
    context["search_kind"] = search.kind_for(page.url)
    return context


def on_post_build(config: Any) -> None:
    """Index the written site for search (the atomic build's temp dir, before the swap)."""
    try:
        search.index_site(Path(config["site_dir"]))
    except Exception as exc:  # Pagefind's service reports failures with its own types
        raise PluginError(f"Tạo chỉ mục tìm kiếm (Pagefind) thất bại: {exc}") from exc
