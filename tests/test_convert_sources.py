"""Issue 20: sources as editors receive them — PDF with a text layer (made here by
chromium), scans, legacy .doc and legacy-encoded text are refused in Vietnamese."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.documents.convert.pdf import PdfLine, _page_numbers
from build_tools.documents.fidelity import missing
from build_tools.documents.importer import ConvertError, convert_file, source_text
from tests.helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, copy_project, run_build_tools

PAGE = """<html><head><meta charset="utf-8"><style>
body {{ font-family: serif; font-size: 14pt; width: 16cm }}
p {{ text-indent: 1cm; text-align: justify; margin: 0 }}
h2 {{ text-align: center; font-size: 14pt }}
table {{ border-collapse: collapse }} td, th {{ border: 1px solid black; padding: 2pt }}
</style></head><body>{body}</body></html>"""

BODY = """
<h2>KẾ HOẠCH</h2>
<p style="text-indent:0"><b>I. MỤC ĐÍCH, YÊU CẦU</b></p>
<p>Quán triệt sâu sắc nội dung Nghị quyết đến toàn thể cán bộ, đảng viên và các tầng lớp
nhân dân trên địa bàn thành phố, tạo sự thống nhất cao về nhận thức và hành động.</p>
<p><b>1. Tổ chức học tập</b></p>
<p>Các cấp ủy tổ chức học tập nghiêm túc theo bảng sau:</p>
<table><tr><th>STT</th><th>Nội dung</th><th>Thời gian</th></tr>
<tr><td>1</td><td>Học tập Nghị quyết</td><td>Quý I</td></tr>
<tr><td>2</td><td>Sơ kết</td><td>Quý IV</td></tr></table>
"""


def _pdf(tmp_path: Path, body: str) -> Path:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser`")
    html = tmp_path / "van-ban.html"
    html.write_text(PAGE.format(body=body), encoding="utf-8")
    pdf = tmp_path / "van-ban.pdf"
    subprocess.run(
        [CHROMIUM, *CHROMIUM_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", str(html)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return pdf


def test_pdf_with_a_text_layer_keeps_headings_paragraphs_tables_and_words(
    tmp_path: Path,
) -> None:
    pdf = _pdf(tmp_path, BODY)
    markdown = convert_file(pdf)
    assert "## I. MỤC ĐÍCH, YÊU CẦU {#i}" in markdown
    assert "### 1. Tổ chức học tập {#i-1}" in markdown
    assert (
        "Quán triệt sâu sắc nội dung Nghị quyết đến toàn thể cán bộ, đảng viên và các tầng "
        "lớp nhân dân trên địa bàn thành phố, tạo sự thống nhất cao về nhận thức và hành động."
    ) in markdown
    assert (
        "| STT | Nội dung | Thời gian |\n| --- | --- | --- |\n"
        "| 1 | Học tập Nghị quyết | Quý I |\n| 2 | Sơ kết | Quý IV |"
    ) in markdown
    assert missing(source_text(pdf), markdown) == []


def _blank_pdf() -> bytes:
    """A one-page PDF with nothing to read (what a scanner without OCR makes, minus the
    image)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_a_scan_without_text_is_refused(tmp_path: Path) -> None:
    scan = tmp_path / "ban-chup.pdf"
    scan.write_bytes(_blank_pdf())
    with pytest.raises(ConvertError) as caught:
        convert_file(scan)
    assert str(caught.value) == (
        f"{scan}: tệp PDF là bản chụp (ảnh), không có lớp chữ để lấy nội dung — xin cơ quan "
        "ban hành bản PDF có chữ hoặc bản .docx; nếu chỉ có bản chụp, nhận dạng chữ (OCR), "
        "soát lại toàn bộ rồi nhập tệp .txt cùng bản chụp làm bản gốc"
    )


def test_a_scan_with_a_broken_ocr_layer_is_refused(tmp_path: Path) -> None:
    broken = "TiNH UY THAI NGUYEN BANG CONG SAN VIT NAM THONG BAO CUA BAN CHAP HANH " * 3
    pdf = _pdf(tmp_path, f"<p>{broken}</p>")
    with pytest.raises(ConvertError) as caught:
        convert_file(pdf)
    assert str(caught.value) == (
        f"{pdf}: lớp chữ của tệp PDF không dùng được (nhận dạng chữ hỏng: chỉ 0% số từ có "
        "dấu tiếng Việt) — xin bản PDF có chữ hoặc bản .docx; nếu chỉ có bản chụp, nhận "
        "dạng lại, soát toàn bộ rồi nhập tệp .txt"
    )


def test_page_numbers_are_furniture_only_when_they_count_the_pages() -> None:
    def line(page: int, text: str, top: float) -> PdfLine:
        return PdfLine(page, text, 0, 10, top, top + 10)

    pages = [
        [line(1, "Mở đầu", 10), line(1, "Nội dung", 50)],
        [line(2, "2", 5), line(2, "năm 2025 có", 50), line(2, "15", 90)],
        [line(3, "3", 5), line(3, "Nội dung", 50)],
    ]
    assert _page_numbers(pages) == [(2, "2"), (3, "3")]


def test_a_legacy_word_file_is_refused(tmp_path: Path) -> None:
    doc = tmp_path / "cong-van.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ConvertError) as caught:
        convert_file(doc)
    assert str(caught.value) == (
        f"{doc}: tệp Word cũ (.doc) không đọc được — mở bằng Word hoặc LibreOffice, chọn "
        "Lưu thành (Save As) định dạng .docx rồi nhập tệp .docx"
    )


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("TCVN3", ("Céng hoµ x· héi chñ nghÜa ViÖt Nam. " * 6).encode("cp1252")),
        ("VNI", ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. " * 6).encode("utf-8")),
    ],
)
def test_legacy_vietnamese_encodings_are_refused(tmp_path: Path, kind: str, data: bytes) -> None:
    text = tmp_path / "van-ban.txt"
    text.write_bytes(data)
    with pytest.raises(ConvertError) as caught:
        convert_file(text)
    assert str(caught.value) == (
        f"{text}: văn bản gõ bằng bảng mã cũ {kind}, không phải Unicode — mở bằng Unikey "
        f"(Công cụ chuyển mã: nguồn {kind}, đích Unicode), lưu lại dạng UTF-8 rồi nhập lại; "
        "không nhập bản lỗi phông vì chữ sẽ sai"
    )


def test_outside_the_virtualenv_the_command_says_how_to_run_it() -> None:
    """A missing dependency (the system Python) gives the way to run it, not a traceback."""
    script = (
        "import runpy, sys; sys.modules['yaml'] = None; "
        "sys.argv = ['build_tools', 'import', 'van-ban.pdf']; "
        "runpy.run_module('build_tools', run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Thiếu thư viện “yaml”: lệnh này phải chạy bằng Python của dự án — chạy `make check` "
        "một lần để tạo .venv, rồi dùng `.venv/bin/python -m build_tools import van-ban.pdf` "
        "(hoặc `make import FILE=đường/dẫn/tệp`)"
    )


HEADER = """ĐẢNG BỘ THÀNH PHỐ CẦN THƠ        ĐẢNG CỘNG SẢN VIỆT NAM
THÀNH ỦY
*
Số: 12-NQ/TU        Cần Thơ, ngày 05 tháng 3 năm 2025

NGHỊ QUYẾT
về phát triển kinh tế số
-----
I. MỤC TIÊU

Phát triển kinh tế số nhanh và bền vững trên địa bàn thành phố trong nhiệm kỳ.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Nguyễn Văn A
"""


def test_import_prefills_what_the_header_states_for_the_editor_to_confirm(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "p")
    source = tmp_path / "nghi-quyet.txt"
    source.write_text(HEADER, encoding="utf-8")
    result = run_build_tools(project, "import", str(source), "--id", "nghi-quyet-12")
    assert result.returncode == 0, result.stderr
    meta = (project / "content" / "van-ban" / "nghi-quyet-12" / "van-ban.yml").read_text("utf-8")
    note = "  # đọc từ văn bản — kiểm tra lại"
    for line in (
        "can_xac_nhan: [so_ky_hieu, ngay_ban_hanh, nguon_ngay, co_quan_ban_hanh, loai, "
        "trich_yeu, chuc_vu, ten]  # đã đối chiếu với bản gốc thì xóa dòng này",
        f'loai: "Nghị quyết"{note}',
        f'so_ky_hieu: "12-NQ/TU"{note}',
        f'trich_yeu: "về phát triển kinh tế số"{note}',
        f"ngay_ban_hanh: 2025-03-05{note}",
        f'nguon_ngay: "bản gốc — “Cần Thơ, ngày 05 tháng 3 năm 2025”"{note}',
        f'co_quan_ban_hanh: "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ THÀNH ỦY"{note}',
        f'  chuc_vu: "T/M BAN THƯỜNG VỤ BÍ THƯ"{note}',
        f'  ten: "Nguyễn Văn A"{note}',
        'tieu_de: ""           # tên ngắn hiển thị, ví dụ: Chỉ thị số 01-CT/TU',
    ):
        assert line in meta.split("\n"), line
    assert "số trang" not in result.stdout  # a text source has no page furniture to list
    assert meta.split("\n")[-2].startswith("ban_goc_sha256: ") and meta.endswith("\n")
    check = run_build_tools(project, "check")
    assert check.returncode == 1  # only the short title is left to the editor
    assert check.stderr.startswith(
        'content/van-ban/nghi-quyet-12/van-ban.yml:6:1: trường "tieu_de": phải là một dòng '
        "chữ, không để trống"
    ), check.stderr


def test_anchors_cited_by_tasks_survive_a_fresh_conversion() -> None:
    """Re-converting an original keeps every heading or clause anchor a task cites (an
    editor's own paragraph anchors, like `2-p1`, are not the converter's to keep)."""
    import re

    import yaml

    checked = 0
    for tasks_file in sorted((ROOT / "content" / "tien-do" / "nhiem-vu").glob("*.yml")):
        tasks = yaml.safe_load(tasks_file.read_text(encoding="utf-8"))
        for task in tasks if isinstance(tasks, list) else tasks.get("nhiem_vu", []):
            ref = task.get("nguon") or {}
            doc, anchor = str(ref.get("van_ban", "")), str(ref.get("neo", ""))
            folder = ROOT / "content" / "van-ban" / doc
            if not anchor or not folder.is_dir():
                continue
            content = (folder / "noi-dung.md").read_text(encoding="utf-8")
            converter_made = re.search(rf"\{{:? ?#{re.escape(anchor)}[ }}]", content)
            if not converter_made:
                continue
            fresh = convert_file(folder / f"{doc}.txt")
            assert re.search(rf"\{{:? ?#{re.escape(anchor)}[ }}]", fresh), (tasks_file, anchor)
            checked += 1
    assert checked >= 10


NUMBERED = """
<h2>KẾ HOẠCH</h2>
<p style="text-indent:0"><b>I. MỤC ĐÍCH, YÊU CẦU</b></p>
<p>Quán triệt sâu sắc nội dung Nghị quyết đến toàn thể cán bộ, đảng viên.</p>
<p style="break-before:page;text-align:center;text-indent:0">2</p>
<p style="text-indent:0"><b>II. NỘI DUNG</b></p>
<p>Năm 2025 có 15 chi bộ tổ chức học tập theo kế hoạch của Thành ủy.</p>
<p style="break-before:page;text-align:center;text-indent:0">3</p>
<p style="text-indent:0"><b>III. TỔ CHỨC THỰC HIỆN</b></p>
<p>Các cấp ủy tổ chức thực hiện nghiêm túc kế hoạch này.</p>
"""


def test_page_numbers_left_out_are_listed_by_convert_and_import(tmp_path: Path) -> None:
    """Proved page numbers are not in noi-dung.md; both commands list them (page, text)
    in Vietnamese, import also at the end of van-ban.yml, and the fidelity gate accepts."""
    pdf = _pdf(tmp_path, NUMBERED)
    project = copy_project(tmp_path / "p")
    listed = [
        "Đã bỏ 2 dòng số trang của bản PDF (chỉ có một con số, đứng đầu hoặc cuối trang và "
        "đếm đúng thứ tự các trang; không phải chữ của văn bản nên không có trong "
        "noi-dung.md):",
        "  trang 2: “2”; trang 3: “3”",
    ]
    converted = run_build_tools(project, "convert", str(pdf))
    assert converted.returncode == 0, converted.stderr
    assert converted.stderr.splitlines() == listed
    assert "## II. NỘI DUNG {#ii}" in converted.stdout
    assert "\n2\n" not in converted.stdout and "có 15 chi bộ" in converted.stdout

    result = run_build_tools(project, "import", str(pdf), "--id", "ke-hoach-so-trang")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-4:-1] == [
        *listed,
        "Danh sách này được ghi ở cuối content/van-ban/ke-hoach-so-trang/van-ban.yml.",
    ]
    meta = project / "content" / "van-ban" / "ke-hoach-so-trang" / "van-ban.yml"
    assert meta.read_text(encoding="utf-8").splitlines()[-2:] == [f"# {line}" for line in listed]
    check = run_build_tools(project, "check")
    errors = [line for line in check.stderr.splitlines() if "ke-hoach-so-trang" in line]
    assert errors and all("van-ban.yml" in line for line in errors), check.stderr
    assert "noi-dung.md" not in check.stderr, check.stderr
