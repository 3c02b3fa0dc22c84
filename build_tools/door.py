"""One MkDocs build's side of the pipeline: everything mkdocs_hooks.py calls.

A `Door` is made for each build by `open_door` (the hook's on_config) and kept on that
build's MkDocs config (`DOOR`), so no state outlives a build or is shared between two.
What the build's caller wants comes in the configuration, not in the environment:
`extra: {build_tools: {...}}` (`Wishes`, read and removed by `open_door`). site.py
writes it into a config file that INHERITs mkdocs.yml; the preview sets it on the config
it loads. `mkdocs build` run by hand has none: the door then runs the pipeline itself.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

from build_tools import anchors, offline, pipeline, search, slugs, taskpages
from build_tools.config import as_of_date
from build_tools.edit_links import edit_url, generated_pages, source_edit_url
from build_tools.errors import ContentErrors, ErrorSink
from build_tools.paths import Paths
from build_tools.progress import cards as share_cards

WISHES = "build_tools"  # the caller's wishes, under the MkDocs config's `extra`
DOOR = "build_tools_door"  # the build's Door, on its MkDocs config


@dataclass(frozen=True)
class Wishes:
    """What the caller of a MkDocs build asks of the door: `prebuilt`, docs/ is already
    generated (and the caller indexes the site itself); `part`, this build's share of a
    parallel build (site.py), whose `plan` lists the pages of each part."""

    prebuilt: bool = False
    part: int | None = None
    plan: tuple[tuple[str, ...], ...] = ()

    def extra(self) -> dict[str, Any]:
        """The wishes as a MkDocs config's `extra` holds them."""
        plan = [list(pages) for pages in self.plan]
        return {WISHES: {"prebuilt": self.prebuilt, "part": self.part, "plan": plan}}

    @classmethod
    def take(cls, extra: dict[str, Any]) -> Wishes:
        """The wishes in `extra` (none: `mkdocs build` by hand), removed from it."""
        raw = extra.pop(WISHES, None) or {}
        part = raw.get("part")
        return cls(
            prebuilt=bool(raw.get("prebuilt", False)),
            part=None if part is None else int(part),
            plan=tuple(tuple(str(p) for p in pages) for pages in raw.get("plan", [])),
        )


def open_door(config: Any) -> Any:
    """on_config: the build's Door on `config`; ASCII anchors for hand-written headings;
    the status date printed on paper; no edit links without a repository."""
    logging.getLogger("mkdocs.structure.pages").addFilter(_drop_task_link_notice)
    wishes = Wishes.take(config["extra"])
    paths = Paths(Path(config["config_file_path"]).resolve().parent)
    sink = ErrorSink()
    as_of = as_of_date(sink)  # AS_OF, else today in Vietnam: one date for the whole build
    # An invalid AS_OF is left for the pipeline to report, with every other content error.
    config[DOOR] = Door(wishes, paths, None if sink.errors else as_of)
    config["mdx_configs"].setdefault("toc", {})["slugify"] = slugs.slugify
    config["extra"]["status_date"] = f"{as_of:%d/%m/%Y}"  # printed on paper (main.html)
    if "SOURCE_DATE_EPOCH" not in os.environ:
        # MkDocs' own input, not a message between our modules: MkDocs reads the sitemap's
        # dates from this variable only (mkdocs.utils.get_build_date), so the build date
        # is set there to the status date, for byte-identical builds.
        stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC).timestamp()
        os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp))
    if not config["repo_url"]:
        config["edit_uri"] = None  # no repository configured (REPO_URL unset): no edit links
    return config


def door_of(config: Any) -> Door:
    """The Door open_door put on this build's config."""
    door = config[DOOR]
    assert isinstance(door, Door), "on_config (open_door) first"
    return door


def _drop_task_link_notice(record: logging.LogRecord) -> bool:
    """Task pages are excluded on purpose (on_files); MkDocs notes every link to one."""
    return not taskpages.excluded_link_notice(record.getMessage())


def exclude_task_pages(files: Any) -> Any:
    """on_files: MkDocs renders one task page, the shell; the others are written from it
    after the build (Door.post_build, taskpages.py). They stay in `files` as link targets."""
    for file in files:
        if taskpages.is_task_page(file.src_uri):
            file.inclusion = InclusionLevel.EXCLUDED
    return files


class Door:
    """One build: its wishes, its project, its status date, the pages the pipeline
    generated, and (in a parallel build) the anchors noted for the check across parts."""

    def __init__(self, wishes: Wishes, paths: Paths, as_of: date | None) -> None:
        self.wishes = wishes
        self.paths = paths
        self.as_of = as_of
        self.generated: frozenset[str] = frozenset()
        self.notes = anchors.Notes()
        part, plan = wishes.part, wishes.plan
        # Part 0 renders every page but those given to other parts; part n only its own.
        self._others = frozenset(p for pages in plan[1:] for p in pages) if part == 0 else None
        self._mine = frozenset(plan[part]) if part else None

    def pre_build(self) -> None:
        """Generate pages into docs/ (a content error fails the build), unless the caller
        (`python -m build_tools site`, the preview) already did."""
        if not self.wishes.prebuilt:
            try:
                pipeline.build(self.paths, as_of=self.as_of)
            except ContentErrors as exc:
                raise PluginError(str(exc)) from None
        self.generated = generated_pages(self.paths.manifest)

    def elsewhere(self, src_uri: str) -> bool:
        """In a parallel build: another process renders this page."""
        if self._others is not None:
            return src_uri in self._others
        if self._mine is not None:
            return src_uri not in self._mine
        return False

    def page_content(self, page: Any) -> None:
        """In a parallel build: MkDocs must not check anchors of pages it did not render (it
        skips a page whose anchors are None); the anchors and those links are noted instead
        and checked once all parts are done (anchors.py)."""
        if self.wishes.part is None:
            return
        src_uri = page.file.src_uri
        if self.elsewhere(src_uri):
            page.present_anchor_ids = None
            return
        self.notes.page(src_uri, page.present_anchor_ids or set())
        for target, links in (page.links_to_anchors or {}).items():
            if self.elsewhere(target.src_uri):
                for anchor, original in links.items():
                    self.notes.link(src_uri, target.src_uri, anchor, original)

    def edit_url(self, page: Any, config: Any) -> str | None:
        """The page's edit link, from its content file."""
        return edit_url(
            repo_url=config["repo_url"],
            edit_uri=config["edit_uri"],
            root=Path(config["config_file_path"]).resolve().parent,
            docs_dir=Path(config["docs_dir"]).resolve(),
            src_uri=page.file.src_uri,
            meta=page.meta or {},
            generated=self.generated,
            current=page.edit_url,
        )

    def post_build(self, config: Any) -> None:
        """Write the task pages from the shell, then (unless the caller does) index the
        written site for search (the atomic build's temp dir, before the swap)."""
        site_dir = Path(config["site_dir"])
        docs_dir = Path(config["docs_dir"]).resolve()
        part = self.wishes.part
        if part is not None:
            self.notes.save(site_dir)
        if part in (None, 0):  # the part that rendered the shell
            taskpages.fill(site_dir, docs_dir, source_link(config))
        if self.wishes.prebuilt:
            return  # `build_tools site` and the preview index the site themselves
        share_cards.publish(self.paths.cards, site_dir)  # kept out of docs/ (cards.py)
        try:
            search.index_site(site_dir)
        except OSError as exc:  # a page that cannot be read or an index file not written
            raise PluginError(f"Tạo chỉ mục tìm kiếm thất bại: {exc}") from exc
        offline.write(site_dir)


def source_link(config: Any) -> Any:
    """The edit link of a content file (by its project-relative path) in this build."""
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

    return edit_link
