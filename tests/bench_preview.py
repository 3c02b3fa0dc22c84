"""What an editor waits for in `make serve`: from saving a file until a GET of the page
it changes returns the new words (the median of three saves), in a running preview.

Called by tests/bench.py for each scale; alone:
    python -m tests.bench_preview PROJECT   (a project copy with content, e.g. bench-out/city)
A script that prints figures (never a timed test).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from build_tools.preview import server
from tests.helpers import ROOT

SAVES = 3
START_TIMEOUT = 1800.0  # the first build at city scale on a loaded machine
SAVE_TIMEOUT = 900.0
READY = "Đã dựng bản xem trước"
INDEXED = "Chỉ mục tìm kiếm đã cập nhật"
RUN = secrets.token_hex(2) + "-"  # new words in every run, on content edited before
UPDATED = "Đã cập nhật "  # the end of a rebuild


Apply = Callable[[int], str]  # makes the n-th edit; returns the new words


@dataclass(frozen=True)
class Edit:
    """One kind of save: `apply(n)` edits a file; `page` (site path) then shows the new
    words it returns."""

    name: str
    page: str
    apply: Apply


def _replace_first(file: Path, pattern: str, make: Callable[[re.Match[str]], str]) -> str:
    text = file.read_text(encoding="utf-8")
    found = re.search(pattern, text, re.M)
    if found is None:
        raise LookupError(pattern)
    new = make(found)
    file.write_text(text[: found.start()] + new + text[found.end() :], encoding="utf-8")
    return found.group(0)


def _task_title(project: Path) -> tuple[str, Apply]:
    file = sorted((project / "content/tien-do/nhiem-vu").glob("*.yml"))[0]
    task = re.search(r"^- id: (\S+)", file.read_text(encoding="utf-8"), re.M)
    assert task is not None
    page = f"tien-do/nhiem-vu/{task.group(1).lower()}/"

    def apply(n: int) -> str:
        _replace_first(file, r"^  ten: ", lambda m: f"{m.group(0)}(sửa {RUN}{n}) ")
        return f"(sửa {RUN}{n}) "

    return page, apply


def _report(project: Path) -> tuple[str, Apply] | None:
    """Append a report (reports are append-only) like the file's last one, new words."""
    folder = project / "content/tien-do/cap-nhat"
    entry = re.compile(r"^- nhiem_vu: (\S+)\n(?:  .*\n)*", re.M)
    found = [
        (f, m) for f in sorted(folder.glob("*.yml")) for m in entry.finditer(f.read_text("utf-8"))
    ]
    if not found:
        return None  # no report in this content (1×)
    file, last = found[-1]
    page = f"tien-do/nhiem-vu/{last.group(1).lower()}/"
    block = re.sub(r"(?m)^  tom_tat: .*$", "  tom_tat: {words}", last.group(0))

    def apply(n: int) -> str:
        words = f"(báo cáo mới {RUN}{n})"
        text = file.read_text(encoding="utf-8")
        file.write_text(text.rstrip("\n") + "\n" + block.format(words=words), encoding="utf-8")
        return words

    return page, apply


def _unit(project: Path) -> tuple[str, Apply]:
    """Rename a unit; its old name stays one of its names (`ten_khac`), which the
    quotes of its tasks must contain."""
    file = project / "content/tien-do/don-vi/don-vi.yml"
    found = re.search(
        r"^- id: (\S+)\n  ten: (.*)\n(?!(?:  .*\n)*?  ten_khac:)", file.read_text("utf-8"), re.M
    )
    assert found is not None, f"every unit of {file} has ten_khac"
    unit, name = found.group(1), found.group(2)
    page = f"tien-do/don-vi/{unit}/"

    def apply(n: int) -> str:
        pattern = rf"^- id: {re.escape(unit)}\n  ten: .*\n"
        alias = f"  ten_khac:\n    - {name}\n" if n == 1 else ""
        _replace_first(
            file, pattern, lambda m: f"- id: {unit}\n  ten: (đơn vị sửa {RUN}{n}) {name}\n{alias}"
        )
        return f"(đơn vị sửa {RUN}{n}) "

    return page, apply


def _document(project: Path) -> tuple[str, Apply]:
    """Bold one more word of the first paragraph: new markup, the same words (the
    fidelity gate compares a document's words with its original)."""
    folder = sorted(p for p in (project / "content/van-ban").iterdir() if p.is_dir())[0]
    file = folder / "noi-dung.md"
    page = f"van-ban/{folder.name}/"

    def apply(n: int) -> str:
        text = file.read_text(encoding="utf-8")
        found = re.search(r"^(?![#>|*\-\s\d{])([^\W\d_]{3,})( [^\W\d_]+){3}", text, re.M)
        assert found is not None, f"no plain paragraph left in {file}"
        word, rest = found.group(1), found.group(0)[len(found.group(1)) :]
        file.write_text(
            f"{text[: found.start()]}**{word}**{text[found.start() + len(word) :]}",
            encoding="utf-8",
        )
        return f"<strong>{word}</strong>{rest}"

    return page, apply


def _topic(project: Path) -> tuple[str, Apply]:
    file = project / "content/topics.yml"
    topic = re.search(r"^  - ma: (\S+)", file.read_text(encoding="utf-8"), re.M)
    assert topic is not None
    page = f"chu-de/{topic.group(1)}/"

    def apply(n: int) -> str:
        _replace_first(file, r"^    ten: ", lambda m: f"{m.group(0)}(chủ đề sửa {RUN}{n}) ")
        return f"(chủ đề sửa {RUN}{n}) "

    return page, apply


EDITS = (
    "task title (nhiem-vu/*.yml)",
    "report (cap-nhat/*.yml)",
    "unit (don-vi.yml)",
    "document (noi-dung.md)",
    "topic (topics.yml)",
)


def edits(project: Path) -> list[Edit]:
    """The saves measured: a task title, a report, a unit, a document, a topic (a report
    only when the content has one)."""
    made = (_task_title, _report, _unit, _document, _topic)
    kinds = zip(EDITS, (make(project) for make in made), strict=True)
    return [Edit(name, *edit) for name, edit in kinds if edit is not None]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_log(log: Path, words: str, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while log.read_text(encoding="utf-8").count(words) < count:
        if time.monotonic() > deadline:
            raise SystemExit(f"no “{words}” in {log} after {timeout:.0f} s")
        time.sleep(0.2)


@contextmanager
def make_serve(project: Path, log: Path) -> Iterator[str]:
    """`make serve PORT=…` in `project` (the repository's virtualenv); its base URL."""
    for name in ("Makefile", "requirements"):  # copy2: keeps times, so no reinstall
        src, dest = ROOT / name, project / name
        if src.is_dir():
            shutil.copytree(src, dest, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dest)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    command = ["make", "--no-print-directory", "serve", f"PORT={port}", f"VENV={ROOT / '.venv'}"]
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [*command, "SERVE_FLAGS=--debug"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_log(log, READY, 1, START_TIMEOUT)
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@contextmanager
def _open_in_browser(base: str, page: str) -> Iterator[None]:
    """Keep `page` open as a browser with the livereload script does: a long poll
    naming it is waiting (the preview renders open pages first)."""
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            found = re.search(r"var v='([^']+)'", _get(base + page))
            version = found.group(1) if found else ""
            query = urllib.parse.urlencode({"v": version, "p": "/" + page})
            _get(f"{base}{server.WAIT.lstrip('/')}?{query}")

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    time.sleep(0.5)
    try:
        yield
    finally:
        stop.set()


def _save_and_wait(base: str, edit: Edit, n: int) -> float:
    started = time.perf_counter()
    page, words = edit.page, edit.apply(n)
    deadline = started + SAVE_TIMEOUT
    while words not in _get(base + page):
        if time.perf_counter() > deadline:
            raise SystemExit(f"{base + page} never showed “{words}”")
        time.sleep(0.02)
    return time.perf_counter() - started


def measure(project: Path, log: Path) -> dict[str, float | None]:
    """Median seconds from save to the new words, per kind of save (None: not in this
    content). The page is open as in a browser (a livereload long poll names it). The
    search index follows each save in the background, as for an editor: not waited for;
    the rest of the rebuild (pages not open) is, before the next save."""
    results: dict[str, float | None] = dict.fromkeys(EDITS)
    with make_serve(project, log) as base:
        _wait_log(log, INDEXED, 1, START_TIMEOUT)
        for edit in edits(project):
            times = []
            for n in range(1, SAVES + 1):
                rebuilt = log.read_text(encoding="utf-8").count(UPDATED)
                with _open_in_browser(base, edit.page):
                    times.append(_save_and_wait(base, edit, n))
                _wait_log(log, UPDATED, rebuilt + 1, SAVE_TIMEOUT)  # the rest of the rebuild
            results[edit.name] = statistics.median(times)
            print(f"  {edit.name}: {', '.join(f'{t:.2f}' for t in times)} s", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("project", type=Path)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop `make serve` too
    os.environ.setdefault("AS_OF", "2026-06-30")
    results = measure(args.project.resolve(), args.project.resolve() / "serve.log")
    for name, seconds in results.items():
        print(f"{name}: {'—' if seconds is None else f'{seconds:.2f} s'}")
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
