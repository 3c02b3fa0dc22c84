"""`make serve` (build_tools/preview/): refresh on every save, only what it touched.

A real `python -m build_tools serve` runs in a project copy on a free localhost port; the
tests edit content (and code) there and watch the pages change over HTTP.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.paths import Paths
from build_tools.preview import app, server, watch
from tests.helpers import copy_project, html_pages

TIMEOUT = 90.0  # the first build of a 148-task site under a loaded CI machine
SERVE = (sys.executable, "-m", "build_tools", "serve", "--debug")  # as `make serve`
BANNER = "Nội dung có lỗi — bản xem trước đang giữ bản hợp lệ gần nhất:"
UPDATED = "Đã cập nhật "  # one line per rebuild in the server's log
STATUS_DATE = "Tình trạng tính đến ngày 24/10/2025"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, predicate: Callable[[str], bool], process: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + TIMEOUT
    page = ""
    while time.monotonic() < deadline:
        assert process.poll() is None, "the preview stopped"
        page = _get(url)
        if predicate(page):
            return page
        time.sleep(0.3)
    raise AssertionError(f"no matching page within {TIMEOUT}s; last page:\n{page[-2000:]}")


def _env() -> dict[str, str]:
    """As an editor runs it: the build date from the data, no edit links."""
    env = {k: v for k, v in os.environ.items() if k not in {"SOURCE_DATE_EPOCH", "REPO_URL"}}
    return {**env, "NO_MKDOCS_2_WARNING": "1"}


@contextlib.contextmanager
def _serve(project: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = _free_port()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [*SERVE, "--port", str(port)],
            cwd=project,
            env=_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        yield f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str], Path]]:
    project = copy_project(tmp_path / "p")
    log = tmp_path / "serve.log"
    with _serve(project, log) as (url, process):
        _wait_for(url, lambda page: STATUS_DATE in page, process)
        yield project, url, process, log


STALE = "so_ngay_lau_chua_cap_nhat"


def _set_stale_days(project: Path, value: str) -> None:
    """Edit the staleness threshold, which the dashboard states ("quá N ngày")."""
    config = project / "content" / "site.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text(
        "".join(f"{STALE}: {value}\n" if ln.startswith(f"{STALE}:") else ln for ln in lines),
        encoding="utf-8",
    )


def _rebuilds(log: Path) -> int:
    return log.read_text(encoding="utf-8").count(UPDATED)


def _site_dir(project: Path) -> Path:
    folder = project / app.PREVIEW
    return folder / (folder / app.CURRENT).read_text(encoding="utf-8").strip()


@pytest.mark.slow
def test_serve_refreshes_on_edit_and_survives_errors(
    preview: tuple[Path, str, subprocess.Popen[str], Path],
) -> None:
    project, url, process, log = preview
    dashboard = f"{url}tien-do/"

    _set_stale_days(project, "1")
    _wait_for(dashboard, lambda page: "quá 1 ngày)" in page, process)

    _set_stale_days(project, "0")
    page = _wait_for(dashboard, lambda page: BANNER in page, process)
    assert "quá 1 ngày)" in page  # the last good pages stay
    banner = BeautifulSoup(page, "html.parser").select_one(".content-errors pre")
    assert banner is not None
    assert banner.get_text().splitlines() == [
        f'content/site.yml:10:1: trường "{STALE}": 0 không hợp lệ — phải là một số nguyên '
        "dương (số ngày), ví dụ 60",
        "Có 1 lỗi trong nội dung; trang web chưa được cập nhật.",
    ]
    assert BANNER in _get(f"{url}huong-dan/")  # on every page
    assert "Lỗi nội dung (trang xem trước giữ bản hợp lệ gần nhất):" in log.read_text("utf-8")

    _set_stale_days(project, "2")
    page = _wait_for(dashboard, lambda page: "quá 2 ngày)" in page, process)
    assert BANNER not in page
    assert process.poll() is None


@pytest.mark.slow
def test_serve_refreshes_on_markdown_edit(
    preview: tuple[Path, str, subprocess.Popen[str], Path],
) -> None:
    project, url, process, _ = preview
    page_url = f"{url}van-ban/chi-thi-01-ct-tu/"
    assert "Việc nghiên cứu, học tập" in _get(page_url)
    source = project / "content" / "van-ban" / "chi-thi-01-ct-tu" / "noi-dung.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("Việc nghiên cứu, học tập", "Việc **nghiên cứu**, học tập"),
        encoding="utf-8",
    )
    _wait_for(page_url, lambda page: "Việc <strong>nghiên cứu</strong>, học tập" in page, process)


def _wait_for_vocabulary(site: Path, term: str, process: subprocess.Popen[str]) -> None:
    """Until the preview's search index lists `term` (folded) among its words."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, "the preview stopped"
        words = [v.read_text(encoding="utf-8") for v in site.glob("search-index/**/v.txt")]
        if any(term in text.split() for text in words):
            return
        time.sleep(0.3)
    raise AssertionError(f"{term!r} is not in the preview's search index")


@pytest.mark.slow
def test_a_save_renders_only_the_pages_it_touched_once(
    preview: tuple[Path, str, subprocess.Popen[str], Path],
) -> None:
    """A task title: its own page, the lists that show it; one rebuild, not two; the
    search index follows (the new word reaches its vocabulary)."""
    project, url, process, log = preview
    site = _site_dir(project)
    _wait_for_vocabulary(site, "thuong", process)  # the first index is written
    pages = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    before = _rebuilds(log)
    tasks = project / "content" / "tien-do" / "nhiem-vu" / "chi-thi-01-ct-tu.yml"
    text = tasks.read_text(encoding="utf-8")
    at = text.index("  ten: ") + len("  ten: ")
    tasks.write_text(text[:at] + "(sửa) Quyzkhánh " + text[at:], encoding="utf-8")
    _wait_for(f"{url}tien-do/nhiem-vu/ct01-1/", lambda page: "(sửa) " in page, process)
    _wait_for_vocabulary(site, "quyzkhanh", process)
    time.sleep(1.0)  # a second rebuild, woken by the pipeline's own writes, would show now
    assert _rebuilds(log) == before + 1
    changed = sorted(
        p.relative_to(site).as_posix()
        for p, mtime in pages.items()
        if p.stat().st_mtime_ns != mtime
    )
    assert "tien-do/index.html" in changed
    assert "tien-do/nhiem-vu/ct01-1/index.html" in changed
    assert "huong-dan/index.html" not in changed
    assert "tien-do/nhiem-vu/ct01-2/index.html" not in changed
    assert 0 < len(changed) < len(pages) // 4


@pytest.mark.slow
def test_serve_picks_up_pipeline_code_edits(
    preview: tuple[Path, str, subprocess.Popen[str], Path],
) -> None:
    project, url, process, log = preview
    assert "Tìm theo cách của bạn" in _get(url)
    template = project / "build_tools" / "templates" / "home.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("Tìm theo cách của bạn", "Cách tìm"), encoding="utf-8")
    module = project / "build_tools" / "render.py"
    code = module.read_text(encoding="utf-8")
    module.write_text(
        code.replace('return value.strftime("%d/%m/%Y")', 'return value.strftime("%d-%m-%Y")'),
        encoding="utf-8",
    )
    _wait_for(url, lambda page: "Cách tìm" in page and "24-10-2025" in page, process)
    assert "khởi động lại bản xem trước" in log.read_text(encoding="utf-8")


@pytest.mark.slow
def test_serve_starts_even_when_content_is_broken(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    _set_stale_days(project, "0")
    with _serve(project, tmp_path / "serve.log") as (url, process):
        page = _wait_for(url, lambda page: BANNER in page, process)
        assert "Nội dung đang có lỗi nên trang này chưa được tạo" in page
        _set_stale_days(project, "60")
        # (the status date is also on the error page: its print line says it)
        page = _wait_for(url, lambda page: BANNER not in page and STATUS_DATE in page, process)
        assert "Nội dung đang có lỗi nên trang này chưa được tạo" not in page


@pytest.mark.slow
def test_livereload_is_added_when_served_never_written(
    preview: tuple[Path, str, subprocess.Popen[str], Path], built_site: Path
) -> None:
    project, url, _, _ = preview
    assert server.WAIT in _get(url)
    assert server.WAIT in _get(f"{url}tien-do/nhiem-vu/ct01-1/")
    for site in (_site_dir(project), built_site):
        assert not [p for p in html_pages(site) if server.WAIT in p.read_text("utf-8")]


@pytest.mark.parametrize("slot", ["", f'<aside class="md-banner">{server.INNER}\n</div></aside>'])
def test_banner_goes_in_materials_slot_and_is_escaped(slot: str) -> None:
    page = f"<html><body>{server.ANNOUNCE}{slot}</div><main></main></body></html>"
    sent = server.decorate(page, 'content/a.yml:1:1: "<b>"', "v-1")
    soup = BeautifulSoup(sent, "html.parser")
    assert len(soup.select(".md-banner")) == 1
    assert soup.select_one(".md-banner .content-errors strong").get_text() == BANNER
    assert soup.select_one(".content-errors pre").get_text() == 'content/a.yml:1:1: "<b>"'
    assert sent.index(server.BANNER) < sent.index("<main>")
    assert sent.index(server.WAIT) < sent.index("</body>")
    assert server.BANNER not in server.decorate(page, "", "v-1")


def test_the_pipelines_own_writes_never_wake_the_preview(tmp_path: Path) -> None:
    paths = Paths(tmp_path)
    generated = frozenset({"tien-do/index.md", "tien-do"})
    docs, content = tmp_path / "docs", tmp_path / "content"
    assert watch.classify(paths, {str(docs / "tien-do/index.md")}, generated) is None
    assert watch.classify(paths, {str(docs / "tien-do")}, generated) is None
    assert watch.classify(paths, {str(docs / ".generated")}, generated) is None
    batch = watch.classify(
        paths, {str(docs / "huong-dan/index.md"), str(content / "site.yml")}, generated
    )
    assert batch == watch.Batch(content=True, code=[], docs=["huong-dan/index.md"])
    code = watch.classify(paths, {str(tmp_path / "overrides/main.html")}, generated)
    assert code == watch.Batch(content=False, code=["overrides/main.html"], docs=[])


def test_open_pages_reload_when_their_page_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "WAIT_SECONDS", 0.05)
    state = server.State("b")
    state.publish(tmp_path, "")
    state.publish(tmp_path, "", ["x/index.html"])
    assert state.wait("b-1", "y/index.html") == "b-1"  # not its page: no reload
    assert state.wait("b-1", "x/index.html") == "b-2"
    assert state.wait("a-7", "y/index.html") == "b-2"  # a page of an earlier run
    state.publish(tmp_path, "lỗi", ["x/index.html"])  # the banner is on every page
    assert state.wait("b-2", "y/index.html") == "b-3"
    assert server.site_page("/") == "index.html"
    assert server.site_page("/tien-do/nhiem-vu/ct01-1/") == "tien-do/nhiem-vu/ct01-1/index.html"


def test_open_pages_name_their_possible_sources() -> None:
    """The files a save makes first are those of the pages open in a browser."""
    assert app.sources_of(frozenset({"index.html"})) == {"index.md"}
    assert app.sources_of(frozenset({"tien-do/nhiem-vu/ct01-1/index.html"})) == {
        "tien-do/nhiem-vu/ct01-1/index.md",
        "tien-do/nhiem-vu/ct01-1.md",
    }
