"""Issue 7: every content error an editor can make is reported exactly, at file:line:col.

One invalid fixture per rule (tests/fixtures/invalid/); each is dropped into a fresh
project copy and `pipeline.check` must report exactly the expected Vietnamese messages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from build_tools import generic, pipeline
from build_tools.errors import (
    MAX_MESSAGE,
    MAX_SHOWN,
    ContentError,
    ContentErrors,
    ErrorSink,
    SourceLocation,
    format_errors,
)
from build_tools.paths import Paths
from tests.helpers import ROOT, copy_project, run_build_tools

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
SITE = "content/site.yml"
NOTE = "content/khac/ghi-chu.md"

INDENT_HINT = "sửa cho thẳng cột với dòng cùng cấp (mỗi cấp con lùi thêm 2 dấu cách)"
UNCLOSED = 'dấu ngoặc kép " mở ở đây chưa được đóng'
CLOSE_IT = 'thêm dấu " ở cuối giá trị trên cùng dòng này'

ANCHOR = (
    'giá trị bắt đầu bằng dấu "&" bị YAML hiểu là neo để chép lại (không được dùng) — viết '
    "đầy đủ giá trị ở mỗi chỗ cần; nếu & là chữ thì đặt cả giá trị trong ngoặc kép"
)

CASES: dict[str, tuple[str, list[str]]] = {
    # Issue 13: anchors and aliases refused before any node is built (libyaml and PyYAML).
    "yaml-alias-bomb.yml": (SITE, [f"content/site.yml:1:4: {ANCHOR}"]),
    "yaml-anchor-slow-path.yml": (SITE, [f"content/site.yml:3:6: {ANCHOR}"]),
    "yaml-alias.yml": (
        SITE,
        [
            'content/site.yml:2:12: giá trị bắt đầu bằng dấu "*" bị YAML hiểu là tham chiếu — '
            "đặt cả giá trị trong ngoặc kép"
        ],
    ),
    "yaml-html-in-value.yml": (
        SITE,
        [
            "content/site.yml:2:12: giá trị có mã HTML “<img…” — trang web không nhận mã HTML "
            'trong dữ liệu: xóa thẻ, chỉ giữ chữ (dấu "<" đứng trước chữ cái thì viết "nhỏ hơn")'
        ],
    ),
    "yaml-script-url.yml": (
        SITE,
        [
            "content/site.yml:2:12: giá trị có địa chỉ “javascript:” — loại địa chỉ này có thể "
            "chạy mã trên máy người đọc: xóa nó; địa chỉ web phải bắt đầu bằng https://"
        ],
    ),
    "yaml-value-too-long.yml": (
        SITE,
        [
            "content/site.yml:2:12: giá trị dài 10.999 ký tự, quá giới hạn 10.000 ký tự của một "
            "trường — rút gọn; toàn văn một văn bản thì đưa vào content/van-ban/"
        ],
    ),
    "yaml-tab.yml": (
        SITE,
        [
            "content/site.yml:3:1: dòng này thụt lề bằng phím Tab — YAML chỉ nhận dấu cách: "
            "xóa Tab và gõ dấu cách (mỗi cấp 2 dấu cách), cho thẳng cột với các dòng cùng cấp"
        ],
    ),
    "yaml-tab-after-colon.yml": (
        SITE,
        [
            "content/site.yml:1:14: có ký tự Tab ở đây — YAML không nhận Tab: thay Tab bằng "
            "một dấu cách"
        ],
    ),
    "yaml-indent-deeper.yml": (
        SITE,
        [
            "content/site.yml:2:3: thụt lề sai: dòng này lùi vào 2 dấu cách, còn các dòng "
            f"phía trên lùi vào 0 dấu cách — {INDENT_HINT}"
        ],
    ),
    "yaml-indent-shallower.yml": (
        SITE,
        [
            "content/site.yml:3:2: thụt lề sai: dòng này lùi vào 1 dấu cách, còn các dòng "
            f"phía trên lùi vào 0 hoặc 2 dấu cách — {INDENT_HINT}"
        ],
    ),
    "yaml-unclosed-quote.yml": (SITE, [f"content/site.yml:2:12: {UNCLOSED} — {CLOSE_IT}"]),
    "yaml-unclosed-quote-swallows-key.yml": (
        SITE,
        [f"content/site.yml:1:12: {UNCLOSED} (dòng 2 đang bị tính vào giá trị này) — {CLOSE_IT}"],
    ),
    "yaml-text-after-quote.yml": (
        SITE,
        [
            'content/site.yml:2:25: có chữ nằm sau dấu " đóng giá trị — nếu giá trị có dấu " '
            "bên trong, đặt cả giá trị trong dấu ', ví dụ: 'Nghị quyết \"5 rõ\"'"
        ],
    ),
    "yaml-duplicate-key.yml": (
        SITE,
        [
            'content/site.yml:3:1: khóa "ngay_so_lieu" bị viết hai lần (lần đầu ở dòng 1) — '
            "giữ một dòng, xóa dòng còn lại"
        ],
    ),
    "yaml-colon-in-value.yml": (
        SITE,
        [
            'content/site.yml:2:22: giá trị có dấu hai chấm ":" theo sau là dấu cách — đặt cả '
            'giá trị trong ngoặc kép, ví dụ: tieu_de: "Phần I: Mở đầu"'
        ],
    ),
    "yaml-missing-space-after-colon.yml": (
        SITE,
        [
            'content/site.yml:1:14: thiếu dấu cách sau dấu hai chấm — viết "khóa: giá trị" '
            '(có một dấu cách sau ":")'
        ],
    ),
    "yaml-list-mixed.yml": (
        SITE,
        [
            'content/site.yml:3:3: mục danh sách (dòng bắt đầu bằng "-") và khóa "tên: giá '
            'trị" nằm lẫn ở cùng một cấp — các mục "-" phải lùi vào thẳng cột dưới khóa chứa '
            "chúng"
        ],
    ),
    "yaml-unclosed-bracket.yml": (
        SITE,
        [
            'content/site.yml:2:8: dấu "[" mở ở đây chưa được đóng — thêm "]" ở cuối; nếu đây '
            "là chữ thường thì đặt cả giá trị trong ngoặc kép"
        ],
    ),
    "yaml-second-document.yml": (
        SITE,
        [
            'content/site.yml:2:1: tệp chỉ được chứa một khối dữ liệu, nhưng dòng "---" này '
            'mở khối thứ hai — xóa dòng "---" (hoặc chuyển phần sau sang một tệp riêng)'
        ],
    ),
    "yaml-control-char.yml": (
        SITE,
        [
            "content/site.yml:2:22: có ký tự điều khiển không nhìn thấy được (mã #x0007) — "
            "xóa ký tự này (thường lẫn vào khi sao chép từ Word hoặc PDF)"
        ],
    ),
    "yaml-bad-escape.yml": (
        SITE,
        [
            'content/site.yml:2:23: "\\q" không được phép trong ngoặc kép — viết "\\\\" nếu '
            "cần dấu \\, hoặc đặt giá trị trong ngoặc đơn '…'"
        ],
    ),
    "yaml-not-utf8.yml": (
        SITE,
        [
            "content/site.yml:2:14: tệp không được lưu bằng bảng mã UTF-8 — mở tệp và lưu lại "
            'với bảng mã UTF-8 (trong trình soạn thảo: "Save with Encoding" → "UTF-8")'
        ],
    ),
    "yaml-missing-colon.yml": (
        SITE,
        [
            'content/site.yml:2:1: dòng này thiếu dấu hai chấm ":" sau tên trường — viết '
            '"tên_trường: giá trị"; nếu đây là phần tiếp theo của giá trị dòng trên, nối vào '
            "dòng trên"
        ],
    ),
    "yaml-special-start.yml": (
        SITE,
        [
            'content/site.yml:2:12: giá trị không được bắt đầu bằng ký tự "@" (ký tự này có '
            'nghĩa riêng trong YAML) — đặt cả giá trị trong ngoặc kép, ví dụ: "@…"'
        ],
    ),
    "yaml-first-line-indented.yml": (
        SITE,
        [
            "content/site.yml:2:3: dòng dữ liệu đầu tiên không được lùi vào — xóa các dấu cách "
            "ở đầu dòng này (các khóa ngoài cùng viết sát lề trái)"
        ],
    ),
    "site-unknown-field.yml": (
        SITE,
        [
            'content/site.yml:2:1: trường "so_ngay_lau_chua_cap_nhap": không có trong mẫu — '
            'có phải ý bạn là "so_ngay_lau_chua_cap_nhat"? Các trường được dùng ở đây: '
            "so_ngay_lau_chua_cap_nhat, ten_trang"
        ],
    ),
    "site-removed-date-field.yml": (  # the status date is the build day (or AS_OF) now
        SITE,
        [
            'content/site.yml:1:1: trường "ngay_so_lieu": không có trong mẫu — Các trường được '
            "dùng ở đây: so_ngay_lau_chua_cap_nhat, ten_trang"
        ],
    ),
    "site-wrong-type.yml": (
        SITE,
        [
            'content/site.yml:2:1: trường "so_ngay_lau_chua_cap_nhat": "sáu mươi" không hợp '
            "lệ — phải là một số nguyên dương (số ngày), ví dụ 60"
        ],
    ),
    "site-not-mapping.yml": (
        SITE,
        [
            'content/site.yml:1:1: tệp phải gồm các dòng "khóa: giá trị", ví dụ '
            '"so_ngay_lau_chua_cap_nhat: 60" — sửa lại theo mẫu'
        ],
    ),
    "nfc-decomposed.yml": (
        SITE,
        [
            'content/site.yml:2:12: chữ "Nghị" được gõ ở dạng dấu tách rời (chưa chuẩn Unicode '
            "NFC), nên tìm kiếm và đối chiếu văn bản sẽ sai — chạy lệnh: "
            "python -m build_tools fix-nfc content/site.yml"
        ],
    ),
    "nfc-decomposed.md": (
        NOTE,
        [
            'content/khac/ghi-chu.md:5:11: chữ "Cần" được gõ ở dạng dấu tách rời (chưa chuẩn '
            "Unicode NFC), nên tìm kiếm và đối chiếu văn bản sẽ sai — chạy lệnh: "
            "python -m build_tools fix-nfc content/khac/ghi-chu.md"
        ],
    ),
    "front-matter-unclosed.md": (
        NOTE,
        [
            "content/khac/ghi-chu.md:1:1: phần khai báo đầu tệp (front matter) mở bằng dòng "
            '"---" nhưng không có dòng "---" đóng — thêm một dòng chỉ có --- ngay sau dòng '
            "khai báo cuối cùng"
        ],
    ),
    "front-matter-yaml-error.md": (
        NOTE,
        [f"content/khac/ghi-chu.md:3:14: {UNCLOSED} — {CLOSE_IT}"],
    ),
    "front-matter-not-mapping.md": (
        NOTE,
        [
            'content/khac/ghi-chu.md:2:1: phần khai báo đầu tệp (giữa hai dòng "---") phải '
            'gồm các dòng "khóa: giá trị", ví dụ "title: Chỉ thị số 01-CT/TU" — sửa lại, '
            "hoặc xóa cả phần này"
        ],
    ),
}


def _errors_for(project: Path, shown: str) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        pipeline.check(Paths(project))
    return [e.format() for e in caught.value.errors if e.location.path == shown]


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(CASES)


def _minimal_project(root: Path) -> Path:
    """Only content/site.yml: these rules need no documents, and the check takes ms."""
    (root / "content").mkdir(parents=True)
    shutil.copyfile(ROOT / SITE, root / SITE)
    return root


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_invalid_fixture_gives_exact_message(fixture: str, tmp_path: Path) -> None:
    target, expected = CASES[fixture]
    project = _minimal_project(tmp_path / "p")
    (project / target).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / fixture, project / target)
    assert _errors_for(project, target) == expected


def test_check_lists_all_errors_sorted_and_exits_1(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    note = project / NOTE
    note.parent.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "front-matter-unclosed.md", note)
    shutil.copyfile(FIXTURES / "site-unknown-field.yml", project / SITE)
    (project / "content" / "a.md").write_text(
        unicodedata.normalize("NFD", "Cần Thơ\n"), encoding="utf-8"
    )
    result = run_build_tools(project, "check")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "content/a.md",
        "content/khac/ghi-chu.md",
        "content/site.yml",
    ]
    assert lines[-1] == "Có 3 lỗi trong nội dung; trang web chưa được cập nhật."
    assert not (project / "docs" / "index.md").exists()


def test_fix_nfc_rewrites_the_file_and_check_passes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    shutil.copyfile(FIXTURES / "nfc-decomposed.yml", project / SITE)
    assert run_build_tools(project, "check").returncode == 1
    result = run_build_tools(project, "fix-nfc", SITE)
    assert result.stdout == "content/site.yml: đã chuẩn hóa NFC (1 dòng được sửa).\n"
    text = (project / SITE).read_text(encoding="utf-8")
    assert text == "so_ngay_lau_chua_cap_nhat: 60\nten_trang: Nghị quyết Đại hội\n"
    assert run_build_tools(project, "check").returncode == 0
    again = run_build_tools(project, "fix-nfc", SITE)
    assert again.stdout == "content/site.yml: đã ở dạng chuẩn NFC, không cần sửa.\n"


def test_missing_site_yml_is_reported(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "content").mkdir(parents=True)
    assert _errors_for(project, SITE) == [
        "content/site.yml: không tìm thấy tệp thông tin chung của trang — tạo lại tệp này "
        '(xem mẫu trong docs/huong-dan/doc-va-sua-loi.md, mục "Mẫu tệp content/site.yml")'
    ]


def test_plain_mkdocs_build_with_a_content_error_leaves_site_untouched(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    marker = project / "site" / "index.html"
    marker.parent.mkdir()
    marker.write_text("bản đang đăng", encoding="utf-8")
    shutil.copyfile(FIXTURES / "yaml-tab.yml", project / SITE)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert CASES["yaml-tab.yml"][1][0] in result.stderr
    assert marker.read_text(encoding="utf-8") == "bản đang đăng"
    assert not (project / "docs" / "index.md").exists()


def test_a_markdown_original_is_not_checked(tmp_path: Path) -> None:
    """An original is kept byte for byte: no NFC or front matter rule applies to it."""
    project = _minimal_project(tmp_path / "p")
    folder = project / "content" / "van-ban" / "thu"
    folder.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "nfc-decomposed.md", folder / "thu.md")
    sink = ErrorSink()
    generic.load(Paths(project), sink)
    assert sink.errors == []


def test_a_file_over_the_size_cap_is_not_read(tmp_path: Path) -> None:
    project = _minimal_project(tmp_path / "p")
    big = project / "content" / "tien-do" / "cap-nhat" / "lon.yml"
    big.parent.mkdir(parents=True)
    big.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    assert _errors_for(project, "content/tien-do/cap-nhat/lon.yml") == [
        "content/tien-do/cap-nhat/lon.yml:1:1: tệp nặng 5,0 MB, quá giới hạn 5,0 MB — chia "
        "thành nhiều tệp nhỏ hơn (mỗi tệp một nhóm nhiệm vụ hoặc báo cáo)"
    ]


def test_printed_errors_are_capped_in_number_and_length() -> None:
    where = SourceLocation("content/a.yml", 1, 1)
    many = [ContentError(SourceLocation("content/a.yml", n, 1), "sai") for n in range(1, 251)]
    lines = format_errors(many).splitlines()
    assert len(lines) == MAX_SHOWN + 2
    assert lines[-2] == (
        "… và 50 lỗi khác (chỉ in 200 lỗi đầu) — sửa các lỗi trên rồi kiểm tra lại"
    )
    assert lines[-1] == "Có 250 lỗi trong nội dung; trang web chưa được cập nhật."
    long = format_errors([ContentError(where, "x" * 5000 + " — cách sửa")]).splitlines()[0]
    assert len(long) <= MAX_MESSAGE + 10
    assert long.startswith("content/a.yml:1:1: xxx") and long.endswith("x — cách sửa")
    assert " […] " in long
