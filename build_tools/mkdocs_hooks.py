"""Thin MkDocs door to the pipeline: `mkdocs build` and `mkdocs serve` do everything.

All logic lives in build_tools; this file only translates MkDocs events into calls.
"""

from __future__ import annotations

import importlib
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

from build_tools import anchors, offline, pipeline, search, slugs, taskpages, write
from build_tools.config import load_config
from build_tools.edit_links import edit_url, generated_pages, source_edit_url
from build_tools.errors import ContentErrors, ErrorSink
from build_tools.paths import Paths
from build_tools.preview import placeholders
from build_tools.progress import cards as share_cards
from build_tools.site import PARTS, PREBUILT

log = logging.getLogger("mkdocs.hooks.build_tools")
_state: dict[str, Any] = {
    "command": "build",
    "errors": "",
    "generated": frozenset(),
    "builds": 0,
    "dirty": False,
    "stamp": (),
    "code": (),
    "inputs": (),
    "part": None,
}


def _reload_pipeline() -> None:
    """Re-import build_tools so that a code edit shows in `mkdocs serve` without a restart.

    MkDocs loads this hook once per process; only the pipeline's modules are refreshed.
    """
    for name in [m for m in sys.modules if m == "build_tools" or m.startswith("build_tools.")]:
        del sys.modules[name]

    def load(module: str) -> Any:
        return importlib.import_module(f"build_tools.{module}")

    globals().update(
        pipeline=load("pipeline"),
        search=load("search"),
        slugs=load("slugs"),
        taskpages=load("taskpages"),
        share_cards=load("progress.cards"),
        offline=load("offline"),
        anchors=load("anchors"),
        write=load("write"),
        load_config=load("config").load_config,
        edit_url=load("edit_links").edit_url,
        source_edit_url=load("edit_links").source_edit_url,
        generated_pages=load("edit_links").generated_pages,
        ContentErrors=load("errors").ContentErrors,
        ErrorSink=load("errors").ErrorSink,
        Paths=load("paths").Paths,
        placeholders=load("preview").placeholders,
    )


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command
    _load_part()
    _state["dirty"] = dirty
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_drop_dirty_notice)
    logging.getLogger("mkdocs.structure.pages").addFilter(_drop_task_link_notice)


def _drop_dirty_notice(record: logging.LogRecord) -> bool:
    """`serve --dirty` is how `make serve` stays fast at city scale; MkDocs's warning about
    it would abort the strict preview. What it warns about (pages rendered earlier keep an
    old banner or theme) is handled by re-rendering every page then (on_pre_build)."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _drop_task_link_notice(record: logging.LogRecord) -> bool:
    """Task pages are excluded on purpose (on_files); MkDocs notes every link to one."""
    return not taskpages.excluded_link_notice(record.getMessage())


def on_config(config: Any) -> Any:
    """ASCII anchors for hand-written headings; the build date is the status date."""
    config["mdx_configs"].setdefault("toc", {})["slugify"] = slugs.slugify
    as_of = load_config(Paths(), ErrorSink()).as_of  # AS_OF, else today in Vietnam
    if _state["command"] == "build":  # one status date for the whole build
        os.environ.setdefault("AS_OF", as_of.isoformat())
    config["extra"]["status_date"] = f"{as_of:%d/%m/%Y}"  # printed on paper (overrides/main.html)
    if "SOURCE_DATE_EPOCH" not in os.environ:
        stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC).timestamp()
        os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp))
    if not config["repo_url"]:
        config["edit_uri"] = None  # no repository configured (REPO_URL unset): no edit links
    return config


def on_pre_build(config: Any) -> None:
    """Generate pages into docs/; a content error fails a build, but not a preview."""
    errors_before = _state["errors"]
    code = _stamp(Path(__file__).resolve().parent, "*")  # code, templates, schemas
    if _state["command"] == "serve" and _state["builds"] and code != _state["code"]:
        _reload_pipeline()  # only when build_tools code changed: reloading drops its caches
    _state["code"] = code
    _state["builds"] += 1
    # Docs/ is already generated when `python -m build_tools site` called MkDocs, and for
    # the rebuild MkDocs starts because the last run wrote into docs/.
    prebuilt = _prebuilt()
    inputs = (code, _stamp(Paths().content, "*"))
    if not prebuilt and not (_state["dirty"] and inputs == _state["inputs"]):
        _state["inputs"] = inputs
        _run_pipeline(config)
    stamp = _theme_stamp(Path(config["config_file_path"]).resolve().parent)  # after the run
    changed = _state["errors"] != errors_before or stamp != _state["stamp"]
    if _state["dirty"] and _state["stamp"] and changed:  # (not on a process's first build)
        # `serve --dirty` re-renders only pages whose Markdown changed. The error banner,
        # the theme overrides and mkdocs.yml are on every page: a change re-renders them all.
        _touch_pages(Path(config["docs_dir"]))
    _state["stamp"] = stamp
    _state["generated"] = generated_pages(Paths().manifest)


def _prebuilt() -> bool:
    return os.environ.get(PREBUILT) == "1" and _state["command"] == "build"


def _run_pipeline(config: Any) -> None:
    """Generate pages into docs/; a content error fails a build, but not a preview."""
    try:
        pipeline.build(Paths())
        _state["errors"] = ""
    except ContentErrors as exc:
        if _state["command"] != "serve":
            raise PluginError(str(exc)) from None
        _state["errors"] = str(exc)
        # Printed, not logged: a logged error or warning would abort the strict rebuild.
        print(
            f"\nLỗi nội dung (trang xem trước giữ bản hợp lệ gần nhất):\n{exc}\n",
            file=sys.stderr,
            flush=True,
        )
        paths = Paths()
        if not paths.manifest.exists():  # no good build yet: let the preview start anyway
            write.sync(paths.docs, placeholders(paths.docs, config["nav"]), paths.manifest)


Stamp = tuple[tuple[str, int, int], ...]


def _theme_stamp(root: Path) -> Stamp:
    """What every page's HTML depends on besides its own Markdown."""
    return _marks([root / "mkdocs.yml"]) + _stamp(root / "overrides", "*")


def _stamp(folder: Path, pattern: str) -> Stamp:
    """Every matching file under `folder` with its modification time and size."""
    files = sorted(f for f in folder.rglob(pattern) if f.is_file() and "__pycache__" not in f.parts)
    return _marks(files)


def _marks(files: list[Path]) -> Stamp:
    return tuple(_mark(f) for f in files)


def _mark(file: Path) -> tuple[str, int, int]:
    info = file.stat()
    return (str(file), info.st_mtime_ns, info.st_size)


def _touch_pages(docs_dir: Path) -> None:
    for page in docs_dir.rglob("*.md"):
        page.touch()


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
    """Expose the current content errors to the preview banner (overrides/main.html)."""
    context["content_errors"] = _state["errors"]
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


# A dirty rebuild (`make serve` after a save) of a site bigger than this keeps the search
# index it had: indexing re-reads every page (city scale: ≈ 8–10 s) for a few edits.
PREVIEW_REINDEX_MAX_PAGES = 2_000


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
        return  # `python -m build_tools site` indexes the whole site itself (site.py)
    share_cards.publish(Paths().cards, site_dir)  # kept out of docs/ (progress/cards.py)
    if _state["dirty"] and (site_dir / search.BUNDLE).is_dir():
        pages = sum(1 for _ in site_dir.rglob("*.html"))
        if pages > PREVIEW_REINDEX_MAX_PAGES:
            print(
                f"Bản xem trước có {pages} trang: ô tìm kiếm giữ chỉ mục của lần dựng đầu "
                "(chạy lại make serve để cập nhật tìm kiếm).",
                file=sys.stderr,
                flush=True,
            )
            return
    try:
        search.index_site(site_dir)
    except OSError as exc:  # a page that cannot be read or an index file not written
        raise PluginError(f"Tạo chỉ mục tìm kiếm thất bại: {exc}") from exc
    if _state["command"] == "build":  # not in the preview: it waits for no archive
        offline.write(site_dir)
