"""`make serve` with a content error before any good build: placeholder pages.

Normally a content error keeps the last good generated pages. On a fresh checkout there
are none, and the nav's generated targets would be missing, which stops a strict build
(and the server). These placeholders let the preview start and show the error banner.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

PLACEHOLDER = (
    "# {title}\n\nNội dung đang có lỗi nên trang này chưa được tạo — xem danh sách lỗi ở đầu "
    "trang và trong cửa sổ lệnh; sửa xong và lưu tệp, trang sẽ tự tải lại.\n"
)


def nav_pages(nav: Any, title: str = "") -> Iterator[tuple[str, str]]:
    """(docs-relative path, title) of every Markdown page named in an MkDocs nav."""
    if isinstance(nav, str) and nav.endswith(".md"):
        yield nav, title
    elif isinstance(nav, dict):
        for key, value in nav.items():
            yield from nav_pages(value, str(key))
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item, title)


def placeholders(docs_dir: Path, nav: Any) -> dict[str, str | bytes]:
    """A placeholder for each nav page that does not exist in `docs_dir`."""
    return {
        path: PLACEHOLDER.format(title=title or "Trang")
        for path, title in nav_pages(nav)
        if not (docs_dir / path).exists()
    }
