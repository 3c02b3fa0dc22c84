"""Shared test helpers: isolated project copies, real builds, HTML parsing."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "content", "docs", "overrides", "build_tools")
IGNORED = shutil.ignore_patterns("__pycache__", ".generated", "*.pyc")
CHROMIUM = "/usr/bin/chromium"
# The status date every test build uses (AS_OF, set for the whole suite in conftest.py), so
# the same commit builds the same files on any day: the date of the newest source document.
TEST_AS_OF = "2025-10-24"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def copy_project(dest: Path) -> Path:
    """A throwaway copy of everything a build reads, so tests never race on docs/."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=IGNORED)
        else:
            shutil.copy2(src, dest / name)
    _drop_generated(dest)
    return dest


def _drop_generated(project: Path) -> None:
    manifest = ROOT / "docs" / ".generated"
    if manifest.exists():
        for rel in manifest.read_text(encoding="utf-8").split():
            (project / "docs" / rel).unlink(missing_ok=True)


def run_build_tools(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m build_tools ARGS` in a project copy, as an editor or CI would run it."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "build_tools", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def build_site(project: Path) -> Path:
    """Strict build of a project copy into its site/; fails the test with MkDocs' output."""
    result = run_build_tools(project, "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path, handler_class: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve a built site on localhost from a thread; yields "http://127.0.0.1:PORT/"."""
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']}))
    .violations.map(v => v.id + ': ' + v.nodes[0].target.join(' '))"""


def axe_violations(page: Any, base: str, urls: list[str]) -> dict[str, list[str]]:
    """WCAG 2 A/AA violations axe-core finds on each page (opened in a Playwright `page`)."""
    axe = AXE_SCRIPT.read_text(encoding="utf-8")
    found = {}
    for url in urls:
        page.goto(base + url)
        page.add_script_tag(content=axe)
        found[url] = page.evaluate(AXE_RUN)
    return found


def document_errors(project: Path) -> list[str]:
    """Every error the documents of `project` give, formatted as editors read them."""
    from build_tools import documents
    from build_tools.errors import ErrorSink
    from build_tools.paths import Paths

    sink = ErrorSink()
    documents.load(Paths(project), sink)
    return [e.format() for e in sorted(sink.errors)]


def edited_copy(tmp_path: Path, rel: str, old: str, new: str) -> Path:
    """A copy of the project with the first `old` in file `rel` replaced by `new`."""
    project = copy_project(tmp_path / "p")
    target = project / rel
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return project
