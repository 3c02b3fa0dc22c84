"""`convert FILE` and `import FILE [--id ID]`: sources (.txt, .md, .docx, .pdf) -> content/.

Import copies the original byte for byte, writes the structured Markdown once and a
metadata skeleton for the editor to finish, with the original's sha256 (ban_goc_sha256:
`check` fails if the original's bytes ever change). It never overwrites an editor's files.
Lines left out of a PDF as page furniture (proved page numbers) are never dropped
silently: both commands list them (page and text), and import writes the list as a
comment at the end of a new van-ban.yml, where the editor confirms the metadata.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from build_tools.documents.convert import convert_text
from build_tools.documents.meta import CONTENT_FILE, META_FILE, sha256_of
from build_tools.paths import Paths
from build_tools.slugs import slugify

SUPPORTED = (".txt", ".md", ".docx", ".pdf")


class ConvertError(Exception):
    """A Vietnamese message for the person running the command."""


Furniture = tuple[tuple[int, str], ...]  # (page, text) of the lines left out as page numbers


@dataclass(frozen=True)
class Source:
    """An original as read: its text, and the lines proved to be page furniture, which
    are not in the text and are listed for the editor."""

    text: str
    furniture: Furniture = ()


def read_source(path: Path) -> Source:
    """The text of an original as the converter and the fidelity gate read it."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from build_tools.documents.convert.docx import docx_text

        return Source(docx_text(path))
    if suffix == ".pdf":
        from build_tools.documents.convert.pdf import UnreadablePdf, pdf_text

        try:
            read = pdf_text(path)
        except UnreadablePdf as exc:
            raise ConvertError(str(exc)) from None
        return Source(read.text, tuple(read.furniture))
    return Source(_plain_text(path))


def source_text(path: Path) -> str:
    """The text of an original as the converter and the fidelity gate read it."""
    return read_source(path).text


def _plain_text(path: Path) -> str:
    from build_tools.documents.convert.legacy import LegacyEncoding, decode_text

    try:
        return decode_text(path.read_bytes(), str(path))
    except LegacyEncoding as exc:
        raise ConvertError(str(exc)) from None


@dataclass(frozen=True)
class Converted:
    markdown: str
    source: Source


def convert_file(path: Path) -> str:
    """Structured Markdown for a source file."""
    return convert_source(path).markdown


def convert_source(path: Path) -> Converted:
    """Structured Markdown for a source file, with the source as read."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise ConvertError(
            f"{path}: tệp Word cũ (.doc) không đọc được — mở bằng Word hoặc LibreOffice, "
            "chọn Lưu thành (Save As) định dạng .docx rồi nhập tệp .docx"
        )
    if suffix not in SUPPORTED:
        raise ConvertError(
            f"{path}: không đọc được loại tệp “{suffix or '(không có đuôi)'}” — "
            "chỉ nhận .txt, .md, .docx, .pdf"
        )
    if not path.is_file():
        raise ConvertError(f"{path}: không tìm thấy tệp")
    source = read_source(path)
    text = source.text
    if suffix == ".md":
        from build_tools.documents.convert.normalize import unmark_markdown

        text = unmark_markdown(text)
    markdown = convert_text(text, wrapped=False if suffix in (".docx", ".pdf") else None)
    return Converted(markdown, source)


FURNITURE_RULE = (
    "chỉ có một con số, đứng đầu hoặc cuối trang và đếm đúng thứ tự các trang; "
    "không phải chữ của văn bản nên không có trong noi-dung.md"
)


def furniture_report(furniture: Furniture) -> list[str]:
    """The page numbers left out, for the editor (Vietnamese): a heading line, then the
    pages and texts, a few per line. Empty when nothing was left out."""
    if not furniture:
        return []
    items = [f"trang {page}: “{text}”" for page, text in furniture]
    lines = [f"Đã bỏ {len(items)} dòng số trang của bản PDF ({FURNITURE_RULE}):"]
    lines += ["  " + "; ".join(items[i : i + 6]) for i in range(0, len(items), 6)]
    return lines


SKELETON = """\
# yaml-language-server: $schema=../../../build_tools/schemas/van-ban.schema.json
# Thông tin văn bản — điền theo đúng văn bản gốc; không có thì để trống, không đoán.
loai: ""              # loại văn bản, ví dụ: Chỉ thị, Kế hoạch, Công văn
so_ky_hieu: ""        # ví dụ 01-CT/TU; "Dự thảo" nếu là dự thảo chưa có số
tieu_de: ""           # tên ngắn hiển thị, ví dụ: Chỉ thị số 01-CT/TU
trich_yeu: ""         # trích yếu nội dung
ngay_ban_hanh:        # YYYY-MM-DD, chỉ khi một nguồn nêu rõ
nguon_ngay: ""        # nguồn của ngày ban hành
co_quan_ban_hanh: ""
nguoi_ky:
  chuc_vu: ""
  ten: ""
trang_thai: ""        # chính thức | dự thảo
lien_quan: []         # mã các văn bản liên quan trên trang
thu_tu: 999           # thứ tự trong danh mục
ban_goc: {original}
ban_goc_sha256: {sha256}  # mã kiểm tra bản gốc, ghi khi nhập; không sửa
"""


@dataclass(frozen=True)
class Imported:
    written: list[Path]
    furniture: Furniture  # page numbers left out
    listed_in: Path | None  # the new van-ban.yml that lists them, if one was written


def import_file(paths: Paths, source: Path, doc_id: str | None) -> Imported:
    """Create content/van-ban/<id>/ from a source file; returns the files written and the
    page furniture left out (also listed at the end of a new van-ban.yml)."""
    converted = convert_source(source)
    markdown = converted.markdown
    doc_id = doc_id or slugify(source.stem)
    if not doc_id or doc_id != slugify(doc_id):
        raise ConvertError(f"mã văn bản “{doc_id}” không hợp lệ — chỉ dùng a-z, 0-9 và dấu -")
    folder = paths.content / "van-ban" / doc_id
    original = folder / f"{doc_id}{source.suffix.lower()}"
    content = folder / CONTENT_FILE
    if content.exists() or original.exists():
        raise ConvertError(
            f"{paths.rel(folder)} đã có văn bản — không ghi đè bản biên tập; "
            "chọn mã khác bằng --id hoặc xóa thư mục trước"
        )
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, original)
    content.write_text(markdown, encoding="utf-8")
    written = [original, content]
    meta = folder / META_FILE
    if not meta.exists():
        from build_tools.documents.convert.header import read_header

        skeleton = SKELETON.format(original=original.name, sha256=sha256_of(original))
        filled = prefill(skeleton, read_header(converted.source.text))
        listed = ["# " + line for line in furniture_report(converted.source.furniture)]
        meta.write_text("\n".join([filled.rstrip("\n"), *listed]) + "\n", encoding="utf-8")
        written.append(meta)
    listed_in = meta if meta in written and converted.source.furniture else None
    return Imported(written, converted.source.furniture, listed_in)


READ_NOTE = "  # đọc từ văn bản — kiểm tra lại"


def prefill(skeleton: str, found: dict[str, str]) -> str:
    """The skeleton with the fields the header states, each marked for the editor to
    confirm (comment on its line, and listed in `can_xac_nhan`)."""
    lines = skeleton.split("\n")
    for i, line in enumerate(lines):
        key = line.split(":", 1)[0].strip()
        if key in found and ":" in line:
            indent = line[: len(line) - len(line.lstrip())]
            value = found[key]
            shown = value if key == "ngay_ban_hanh" else json.dumps(value, ensure_ascii=False)
            lines[i] = f"{indent}{key}: {shown}{READ_NOTE}"
    if found:
        names = ", ".join(found)
        first_field = next(i for i, line in enumerate(lines) if not line.startswith("#"))
        lines.insert(
            first_field, f"can_xac_nhan: [{names}]  # đã đối chiếu với bản gốc thì xóa dòng này"
        )
    return "\n".join(lines)
