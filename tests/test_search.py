"""Issue 6: the search index and the search box markup (no browser needed)."""

from __future__ import annotations

import re
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
    assert 'data-pagefind-meta="title[content]" content="a) Học tập"' in sub
    assert "Không lập chỉ mục" not in intro + first + sub


def test_meta_carries_no_indexed_words_but_the_title() -> None:
    """Pagefind 1.5 indexes the words of every meta field: the page title repeated on each
    section is stored hidden, and URL and kind are not stored (the box reads the URL)."""
    records = search.page_records(PAGE, "/van-ban/chi-thi-01-ct-tu/")
    intro, _, sub = (r.html for r in records)
    assert 'content="Văn bản"' not in intro + sub and "url[content]" not in intro + sub
    assert "trang[content]" not in intro  # the page's own record: title = page title
    hidden = search.hidden("Chỉ thị số 01-CT/TU")
    assert f'data-pagefind-meta="trang[content]" content="{hidden}"' in sub
    assert not any(c.isalnum() for c in hidden)  # nothing Pagefind could make a word of
    assert "".join(chr(ord(c) - search.HIDDEN) for c in hidden) == "Chỉ thị số 01-CT/TU"


def test_search_box_knows_the_same_kinds_as_the_index() -> None:
    script = (ROOT / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    table = re.search(r"var KINDS = \[(.*?)\];", script, re.S)
    assert table is not None
    assert tuple(re.findall(r'\["([^"]+)", "([^"]+)"\]', table.group(1))) == search.KINDS


TASK = (
    '<div data-pagefind-body data-pagefind-meta="loai:Nhiệm vụ"><!--search:start-->'
    '<h1 id="kh-1">KH-1: Tổ chức Hội nghị</h1>'
    '<p><span class="status status-late">quá hạn</span> <span class="as-of">Tính đến</span></p>'
    '<div class="five-clear"><dl><dt>Rõ người</dt><dd>Chủ trì: <a href="#">Ban Tổ chức</a></dd>'
    "<dt>Rõ việc</dt><dd>Tổ chức Hội nghị — diễn ra 01 buổi</dd>"
    "<dt>Rõ trách nhiệm</dt><dd>Văn bản không nêu riêng.</dd>"
    "<dt>Rõ tiến độ</dt><dd>Hạn: <strong>30/11/2025</strong>.</dd><dd>Tình trạng: quá hạn</dd>"
    "<dt>Rõ kết quả</dt><dd>Nghị quyết đến cơ sở</dd></dl></div>"
    '<h2 id="nguon">Nguồn</h2><blockquote><p>Dự kiến tổ chức vào tháng 11/2025.</p></blockquote>'
    '<p>— <a href="#">Kế hoạch, mục II.1</a></p><h2 id="bao-cao-tien-do">Báo cáo tiến độ</h2>'
    "<ul><li>Ban Tổ chức: đang thực hiện</li></ul><!--search:end--></div>"
)


def test_task_is_indexed_by_title_content_and_quote_without_its_boilerplate() -> None:
    (record,) = search.page_records(TASK, "/tien-do/nhiem-vu/kh-1/")
    text = search.plain(record.html.replace(search.STROKE, ""))
    for kept in ("KH-1: Tổ chức Hội nghị", "diễn ra 01 buổi", "Nghị quyết", "tháng 11/2025"):
        assert kept in text, kept
    for left_out in (
        "Rõ người",
        "Ban Tổ chức",
        "Văn bản không nêu riêng",
        "Hạn",
        "30/11/2025",
        "Tình trạng",
        "Kế hoạch, mục",
        "Báo cáo tiến độ",
        "đang thực hiện",
    ):
        assert left_out not in text, left_out
    assert ".status" in search.EXCLUDE_SELECTORS and ".as-of" in search.EXCLUDE_SELECTORS


def test_unit_is_indexed_by_name_and_kind_only() -> None:
    unit = (
        '<div data-pagefind-body data-pagefind-meta="loai:Đơn vị"><!--search:start-->'
        "<h1>Ban Tổ chức Thành ủy</h1><p>Loại: Cơ quan tham mưu.</p><ul><li>Chủ trì 3</li></ul>"
        '<h2 id="nhiem-vu-chu-tri">Nhiệm vụ chủ trì</h2><table><tr><td>KH-1</td></tr></table>'
        "<!--search:end--></div>"
    )
    (record,) = search.page_records(unit, "/tien-do/don-vi/ban-to-chuc/")
    text = search.plain(record.html)
    assert "Ban Tổ chức Thành ủy" in text and "Cơ quan tham mưu" in text
    assert "Chủ trì" not in text and "KH-1" not in text


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


def test_tasks_are_indexed_in_groups_with_one_heading_per_task() -> None:
    task = search.page_records(TASK, "/tien-do/nhiem-vu/kh-1/")
    other = search.page_records(PAGE, "/van-ban/chi-thi-01-ct-tu/")
    tasks = [search.Record(f"/tien-do/nhiem-vu/kh-{n}/", task[0].html) for n in range(1, 11)]
    records = list(search.task_groups(iter(tasks + other)))
    assert [r.url for r in records[:2]] == [
        "/tien-do/nhiem-vu/#nhom-00001",
        "/tien-do/nhiem-vu/#nhom-00002",
    ]
    assert records[2:] == other  # other pages are untouched
    first, second = records[0].html, records[1].html
    assert first.count("<h2 id=") == search.TASKS_PER_RECORD and second.count("<h2 id=") == 2
    assert '<h2 id="kh-1">KH-1: Tổ chức Hội nghị</h2>' in first
    assert "tháng 11/2025" in first  # each task keeps its quoted text
    assert "<h1" not in first and "data-pagefind-meta" not in first


def test_indicator_is_indexed_without_the_previous_terms_rows() -> None:
    indicator = (
        '<div data-pagefind-body data-pagefind-meta="loai:Chỉ tiêu"><!--search:start-->'
        "<h1>Tăng trưởng GRDP</h1><blockquote><p>Tốc độ tăng trưởng bình quân.</p></blockquote>"
        '<h2 id="muc-tieu-va-ket-qua">Mục tiêu và kết quả</h2><table><tr><td>8%</td></tr></table>'
        f"{search.INDICATOR_STOP}>Kết quả nhiệm kỳ trước</h2><table><tr><td>7,5%</td></tr>"
        "</table><!--search:end--></div>"
    )
    (record,) = search.page_records(indicator, "/chi-tieu/grdp/")
    text = search.plain(record.html)
    assert "tăng trưởng bình quân" in text and "8%" in text
    assert "7,5%" not in text and "nhiệm kỳ trước" not in text
