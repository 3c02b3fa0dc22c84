"""`pipeline.check` run again in the same process (the preview after every save) gives
what a fresh process gives: the same model after a one-file edit, the same errors, on
every call; unchanged tasks come back as the same objects."""

from __future__ import annotations

import operator
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import pipeline
from build_tools.errors import ContentErrors
from build_tools.models import Site
from build_tools.paths import Paths
from tests.helpers import ROOT, copy_project

AS_OF = "2026-12-07"
TASKS = "content/tien-do/nhiem-vu/chi-thi-01-ct-tu.yml"
OTHER_TASKS = "content/tien-do/nhiem-vu/cong-van-39-cv-tu.yml"
REPORTS = "content/tien-do/cap-nhat/bao-cao.yml"
UNITS = "content/tien-do/don-vi/don-vi.yml"
DOCUMENT = "content/van-ban/chi-thi-01-ct-tu/noi-dung.md"
TOPICS = "content/topics.yml"
REPORT = """
- nhiem_vu: CT01-6B
  ngay: {day}
  don_vi_bao_cao: uy-ban-kiem-tra-thanh-uy
  trang_thai: đang thực hiện
  ti_le: 40
  tom_tat: Đang xây dựng dự thảo Kế hoạch kiểm tra, giám sát.
"""

_FRESH = """
import pickle, sys
from pathlib import Path
from build_tools import pipeline
from build_tools.errors import ContentErrors
from build_tools.paths import Paths
try:
    found = ("site", pipeline.check(Paths(Path(sys.argv[1]))))
except ContentErrors as exc:
    found = ("errors", [e.format() for e in exc.errors])
sys.stdout.buffer.write(pickle.dumps(found))
"""


def _fresh(project: Path) -> tuple[str, object]:
    """What `check` gives in a process that never checked before."""
    done = subprocess.run(
        [sys.executable, "-c", _FRESH, str(project)],
        cwd=ROOT,
        capture_output=True,
        check=True,
        env={"AS_OF": AS_OF, "PATH": "/usr/bin:/bin"},
    )
    found: tuple[str, object] = pickle.loads(done.stdout)
    return found


def _errors(project: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(Paths(project))
    return [e.format() for e in caught.value.errors]


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    file = project / rel
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(project: Path, rel: str, text: str) -> None:
    file = project / rel
    file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AS_OF", AS_OF)
    return copy_project(tmp_path / "du-an")


def _same_as_fresh(project: Path) -> Site:
    site = pipeline.check(Paths(project))
    kind, fresh = _fresh(project)
    assert kind == "site", fresh
    assert site == fresh
    return site


def test_each_one_file_edit_gives_the_model_of_a_fresh_process(project: Path) -> None:
    first = pipeline.check(Paths(project))
    untouched = {t.id: t for t in first.progress.tasks if t.file == OTHER_TASKS}

    _edit(project, TASKS, "  ten: Xây dựng Kế hoạch kiểm tra", "  ten: Lập Kế hoạch kiểm tra")
    site = _same_as_fresh(project)
    assert site.progress.task("CT01-6B").title.startswith("Lập Kế hoạch")  # type: ignore[union-attr]
    assert all(site.progress.task(i) is t for i, t in untouched.items())  # same objects
    assert all(map(operator.is_, site.corpus.documents, first.corpus.documents))
    assert all(map(operator.is_, site.progress.units, first.progress.units))
    assert all(map(operator.is_, site.topics.topics, first.topics.topics))

    _append(project, REPORTS, REPORT.format(day="2026-01-15"))
    site = _same_as_fresh(project)
    assert [u.summary[:7] for u in site.progress.task("CT01-6B").updates] == ["Đang xâ"]  # type: ignore[union-attr]
    assert all(site.progress.task(i) is t for i, t in untouched.items())

    _edit(
        project,
        UNITS,
        "  ten_ngan: BTV Thành ủy\n",
        "  ten_ngan: BTV Thành ủy\n  ten_khac:\n    - Thường vụ\n",
    )
    site = _same_as_fresh(project)
    assert "Thường vụ" in site.progress.unit("ban-thuong-vu-thanh-uy").names  # type: ignore[union-attr]

    _append(project, DOCUMENT, "\n")
    _same_as_fresh(project)

    _edit(
        project,
        TOPICS,
        "    mo_ta: Xây dựng, chỉnh đốn Đảng;",
        "    mo_ta: Xây dựng và chỉnh đốn Đảng;",
    )
    site = _same_as_fresh(project)
    assert site.topics.get("xay-dung-dang").description.startswith("Xây dựng và")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("rel", "old", "new", "wanted"),
    [
        (
            TASKS,
            "  chu_tri: uy-ban-kiem-tra-thanh-uy",
            "  chu_tri: uy-ban-khong-co",
            "uy-ban-khong-co",
        ),
        (REPORTS, "", REPORT.format(day="2027-01-15"), "sau ngày tính tình trạng"),
        (UNITS, "- id: thuong-truc-thanh-uy", "- id: ban-thuong-vu-thanh-uy", "đã dùng ở"),
        (
            DOCUMENT,
            "Ủy ban Kiểm tra Thành ủy xây dựng",
            "Ủy ban Kiểm tra Thành ủy lập",
            "nguyên văn",
        ),
        (TASKS, "  han: không nêu hạn\n", "  han: không nêu hạn\n  hann: x\n", '"hann"'),
    ],
    ids=["task", "report", "unit", "document", "schema"],
)
def test_an_error_an_edit_brings_is_reported_on_every_call(
    project: Path, rel: str, old: str, new: str, wanted: str
) -> None:
    pipeline.check(Paths(project))
    if old:
        _edit(project, rel, old, new)
    else:
        _append(project, rel, new)
    second = _errors(project)
    assert any(wanted in e for e in second), second
    assert ("errors", second) == _fresh(project)
    assert _errors(project) == second  # a third call, nothing changed: reported again
