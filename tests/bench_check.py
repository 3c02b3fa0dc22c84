"""`make bench-check` (also run by `make bench`): `pipeline.check` called again in the same
process, as the preview does after every save.

For each scale, in a fresh process: the first check, a second one with nothing changed,
then one check after each kind of one-file save (a task title, a new report appended, a
unit's other name, a document's noi-dung.md, a topic's description), each save undone
and checked again (not timed) before the next; each save is made N times (`--runs`),
with its own bytes each time: the first time (the file's items validated for the first
time in this process) and the best are printed. A script that prints figures (never a
timed test). Usage:
    python -m tests.bench_check [--scales 1x,10x,city] [--runs N]
Project copies with synthetic content go to bench-out/check-<scale>/ (git-ignored; kept
and reused when present).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers import ROOT, copy_project
from tests.synthetic import AS_OF, SCALES, generate

OUT = ROOT / "bench-out"
EDIT = " (đã sửa lần {run})"  # each run its own bytes: a parse kept from before is no help


def _project(scale: str) -> Path:
    """bench-out/check-<scale>/, made once (a city copy takes minutes to generate)."""
    project = OUT / f"check-{scale}"
    done = project / ".bench-check-ready"
    if not done.exists():
        copy_project(project)
        if SCALES[scale].documents:
            generate(project, SCALES[scale])
        done.write_text(scale, encoding="utf-8")
    return project


def _size(file: Path) -> int:
    return file.stat().st_size


def _first(folder: Path) -> Path:
    return sorted(folder.glob("*.yml"))[0]


def _append_to_value(text: str, key: str, run: int) -> str:
    """`text` with EDIT added to the first one-line value of `key`."""
    found = list(re.finditer(rf"^(\s*-?\s*{key}: )(.+)$", text, re.MULTILINE))
    found = [m for m in found if not m.group(2).startswith((">", "|"))]
    match = found[0]
    value, edit = match.group(2), EDIT.format(run=run)
    if value[-1] in "\"'":
        value = value[:-1] + edit + value[-1]
    else:
        value += edit
    return text[: match.start(2)] + value + text[match.end(2) :]


def _task_title(project: Path, run: int) -> tuple[Path, str]:
    """The first title of the largest task file (city: 500 tasks, 0.5 MB)."""
    file = max(sorted((project / "content/tien-do/nhiem-vu").glob("*.yml")), key=_size)
    return file, _append_to_value(file.read_text(encoding="utf-8"), "ten", run)


def _new_report(project: Path, run: int) -> tuple[Path, str] | None:
    """A copy of the last report of the last report file, with its own summary."""
    file = sorted((project / "content/tien-do/cap-nhat").glob("*.yml"))[-1]
    text = file.read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(r"^- ", text, re.MULTILINE)]
    if not starts:
        return None  # the real content has no report yet
    item = text[starts[-1] :].rstrip("\n") + "\n"
    return file, text.rstrip("\n") + "\n" + _append_to_value(item, "tom_tat", run)


def _unit_name(project: Path, run: int) -> tuple[Path, str]:
    """The first unit gets another name (`ten_khac`): more names never break a quote."""
    file = _first(project / "content/tien-do/don-vi")
    text = file.read_text(encoding="utf-8")
    match = re.search(r"^  ten_ngan: .*\n", text, re.MULTILINE)
    assert match is not None
    extra = f"  ten_khac:\n    - Đơn vị đo hiệu năng {run}\n"
    return file, text[: match.end()] + extra + text[match.end() :]


def _document(project: Path, run: int) -> tuple[Path, str]:
    """In the noi-dung.md of the first cited document, the first word of a paragraph put
    in bold (the words stay the source's: the fidelity check runs again and passes)."""
    tasks = _first(project / "content/tien-do/nhiem-vu").read_text(encoding="utf-8")
    match = re.search(r"van_ban: (\S+)", tasks)
    assert match is not None
    file = project / "content/van-ban" / match.group(1).strip("\"'") / "noi-dung.md"
    text = file.read_text(encoding="utf-8")
    word = re.search(r"^(?![#|>*\-\d\s\[])(\w+)", text, re.MULTILINE)
    assert word is not None
    bold = text[: word.start()] + f"**{word.group(1)}**" + text[word.end() :]
    return file, bold + "\n" * (run + 1)


def _topic(project: Path, run: int) -> tuple[Path, str]:
    file = project / "content/topics.yml"
    return file, _append_to_value(file.read_text(encoding="utf-8"), "mo_ta", run)


EDITS: dict[str, Callable[[Path, int], tuple[Path, str] | None]] = {
    "task title": _task_title,
    "report appended": _new_report,
    "unit name": _unit_name,
    "document": _document,
    "topic": _topic,
}


def _timed_check(project: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of one `pipeline.check` (CPU: this process only, so a loaded
    machine shows less in it), and how many errors it reported."""
    from build_tools import pipeline
    from build_tools.errors import ContentErrors
    from build_tools.paths import Paths

    start, cpu = time.perf_counter(), time.process_time()
    try:
        pipeline.check(Paths(project))
        errors = 0
    except ContentErrors as exc:
        errors = len(exc.errors)
    return time.perf_counter() - start, time.process_time() - cpu, errors


def child(project: Path, runs: int) -> dict[str, object]:
    """Every figure of one scale, measured in this (fresh) process."""
    found: dict[str, object] = {"cold": _timed_check(project)}
    found["nothing changed"] = min(_timed_check(project) for _ in range(runs))
    for name, edit in EDITS.items():
        times = []
        for run in range(runs):
            made = edit(project, run)
            if made is None:
                break
            file, text = made
            before = file.read_bytes()
            file.write_text(text, encoding="utf-8")
            times.append(_timed_check(project))
            file.write_bytes(before)
            _timed_check(project)  # back to the saved state, not timed
        found[name] = [times[0], min(times)] if times else None
    return found


def _shown(value: Any) -> str:
    """ "wall s (CPU s, errors)"; for a save, its first time, then the best of the runs."""
    if value is None:
        return "–"
    if isinstance(value[0], list):
        return f"first {_shown(value[0])}; best {_shown(value[1])}"
    wall, cpu, errors = value
    return f"{wall:6.3f} s (CPU {cpu:5.3f} s, {errors} errors)"


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1x,10x,city")
    parser.add_argument("--runs", type=int, default=3, help="best of N for warm checks")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["AS_OF"] = AS_OF.isoformat()
    if args.child:
        print(json.dumps(child(Path(args.child), args.runs)))
        return
    print(f"pipeline.check in one process, AS_OF={AS_OF}; load before: {_load()}")
    for scale in args.scales.split(","):
        project = _project(scale)
        command = [sys.executable, "-m", "tests.bench_check", "--child", str(project)]
        command += ["--runs", str(args.runs)]
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"\n{scale} (load after: {_load()})")
        for name, value in figures.items():
            print(f"  {name:16} {_shown(value)}")


if __name__ == "__main__":
    main()
