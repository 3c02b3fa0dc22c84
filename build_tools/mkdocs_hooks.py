"""Thin MkDocs door to the pipeline: `mkdocs build` does everything.

All logic lives in build_tools; this file only translates MkDocs events into calls. The
preview (`make serve`, build_tools/preview/) drives MkDocs in its own process with this
same hook, after writing docs/ itself (as `python -m build_tools site` does).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

from build_tools import anchors, offline, pipeline, search, slugs, taskpages
from build_tools.config import load_config
from build_tools.edit_links import edit_url, generated_pages, source_edit_url
from build_tools.errors import ContentErrors, ErrorSink
from build_tools.paths import Paths
from build_tools.progress import cards as share_cards
from build_tools.site import PARTS, PREBUILT

log = logging.getLogger("mkdocs.hooks.build_tools")
_state: dict[str, Any] = {"generated": frozenset(), "part": None}


def on_startup(command: str, dirty: bool) -> None:
    _load_part()
    logging.getLogger("mkdocs.structure.pages").addFilter(_drop_task_link_notice)


def _drop_task_link_notice(record: logging.LogRecord) -> bool:
    """Task pages are excluded on purpose (on_files); MkDocs notes every link to one."""
    return not taskpages.excluded_link_notice(record.getMessage())


def on_config(config: Any) -> Any:
    """ASCII anchors for hand-written headings; the build date is the status date."""
    config["mdx_configs"].setdefault("toc", {})["slugify"] = slugs.slugify
    as_of = load_config(Paths(), ErrorSink()).as_of  # AS_OF, else today in Vietnam
    os.environ.setdefault("AS_OF", as_of.isoformat())  # one status date for the whole build
    config["extra"]["status_date"] = f"{as_of:%d/%m/%Y}"  # printed on paper (overrides/main.html)
    if "SOURCE_DATE_EPOCH" not in os.environ:
        stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC).timestamp()
        os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp))
    if not config["repo_url"]:
        config["edit_uri"] = None  # no repository configured (REPO_URL unset): no edit links
    return config


def on_pre_build(config: Any) -> None:
    """Generate pages into docs/ (a content error fails the build), unless the caller
    (`python -m build_tools site`, the preview) already did."""
    if not _prebuilt():
        try:
            pipeline.build(Paths())
        except ContentErrors as exc:
            raise PluginError(str(exc)) from None
    _state["generated"] = generated_pages(Paths().manifest)


def _prebuilt() -> bool:
    return os.environ.get(PREBUILT) == "1"


def on_files(files: Any, config: Any) -> Any:
    """MkDocs renders one task page, the shell; the others are written from it after the
    build (on_post_build, build_tools/taskpages.py). They stay in `files` as link targets."""
    for file in files:
        if taskpages.is_task_page(file.src_uri):
            file.inclusion = InclusionLevel.EXCLUDED
    return files


def _load_part() -> None:
    """This process's share of a parallel build (site.py): its part number, and the pages
    it leaves to other parts."""
    _state["part"], _state["elsewhere"], _state["notes"] = None, frozenset(), anchors.Notes()
    value = os.environ.get(PARTS, "")
    if not value:
        return
    number, _, plan_file = value.partition(":")
    plan: list[list[str]] = json.loads(Path(plan_file).read_text(encoding="utf-8"))
    part = int(number)
    _state["part"] = part
    if part == 0:  # every page, but the documents given to other parts
        _state["elsewhere"] = frozenset(p for other in plan[1:] for p in other)
    else:
        _state["mine"] = frozenset(plan[part])


def _elsewhere(src_uri: str) -> bool:
    part = _state["part"]
    if part is None:
        return False
    if part == 0:
        return src_uri in _state["elsewhere"]
    return src_uri not in _state["mine"]


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """In a parallel build, another process renders this page: no Markdown to convert."""
    return "" if _elsewhere(page.file.src_uri) else markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """In a parallel build: MkDocs must not check anchors of pages it did not render (it
    skips a page whose anchors are None); the anchors and those links are noted instead
    and checked once all parts are done (anchors.py)."""
    if _state["part"] is None:
        return html
    if _elsewhere(page.file.src_uri):
        page.present_anchor_ids = None
        return html
    notes = _state["notes"]
    notes.page(page.file.src_uri, page.present_anchor_ids or set())
    for target, links in (page.links_to_anchors or {}).items():
        if _elsewhere(target.src_uri):
            for anchor, original in links.items():
                notes.link(page.file.src_uri, target.src_uri, anchor, original)
    return html


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> Any:
    """The page's edit link (from its content file) and its search result kind."""
    page.edit_url = edit_url(
        repo_url=config["repo_url"],
        edit_uri=config["edit_uri"],
        root=Path(config["config_file_path"]).resolve().parent,
        docs_dir=Path(config["docs_dir"]).resolve(),
        src_uri=page.file.src_uri,
        meta=page.meta or {},
        generated=_state["generated"],
        current=page.edit_url,
    )
    context["search_kind"] = search.kind_for(page.url)
    return context


def on_post_build(config: Any) -> None:
    """Write the task pages from the shell, then index the written site for search (the
    atomic build's temp dir, before the swap)."""
    site_dir = Path(config["site_dir"])
    root = Path(config["config_file_path"]).resolve().parent
    docs_dir = Path(config["docs_dir"]).resolve()

    def edit_link(source: str) -> str | None:
        return source_edit_url(
            repo_url=config["repo_url"],
            edit_uri=config["edit_uri"],
            root=root,
            docs_dir=docs_dir,
            source=source,
        )

    part = _state["part"]
    if part is not None:
        _state["notes"].save(site_dir)
    if part in (None, 0):  # the part that rendered the shell
        taskpages.fill(site_dir, docs_dir, edit_link)
    if _prebuilt():
        return  # `build_tools site` and the preview index the site themselves
    share_cards.publish(Paths().cards, site_dir)  # kept out of docs/ (progress/cards.py)
    try:
        search.index_site(site_dir)
    except OSError as exc:  # a page that cannot be read or an index file not written
        raise PluginError(f"Tạo chỉ mục tìm kiếm thất bại: {exc}") from exc
    offline.write(site_dir)
