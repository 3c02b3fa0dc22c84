"""Issue 7: the editor's guide is published, linked from Hướng dẫn, and quotes real messages."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import ROOT, parse
from tests.test_editor_errors import CASES

GUIDE = ROOT / "docs" / "huong-dan"
PAGES = {
    "them-van-ban": "Thêm một văn bản",
    "ghi-bao-cao-tien-do": "Ghi một báo cáo tiến độ",
    "them-nhiem-vu-don-vi-chi-tieu": "Thêm nhiệm vụ, đơn vị hoặc chỉ tiêu",
    "doc-va-sua-loi": "Đọc và sửa thông báo lỗi",
    "kiem-tra-nguyen-van": "Cổng kiểm tra nguyên văn",
}


def test_guide_pages_are_built_and_linked(built_site: Path) -> None:
    index = parse(built_site / "huong-dan" / "index.html")
    links = {str(a["href"]).strip("/").split("/")[0] for a in index.select("article a[href]")}
    for slug, title in PAGES.items():
        assert slug in links
        page = parse(built_site / "huong-dan" / slug / "index.html")
        heading = page.select_one("article h1")
        assert heading is not None and heading.get_text(strip=True).startswith(title)


def test_guide_quotes_the_exact_messages_of_the_editor_rules() -> None:
    text = (GUIDE / "doc-va-sua-loi.md").read_text(encoding="utf-8")
    quoted = re.findall(r"^(content/(?:site\.yml|khac/)\S*: .*)$", text, flags=re.M)
    known = {message for _, messages in CASES.values() for message in messages}
    assert len(quoted) >= 10
    assert [q for q in quoted if q not in known] == []
