"""Issue 3: one invalid fixture per rule for document metadata and content, with the
exact message an editor reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import documents
from build_tools.errors import ErrorSink
from build_tools.paths import Paths
from tests.helpers import copy_project, document_errors, edited_copy

DOC = "cong-van-39-cv-tu"
META = f"content/van-ban/{DOC}/van-ban.yml"
CONTENT = f"content/van-ban/{DOC}/noi-dung.md"


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        (
            META,
            "ngay_ban_hanh: 2025-10-24",
            "ngay_ban_hanh: 2025-02-31",
            f"{META}:7:1: trường \"ngay_ban_hanh\": '2025-02-31' không phải ngày có thật — "
            "viết YYYY-MM-DD, ví dụ 2025-10-24; bỏ trống nếu không nguồn nào nêu ngày",
        ),
        (
            META,
            "nguon_ngay: bản gốc — “Cần Thơ, ngày 24 tháng 10 năm 2025”\n",
            "",
            f'{META}:7:1: trường "ngay_ban_hanh": có ngày ban hành thì phải ghi nguồn của '
            "ngày ở trường nguon_ngay",
        ),
        (
            META,
            "trang_thai: chính thức",
            "trang_thai: ban hành",
            f'{META}:13:1: trường "trang_thai": "ban hành": chỉ được ghi “chính thức”, “dự thảo”, '
            "hoặc để trống nếu bản gốc không ghi",
        ),
        (
            META,
            "loai: Công văn",
            "loai:",
            f'{META}:3:1: trường "loai": phải là một dòng chữ, không để trống — điền theo văn '
            "bản gốc",
        ),
        (
            META,
            "thu_tu: 4",
            "thu_tu: 4\nngay_ky: 2025-10-24",
            f'{META}:16:1: trường "ngay_ky": không có trong mẫu — có phải ý bạn là "nguoi_ky"? '
            "Các trường được dùng ở đây: ban_ban_hanh, ban_goc, ban_goc_sha256, can_xac_nhan, "
            "co_quan_ban_hanh, lien_quan, loai, ngay_ban_hanh, nguoi_ky, nguon_ngay, noi_dung, "
            "so_ky_hieu, thu_tu, tieu_de, trang_thai, trich_yeu",
        ),
        (
            META,
            "lien_quan: []",
            "lien_quan: [ket-luan-200]",
            f"{META}: văn bản liên quan “ket-luan-200” không có trong content/van-ban/",
        ),
        (
            META,
            "ban_goc: cong-van-39-cv-tu.txt",
            "ban_goc: cong-van.txt",
            f'{META}:16:1: trường "ban_goc": không tìm thấy tệp content/van-ban/{DOC}/cong-van.txt',
        ),
        (
            CONTENT,
            "{: #2 .clause }",
            "{: #1 .clause }",
            f"{CONTENT}:23:1: mã neo “1” bị dùng hai lần — mỗi mục cần một mã riêng",
        ),
        (
            CONTENT,
            "{: #3 .clause }",
            "{: .clause }",
            f"{CONTENT}:28:1: điều khoản thiếu mã neo {{: #… .clause }}",
        ),
        (
            CONTENT,
            "## Nơi nhận {#noi-nhan}",
            "## Nơi nhận {#Nơi-nhận}",
            f"{CONTENT}:42:1: mã neo “Nơi-nhận” chỉ được dùng chữ a-z không dấu, số 0-9 và "
            "dấu - (ví dụ “noi-nhan”)",
        ),
    ],
    ids=[
        "impossible-date",
        "date-without-source",
        "unknown-status",
        "missing-required",
        "unknown-field",
        "unknown-related",
        "missing-original",
        "duplicate-anchor",
        "clause-without-anchor",
        "non-ascii-anchor",
    ],
)
def test_invalid_document_data_is_reported_exactly(
    pristine: Path, tmp_path: Path, rel: str, old: str, new: str, expected: str
) -> None:
    project = edited_copy(tmp_path, rel, old, new)
    assert expected in document_errors(project)


def test_pristine_content_has_nodocument_errors(pristine: Path) -> None:
    assert document_errors(pristine) == []


def test_content_saved_with_crlf_and_nfd_still_loads(tmp_path: Path) -> None:
    import unicodedata

    project = copy_project(tmp_path / "p")
    target = project / CONTENT
    text = target.read_text(encoding="utf-8")
    target.write_bytes(unicodedata.normalize("NFD", text).replace("\n", "\r\n").encode())
    assert document_errors(project) == []
    doc = documents.load(Paths(project), ErrorSink()).get(DOC)
    assert doc is not None and doc.section("noi-nhan") is not None
    assert all(unicodedata.is_normalized("NFC", s.text) for s in doc.sections)
