"""pipeline.plan: every generated file with its key; equal keys must mean equal files.

Soundness: for each kind of edit an editor saves (a task's title, a new report, a unit's
name, a document's paragraph, a topic's key phrase, the status date moved by a day), plan
and make everything before and after on a project copy; every file whose bytes changed must
have changed its key (else a preview comparing keys would keep a stale page). Precision:
a one-task title edit changes the keys of the pages that show that task, not the site's.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import jinja2
import pytest

from build_tools import pipeline
from build_tools.models import Site
from build_tools.paths import Paths
from build_tools.planned import Planned, make_all
from build_tools.progress import filters
from tests.helpers import copy_project

AS_OF = date(2026, 12, 7)
TASK = "CT01-2"  # led by a group of bodies, tracked by Chỉ thị 01's register
UNIT = "van-phong-thanh-uy"


@dataclass(frozen=True)
class State:
    site: Site
    plan: dict[str, Planned]
    files: dict[str, str | bytes]


def _state(project: Path) -> State:
    site = pipeline.check(Paths(project))
    plan = pipeline.plan(site)
    return State(site, plan, make_all(plan))


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("plan") / "project")


@pytest.fixture(autouse=True)
def _as_of(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AS_OF", AS_OF.isoformat())
    monkeypatch.delenv("SITE_URL", raising=False)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _task_title(project: Path) -> None:
    _replace(
        project / "content/tien-do/nhiem-vu/chi-thi-01-ct-tu.yml",
        "  ten: Xây dựng Chương trình hành động thực hiện Nghị quyết Đại hội\n",
        "  ten: Xây dựng và ban hành Chương trình hành động thực hiện Nghị quyết Đại hội\n",
    )


def _new_report(project: Path) -> None:
    with (project / "content/tien-do/cap-nhat/bao-cao.yml").open("a", encoding="utf-8") as out:
        out.write(
            "\n- nhiem_vu: CT01-6A\n"
            "  ngay: 2026-11-30\n"
            f"  don_vi_bao_cao: {UNIT}\n"
            "  trang_thai: đang thực hiện\n"
            "  ti_le: 40\n"
            "  tom_tat: Đã tổng hợp tình hình quý III.\n"
        )


def _unit_name(project: Path) -> None:
    _replace(
        project / "content/tien-do/don-vi/don-vi.yml",
        "  ten: Văn phòng Thành ủy\n",
        "  ten: Văn phòng Thành ủy Cần Thơ\n  ten_khac:\n    - Văn phòng Thành ủy\n",
    )


def _paragraph(project: Path) -> None:
    """Emphasis within a clause: the words stay the original's (documents/fidelity.py)."""
    _replace(
        project / "content/van-ban/chi-thi-01-ct-tu/noi-dung.md",
        "6- Văn phòng Thành ủy phối hợp",
        "6- **Văn phòng Thành ủy** phối hợp",
    )


def _keyword(project: Path) -> None:
    _replace(
        project / "content/topics.yml",
        "      - chỉnh đốn Đảng\n",
        "      - chỉnh đốn Đảng\n      - tổng hợp tình hình\n",
    )


# Each edit, and the files it adds (none removes a file).
EDITS: dict[str, tuple[Callable[[Path], None], set[str]]] = {
    "task title": (_task_title, set()),
    # the first periodic task with a report: its status gets a page
    "new report": (_new_report, {"tien-do/trang-thai/dinh-ky-co-bao-cao-trong-ky/index.md"}),
    "unit name": (_unit_name, set()),
    "document paragraph": (_paragraph, set()),
    "topic key phrase": (_keyword, set()),
}


def _before_and_after(
    original: Path, tmp_path: Path, edit: Callable[[Path], None]
) -> tuple[State, State]:
    """Plan and make on a copy, edit it in place, plan and make again (a preview's save)."""
    project = tmp_path / "project"
    shutil.copytree(original, project)
    before = _state(project)
    edit(project)
    return before, _state(project)


def _unsound(before: State, after: State) -> tuple[list[str], list[str]]:
    """(paths whose file changed but whose key did not, paths whose file changed)."""
    common = [p for p in before.files if p in after.files]
    changed = [p for p in common if before.files[p] != after.files[p]]
    return [p for p in changed if before.plan[p].key == after.plan[p].key], changed


@pytest.mark.parametrize("name", EDITS)
def test_a_file_that_changes_changes_its_key(name: str, original: Path, tmp_path: Path) -> None:
    edit, added = EDITS[name]
    before, after = _before_and_after(original, tmp_path, edit)
    unsound, changed = _unsound(before, after)
    assert changed, f"{name}: the edit changed no file"
    assert unsound == [], f"{name}: changed with an equal key"
    assert set(after.plan) - set(before.plan) == added
    assert set(before.plan) - set(after.plan) == set()


def test_the_status_date_moved_a_day_changes_the_keys_of_what_it_changes(
    original: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _state(original)
    monkeypatch.setenv("AS_OF", (AS_OF + timedelta(days=1)).isoformat())
    after = _state(original)
    unsound, changed = _unsound(before, after)
    assert len(changed) > 100
    assert unsound == []
    assert sorted(set(after.files) ^ set(before.files)) == []


def test_a_plan_renders_nothing_and_its_keys_are_stable(monkeypatch: pytest.MonkeyPatch) -> None:
    site = pipeline.check(Paths())
    rendered: list[str] = []
    real = jinja2.Template.render

    def counting(self: jinja2.Template, *args: object, **kwargs: object) -> str:
        rendered.append(str(self.name))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", counting)
    plan = pipeline.plan(site)
    assert rendered == []
    assert plan["tien-do/index.md"].make() == pipeline.render(site)["tien-do/index.md"]
    assert rendered[0] == "progress/dashboard.md.j2"
    again = pipeline.plan(site)
    assert all(again[p].key == e.key for p, e in plan.items())
    assert all(isinstance(hash(e.key), int) for e in plan.values())  # keys hash, as promised


def _expected(site: Site, task_id: str) -> set[str]:
    """The files that show a task: its page, its units', its document's, its topics', its
    status page, the register of its document, and the lists and data of every task."""
    progress = site.progress
    task = progress.task(task_id)
    assert task is not None
    units = {f"tien-do/don-vi/{u}/index.md" for u in (*task.assignees, *task.partners)}
    topics = {
        p
        for p, e in pipeline.plan(site).items()
        if p.startswith("chu-de/") and p.count("/") == 2 and task in _args(e)
    }
    label = task.status_label
    tasks = [t for t in progress.tasks if t.status_label == label]
    page = tasks.index(task) // filters.PAGE_SIZE
    status = f"{filters.status_url(label)}{f'trang-{page + 1}/' if page else ''}index.md"
    return {
        f"{task.url}index.md",
        *units,
        f"van-ban/{task.source.document}/index.md",
        f"tien-do/doi-chieu/{task.source.document}/index.md",
        *topics,
        status,
        "index.md",
        "tien-do/index.md",
        "du-lieu-mo/nhiem-vu.csv",
        "du-lieu-mo/nhiem-vu.json",
        "du-lieu-mo/cap-nhat.xml",
    }


def _args(entry: Planned) -> tuple[object, ...]:
    key = entry.key
    assert isinstance(key, tuple)
    return tuple(x for arg in key[1] for x in (arg if isinstance(arg, tuple) else (arg,)))


def test_a_task_title_edit_changes_the_keys_of_the_pages_that_show_that_task(
    original: Path, tmp_path: Path
) -> None:
    before, after = _before_and_after(original, tmp_path, _task_title)
    changed = pipeline.changed(pipeline.keys(before.plan), after.plan)
    assert changed == _expected(before.site, TASK)
    assert len(changed) < len(before.plan) / 10
    shown = {p for p in changed if before.files[p] != after.files[p]}
    assert {p for p in changed if re.search(r"nhiem-vu/ct01-2/|don-vi/|van-ban/", p)} <= shown
