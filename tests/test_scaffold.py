"""Issue 7: `new task|update|unit|indicator` appends a skeleton with the next free id.

Every field the editor must write is left empty, so `check` points at each one: the
skeleton never publishes invented data. Today's date is injected.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from build_tools import pipeline, scaffold
from build_tools.errors import ContentErrors
from build_tools.paths import Paths
from build_tools.yamlio import load_yaml
from tests.helpers import copy_project, run_build_tools

TODAY = date(2025, 10, 20)  # before the as-of date in content/site.yml


@pytest.fixture
def project(tmp_path: Path) -> Paths:
    return Paths(copy_project(tmp_path / "p"))


def _errors(paths: Paths) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(paths)
    return [e.format() for e in caught.value.errors]


def _item(paths: Paths, added: scaffold.Added) -> dict[str, object]:
    data, errors = load_yaml(added.file, paths.rel(added.file))
    assert errors == []
    item: dict[str, object] = data[-1]
    assert item.location.line == added.line  # type: ignore[attr-defined]
    return item


def test_next_ids() -> None:
    assert scaffold.next_task_id(["CT01-1", "CT01-5A", "CT01-6B"]) == "CT01-7"
    assert scaffold.next_task_id(["CTHD-3-1", "CTHD-4-2"]) == "CTHD-5"
    assert scaffold.next_task_id([]) is None
    assert scaffold.next_indicator_id(["cqd-01", "cqd-08"]) == "cqd-09"


def test_new_update_is_dated_today_and_check_asks_for_each_field(project: Paths) -> None:
    added = scaffold.new_update(project, "CT01-2", today=lambda: TODAY)
    assert added.file == project.content / "tien-do" / "cap-nhat" / "2025-10.yml"
    item = _item(project, added)
    assert item["nhiem_vu"] == "CT01-2" and item["ngay"] == "2025-10-20"
    shown = "content/tien-do/cap-nhat/2025-10.yml"
    errors = [e for e in _errors(project) if e.startswith(shown)]
    fields = [e.split('trường "')[1].split('"')[0] for e in errors]
    assert fields == ["don_vi_bao_cao", "trang_thai", "tom_tat", "ten"]
    assert errors[0].startswith(f"{shown}:6:3: báo cáo CT01-2, ")


def test_new_task_takes_the_next_free_id(project: Paths) -> None:
    added = scaffold.new_task(project, "chi-thi-01-ct-tu", anchor="6")
    assert added.ident == "CT01-7"
    item = _item(project, added)
    assert item["nguon"] == {"van_ban": "chi-thi-01-ct-tu", "neo": "6"}
    assert item["ten"] == ""
    again = scaffold.new_task(project, "chi-thi-01-ct-tu")
    assert again.ident == "CT01-8"


def test_new_unit_and_indicator(project: Paths) -> None:
    unit = scaffold.new_unit(project, "Sở Tài chính")
    assert unit.ident == "so-tai-chinh"
    assert _item(project, unit)["ten"] == "Sở Tài chính"
    indicator = scaffold.new_indicator(project, "dang-bo-cac-co-quan-dang")
    assert indicator.ident == "cqd-09"
    assert _item(project, indicator)["nguon"] == {
        "van_ban": "bao-cao-chinh-tri-dang-bo-cac-co-quan-dang",
        "neo": "",
    }


def test_refusals_explain_what_to_do(project: Paths) -> None:
    with pytest.raises(scaffold.ScaffoldError) as caught:
        scaffold.new_update(project, "CT01-22", today=lambda: TODAY)
    assert str(caught.value) == 'không có nhiệm vụ mã "CT01-22" — có phải ý bạn là "CT01-2"?'
    with pytest.raises(scaffold.ScaffoldError) as caught:
        scaffold.new_unit(project, "Văn phòng Thành ủy")
    assert str(caught.value).startswith(
        'content/tien-do/don-vi/don-vi.yml: đã có đơn vị mã "van-phong-thanh-uy" '
        "(Văn phòng Thành ủy) ở content/tien-do/don-vi/don-vi.yml:"
    )


def test_cli_new_update(project: Paths) -> None:
    result = run_build_tools(project.root, "new", "update", "CT01-2")
    month = f"{date.today():%Y-%m}"
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        f"Đã thêm báo cáo CT01-2 vào content/tien-do/cap-nhat/{month}.yml, từ dòng 4.\n"
    )
    failed = run_build_tools(project.root, "new", "update", "KHONG-CO")
    assert failed.returncode == 1
    assert failed.stderr.startswith('Không thêm được: không có nhiệm vụ mã "KHONG-CO"')
