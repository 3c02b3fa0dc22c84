"""Issue 7: `make serve` refreshes on every content edit and shows content errors.

A real `python -m mkdocs serve` runs in a project copy on a free localhost port; the test
edits content/site.yml and watches the page change over HTTP.
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

from tests.helpers import TEST_AS_OF, copy_project

TIMEOUT = 90.0  # the first build of a 148-task site under a loaded CI machine
SERVE = (sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty")  # as `make serve`
BANNER = "Nội dung có lỗi — bản xem trước đang giữ bản hợp lệ gần nhất:"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, predicate: Callable[[str], bool], server: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + TIMEOUT
    page = ""
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        page = _get(url)
        if predicate(page):
            return page
        time.sleep(0.3)
    raise AssertionError(f"no matching page within {TIMEOUT}s; last page:\n{page[-2000:]}")


def _mkdocs_env() -> dict[str, str]:
    """MkDocs as an editor runs it: the build date from the data, no edit links."""
    env = {k: v for k, v in os.environ.items() if k not in {"SOURCE_DATE_EPOCH", "REPO_URL"}}
    return {**env, "NO_MKDOCS_2_WARNING": "1"}


@contextlib.contextmanager
def _serve(project: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = _free_port()
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [*SERVE, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=_mkdocs_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        yield f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str], Path]]:
    project = copy_project(tmp_path / "p")
    log = tmp_path / "serve.log"
    with _serve(project, log) as (url, server):
        yield project, url, server, log


STALE = "so_ngay_lau_chua_cap_nhat"


def _set_stale_days(project: Path, value: str) -> None:
    """Edit the staleness threshold, which the dashboard states ("quá N ngày")."""
    config = project / "content" / "site.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text(
        "".join(f"{STALE}: {value}\n" if ln.startswith(f"{STALE}:") else ln for ln in lines),
        encoding="utf-8",
    )


@pytest.mark.slow
def test_serve_refreshes_on_edit_and_survives_errors(
    preview: tuple[Path, str, subprocess.Popen[str], Path],
) -> None:
    project, url, server, log = preview
    dashboard = f"{url}tien-do/"
    _wait_for(url, lambda page: "Tình trạng tính đến ngày 24/10/2025" in page, server)

    _set_stale_days(project, "1")
    _wait_for(dashboard, lambda page: "quá 1 ngày)" in page, server)

    _set_stale_days(project, "0")
    page = _wait_for(dashboard, lambda page: BANNER in page, server)
    assert "quá 1 ngày)" in page  # the last good pages stay
    banner = BeautifulSoup(page, "html.parser").select_one(".content-errors pre")
    assert banner is not None
    assert banner.get_text().splitlines() == [
        f'content/site.yml:10:1: trường "{STALE}": 0 không hợp lệ — phải là một số nguyên '
        "dương (số ngày), ví dụ 60",
        "Có 1 lỗi trong nội dung; trang web chưa được cập nhật.",
    ]
    assert "Lỗi nội dung (trang xem trước giữ bản hợp lệ gần nhất):" in log.read_text("utf-8")

    _set_stale_days(project, "2")
    page = _wait_for(dashboard, lambda page: "quá 2 ngày)" in page, server)
    assert BANNER not in page
    assert server.poll() is None


@pytest.mark.slow
def test_serve_refreshes_on_markdown_edit(
    preview: tuple[Path, str, subprocess.Popen[str], Path],
) -> None:
    project, url, server, _ = preview
    page_url = f"{url}van-ban/chi-thi-01-ct-tu/"
    _wait_for(page_url, lambda page: "Việc nghiên cứu, học tập" in page, server)
    source = project / "content" / "van-ban" / "chi-thi-01-ct-tu" / "noi-dung.md"
    text = source.read_text(encoding="utf-8")
    assert "Việc nghiên cứu, học tập" in text
    source.write_text(
        text.replace("Việc nghiên cứu, học tập", "Việc **nghiên cứu**, học tập"),
        encoding="utf-8",
    )
    _wait_for(page_url, lambda page: "Việc <strong>nghiên cứu</strong>, học tập" in page, server)


@pytest.mark.slow
def test_serve_picks_up_pipeline_code_edits(
    preview: tuple[Path, str, subprocess.Popen[str], Path],
) -> None:
    project, url, server, _ = preview
    _wait_for(url, lambda page: "Tìm theo cách của bạn" in page, server)
    template = project / "build_tools" / "templates" / "home.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("Tìm theo cách của bạn", "Cách tìm"), encoding="utf-8")
    module = project / "build_tools" / "render.py"
    code = module.read_text(encoding="utf-8")
    module.write_text(
        code.replace('return value.strftime("%d/%m/%Y")', 'return value.strftime("%d-%m-%Y")'),
        encoding="utf-8",
    )
    _wait_for(url, lambda page: "Cách tìm" in page and "24-10-2025" in page, server)


@pytest.mark.slow
def test_serve_starts_even_when_content_is_broken(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    _set_stale_days(project, "0")
    with _serve(project, tmp_path / "serve.log") as (url, server):
        page = _wait_for(url, lambda page: BANNER in page, server)
        assert "Nội dung đang có lỗi nên trang này chưa được tạo" in page
        _set_stale_days(project, "60")
        # (the status date is also on the error page: its print line says it)
        page = _wait_for(
            url,
            lambda page: BANNER not in page and "Tình trạng tính đến ngày 24/10/2025" in page,
            server,
        )
        assert "Nội dung đang có lỗi nên trang này chưa được tạo" not in page


def _mkdocs_dirty_build(project: Path, site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "--site-dir", str(site)],
        cwd=project,
        env=_mkdocs_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr  # strict, dirty notice ok


@pytest.mark.slow
def test_dirty_rebuild_renders_only_the_pages_an_edit_changed(tmp_path: Path) -> None:
    """What `make serve` does after an edit: the edited task's pages, not all 98."""
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    _mkdocs_dirty_build(project, site)  # the first build renders everything
    # the MkDocs door computes statuses for AS_OF too (set for the suite in conftest.py)
    dashboard = (site / "tien-do" / "index.html").read_text("utf-8")
    assert f'data-as-of="{TEST_AS_OF}"' in dashboard
    pages = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    tasks = project / "content" / "tien-do" / "nhiem-vu" / "chi-thi-01-ct-tu.yml"
    text = tasks.read_text(encoding="utf-8")
    at = text.index("  ten: ") + len("  ten: ")
    tasks.write_text(text[:at] + "(sửa) " + text[at:], encoding="utf-8")
    _mkdocs_dirty_build(project, site)
    changed = sorted(
        p.relative_to(site).as_posix()
        for p, before in pages.items()
        if p.stat().st_mtime_ns != before
    )
    assert "tien-do/index.html" in changed
    assert "tien-do/nhiem-vu/ct01-1/index.html" in changed
    assert "(sửa) " in (site / "tien-do" / "nhiem-vu" / "ct01-1" / "index.html").read_text("utf-8")
    assert "huong-dan/index.html" not in changed
    assert 0 < len(changed) < len(pages) // 4
