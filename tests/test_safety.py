"""Issue 13: hostile content in a document, its metadata or its original is refused at
file:line in Vietnamese (one case per rule, exact messages); fields are escaped."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.render import markdown_text, yaml_title
from tests.helpers import copy_project, document_errors, edited_copy

DOC = "cong-van-39-cv-tu"
META = f"content/van-ban/{DOC}/van-ban.yml"
CONTENT = f"content/van-ban/{DOC}/noi-dung.md"
PARAGRAPH = "Kính gửi:"
HTML = (
    "văn bản chỉ được viết bằng Markdown (ngoài các thẻ <sup>, <sub>, <br> không thuộc "
    "tính): xóa thẻ, giữ nguyên chữ của bản gốc"
)
OFF_SITE = (
    "không dẫn đến một văn bản trên trang — chỉ liên kết đến mã neo (#ma-neo) hoặc văn bản "
    "khác (../ma-van-ban/index.md#ma-neo); không liên kết ra ngoài trang"
)
SCRIPT = "loại địa chỉ này có thể chạy mã trên máy người đọc: xóa nó"


CASES = {
    "tag-only-img": (
        CONTENT,
        PARAGRAPH,
        f"{PARAGRAPH} <img src=x onerror=alert(1)>",
        f"{CONTENT}:8:11: văn bản có mã HTML “<img src=x onerror=alert(1)>” — {HTML}",
    ),
    "script-src": (
        CONTENT,
        PARAGRAPH,
        f'{PARAGRAPH}\n<script src="https://evil.example/x.js"></script>',
        f'{CONTENT}:9:1: văn bản có mã HTML “<script src="https://evil.example/x.js">” — {HTML}',
    ),
    "iframe": (
        CONTENT,
        PARAGRAPH,
        f"{PARAGRAPH} <iframe src=//evil.example>",
        f"{CONTENT}:8:11: văn bản có mã HTML “<iframe src=//evil.example>” — {HTML}",
    ),
    "event-attribute": (
        CONTENT,
        "{: .addressee }",
        '{: .addressee onclick="alert(1)" }',
        f'{CONTENT}:9:1: thuộc tính “onclick="alert(1)"” trong “{{…}}” không được phép — '
        "chỉ dùng mã neo {: #ma-neo } hoặc lớp trình bày {: .ten-lop }",
    ),
    "javascript-link": (
        CONTENT,
        PARAGRAPH,
        "[Kính gửi](javascript:alert(1)):",
        f"{CONTENT}:8:12: văn bản có địa chỉ “javascript:” — {SCRIPT}",
    ),
    "data-url": (
        CONTENT,
        PARAGRAPH,
        "[Kính gửi](data:text/html;base64,PHNjcmlwdD4=):",
        f"{CONTENT}:8:12: văn bản có địa chỉ “data:text/html;” — {SCRIPT}",
    ),
    "link-off-site": (
        CONTENT,
        PARAGRAPH,
        "[Kính gửi](https://evil.example/):",
        f"{CONTENT}:8:12: liên kết “https://evil.example/” {OFF_SITE}",
    ),
    "image": (
        CONTENT,
        PARAGRAPH,
        f"{PARAGRAPH} ![](https://evil.example/p.png)",
        f"{CONTENT}:8:11: văn bản không được chèn ảnh “![…](…)” — trang chỉ đăng chữ của bản "
        "gốc; xóa phần ảnh",
    ),
    "broken-anchor": (
        CONTENT,
        PARAGRAPH,
        "[Kính gửi](#khong-co):",
        f"{CONTENT}:8:12: liên kết “#khong-co”: văn bản “{DOC}” không có mã neo “khong-co” — "
        "chép mã neo từ liên kết ¶ của mục hoặc đoạn trên trang văn bản",
    ),
    "unknown-document": (
        CONTENT,
        PARAGRAPH,
        "[Kính gửi](../ket-luan-200/index.md#1):",
        f"{CONTENT}:8:12: liên kết “../ket-luan-200/index.md#1”: không có văn bản "
        "“ket-luan-200” trong content/van-ban/ — sửa mã văn bản (tên thư mục của văn bản)",
    ),
    "original-outside-folder": (
        META,
        "ban_goc: cong-van-39-cv-tu.txt",
        "ban_goc: ../chi-thi-01-ct-tu/chi-thi-01-ct-tu.txt",
        f'{META}:16:1: trường "ban_goc": “../chi-thi-01-ct-tu/chi-thi-01-ct-tu.txt” không '
        "phải tên một tệp trong thư mục văn bản — chỉ ghi tên tệp (chữ thường không dấu, số, "
        "dấu - và .), ví dụ chi-thi-01-ct-tu.txt",
    ),
    "sha256-missing": (
        META,
        "ban_goc_sha256: ",
        "# ban_goc_sha256: ",
        f'{META}:3:1: trường "ban_goc_sha256": thiếu mã sha256 của bản gốc (lệnh import tự '
        "ghi) — với văn bản đã có, ghi “ban_goc_sha256: <mã>”, mã là kết quả của lệnh: "
        f"sha256sum content/van-ban/{DOC}/{DOC}.txt",
    ),
    "sha256-malformed": (
        META,
        "ban_goc_sha256: ",
        "ban_goc_sha256: abc  # ",
        f'{META}:17:1: trường "ban_goc_sha256": phải là mã sha256 của bản gốc: 64 chữ số 0-9, '
        "a-f (lệnh import tự ghi mã này)",
    ),
    "original-changed": (
        f"content/van-ban/{DOC}/{DOC}.txt",
        "Kính gửi:",
        "Kính gửi:",  # same words, one byte more: a space at the end of the line
        f'{META}:17:1: trường "ban_goc_sha256": bản gốc {DOC}.txt đã bị thay đổi: mã sha256 '
        "của tệp không còn khớp mã ghi khi nhập — bản gốc phải giữ đúng như khi nhận: lấy "
        "lại tệp cũ từ git (git checkout -- <tệp>); bản mới của cơ quan ban hành thì nhập "
        "thành một văn bản mới",
    ),
    "level-one-heading": (
        CONTENT,
        "## Nơi nhận {#noi-nhan}",
        "# Nơi nhận {#noi-nhan}",
        f"{CONTENT}:42:1: đề mục cấp 1 “# …” dành cho tên văn bản, trang tự đặt — đề mục "
        "trong văn bản bắt đầu bằng “## ” (cấp cao nhất) đến “###### ”",
    ),
    "setext-heading": (
        CONTENT,
        "## Nơi nhận {#noi-nhan}",
        "Nơi nhận\n---",
        f"{CONTENT}:43:1: dòng “---” ngay dưới một dòng chữ biến dòng đó thành đề mục mà dàn "
        "ý văn bản không ghi nhận — viết đề mục bằng “## …”, hoặc để một dòng trống trước "
        "dòng này",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_document_is_refused_exactly(pristine: Path, tmp_path: Path, case: str) -> None:
    rel, old, new, expected = CASES[case]
    if case == "original-changed":
        new = old + " "
    project = edited_copy(tmp_path, rel, old, new)
    assert expected in document_errors(project)


def test_pristine_documents_pass(pristine: Path) -> None:
    assert document_errors(pristine) == []


def test_folder_name_must_be_an_address(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    root = project / "content" / "van-ban"
    (root / DOC).rename(root / "Công văn 39")
    assert document_errors(project) == [
        "content/van-ban/Công văn 39: tên thư mục “Công văn 39” là địa chỉ trang văn bản nên "
        "chỉ được dùng chữ a-z không dấu, số 0-9 và dấu - (ví dụ “cong-van-39”) — đổi tên "
        "thư mục"
    ]


def test_fields_stay_literal_text_in_markdown() -> None:
    assert markdown_text("[x](javascript:alert(1))") == r"\[x\](javascript:alert(1))"
    assert markdown_text('<img src=x onerror="a">') == '&lt;img src=x onerror="a"&gt;'
    assert markdown_text("{: onclick=a } `c` *e* _f_ a|b") == (
        r"\{: onclick=a \} \`c\` \*e\* \_f\_ a\|b"
    )
    assert markdown_text("- a\n\n# b") == r"\- a # b"
    assert yaml_title('A <b> & "c"') == '"A &lt;b&gt; &amp; \\"c\\""'
