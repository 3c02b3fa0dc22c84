"""`python -m build_tools serve`: start, then one rebuild per save, until Ctrl-C.

First start: check content, write docs/, one full MkDocs build into .preview/site-<boot>/
(the folder of the last run is served meanwhile), then the search index. Each save then
rebuilds only what it touched (session.py, render.py); a code edit (build_tools/,
overrides/, mkdocs.yml) restarts the process.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from build_tools.paths import Paths
from build_tools.preview import watch
from build_tools.preview.render import Renderer
from build_tools.preview.server import State, start
from build_tools.preview.session import Session
from build_tools.preview.watch import Batch
from build_tools.search import LiveIndex

log = logging.getLogger("build_tools.preview")
PREVIEW = ".preview"  # git-ignored: the rendered preview, never published
CURRENT = "current"  # names the last folder a full build finished
FAILED = "Dựng bản xem trước thất bại (lưu lại tệp sau khi sửa, hoặc chạy lại make serve):"
REST_CHUNK = 25  # files made, written and rendered between two looks for a newer save
MKDOCS_NOTE = "Cảnh báo của MkDocs (bản dựng chính thức sẽ dừng vì chúng):"


def serve(port: int, debug: bool = False) -> int:
    """Serve the preview on 127.0.0.1:`port` and rebuild on every save."""
    _logging(debug)
    paths = Paths()
    folder = paths.root / PREVIEW
    boot = secrets.token_hex(4)
    state = State(boot)
    state.site_dir = _last_site(folder)  # shown while this process builds
    server = start(state, port)
    print(f"Bản xem trước: http://127.0.0.1:{port}/ (Ctrl-C để dừng)", flush=True)
    preview = Preview(paths, Renderer(paths, folder / f"site-{boot}"), state)
    stop = threading.Event()
    saves = watch.start(paths, preview.session.generated, stop)  # saves during the start too
    try:
        preview.first_build()
        while True:
            batch = watch.next_batch(saves)
            if batch.code:
                server.server_close()
                _restart(batch)
            preview.safely(batch, lambda: not saves.empty())
    except KeyboardInterrupt:
        stop.set()
    return 0


class Preview:
    """The session, its renderer and what the server shows, rebuilt together."""

    def __init__(self, paths: Paths, renderer: Renderer, state: State) -> None:
        self.paths = paths
        self.session = Session(paths)
        self.renderer = renderer
        self.state = state
        self.searcher = Reindexer()

    def first_build(self) -> None:
        """Check, write docs/, build everything; with broken content, placeholders."""
        started = time.perf_counter()
        self.session.start(self.renderer.nav())
        checked = time.perf_counter()
        self.renderer.full()
        log.debug("MkDocs (full): %.2f s", time.perf_counter() - checked)
        self._publish()
        _keep_only(self.renderer.site_dir)
        log.info("Đã dựng bản xem trước trong %.1f s.", time.perf_counter() - started)
        _reindex(self, None)

    def safely(self, batch: Batch, waiting: Callable[[], bool] = lambda: False) -> None:
        """`rebuild`, and a failure of it shown in the banner: the server keeps running.
        `waiting`: whether another save is waiting (the rebuild then stops early)."""
        try:
            self.rebuild(batch, waiting)
        except Exception:
            failure = traceback.format_exc()
            print(failure, file=sys.stderr, flush=True)
            self.state.publish(self.renderer.site_dir, f"{FAILED}\n{failure}")

    def rebuild(self, batch: Batch, waiting: Callable[[], bool] = lambda: False) -> None:
        """One save: content checked, the open pages' files written and rendered first
        (browsers told at once), then every other file the save changed."""
        started = time.perf_counter()
        written, removed = [], []
        open_pages = self.state.open_pages()
        if batch.content:
            first = not self.session.keys
            changes = self.session.update(None if first else sources_of(open_pages))
            if changes is None:
                self._publish()
                return
            if first:  # the first good content of this process: build it all
                self.renderer.full()
                self._publish()
                _reindex(self, None)
                return
            written, removed = changes.written, changes.removed
        for rel in batch.docs:
            (written if (self.paths.docs / rel).exists() else removed).append(rel)
        site_dir, errors = self.renderer.site_dir, self.session.errors

        def shown(files: list[str]) -> None:  # open pages reload as soon as they are written
            self.state.publish(site_dir, errors, files)
            log.debug("%d files shown at %.2f s", len(files), time.perf_counter() - started)

        pages = self.renderer.update(written, removed, open_pages, shown)
        while self.session.left():
            if waiting():  # a newer save first; what is left stays to do (its old keys)
                log.info("Lưu mới: %d tệp còn lại dựng sau lần lưu đó.", self.session.left())
                break
            rest = self.session.rest(REST_CHUNK)
            if rest.written:
                more = self.renderer.update(rest.written, [], open_pages, shown)
                pages = None if pages is None or more is None else pages + more
        log.debug("MkDocs and the rest: %.2f s", time.perf_counter() - started)
        self._publish(pages)
        count = "mọi" if pages is None else str(len(pages))
        log.info("Đã cập nhật %s trang trong %.2f s.", count, time.perf_counter() - started)
        _reindex(self, pages)

    def _publish(self, pages: list[str] | None = None) -> None:
        """Show the new pages (site-relative; None: all) and errors; open pages reload."""
        errors = self.session.errors
        if errors:
            print(
                f"\nLỗi nội dung (trang xem trước giữ bản hợp lệ gần nhất):\n{errors}\n",
                file=sys.stderr,
                flush=True,
            )
        warnings = self.renderer.warnings
        if warnings:
            note = "\n".join([MKDOCS_NOTE, *warnings])
            print(note, file=sys.stderr, flush=True)
            errors = f"{errors}\n\n{note}" if errors else note
        self.state.publish(self.renderer.site_dir, errors, pages)


def sources_of(pages: frozenset[str]) -> frozenset[str]:
    """The docs/ files that may be the source of these site pages (site-relative, e.g.
    tien-do/index.html <- tien-do/index.md or tien-do.md)."""
    found: set[str] = set()
    for page in pages:
        folder = page.removesuffix("index.html").rstrip("/")
        found.add(f"{folder}/index.md" if folder else "index.md")
        if folder:
            found.add(f"{folder}.md")
    return frozenset(found)


def _reindex(preview: Preview, changed_pages: list[str] | None) -> None:
    """Bring the search index up to the pages just written (site-relative paths; None:
    every page), in the background: the pages are shown first."""
    preview.searcher.request(preview.renderer.site_dir, changed_pages)


class Reindexer:
    """The site's search index kept in memory (search.LiveIndex) and brought up to each
    save's pages by one background thread: only those pages are read again and only the
    index files whose content changes are written. A full render builds it again."""

    def __init__(self) -> None:
        self.live: LiveIndex | None = None
        self.site_dir: Path | None = None
        self.pages: set[str] | None = set()  # waiting to be indexed; None: every page
        self.lock = threading.Lock()
        self.running = False

    def request(self, site_dir: Path, pages: list[str] | None) -> None:
        with self.lock:
            if pages is None or self.pages is None or site_dir != self.site_dir:
                self.pages = None
            else:
                self.pages.update(pages)
            self.site_dir = site_dir
            if self.running:
                return
            self.running = True
        threading.Thread(target=self._run, name="preview-search", daemon=True).start()

    def _run(self) -> None:
        while True:
            with self.lock:
                site_dir, pages = self.site_dir, self.pages
                self.pages = set()
                if site_dir is None or pages == set():
                    self.running = False
                    return
            started = time.perf_counter()
            try:
                self._index(site_dir, pages)
            except (OSError, ValueError, KeyError, IndexError) as exc:
                self.live = None  # half updated: built again on the next save
                print(f"Tạo chỉ mục tìm kiếm thất bại: {exc}", file=sys.stderr, flush=True)
                continue
            log.info("Chỉ mục tìm kiếm đã cập nhật (%.2f s).", time.perf_counter() - started)

    def _index(self, site_dir: Path, pages: set[str] | None) -> None:
        live = self.live
        if pages is None or live is None or live.site_dir != site_dir:
            self.live = LiveIndex.build(site_dir)
            return
        live.update({page: _read(site_dir / page) for page in sorted(pages)})


def _read(page: Path) -> str | None:
    """A page's HTML, or None when the save removed it."""
    try:
        return page.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _restart(batch: Batch) -> None:
    """Code changed: the simplest correct thing, a new process (same arguments)."""
    shown = ", ".join(batch.code[:3]) + ("…" if len(batch.code) > 3 else "")
    print(f"Mã nguồn hoặc giao diện thay đổi ({shown}): khởi động lại bản xem trước.", flush=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


def _last_site(folder: Path) -> Path | None:
    """The folder the last run finished, served until this run's first build is done."""
    marker = folder / CURRENT
    if not marker.exists():
        return None
    site = folder / marker.read_text(encoding="utf-8").strip()
    return site if site.is_dir() else None


def _keep_only(site_dir: Path) -> None:
    """Name `site_dir` current and remove older runs' folders."""
    folder = site_dir.parent
    (folder / CURRENT).write_text(site_dir.name, encoding="utf-8")
    for old in folder.glob("site-*"):
        if old != site_dir:
            shutil.rmtree(old, ignore_errors=True)


def _logging(debug: bool) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.DEBUG if debug else logging.INFO)
    log.propagate = False
