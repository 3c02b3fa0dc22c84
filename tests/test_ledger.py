"""Issue 15 (ledger) and 13 (removal): report ids, duplicates, corrections, declared task
changes, withdrawn items, and `check` against the last published commit.

Invalid fixtures (tests/fixtures/progress/ledger/<case>/) are laid over a copy of the valid
sample project; history tests commit the sample in a throwaway git repository, change it
as an editor would, and compare with what was committed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools import history, withdrawn
from build_tools.errors import ErrorSink
from build_tools.paths import Paths
from build_tools.progress import ledger
from build_tools.progress import render as render_progress
from build_tools.progress.model import Status
from tests.helpers import build_site, copy_project, parse, run_build_tools
from tests.progress_helpers import FIXTURES, copy_sample, load

UPDATES = "content/tien-do/cap-nhat"
CHANGES = "content/tien-do/thay-doi/loi.yml"
M01_REPORT = "BC-62AE37341561"  # the first report of the sample (cap-nhat/mau.yml:3)
TASKS = "content/tien-do/nhiem-vu/mau.yml"
REGISTER = "content/tien-do/doi-chieu/vb-mau.yml"
REPORTS = "content/tien-do/cap-nhat/mau.yml"
M05_A = "  ten: Việc đã quá hạn, chưa có báo cáo\n  chu_tri: don-vi-a\n"
M05_B = "  ten: Việc đã quá hạn, chưa có báo cáo\n  chu_tri: don-vi-b\n  suy_ra: {chu_tri: thử}\n"
M05_C = "  ten: Việc đã quá hạn, chưa có báo cáo\n  chu_tri: don-vi-c\n  suy_ra: {chu_tri: thử}\n"
FIX_FIELD = (
    'trả lại giá trị đã công bố; nếu trang đọc sai văn bản, thêm một mục "đính chính" (có '
    'lý do), nếu một quyết định đã thay đổi nhiệm vụ, thêm một mục "điều chỉnh" (có số và '
    "ngày văn bản) trong content/tien-do/thay-doi/"
)
FIX_REMOVED = (
    'khôi phục, hoặc khai báo rút trong content/da-rut.yml (ngày, lý do, "thay_bang" nếu đã gộp)'
)

CASES = {
    "duplicate-report": f"{UPDATES}/them.yml:1:3: báo cáo M-01, trùng với báo cáo {M01_REPORT} "
    f"ở {UPDATES}/mau.yml:3:3 (cùng nhiệm vụ, ngày, đơn vị và nội dung) — xóa mục nhập lặp "
    "này; nếu là một báo cáo khác, ghi đúng nội dung của nó",
    "correction-unknown-report": f'{UPDATES}/loi.yml:6:3: báo cáo M-03, trường "dinh_chinh": '
    'không có báo cáo mã "BC-000000000000" — chép đúng mã báo cáo cần đính chính (mã "BC-…" '
    "hiện cạnh báo cáo trên trang nhiệm vụ)",
    "correction-other-task": f'{UPDATES}/loi.yml:6:3: báo cáo M-03, trường "dinh_chinh": báo '
    f"cáo {M01_REPORT} thuộc nhiệm vụ M-01, không phải M-03 — một báo cáo đính chính phải cùng "
    "nhiệm vụ với báo cáo nó sửa",
    "change-without-reason": f'{CHANGES}:1:3: thay đổi nhiệm vụ M-01, trường "ly_do": đính '
    'chính cần lý do — thêm dòng "ly_do: …" (văn bản viết gì, trang đã đọc sai ở đâu)',
    "change-without-decision": f'{CHANGES}:1:3: thay đổi nhiệm vụ M-01, trường "so_van_ban": '
    'điều chỉnh cần số của văn bản quyết định — thêm dòng "so_van_ban: …" (ví dụ 15-QĐ/TU); '
    '"ngay" là ngày của văn bản đó',
    "change-unknown-unit": f'{CHANGES}:4:3: nhiệm vụ M-01, trường "chu_tri": không có đơn vị '
    '"don-vi-x" trong content/tien-do/don-vi/ — có phải ý bạn là "don-vi-c"? Sửa mã, hoặc '
    "thêm đơn vị đó vào danh sách đơn vị",
    "change-wrong-shape": f'{CHANGES}:4:3: thay đổi nhiệm vụ M-01, trường "gia_tri": giá trị '
    'mới của "phoi_hop" phải là một danh sách — viết mỗi mã đơn vị trên một dòng riêng bắt đầu '
    'bằng "-"',
    "change-unknown-task": f'{CHANGES}:1:3: thay đổi nhiệm vụ M-99, trường "nhiem_vu": không có '
    'nhiệm vụ "M-99" — sửa mã cho đúng mã trong content/tien-do/nhiem-vu/',
}


def test_every_ledger_fixture_has_a_case() -> None:
    assert {p.name for p in (FIXTURES / "ledger").iterdir() if p.is_dir()} == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_invalid_ledger_fixture_reports_exact_message(case: str, tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    tracking = project / "content" / "tien-do"
    shutil.copytree(FIXTURES / "ledger" / case, tracking, dirs_exist_ok=True)
    _, errors = load(project)
    assert errors == [CASES[case]]


# --- report ids ------------------------------------------------------------------------------


def test_report_id_is_stable_and_ignores_layout(tmp_path: Path) -> None:
    site, errors = load(FIXTURES / "sample")
    assert errors == []
    first = min(site.progress.updates, key=lambda u: (u.file, u.line))
    assert first.id == M01_REPORT  # pinned: changing the derivation renames every report
    assert all(re.fullmatch(r"BC-[0-9A-F]{12}", u.id) for u in site.progress.updates)
    assert len({u.id for u in site.progress.updates}) == len(site.progress.updates)
    same = {"tom_tat": "x", "ngay": "2025-11-20", "nhiem_vu": "M-01"}
    reordered = {"nhiem_vu": "M-01", "ngay": "2025-11-20", "tom_tat": "x"}
    assert ledger.report_id(same) == ledger.report_id(reordered)
    assert ledger.report_id(same) != ledger.report_id({**same, "tom_tat": "y"})


def _append(file: Path, text: str) -> None:
    file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")


CORRECTION = f"""- nhiem_vu: M-01
  ngay: 2025-12-02
  don_vi_bao_cao: don-vi-a
  trang_thai: đang thực hiện
  tom_tat: Báo cáo ngày 20/11 ghi nhầm là đã xong; sản phẩm mới ở dạng dự thảo.
  dinh_chinh: {M01_REPORT}
"""


def test_a_correction_is_shown_next_to_the_report_it_corrects(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "p")
    _append(project / REPORTS, CORRECTION)
    site, errors = load(project)
    assert errors == []
    task = site.progress.task("M-01")
    assert task is not None
    old, new = task.updates
    assert (old.id, old.corrected_by, new.corrects) == (M01_REPORT, new.id, M01_REPORT)
    assert task.state.status is not Status.DONE_ON_TIME  # the corrected report no longer counts
    page = BeautifulSoup(
        str(render_progress(site)["tien-do/nhiem-vu/m-01/index.md"]), "html.parser"
    )
    corrected = page.find("li", id=M01_REPORT.lower())
    correcting = page.find("li", id=new.id.lower())
    assert corrected is not None and correcting is not None
    assert "corrected" in corrected.get("class", [])
    assert f"đã được đính chính bởi báo cáo {new.id}" in corrected.get_text(" ", strip=True)
    assert f"đính chính báo cáo {M01_REPORT}" in correcting.get_text(" ", strip=True)
    assert correcting.find("a", href=f"#{M01_REPORT.lower()}") is not None


# --- declared changes to a task ---------------------------------------------------------------

QUOTE_WITH_B = "Đơn vị A làm việc M-03. Hạn: quý IV/2025. Đơn vị B phối hợp làm việc M-03."
CHANGE_ENTRIES = """- nhiem_vu: M-03
  loai: điều chỉnh
  truong: han
  gia_tri: quý I/2026
  ngay: 2025-12-10
  so_van_ban: 15-QĐ/MAU
- nhiem_vu: M-03
  loai: đính chính
  truong: phoi_hop
  gia_tri:
    - don-vi-b
  ngay: 2025-12-12
  ly_do: Văn bản giao Đơn vị B phối hợp; trang đã bỏ sót.
- nhiem_vu: M-03
  loai: đính chính
  truong: trich_dan
  gia_tri: "Đơn vị A làm việc M-03. Hạn: quý IV/2025. Đơn vị B phối hợp làm việc M-03."
  ngay: 2025-12-12
  ly_do: Trích dẫn đã bỏ câu giao Đơn vị B phối hợp.
"""


def test_declared_changes_apply_and_the_page_shows_the_original(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "p")
    (project / "content" / "tien-do" / "thay-doi").mkdir()
    (project / "content" / "tien-do" / "thay-doi" / "mau.yml").write_text(CHANGE_ENTRIES)
    site, errors = load(project)
    assert errors == []  # "quý I/2026" is a decision's words, not checked against the source
    task = site.progress.task("M-03")
    assert task is not None
    assert (task.deadline.text, task.partners) == ("quý I/2026", ("don-vi-b",))
    assert [(c.kind, c.field, c.before, c.after) for c in task.changes] == [
        ("điều chỉnh", "han", ("quý IV/2025",), ("quý I/2026",)),
        ("đính chính", "phoi_hop", (), ("don-vi-b",)),
        ("đính chính", "trich_dan", ("Đơn vị A làm việc M-03.",), (QUOTE_WITH_B,)),
    ]
    page = BeautifulSoup(
        str(render_progress(site)["tien-do/nhiem-vu/m-03/index.md"]), "html.parser"
    )
    heading = page.find("h2", id="thay-doi")
    assert heading is not None
    items = [" ".join(li.get_text().split()) for li in page.select("ul.task-changes > li")]
    assert items == [
        "Hạn ban đầu: “quý IV/2025”",
        "Phối hợp ban đầu: (không ghi)",
        "Trích dẫn nguồn ban đầu: “Đơn vị A làm việc M-03.”",
        "10/12/2025 — điều chỉnh hạn: từ “quý IV/2025” thành “quý I/2026”. Theo văn bản số "
        "15-QĐ/MAU ngày 10/12/2025.",
        "12/12/2025 — đính chính phối hợp: từ (không ghi) thành Đơn vị B. Lý do: Văn bản giao "
        "Đơn vị B phối hợp; trang đã bỏ sót.",
        f"12/12/2025 — đính chính trích dẫn nguồn: từ “Đơn vị A làm việc M-03.” thành "
        f"“{QUOTE_WITH_B}”. Lý do: Trích dẫn đã bỏ câu giao Đơn vị B phối hợp.",
    ]


# --- withdrawn items ----------------------------------------------------------------------------

WITHDRAWN = """- loai: nhiệm vụ
  ma: M-09
  ngay: 2025-12-15
  ly_do: Nhập trùng với nhiệm vụ M-08.
  thay_bang: M-08
- loai: nhiệm vụ
  ma: M-01
  ngay: 2025-12-15
  ly_do: Thử.
- loai: đơn vị
  ma: don-vi-z
  ngay: 2025-12-15
  ly_do: Giải thể.
  thay_bang: don-vi-y
"""


def test_withdrawn_list_is_checked(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "p")
    (project / "content" / "da-rut.yml").write_text(WITHDRAWN)
    sink = ErrorSink()
    gone = withdrawn.load(Paths(project), sink)
    site, _ = load(project)
    withdrawn.check(gone, site, sink)
    assert [e.format() for e in sorted(sink.errors)] == [
        "content/da-rut.yml:1:3: nhiệm vụ M-09, đã khai báo rút nhưng vẫn còn trong nội dung — "
        "xóa nhiệm vụ này khỏi nội dung, hoặc bỏ mục khai báo rút nếu chưa công bố",
        "content/da-rut.yml:6:3: nhiệm vụ M-01, đã khai báo rút nhưng vẫn còn trong nội dung — "
        "xóa nhiệm vụ này khỏi nội dung, hoặc bỏ mục khai báo rút nếu chưa công bố",
        'content/da-rut.yml:10:3: đơn vị don-vi-z, trường "thay_bang": không có đơn vị '
        '"don-vi-y" để dẫn tới — có phải ý bạn là "don-vi-c"? Ghi mã một đơn vị đang có, hoặc '
        "bỏ dòng thay_bang",
    ]


def test_old_address_of_a_withdrawn_item_says_what_happened(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "p")
    (project / "content" / "da-rut.yml").write_text(WITHDRAWN)
    gone = withdrawn.load(Paths(project), ErrorSink())
    site, _ = load(project)
    files = withdrawn.render(site, gone)
    assert sorted(files) == [
        "tien-do/don-vi/don-vi-z/index.md",
        "tien-do/nhiem-vu/m-01/index.md",
        "tien-do/nhiem-vu/m-09/index.md",
    ]
    page = BeautifulSoup(
        str(files["tien-do/nhiem-vu/m-09/index.md"]).split("---\n", 2)[2], "html.parser"
    )
    text = page.get_text(" ", strip=True)
    assert "Nhiệm vụ M-09 đã được rút khỏi trang ngày 15/12/2025." in text
    assert "Lý do: Nhập trùng với nhiệm vụ M-08." in text
    link = page.find("a", href="../../../tien-do/nhiem-vu/m-08/")
    assert link is not None and link.get_text() == "nhiệm vụ M-08"
    assert page.find("h2", id="bao-cao-tien-do") is None  # M-09 had no report
    m01 = BeautifulSoup(str(files["tien-do/nhiem-vu/m-01/index.md"]), "html.parser")
    kept = m01.find("li", id=M01_REPORT.lower())  # its published report stays visible
    assert kept is not None
    assert " ".join(kept.get_text().split()) == (
        f"20/11/2025 — Đơn vị A: hoàn thành. Đã ban hành sản phẩm mẫu. Mã báo cáo: {M01_REPORT}."
    )


# --- check against the last published commit ---------------------------------------------------


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Biên tập",
            "-c",
            "user.email=bt@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _published(tmp_path: Path) -> Path:
    """The sample project, committed: the last published state."""
    root = copy_sample(tmp_path / "p")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "published")
    return root


def _compare(root: Path) -> tuple[list[str], str]:
    """Errors of the check (load, with the declared withdrawn items) and of the comparison
    with the published commit."""
    sink = ErrorSink()
    gone = withdrawn.load(Paths(root), sink)
    site, errors = load(root, withdrawn=gone)
    note = history.compare(Paths(root), site.progress, gone, sink)
    return sorted({*errors, *(e.format() for e in sink.errors)}), note


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    file = root / rel
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_published_ref(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(history.ENV, raising=False)


def test_unchanged_content_passes(tmp_path: Path) -> None:
    root = _published(tmp_path)
    errors, note = _compare(root)
    assert errors == []
    assert note.startswith("đã so với bản đã công bố (commit ")


def test_outside_git_there_is_nothing_to_compare(tmp_path: Path) -> None:
    assert _compare(copy_sample(tmp_path / "p")) == (
        [],
        "không có lịch sử git: chưa so được với bản đã công bố",
    )


def test_a_report_edited_in_place_fails(tmp_path: Path) -> None:
    root = _published(tmp_path)
    _edit(root, REPORTS, "tom_tat: Đã làm một nửa.", "tom_tat: Đã làm gần xong.")
    errors, _ = _compare(root)
    assert len(errors) == 1
    assert re.fullmatch(
        rf"{REPORTS}:12:3: báo cáo BC-[0-9A-F]{{12}} \(M-02, 2025-11-10\), báo cáo đã công bố "
        r"không được sửa — trả lại đúng như cũ; để sửa sai, thêm một báo cáo mới có "
        r'"dinh_chinh: BC-[0-9A-F]{12}"',
        errors[0],
    ), errors


def test_a_report_removed_fails_at_its_old_place(tmp_path: Path) -> None:
    root = _published(tmp_path)
    _edit(
        root,
        REPORTS,
        "- nhiem_vu: M-04\n  ngay: 2025-11-05\n",
        "- nhiem_vu: M-04\n  ngay: 2025-11-06\n",
    )
    _edit(
        root,
        REPORTS,
        "  don_vi_bao_cao: don-vi-a\n  trang_thai: đang thực hiện\n  ti_le: 10\n",
        "  don_vi_bao_cao: don-vi-b\n  trang_thai: đang thực hiện\n  ti_le: 10\n",
    )
    errors, _ = _compare(root)
    assert len(errors) == 1
    assert errors[0].startswith(f"{REPORTS}:32:3: báo cáo ")
    assert "(M-04, 2025-11-05), đã công bố nhưng đã bị xóa — trả lại đúng như cũ" in errors[0]


def test_task_fields_edited_in_place_fail_and_an_absent_field_is_a_value(tmp_path: Path) -> None:
    root = _published(tmp_path)
    _edit(root, TASKS, "  han: tháng 11/2025\n", "  han: tháng 12/2025\n")
    _edit(root, TASKS, "  phoi_hop:\n    - don-vi-b\n", "")
    sink = ErrorSink()
    site, _ = load(root)  # "tháng 12/2025" is not in the source: that error is load's
    note = history.compare(Paths(root), site.progress, withdrawn.Withdrawn(), sink)
    assert note.startswith("đã so")
    assert [e.format() for e in sorted(sink.errors)] == [
        f'{TASKS}:3:3: nhiệm vụ M-01, trường "phoi_hop": đã công bố là don-vi-b, không được '
        f"sửa tại chỗ — {FIX_FIELD}",
        f'{TASKS}:8:3: nhiệm vụ M-01, trường "han": đã công bố là "tháng 11/2025", không được '
        f"sửa tại chỗ — {FIX_FIELD}",
    ]


def test_removing_a_task_needs_a_declaration(tmp_path: Path) -> None:
    root = _published(tmp_path)
    text = (root / TASKS).read_text(encoding="utf-8")
    start = text.index("- id: M-09")
    end = text.index("- id: M-10")
    (root / TASKS).write_text(text[:start] + text[end:], encoding="utf-8")
    errors, _ = _compare(root)
    assert errors == [  # the register still names it: not a task, not declared withdrawn
        f'{REGISTER}:14:44: đối chiếu neo 2, trường "nhiem_vu": không có nhiệm vụ "M-09" trong '
        'content/tien-do/nhiem-vu/ — có phải ý bạn là "M-10"? Sửa mã cho đúng mã một nhiệm vụ; '
        "nếu điều khoản chưa có nhiệm vụ theo dõi, lập nhiệm vụ trước rồi mới ghi mã, hoặc bỏ mã "
        'và ghi "ly_do: …"',
        f"{TASKS}:99:3: nhiệm vụ M-09, đã công bố nhưng đã bị xóa — {FIX_REMOVED}",
    ]
    (root / "content" / "da-rut.yml").write_text(WITHDRAWN.split("- loai: nhiệm vụ\n  ma: M-01")[0])
    assert _compare(root)[0] == []


def test_removing_a_unit_or_a_document_needs_a_declaration(tmp_path: Path) -> None:
    root = _published(tmp_path)
    units = root / "content" / "tien-do" / "don-vi" / "don-vi.yml"
    _append(units, "- id: don-vi-z\n  ten: Đơn vị Z\n  ten_ngan: ĐV Z\n  loai: cơ quan Đảng\n")
    meta = root / "content" / "van-ban" / "vb-cu" / "van-ban.yml"
    meta.parent.mkdir(parents=True)
    meta.write_text("id: vb-cu\n", encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "more")
    units.write_text(units.read_text(encoding="utf-8").split("- id: don-vi-z")[0], encoding="utf-8")
    shutil.rmtree(meta.parent)
    errors, _ = _compare(root)
    line = len(units.read_text(encoding="utf-8").splitlines()) + 1
    assert errors == [
        f"content/tien-do/don-vi/don-vi.yml:{line}:3: đơn vị don-vi-z, đã công bố nhưng đã bị "
        f"xóa — {FIX_REMOVED}",
        f"content/van-ban/vb-cu/van-ban.yml: văn bản vb-cu, đã công bố nhưng đã bị xóa — "
        f"{FIX_REMOVED}",
    ]
    (root / "content" / "da-rut.yml").write_text(
        "- loai: đơn vị\n  ma: don-vi-z\n  ngay: 2025-12-15\n  ly_do: Giải thể.\n"
        "- loai: văn bản\n  ma: vb-cu\n  ngay: 2025-12-15\n  ly_do: Văn bản đã hết hiệu lực.\n",
        encoding="utf-8",
    )
    assert _compare(root)[0] == []


def test_declarations_are_append_only(tmp_path: Path) -> None:
    root = _published(tmp_path)
    folder = root / "content" / "tien-do" / "thay-doi"
    folder.mkdir()
    (folder / "mau.yml").write_text(CHANGE_ENTRIES, encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "changes")
    _edit(root, "content/tien-do/thay-doi/mau.yml", "trang đã bỏ sót.", "trang đã bỏ sót nó.")
    errors, _ = _compare(root)
    assert errors == [
        "content/tien-do/thay-doi/mau.yml:7:3: mục đã công bố đã bị sửa hoặc xóa — trả lại "
        "đúng như cũ; tệp này chỉ được thêm mục mới"
    ]


def test_published_ref_catches_an_edit_committed_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _published(tmp_path)
    published = _git(root, "rev-parse", "HEAD")
    _edit(root, TASKS, M05_A, M05_B)  # M-05: no report to reassign
    _git(root, "commit", "-q", "-am", "quiet edit")
    assert _compare(root)[0] == []  # against HEAD, the edit is already "published"
    monkeypatch.setenv(history.ENV, published)  # as CI does: where the push started
    errors, note = _compare(root)
    assert note == f"đã so với bản đã công bố (commit {published[:10]})"
    assert errors == [
        f'{TASKS}:55:3: nhiệm vụ M-05, trường "chu_tri": đã công bố là "don-vi-a", không được '
        f"sửa tại chỗ — {FIX_FIELD}"
    ]


def test_a_committed_baseline_makes_the_current_state_the_published_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _published(tmp_path)
    published = _git(root, "rev-parse", "HEAD")
    monkeypatch.setenv(history.ENV, published)
    _edit(root, TASKS, M05_A, M05_B)  # M-05: no report to reassign
    history.append_baseline(Paths(root), "Vai trò đã được đối chiếu lại với văn bản", "2025-12-20")
    assert _compare(root) == (
        [],
        "đang lập lại mốc đối chiếu (content/moc-doi-chieu.yml): không so sánh",
    )
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "baseline")
    baseline = _git(root, "rev-parse", "HEAD")
    assert _compare(root) == ([], f"đã so với bản đã công bố (commit {baseline[:10]})")
    text = (root / history.BASELINE).read_text(encoding="utf-8")
    assert text.endswith(
        '- ngay: 2025-12-20\n  ly_do: "Vai trò đã được đối chiếu lại với văn bản"\n'
    )
    _edit(root, TASKS, M05_B, M05_C)
    assert len(_compare(root)[0]) == 1  # after the baseline, edits fail again


def test_check_command_fails_on_an_in_place_edit(tmp_path: Path) -> None:
    """Through the real command, in a clone-like copy of the project."""
    project = copy_project(tmp_path / "p")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "published")
    tasks = project / "content" / "tien-do" / "nhiem-vu" / "chi-thi-01-ct-tu.yml"
    text = tasks.read_text(encoding="utf-8")
    line = (
        text.splitlines().index("  chu_tri: co-quan-thong-tin-truyen-thong-bao-chi-thanh-pho") + 1
    )
    tasks.write_text(
        text.replace(
            "  chu_tri: co-quan-thong-tin-truyen-thong-bao-chi-thanh-pho",
            "  chu_tri: ban-tuyen-giao-va-dan-van-thanh-uy",
        ),
        encoding="utf-8",
    )
    result = run_build_tools(project, "check")
    assert result.returncode == 1
    assert (
        f"content/tien-do/nhiem-vu/chi-thi-01-ct-tu.yml:{line}:3: nhiệm vụ CT01-3, trường "
        '"chu_tri": đã công bố là "co-quan-thong-tin-truyen-thong-bao-chi-thanh-pho", không '
        "được sửa tại chỗ"
    ) in result.stderr


# --- the real site ------------------------------------------------------------------------------


def test_real_build_shows_withdrawn_task_changes_and_corrections(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    tasks = project / "content" / "tien-do" / "nhiem-vu" / "chi-thi-01-ct-tu.yml"
    text = tasks.read_text(encoding="utf-8")
    start, end = text.index("- id: CT01-3\n"), text.index("- id: CT01-4\n")
    tasks.write_text(text[:start] + text[end:], encoding="utf-8")
    _append(
        project / "content" / "da-rut.yml",
        "- loai: nhiệm vụ\n  ma: CT01-3\n  ngay: 2025-10-20\n"
        "  ly_do: Gộp vào nhiệm vụ tuyên truyền chung.\n  thay_bang: CT01-1\n"
        "- loai: văn bản\n  ma: van-ban-cu\n  ngay: 2025-10-21\n"
        "  ly_do: Văn bản *nhập nhầm* [x](#y).\n  thay_bang: chi-thi-01-ct-tu\n"
        "- loai: đơn vị\n  ma: don-vi-cu\n  ngay: 2025-10-22\n  ly_do: Đã giải thể.\n",
    )
    _append(
        project / "content" / "tien-do" / "thay-doi" / "thay-doi.yml",
        "- nhiem_vu: CT01-2\n  loai: điều chỉnh\n  truong: han\n  gia_tri: quý I/2026\n"
        "  ngay: 2025-10-20\n  so_van_ban: 99-QĐ/TU\n",
    )
    site = build_site(project)
    old = parse(site / "tien-do" / "nhiem-vu" / "ct01-3" / "index.html")
    article = old.find("article")
    assert article is not None
    words = article.get_text(" ", strip=True)
    assert "Nhiệm vụ CT01-3 đã được rút khỏi trang ngày 20/10/2025." in words
    assert "Lý do: Gộp vào nhiệm vụ tuyên truyền chung." in words
    link = article.find("a", string="nhiệm vụ CT01-1")
    assert link is not None and link["href"] == "../../../tien-do/nhiem-vu/ct01-1/"
    assert (site / "tien-do" / "nhiem-vu" / "ct01-1" / "index.html").exists()
    document = parse(site / "van-ban" / "van-ban-cu" / "index.html").find("article")
    assert document is not None and document.find("em") is None  # a field is text, not markup
    words = " ".join(document.get_text().split())
    assert "Văn bản van-ban-cu đã được rút khỏi trang ngày 21/10/2025." in words
    assert "Lý do: Văn bản *nhập nhầm* [x](#y)." in words
    link = document.find("a", string="văn bản chi-thi-01-ct-tu")
    assert link is not None and link["href"] == "../../van-ban/chi-thi-01-ct-tu/"
    unit = parse(site / "tien-do" / "don-vi" / "don-vi-cu" / "index.html").find("article")
    assert unit is not None
    assert "Đơn vị don-vi-cu đã được rút khỏi trang ngày 22/10/2025." in unit.get_text()
    changed = parse(site / "tien-do" / "nhiem-vu" / "ct01-2" / "index.html")
    items = [" ".join(li.get_text().split()) for li in changed.select("ul.task-changes > li")]
    assert items == [
        "Hạn ban đầu: “trong quý IV/2025”",
        "20/10/2025 — điều chỉnh hạn: từ “trong quý IV/2025” thành “quý I/2026”. Theo văn "
        "bản số 99-QĐ/TU ngày 20/10/2025.",
    ]


def test_an_unknown_published_ref_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _published(tmp_path)
    head = _git(root, "rev-parse", "HEAD")
    monkeypatch.setenv(history.ENV, "deadbeef" * 5)
    assert _compare(root)[1] == (
        "PUBLISHED_REF=deadbeefde không có trong lịch sử git (clone thiếu lịch sử?); "
        f"đã so với bản đã công bố (commit {head[:10]})"
    )
