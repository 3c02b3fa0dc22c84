"""Issue 6: the search index and the search box markup (no browser needed)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from build_tools import search
from tests.helpers import ROOT, html_pages, parse


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("van-ban/chi-thi-01-ct-tu/", "Văn bản"),
        ("tien-do/nhiem-vu/ct-01/", "Nhiệm vụ"),
        ("tien-do/don-vi/ban-tuyen-giao/", "Đơn vị"),
        ("chu-de/chuyen-doi-so/", "Chủ đề"),
        ("chi-tieu/grdp/", "Chỉ tiêu"),
        ("huong-dan/", "Hướng dẫn"),
        ("van-ban/", ""),
        ("tien-do/", ""),
        ("", ""),
        ("du-lieu-mo/", ""),
    ],
)
def test_kind_for_url(url: str, kind: str) -> None:
    assert search.kind_for(url) == kind


def test_fold_for_index_writes_d_with_a_combining_stroke() -> None:
    folded = search.fold_for_index("Đảng bộ đồng bằng")
    assert folded == "D\u0335ảng bộ d\u0335ồng bằng"
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)
    )
    assert stripped == "Dang bo dong bang"


PAGE = (
    '<html><body><div data-pagefind-body data-pagefind-meta="loai:Văn bản">'
    "<!--search:start--><h1>Chỉ thị số 01-CT/TU</h1><p>Mở đầu &amp; căn cứ.</p>"
    '<h2 id="1">1- Tổ chức triển khai<a class="headerlink" href="#1">¶</a></h2><p>Đảng bộ.</p>'
    '<h3 id="1-a">a) Học tập</h3><p>Quán triệt.</p><!--search:end--></div>'
    "<nav>Không lập chỉ mục</nav></body></html>"
)


def test_page_is_cut_into_one_record_per_section() -> None:
    records = search.page_records(PAGE, "/van-ban/chi-thi-01-ct-tu/")
    assert [r.url for r in records] == [
        "/van-ban/chi-thi-01-ct-tu/",
        "/van-ban/chi-thi-01-ct-tu/#1",
        "/van-ban/chi-thi-01-ct-tu/#1-a",
    ]
    intro, first, sub = (r.html for r in records)
    assert "<h1>Chỉ thị số 01-CT/TU</h1><p>Mở d\u0335ầu &amp; căn cứ.</p>" in intro
    assert "<h1>1- Tổ chức triển khai</h1><p>D\u0335ảng bộ.</p>" in first
    assert "Quán triệt" not in first and "Quán triệt" in sub  # a section's own body only
    assert 'content="Chỉ thị số 01-CT/TU"' in sub and 'content="Văn bản"' in sub
    assert 'data-pagefind-meta="url[content]" content="/van-ban/chi-thi-01-ct-tu/#1-a"' in sub
    assert "Không lập chỉ mục" not in intro + first + sub


def test_page_without_search_markers_is_not_indexed() -> None:
    assert search.page_records("<html><body><h1>Trang chủ</h1></body></html>", "/") == []


def test_records_are_staged_one_file_each(tmp_path: Path) -> None:
    records = search.page_records(PAGE, "/van-ban/chi-thi-01-ct-tu/")
    assert search._stage(iter(records), tmp_path) == 3
    staged = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html"))
    assert staged == [
        "van-ban/chi-thi-01-ct-tu/_1-a.html",
        "van-ban/chi-thi-01-ct-tu/_1.html",
        "van-ban/chi-thi-01-ct-tu/index.html",
    ]


def test_bundle_is_written_without_unused_stock_ui(built_site: Path) -> None:
    bundle = built_site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert (bundle / "pagefind-entry.json").is_file()
    assert list((bundle / "index").iterdir())
    for name in search.UNUSED:
        assert not (bundle / name).exists(), name


def test_only_content_pages_are_indexed_with_their_kind(built_site: Path) -> None:
    kinds = {}
    for page in html_pages(built_site):
        rel = page.relative_to(built_site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        body = parse(page).select_one("[data-pagefind-body]")
        url = rel.removesuffix("index.html")
        kinds[url] = body.get("data-pagefind-meta") if body is not None else None
    assert kinds["huong-dan/"] == "loai:Hướng dẫn"
    assert kinds[""] is None  # the home page only points elsewhere
    assert kinds["van-ban/"] is None
    for url, meta in kinds.items():
        if url.startswith("van-ban/") and url != "van-ban/":
            assert meta == "loai:Văn bản", url


def test_search_box_is_in_every_page_header(built_site: Path) -> None:
    for page in html_pages(built_site):
        if "pagefind" in page.parts:
            continue
        soup = parse(page)
        box = soup.select_one(".md-header #site-search")
        assert box is not None, page
        assert box.get("data-md-component") is None  # Material's own search must not mount
        field = box.select_one("input#site-search-input")
        assert field is not None and field.get("aria-label")
        opener = soup.select_one("button.site-search__open")
        assert opener is not None and opener.get("aria-label") == "Mở ô tìm kiếm (phím tắt /)"


def test_search_strings_are_vietnamese_nfc() -> None:
    for path in (
        ROOT / "overrides" / "partials" / "site-search.html",
        ROOT / "docs" / "assets" / "search.js",
        ROOT / "build_tools" / "search.py",
    ):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, path
    partial = (ROOT / "overrides" / "partials" / "site-search.html").read_text(encoding="utf-8")
    for phrase in ("Không tìm thấy kết quả phù hợp", "Đang tải chỉ mục tìm kiếm", "Xóa từ khóa"):
        assert phrase in partial


def test_nothing_from_pagefind_is_referenced_by_the_page_itself(built_site: Path) -> None:
    """Pagefind loads on the first keystroke, never with the page."""
    html = (built_site / "huong-dan" / "index.html").read_text(encoding="utf-8")
    assert "pagefind.js" in html  # only as the data-bundle attribute
    soup = parse(built_site / "huong-dan" / "index.html")
    fetched = [t.get("src") or t.get("href") or "" for t in soup.select("script[src], link[href]")]
    assert not [url for url in fetched if "pagefind" in url]
