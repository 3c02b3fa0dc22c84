"""MkDocs in the preview's own process: one full build, then only the pages a save touched.

The full build follows `mkdocs.commands.build.build` step by step (the strict mkdocs.yml,
the same hook, told in the config that docs/ is already written: door.Wishes) and keeps
what it loaded: the config, Files, nav, the theme's Jinja environment and every Page. A
save then reads and renders only the changed Markdown pages through MkDocs' own
`_populate_page` and `_build_page`, copies changed static files, and writes changed task
pages from the shell kept in memory (taskpages.fill_one). Share cards (progress/cards.py)
are not made in the preview: only the og:image of a shared link points at them.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from build_tools import taskpages
from build_tools.door import Wishes, source_link
from build_tools.paths import Paths

INCLUDED = InclusionLevel.is_included


class Warnings(logging.Handler):
    """MkDocs' warnings while rendering (each would stop the strict published build)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class Rendered:
    """What MkDocs loaded for the last full build, kept for the next saves."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any  # jinja2.Environment
    shell: list[str] = field(default_factory=list)  # the task shell, cut (taskpages)


class Renderer:
    """Renders docs/ into `site_dir` with MkDocs; `warnings` lists the last run's."""

    def __init__(self, paths: Paths, site_dir: Path) -> None:
        self.paths = paths
        self.site_dir = site_dir
        self.warnings: list[str] = []
        self.state: Rendered | None = None

    def nav(self) -> Any:
        """mkdocs.yml's nav as written (for placeholders)."""
        return load_config(config_file=str(self.paths.mkdocs_yml))["nav"]

    def full(self) -> None:
        """Build every page into `site_dir` (emptied first), as `mkdocs build` does."""
        with _capture() as caught:
            config = load_config(
                config_file=str(self.paths.mkdocs_yml), site_dir=str(self.site_dir)
            )
            config.extra.update(Wishes(prebuilt=True).extra())  # docs/ written (session.py)
            config.plugins.on_startup(command="build", dirty=False)
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            shutil.rmtree(self.site_dir, ignore_errors=True)
            self.site_dir.mkdir(parents=True)
            files = get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
            for file in files.documentation_pages(inclusion=INCLUDED):
                if file.page is None:
                    Page(None, file, config)
                assert file.page is not None
                mkdocs_build._populate_page(file.page, config, files)
            env = config.plugins.on_env(env, config=config, files=files)
            files.copy_static_files(inclusion=INCLUDED)
            for template in config.theme.static_templates:
                mkdocs_build._build_theme_template(template, env, files, config, nav)
            state = Rendered(config, files, nav, env)
            self._build_pages(state, _pages(files))
            state.shell = taskpages.shell_parts(self.site_dir) or []
            config.plugins.on_post_build(config=config)  # writes the task pages (taskpages.fill)
        self.state, self.warnings = state, caught.messages

    def update(
        self,
        written: list[str],
        removed: list[str],
        first: frozenset[str] = frozenset(),
        shown: Callable[[list[str]], None] | None = None,
    ) -> list[str] | None:
        """Render the pages of docs/ files that were written or removed (docs-relative
        paths); returns the site-relative files it wrote or removed, or None when it
        rendered everything (a new task shell; a nav page whose title changed). Pages in
        `first` (open in a browser) are rendered before the others; `shown` is told each
        batch of site files as soon as they are written."""
        state = self.state
        assert state is not None, "full() first"
        if taskpages.SHELL in written:
            self.full()
            return None
        tell = shown or (lambda _: None)
        with _capture() as caught:
            if removed or any(state.files.get_file_from_path(rel) is None for rel in written):
                state.config.plugins.on_pre_build(config=state.config)  # the hook's file list
            out = [self._remove(state, rel) for rel in removed]
            pages: list[Page] = []
            for rel in written:
                out.append(self._write(state, rel, pages))
            done = [rel for rel in out if rel]
            tell(done)  # task pages and static files are written already
            soon = [p for p in pages if p.file.dest_uri in first]
            later = [p for p in pages if p.file.dest_uri not in first]
            for group in (soon, later):
                if not self._render(state, group):
                    self._build_pages(state, _pages(state.files))
                    self.warnings = caught.messages
                    return None
                tell([p.file.dest_uri for p in group])
        self.warnings = caught.messages
        return done + [p.file.dest_uri for p in pages]

    def _render(self, state: Rendered, pages: list[Page]) -> bool:
        """Read and render `pages`; False (nothing written) when a nav page's title
        changed: the nav (and the footer's previous/next) of every page shows it."""
        titles = {id(p): p.title for p in pages if p.file.inclusion is InclusionLevel.INCLUDED}
        for page in pages:
            mkdocs_build._populate_page(page, state.config, state.files)
        if any(p.title != titles[id(p)] for p in pages if id(p) in titles):
            return False
        self._build_pages(state, pages)
        return True

    def _build_pages(self, state: Rendered, pages: list[Page]) -> None:
        config, files = state.config, state.files
        doc_files = files.documentation_pages(inclusion=INCLUDED)
        for page in pages:
            mkdocs_build._build_page(page, config, doc_files, state.nav, state.env)
        for page in pages:
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)

    def _write(self, state: Rendered, rel: str, pages: list[Page]) -> str:
        """One written docs/ file: a task page now, a static file copied now, a Markdown
        page added to `pages` (rendered by the caller); returns what was written now."""
        config = state.config
        file = state.files.get_file_from_path(rel)
        if file is None:
            file = File(rel, config.docs_dir, config.site_dir, config.use_directory_urls)
            added = config.plugins.on_files(Files([file]), config=config)
            set_exclusions(added, config)
            state.files.append(file)
        if taskpages.is_task_page(rel):
            source = Path(config.docs_dir) / rel
            taskpages.fill_one(state.shell, source, self.site_dir, source_link(config))
            return taskpages.page_for(self.site_dir, source).relative_to(self.site_dir).as_posix()
        if file.inclusion in (InclusionLevel.EXCLUDED, InclusionLevel.DRAFT):
            return ""
        if file.is_documentation_page():
            if file.page is None:
                Page(None, file, config)
            assert file.page is not None
            pages.append(file.page)
            return ""
        file.copy_file(dirty=False)
        return file.dest_uri

    def _remove(self, state: Rendered, rel: str) -> str:
        file = state.files.get_file_from_path(rel)
        if file is None:
            return ""
        state.files.remove(file)
        target = Path(file.abs_dest_path)
        if taskpages.is_task_page(rel):
            target = taskpages.page_for(self.site_dir, Path(state.config.docs_dir) / rel)
        target.unlink(missing_ok=True)
        return target.relative_to(self.site_dir).as_posix()


def _pages(files: Files) -> list[Page]:
    """Every page MkDocs renders (the task pages are written from the shell)."""
    pages = [f.page for f in files.documentation_pages(inclusion=INCLUDED)]
    return [page for page in pages if page is not None]


class _capture:
    """Collects MkDocs' warnings for the time of a `with` block."""

    def __enter__(self) -> Warnings:
        self.handler = Warnings()
        logging.getLogger("mkdocs").addHandler(self.handler)
        return self.handler

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self.handler)
