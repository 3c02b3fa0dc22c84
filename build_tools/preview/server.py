"""The preview's HTTP server: the rendered folder on 127.0.0.1, pages as they are sent.

Each HTML page gets, on its way out (never in the files): the content-error banner, when
there are errors, and a small livereload script that long-polls WAIT and reloads the page
when the preview's version changes (after a rebuild, or a restart of the process).
"""

from __future__ import annotations

import http.server
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

log = logging.getLogger("build_tools.preview")

WAIT = "/_xem-truoc/doi"  # long poll: answers the version once it differs from ?v=
WAIT_SECONDS = 25.0
HISTORY = 1000  # versions remembered with the pages they changed
BANNER = "Nội dung có lỗi — bản xem trước đang giữ bản hợp lệ gần nhất:"
ANNOUNCE = '<div data-md-component="announce">'  # Material's banner slot (base.html)
INNER = '<div class="md-banner__inner md-grid md-typeset">'
BUILDING = (
    '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Đang dựng bản xem trước'
    "</title><p>Đang dựng bản xem trước… trang sẽ tự tải lại khi xong.</p></html>"
)
SCRIPT = (
    "<script>(function(){{var v={version!r};function p(){{"
    'fetch("{wait}?v="+encodeURIComponent(v)+"&p="+encodeURIComponent(location.pathname),'
    '{{cache:"no-store"}})'
    ".then(function(r){{return r.text()}})"
    ".then(function(t){{if(t&&t!==v){{location.reload()}}else{{p()}}}})"
    ".catch(function(){{setTimeout(p,1000)}})}}p()}})();</script>"
)


class State:
    """What the server shows: the site folder, the errors, the version and which pages
    each version changed, shared with the watch thread (which changes them) under one
    condition variable; and which pages are open in a browser (waiting on WAIT)."""

    def __init__(self, boot: str) -> None:
        self.changed = threading.Condition()
        self.boot = boot
        self.count = 0
        self.site_dir: Path | None = None
        self.errors = ""
        self.history: list[tuple[int, frozenset[str] | None]] = []  # None: every page
        self.open: Counter[str] = Counter()

    @property
    def version(self) -> str:
        return f"{self.boot}-{self.count}"

    def publish(self, site_dir: Path, errors: str, pages: Iterable[str] | None = None) -> None:
        """New pages are written (site-relative paths; None: all of them): the browsers
        showing one of them reload; a new folder or new errors reload every page."""
        with self.changed:
            every = pages is None or errors != self.errors or site_dir != self.site_dir
            self.site_dir, self.errors = site_dir, errors
            self.count += 1
            self.history.append((self.count, None if every else frozenset(pages or ())))
            del self.history[:-HISTORY]
            self.changed.notify_all()

    def open_pages(self) -> frozenset[str]:
        """Pages a browser shows now (site-relative, e.g. tien-do/index.html)."""
        with self.changed:
            return frozenset(self.open)

    def wait(self, seen: str, page: str) -> str:
        """The version, as soon as a version after `seen` changed `page` (or after
        WAIT_SECONDS: `seen` again)."""

        def due() -> bool:
            boot, _, number = seen.rpartition("-")
            if boot != self.boot or not number.isdigit():
                return True  # a page of another run of the preview
            after = int(number)
            if self.history and self.history[0][0] > after + 1:
                return True  # older than the history kept
            return any(n > after and (p is None or page in p) for n, p in self.history)

        with self.changed:
            self.open[page] += 1
            try:
                due_now = self.changed.wait_for(due, timeout=WAIT_SECONDS)
                return self.version if due_now else seen
            finally:
                self.open[page] -= 1
                if not self.open[page]:
                    del self.open[page]


def site_page(pathname: str) -> str:
    """A browser's location.pathname as the site-relative file it shows."""
    rel = unquote(pathname).lstrip("/")
    return f"{rel}index.html" if rel == "" or rel.endswith("/") else rel


def decorate(html: str, errors: str, version: str) -> str:
    """A page as the preview sends it: banner (when errors) and the livereload script."""
    if errors:
        html = _with_banner(html, errors)
    script = SCRIPT.format(version=version, wait=WAIT)
    at = html.rfind("</body>")
    return html[:at] + script + html[at:] if at >= 0 else html + script


def _with_banner(html: str, errors: str) -> str:
    """The errors in Material's banner: inside the (CSS-hidden while empty) banner that
    overrides/main.html's announce block leaves on every page, else in a new one."""
    banner = (
        f'<div class="content-errors" role="alert"><strong>{BANNER}</strong>'
        f"<pre>{escape(errors)}</pre></div>"
    )
    slot = html.find(ANNOUNCE)
    if slot < 0:
        return html
    inner = html.find(INNER, slot, slot + 500)
    if inner >= 0:
        at = inner + len(INNER)
        return html[:at] + banner + html[at:]
    at = slot + len(ANNOUNCE)
    return f'{html[:at]}<aside class="md-banner">{INNER}{banner}</div></aside>{html[at:]}'


class Handler(http.server.SimpleHTTPRequestHandler):
    """Files of the current site folder; HTML decorated; WAIT answered."""

    state: State

    def __init__(self, *args: Any, state: State, **kwargs: Any) -> None:
        self.state = state
        folder = state.site_dir or Path(".")
        super().__init__(*args, directory=str(folder), **kwargs)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == WAIT:
            query = parse_qs(url.query)
            seen, page = query.get("v", [""])[0], site_page(query.get("p", ["/"])[0])
            self._send(200, "text/plain; charset=utf-8", self.state.wait(seen, page).encode())
            return
        if self.state.site_dir is None:
            page = decorate(BUILDING, "", self.state.version)
            self._send(503, "text/html; charset=utf-8", page.encode("utf-8"))
            return
        file = Path(self.translate_path(self.path))
        if file.is_dir() and url.path.endswith("/"):
            file = file / "index.html"
        if file.suffix == ".html":
            self._send_page(file)
            return
        super().do_GET()

    def _send_page(self, file: Path) -> None:
        status = 200
        if not file.is_file():
            status, file = 404, Path(self.directory) / "404.html"
        try:
            html = file.read_text(encoding="utf-8")
        except OSError:
            html = "<!doctype html><title>404</title><p>Không có trang này.</p>"
        page = decorate(html, self.state.errors, self.state.version)
        self._send(status, "text/html; charset=utf-8", page.encode("utf-8"))

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload always shows the last build
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)


def start(state: State, port: int) -> http.server.ThreadingHTTPServer:
    """Listen on 127.0.0.1:`port` (only this machine) in a daemon thread."""
    handler: Callable[..., Handler] = partial(Handler, state=state)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="preview-http", daemon=True).start()
    return server
