"""Rules that hold for every content file, whatever module reads it.

- Text is Unicode NFC (a decomposed "ờ" looks identical but breaks search, slugs and the
  fidelity gate); the error names the command that fixes the file: `fix-nfc`.
- A content Markdown file that opens a front matter block (`---` on its first line)
  closes it, and the block is a valid YAML mapping.
- Every file is UTF-8.

Public API: `load(paths, sink)` (called first by pipeline.check), `split_front_matter(text,
shown, sink)` for modules that read Markdown with front matter, `fix_nfc(file)`.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from build_tools.errors import ContentError, ErrorSink, SourceLocation
from build_tools.filecache import ByContent
from build_tools.paths import Paths
from build_tools.yamlio import MAX_FILE_BYTES, LocatedDict, file_too_big, not_utf8, parse_yaml

TEXT_SUFFIXES = (".md", ".yml", ".yaml")
FENCES = ("---", "...")


def content_files(paths: Paths) -> Iterator[Path]:
    """Every text file editors own under content/, in a stable order.

    A document's original (content/van-ban/<id>/<id>.<ext>, copied byte for byte by
    `import`) is not the editors' to change, so it is left out even when it is Markdown.
    """
    if not paths.content.is_dir():
        return
    found = []
    for folder, _, names in os.walk(paths.content, followlinks=True):  # as rglob("*")
        found += [Path(folder, n) for n in names if Path(n).suffix.lower() in TEXT_SUFFIXES]
    for file in sorted(found, key=lambda f: f.parts):  # as Paths sort, without their __lt__
        if not _original(file) and file.is_file():
            yield file


def _original(file: Path) -> bool:
    return file.parent.parent.name == "van-ban" and file.stem == file.parent.name


def load(paths: Paths, sink: ErrorSink) -> None:
    """Check NFC, encoding and front matter of every content file; errors go to `sink`.
    A file whose bytes did not change since the last call is not checked again: its
    errors are reported again (filecache)."""
    for file in content_files(paths):
        shown = paths.rel(file)
        too_big = file_too_big(file, shown, MAX_FILE_BYTES)
        if too_big is not None:
            sink.extend([too_big])
            continue
        _checked(file, shown, sink)


_CHECKED: ByContent[None] = ByContent(limit=64 * 1024)


def _checked(file: Path, shown: str, sink: ErrorSink) -> None:
    _CHECKED.get((shown,), [file], lambda local: _check(file, shown, local), sink)


def _check(file: Path, shown: str, sink: ErrorSink) -> None:
    text = read_text(file, shown, sink)
    if text is None:
        return
    check_nfc(text, shown, sink)
    if file.suffix.lower() == ".md":
        split_front_matter(text, shown, sink)


def read_text(file: Path, shown: str, sink: ErrorSink) -> str | None:
    """The file's text (BOM dropped), or None after reporting a non-UTF-8 or too big file."""
    too_big = file_too_big(file, shown, MAX_FILE_BYTES)
    if too_big is not None:
        sink.extend([too_big])
        return None
    raw = file.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        sink.extend([not_utf8(raw, exc, shown)])
        return None


# --- NFC ----------------------------------------------------------------------------------


def fix_command(shown: str) -> str:
    return f"python -m build_tools fix-nfc {shown}"


def check_nfc(text: str, shown: str, sink: ErrorSink) -> None:
    """One error per file not in NFC, at its first decomposed character."""
    if unicodedata.is_normalized("NFC", text):
        return
    lines = text.splitlines()
    spots = [(n, col) for n, line in enumerate(lines, 1) if (col := _first_non_nfc(line))]
    if not spots:  # only a line break sequence differs; report the file itself
        spots = [(1, 1)]
    line, col = spots[0]
    word = _word_at(lines[line - 1], col - 1) if line <= len(lines) else ""
    others = f" (tệp có {len(spots)} dòng như vậy)" if len(spots) > 1 else ""
    sink.add(
        SourceLocation(shown, line, col),
        f'chữ "{unicodedata.normalize("NFC", word)}" được gõ ở dạng dấu tách rời (chưa chuẩn '
        f"Unicode NFC){others}, nên tìm kiếm và đối chiếu văn bản sẽ sai — chạy lệnh: "
        f"{fix_command(shown)}",
    )


def _first_non_nfc(line: str) -> int:
    """1-based column of the word holding the first non-NFC character, 0 if none."""
    if unicodedata.is_normalized("NFC", line):
        return 0
    for end in range(1, len(line) + 1):
        if not unicodedata.is_normalized("NFC", line[:end]):
            start = end - 1
            while start > 0 and not line[start - 1].isspace():
                start -= 1
            return start + 1
    return 1  # pragma: no cover - a non-NFC line has a non-NFC prefix


def _word_at(line: str, start: int) -> str:
    end = start
    while end < len(line) and not line[end].isspace():
        end += 1
    return line[start:end].strip("\"'.,;:()[]")


def fix_nfc(file: Path) -> int:
    """Rewrite `file` in NFC; returns how many lines changed (0: nothing written)."""
    raw = file.read_bytes()
    text = raw.decode("utf-8-sig")
    fixed = unicodedata.normalize("NFC", text)
    if fixed == text:
        return 0
    changed = sum(a != b for a, b in zip(text.splitlines(), fixed.splitlines(), strict=False))
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    file.write_bytes((bom + fixed).encode("utf-8"))
    return max(changed, 1)


# --- front matter -------------------------------------------------------------------------


def split_front_matter(text: str, shown: str, sink: ErrorSink) -> tuple[LocatedDict | None, str]:
    """(front matter, body) of a Markdown text; errors go to `sink`.

    Returns (None, text) without front matter and (None, body) when it is broken.
    Locations in the front matter are true line numbers of the whole file.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, text
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in FENCES), None)
    if close is None:
        sink.add(
            SourceLocation(shown, 1, 1),
            'phần khai báo đầu tệp (front matter) mở bằng dòng "---" nhưng không có dòng "---" '
            "đóng — thêm một dòng chỉ có --- ngay sau dòng khai báo cuối cùng",
        )
        return None, text
    block = "".join(lines[1:close])
    data, errors = parse_yaml("\n" + block, shown)  # the leading line keeps numbers true
    sink.extend(errors)
    body = "".join(lines[close + 1 :])
    if errors:
        return None, body
    if data is None:
        empty = LocatedDict()
        empty.location, empty.key_locations = SourceLocation(shown, 1, 1), {}
        return empty, body
    if not isinstance(data, LocatedDict):
        sink.add(
            SourceLocation(shown, 2, 1),
            'phần khai báo đầu tệp (giữa hai dòng "---") phải gồm các dòng "khóa: giá trị", '
            'ví dụ "title: Chỉ thị số 01-CT/TU" — sửa lại, hoặc xóa cả phần này',
        )
        return None, body
    return data, body


def front_matter_errors(text: str, shown: str) -> list[ContentError]:
    """Only the errors of `split_front_matter` (for tests and callers without a sink)."""
    sink = ErrorSink()
    split_front_matter(text, shown, sink)
    return sink.errors
