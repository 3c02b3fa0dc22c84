"""Issues 5 and 7: one invalid fixture per rule, with the exact message and line.

Each folder of tests/fixtures/progress/invalid/ is laid over a copy of the valid sample
project (tests/fixtures/progress/sample/); the check must report exactly one error.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from build_tools.documents import Corpus
from build_tools.errors import ErrorSink
from build_tools.progress.model import Evidence, Update, UpdateState
from build_tools.progress.sources import Context
from build_tools.progress.updates import check_done_units, real_evidence
from tests.helpers import copy_project, run_build_tools
from tests.progress_helpers import FIXTURES, copy_sample, load

TASKS = "content/tien-do/nhiem-vu/loi.yml"
UPDATES = "content/tien-do/cap-nhat/loi.yml"
REGISTER = "content/tien-do/doi-chieu/vb-mau.yml"
SAMPLE_TASKS = "content/tien-do/nhiem-vu/mau.yml"
M03_MISSING = (
    'nhiệm vụ M-03, trường "nguon": điều khoản nguồn (văn bản "vb-mau", neo "1-p1") chưa '
    "có nhiệm vụ này trong bảng đối chiếu"
)
NO_EVIDENCE = (
    'báo cáo "hoàn thành" chưa có minh chứng kiểm chứng được — thêm một minh chứng có '
    '"so_van_ban" là số, ký hiệu văn bản thật (ví dụ 12-KH/TU) hoặc "url" là địa chỉ '
    'https://… đầy đủ (không dùng "…"); nếu chưa có, ghi "trang_thai: đang thực hiện"'
)
FIELDS = (
    "chi_tieu, chu_de, chu_tri, cung_duoc_giao, han, id, ket_qua, mo_ta, nguoi_chiu_trach_nhiem, "
    "nguon, phoi_hop, suy_ra, ten, tham_quyen, thuoc, trach_nhiem, trich_dan"
)
CASES: dict[str, str | list[str]] = {
    "wrong-type": f'{TASKS}:9:3: nhiệm vụ X-01, trường "phoi_hop": phải là danh sách các mục '
    'bắt đầu bằng "-", không phải chữ ("don-vi-b") — sửa lại giá trị',
    "unknown-field": f'{TASKS}:9:3: nhiệm vụ X-01, trường "phoi_hopp": không có trong mẫu — '
    'có phải ý bạn là "phoi_hop"? Các trường được dùng ở đây: '
    f"{FIELDS}",
    "missing-field": f'{TASKS}:1:3: nhiệm vụ X-01, thiếu trường bắt buộc "han" — thêm một '
    'dòng "han: 30/12/2025" vào mục này',
    "duplicate-id": 'content/tien-do/nhiem-vu/them.yml:1:3: nhiệm vụ M-03, trường "id": mã '
    '"M-03" đã dùng ở content/tien-do/nhiem-vu/mau.yml:27:3 — mỗi nhiệm vụ cần một mã riêng; '
    "đổi mã này",
    "unknown-unit": f'{TASKS}:3:3: nhiệm vụ X-01, trường "chu_tri": không có đơn vị '
    '"don-vi-aa" trong content/tien-do/don-vi/ — có phải ý bạn là "don-vi-a"? Sửa mã, hoặc '
    "thêm đơn vị đó vào danh sách đơn vị",
    "unknown-topic": f'{TASKS}:9:3: nhiệm vụ X-01, trường "chu_de": không có chủ đề '
    '"chuyen-doi-s" — có phải ý bạn là "chuyen-doi-so"? Dùng mã chủ đề trong '
    "content/topics.yml",
    "unknown-document": f'{TASKS}:6:5: nhiệm vụ X-01, trường "van_ban": không có văn bản '
    '"vb-mua" — có phải ý bạn là "vb-mau"? Dùng mã văn bản có trong content/van-ban/ (vb-mau)',
    "unknown-anchor": f'{TASKS}:7:5: nhiệm vụ X-01, trường "neo": văn bản "vb-mau" không có '
    'neo "1-p2" — có phải ý bạn là "1-p1"? Mở trang văn bản, bấm ¶ cạnh mục hoặc đoạn cần '
    "dẫn và chép phần sau dấu #",
    "quote-not-in-source": f'{TASKS}:8:3: nhiệm vụ X-01, trường "trich_dan": không phải '
    'nguyên văn của mục được dẫn ("vb-mau", neo "1") — chép đúng từng chữ từ trang văn bản, '
    "hoặc sửa neo cho đúng mục",
    "deadline-not-in-source": f'{TASKS}:4:3: nhiệm vụ X-01, trường "han": hạn "tháng '
    '12/2025" không có trong văn bản "vb-mau" — ghi hạn đúng như văn bản viết (chép từ văn '
    'bản); nếu văn bản không nêu hạn, ghi "không nêu hạn"',
    "impossible-deadline": f'{TASKS}:4:3: nhiệm vụ X-01, trường "han": "31/02/2026" không '
    "phải ngày có thật (tháng 2/2026 chỉ có 28 ngày) — sửa lại ngày, ví dụ 30/12/2025",
    "unreadable-deadline": f'{TASKS}:4:3: nhiệm vụ X-01, trường "han": không đọc được hạn '
    '"càng sớm càng tốt" — viết hạn như văn bản, theo một trong các dạng: "30/12/2025", '
    '"tháng 11/2025", "quý IV/2025", "chậm nhất 30/12/2025", "thường xuyên", "không nêu hạn"',
    "impossible-update-date": f'{UPDATES}:2:3: báo cáo M-03, trường "ngay": "2025-11-31" '
    "không phải ngày có thật — sửa lại ngày (viết YYYY-MM-DD, ví dụ 2025-11-30)",
    "update-after-as-of": f'{UPDATES}:2:3: báo cáo M-03, trường "ngay": ngày 21/12/2025 sau '
    "ngày tính tình trạng 20/12/2025 (ngày xây dựng trang, hoặc AS_OF khi được đặt) — báo cáo "
    "không thể mang ngày trong tương lai: kiểm tra lại ngày báo cáo",
    "done-without-evidence": f'{UPDATES}:4:3: báo cáo M-03, trường "trang_thai": {NO_EVIDENCE}',
    "done-placeholder-evidence": f'{UPDATES}:6:3: báo cáo M-03, trường "minh_chung": {NO_EVIDENCE}',
    "done-by-unassigned-unit": f'{UPDATES}:3:3: báo cáo M-03, trường "don_vi_bao_cao": đơn vị '
    '"don-vi-b" không được giao nhiệm vụ M-03 (được giao: "don-vi-a") — báo cáo "hoàn thành" '
    'phải do đơn vị được giao ghi; nếu đơn vị này thuộc một nhóm được giao, khai "thuoc: [mã '
    'nhóm]" cho đơn vị trong content/tien-do/don-vi/',
    "unknown-group": 'content/tien-do/don-vi/loi.yml:5:3: đơn vị don-vi-d, trường "thuoc": không '
    'có nhóm đơn vị "nhom-khong-co" (đơn vị có "loai: nhóm đơn vị") — sửa mã cho đúng mã một '
    "nhóm đơn vị trong content/tien-do/don-vi/",
    "update-before-document": f'{UPDATES}:2:3: báo cáo M-03, trường "ngay": ngày báo cáo '
    "06/10/2025 trước ngày ban hành văn bản giao nhiệm vụ (07/10/2025) — kiểm tra lại ngày "
    "báo cáo",
    "percent-out-of-range": f'{UPDATES}:6:3: báo cáo M-03, trường "ti_le": 120 không hợp lệ '
    "— tỷ lệ hoàn thành là số nguyên từ 0 đến 100 (không viết dấu %)",
    "status-contradicts-percent": f'{UPDATES}:5:3: báo cáo M-03, trường "ti_le": trạng thái '
    '"hoàn thành" mà tỷ lệ chỉ 80% — nếu đã xong, ghi "ti_le: 100"; nếu chưa xong, ghi '
    '"trang_thai: đang thực hiện"',
    "unknown-task": f'{UPDATES}:1:3: báo cáo M-3, trường "nhiem_vu": không có nhiệm vụ "M-3" '
    '— có phải ý bạn là "M-03"? Sửa mã nhiệm vụ cho đúng mã trong content/tien-do/nhiem-vu/',
    # The clause register (issue 16): content/tien-do/doi-chieu/<document id>.yml.
    "register-neither": [
        f'{REGISTER}:10:3: đối chiếu neo 1-p1, trường "nhiem_vu": chưa có nhiệm vụ theo dõi '
        'cũng chưa có lý do — ghi mã nhiệm vụ vào "nhiem_vu", hoặc thêm dòng "ly_do: …" nói '
        "vì sao điều khoản này không thành nhiệm vụ",
        f'{SAMPLE_TASKS}:36:5: {M03_MISSING} — thêm M-03 vào "nhiem_vu" của mục neo "1-p1" '
        f"trong {REGISTER}",
    ],
    "register-unknown-anchor": [
        f'{REGISTER}:8:3: đối chiếu neo 1-p9, trường "neo": văn bản "vb-mau" không có neo '
        '"1-p9" (nhiệm vụ M-03 dẫn neo này) — có phải ý bạn là "1-p1"? Mở trang văn bản, '
        "bấm ¶ cạnh mục hoặc đoạn và chép phần sau dấu #",
        f'{SAMPLE_TASKS}:36:5: {M03_MISSING} — thêm vào {REGISTER} một mục neo "1-p1" '
        '(nguyên văn của đoạn) với "nhiem_vu: [M-03]"',
    ],
    "register-quote-changed": f'{REGISTER}:9:3: đối chiếu neo 1-p1, trường "trich_dan": '
    'không còn là nguyên văn của neo "1-p1" trong văn bản "vb-mau" (nhiệm vụ M-03 dẫn neo '
    "này) — chép lại đúng từng chữ từ trang văn bản, hoặc sửa neo cho đúng đoạn",
    "register-duplicate-anchor": f'{REGISTER}:16:3: đối chiếu neo 1-p1, trường "neo": neo '
    "đã có ở dòng 8 — gộp hai mục làm một",
    "register-task-missing": f'{TASKS}:7:5: nhiệm vụ X-02, trường "nguon": điều khoản nguồn '
    '(văn bản "vb-mau", neo "1-p1") chưa có nhiệm vụ này trong bảng đối chiếu — thêm X-02 '
    f'vào "nhiem_vu" của mục neo "1-p1" trong {REGISTER}',
    "register-unknown-task": f'{REGISTER}:6:26: đối chiếu neo 1, trường "nhiem_vu": không có '
    'nhiệm vụ "M-11" trong content/tien-do/nhiem-vu/ — có phải ý bạn là "M-10"? Sửa mã cho '
    "đúng mã một nhiệm vụ; nếu điều khoản chưa có nhiệm vụ theo dõi, lập nhiệm vụ trước rồi "
    'mới ghi mã, hoặc bỏ mã và ghi "ly_do: …"',
    "register-unknown-document": "content/tien-do/doi-chieu/vb-mua.yml:1:3: tên tệp phải là "
    'mã một văn bản, không có văn bản "vb-mua" — có phải ý bạn là "vb-mau"? Đổi tên tệp '
    "theo mã văn bản trong content/van-ban/ (vb-mau)",
    # Roles as the source says them (issue 16).
    "role-no-assignee": f'{TASKS}:1:3: nhiệm vụ X-01, trường "chu_tri": chưa ghi ai được giao '
    '— ghi "chu_tri" khi văn bản nói đơn vị chủ trì (hoặc đơn vị là chủ ngữ duy nhất của '
    'câu), hoặc "cung_duoc_giao" khi văn bản nêu các đơn vị ngang nhau',
    "role-lead-and-co-leads": f'{TASKS}:4:3: nhiệm vụ X-01, trường "cung_duoc_giao": đã có '
    '"chu_tri" — "cung_duoc_giao" chỉ dùng khi văn bản nêu các đơn vị ngang nhau, không nói '
    'ai chủ trì; đơn vị "phối hợp với" ghi ở "phoi_hop"',
    "role-lead-not-in-quote": f'{TASKS}:3:3: nhiệm vụ X-01, trường "chu_tri": "Đơn vị B" không '
    "có trong câu trích dẫn — chỉ ghi đơn vị văn bản nêu tên ở câu này; nếu suy ra từ chỗ "
    'khác, ghi lý do ở "suy_ra: {chu_tri: …}" (trang nhiệm vụ sẽ ghi là suy ra)',
    "role-partner-not-in-quote": f'{TASKS}:4:3: nhiệm vụ X-01, trường "phoi_hop": "Đơn vị C" '
    "không có trong câu trích dẫn — chỉ ghi đơn vị văn bản nêu tên ở câu này; nếu suy ra từ "
    'chỗ khác, ghi lý do ở "suy_ra: {phoi_hop: …}" (trang nhiệm vụ sẽ ghi là suy ra)',
    "deadline-from-neighbour": f'{TASKS}:4:3: nhiệm vụ X-01, trường "han": hạn "quý I/2026" '
    'không có ở đoạn được dẫn (neo "1") — nếu hạn lấy từ đoạn khác, ghi đoạn đó ở '
    '"suy_ra: {han: …}" (trang nhiệm vụ sẽ ghi rõ)',
    "unknown-parent": f'{TASKS}:9:3: nhiệm vụ X-01, trường "thuoc": không có nhiệm vụ "M-99" '
    "— ghi mã nhiệm vụ cha có trong content/tien-do/nhiem-vu/",
    "comparison-not-in-source": "content/tien-do/chi-tieu/loi.yml:8:3: chỉ tiêu loi-01, trường "
    '"so_sanh": từ so sánh "trên" của phần mục tiêu "dat" không có trong "noi_dung" — chép '
    'đúng từ của chỉ tiêu ("ít nhất", "trên", "không quá", "từ … trở lên"), hoặc bỏ '
    '"so_sanh" nếu chỉ tiêu chỉ ghi con số',
    "period-not-in-source": "content/tien-do/chi-tieu/loi.yml:8:3: chỉ tiêu loi-01, trường "
    '"tan_suat": kỳ "cả nhiệm kỳ" của phần mục tiêu "dat" không có trong "noi_dung" — chỉ ghi '
    'kỳ chỉ tiêu nói; chỉ tiêu không nói thì ghi "tan_suat: không nêu"',
    "unknown-state": f'{UPDATES}:4:3: báo cáo M-03, trường "trang_thai": "hoàn thàn" không '
    'phải giá trị được phép — có phải ý bạn là "hoàn thành"? Chọn một trong: "đang thực '
    'hiện", "hoàn thành"',
}


def test_every_invalid_fixture_has_a_case() -> None:
    folders = {p.name for p in (FIXTURES / "invalid").iterdir() if p.is_dir()}
    assert folders == set(CASES)


def test_sample_is_valid() -> None:
    _, errors = load(FIXTURES / "sample")
    assert errors == []


def _list_broken_task(project: Path) -> None:
    """A fixture's broken task X-01 cites clause "1" of vb-mau; the register lists it there,
    as it must list every task, so that the fixture's own error is the only one."""
    tasks = project / "content" / "tien-do" / "nhiem-vu" / "loi.yml"
    if tasks.exists() and "id: X-01" in tasks.read_text(encoding="utf-8"):
        register = project / REGISTER
        text = register.read_text(encoding="utf-8")
        register.write_text(text.replace("[M-01, M-02]", "[M-01, M-02, X-01]", 1), "utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_invalid_fixture_reports_exact_message(case: str, tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "project")
    shutil.copytree(
        FIXTURES / "invalid" / case, project / "content" / "tien-do", dirs_exist_ok=True
    )
    _list_broken_task(project)
    _, errors = load(project)
    expected = CASES[case]
    assert errors == (expected if isinstance(expected, list) else [expected])


def test_real_content_error_fails_the_check_with_location(tmp_path: Path) -> None:
    """Through the real command: exit 1, the message at file:line, nothing written."""
    project = copy_project(tmp_path / "p")
    tasks = project / "content" / "tien-do" / "nhiem-vu" / "chi-thi-01-ct-tu.yml"
    text = tasks.read_text(encoding="utf-8")
    line = text.splitlines().index("  han: trong quý IV/2025") + 1
    tasks.write_text(text.replace("han: trong quý IV/2025", "han: quý V/2025"), encoding="utf-8")
    result = run_build_tools(project, "check")
    assert result.returncode == 1
    assert (
        f'content/tien-do/nhiem-vu/chi-thi-01-ct-tu.yml:{line}:3: nhiệm vụ CT01-2, trường "han": '
        'không đọc được hạn "quý V/2025"'
    ) in result.stderr
    assert not (project / "docs" / "tien-do" / "index.md").exists()


@pytest.mark.parametrize(
    ("number", "url", "real"),
    [
        ("12-KH/TU", "", True),
        ("01-CT/TU", "", True),
        ("123/QĐ-UBND", "", True),
        ("45/2025/NĐ-CP", "", True),
        ("", "https://cantho.gov.vn/bai-viet/ke-hoach-12", True),
        ("", "http://example.org/a", True),
        ("…-KH/TU", "", False),
        ("...", "", False),
        ("số 12", "", False),
        ("", "https://…", False),
        ("", "https://example.org/…", False),
        ("", "https://localhost", False),
        ("", "", False),
    ],
)
def test_what_counts_as_evidence(number: str, url: str, real: bool) -> None:
    assert real_evidence(Evidence("Minh chứng", number, url)) is real


def test_a_member_of_an_assigned_group_may_report_done(tmp_path: Path) -> None:
    """A unit declared (`thuoc`) in a group the task assigns may report it done."""
    project = copy_sample(tmp_path / "project")
    units = project / "content" / "tien-do" / "don-vi" / "don-vi.yml"
    units.write_text(
        units.read_text(encoding="utf-8")
        + "- id: nhom-a\n  ten: Các đơn vị nhóm A\n  ten_ngan: Nhóm A\n  loai: nhóm đơn vị\n"
        + "- id: don-vi-d\n  ten: Đơn vị D\n  ten_ngan: ĐV D\n  loai: cấp xã\n"
        + "  thuoc: [nhom-a]\n",
        encoding="utf-8",
    )
    tasks = project / "content" / "tien-do" / "nhiem-vu" / "mau.yml"
    text = tasks.read_text(encoding="utf-8")
    start = text.index("- id: M-03")
    end = text.index("- id: M-04")
    task = text[start:end].replace(
        "chu_tri: don-vi-a", "chu_tri: nhom-a\n  suy_ra: {chu_tri: nhóm được giao trong thử nghiệm}"
    )
    tasks.write_text(text[:start] + task + text[end:], encoding="utf-8")
    (project / "content" / "tien-do" / "cap-nhat" / "loi.yml").write_text(
        "- nhiem_vu: M-03\n  ngay: 2025-12-02\n  don_vi_bao_cao: don-vi-d\n"
        "  trang_thai: hoàn thành\n  tom_tat: Đã xong.\n  minh_chung:\n"
        "    - ten: Kế hoạch số 12\n      so_van_ban: 12-KH/TU\n",
        encoding="utf-8",
    )
    site, errors = load(project)
    assert errors == []
    task_m03 = site.progress.task("M-03")
    assert task_m03 is not None and task_m03.status_label == "hoàn thành đúng hạn"


def _done_by(unit: str) -> Update:
    return Update("X-01", date(2025, 12, 2), unit, UpdateState.DONE, "Đã xong.", file="f.yml")


@pytest.mark.parametrize(
    ("unit", "ok"), [("don-vi-b", True), ("don-vi-c", True), ("don-vi-a", False)]
)
def test_done_units_of_a_task_without_a_lead(unit: str, ok: bool) -> None:
    """Co-assignees with no lead (`chu_tri` absent): any of them may report it done."""
    sink = ErrorSink()
    ctx = Context(SimpleNamespace(), Corpus(()), SimpleNamespace(), sink)  # type: ignore[arg-type]
    check_done_units("X-01", (_done_by(unit),), ("don-vi-b", "don-vi-c"), {}, ctx)
    assert (sink.errors == []) is ok
    if not ok:
        assert 'được giao: "don-vi-b", "don-vi-c"' in sink.errors[0].format()
