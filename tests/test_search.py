"""Issue 6: the search index and the search box markup (no browser needed)."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from build_tools import search
from build_tools.search import index as search_index
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


# Strings the tokeniser and the folding must treat alike in Python and in the browser.
TRICKY = (
    "Chuyển đổi số",
    unicodedata.normalize("NFD", "Chuyển đổi số, Đảng bộ"),
    "ĐỒNG VĂN THANH",
    "\u00d0ồng bằng",  # "Ð" (U+00D0, eth) typed for "Đ"
    "01-CT/TU ngày 30/12/2025: đạt 135%; quý IV/2025",
    "Hòa Hoà hoà HOÀ",
    "Bác sỹ, bác sĩ, BÁC SỸ, kỹ thuật kĩ thuật, lý luận lí luận, Mỹ Mĩ, công ty, tỷ lệ",
    "máy, quý, huy, tuy, ý kiến, y tế, yêu, người, thủy, Thụy, mây, khuya, gy, xy",
    unicodedata.normalize("NFD", "Bác sỹ kỷ luật Lý"),
    "Nghị quyết số 200-KL/TW (tiếp)…",
    "kiều bào\u00a0ở nước ngoài—“Tổ quốc”",
    "d\u0335ồng",  # a mark with no precomposed letter
    "ﬁ ligature, ² squared, Ⅳ, İstanbul, STRASSE, ẞ",
    "snake_case tab\tnew\nline",
    "",
)


def test_words_are_nfc_lower_case_letters_and_digits() -> None:
    assert search.words("01-CT/TU ngày 30/12/2025: đạt 135%") == [
        "01",
        "ct",
        "tu",
        "ngày",
        "30",
        "12",
        "2025",
        "đạt",
        "135",
    ]
    assert search.words(unicodedata.normalize("NFD", "Đảng Bộ")) == ["đảng", "bộ"]
    assert search.words("\u00d0ồng") == ["đồng"]


def test_i_and_y_fold_where_vietnamese_writes_either() -> None:
    """After a consonant, a rhyme that is one i or y is written either way: read as i,
    tone kept, with or without diacritics; not in "ay", "uy", "yê" nor y alone."""
    assert search.words("Bác sỹ BÁC SĨ kỹ kĩ lý lí Mỹ mĩ tỷ tỉ ty hy") == [
        "bác", "sĩ", "bác", "sĩ", "kĩ", "kĩ", "lí", "lí", "mĩ", "mĩ", "tỉ", "tỉ", "ti", "hi",
    ]  # fmt: skip
    assert [search.fold(w) for w in search.words("bac sy, bác sỹ, bac si")] == [
        "bac", "si", "bac", "si", "bac", "si",
    ]  # fmt: skip
    unchanged = "máy quý quy huy tuy thủy khuya ý y yêu yến mây người gì"
    assert search.words(unchanged) == unchanged.split()
    assert search.words(unicodedata.normalize("NFD", "Kỷ luật")) == ["kỉ", "luật"]


def test_both_tone_placements_fold_together() -> None:
    """hoà and hòa (tone on the second or the first vowel) are one folded word."""
    for pair in (("hoà", "hòa"), ("hoá", "hóa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe")):
        assert {search.fold(w) for w in search.words(" ".join(pair))} == {
            search.fold(search.words(pair[0])[0])
        }


def test_fold_drops_every_mark_and_d_with_stroke() -> None:
    assert [search.fold(w) for w in search.words("Đảng bộ đồng bằng, HOÀ, khuyến")] == [
        "dang",
        "bo",
        "dong",
        "bang",
        "hoa",
        "khuyen",
    ]


def _run_js_words(strings: list[str], terms: list[str]) -> dict[str, list[object]]:
    """words(), fold() and fnv1a() of docs/assets/search.js, run by node."""
    script = (ROOT / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    block = re.search(r"// -- words:.*?\n(.*?)// -- end words --", script, re.S)
    assert block is not None
    program = block.group(1) + (
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "process.stdout.write(JSON.stringify({\n"
        "  words: input.strings.map(words),\n"
        "  folded: input.strings.map(s => words(s).map(fold)),\n"
        "  hashes: input.terms.map(fnv1a),\n"
        "  keys: input.terms.map(shardKey)\n"
        "}));\n"
    )
    out = subprocess.run(
        ["node", "-e", program],
        input=json.dumps({"strings": strings, "terms": terms}),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, list[object]] = json.loads(out.stdout)
    return result


def test_search_box_cuts_and_folds_words_as_the_index_does() -> None:
    strings = list(TRICKY)
    terms = ["chuyen doi", "đổi", "01", "a", "", "quốc tế", "𝔘nicode", "=01 ct tu", "sĩ"]
    js = _run_js_words(strings, terms)
    assert js["words"] == [search.words(s) for s in strings]
    assert js["folded"] == [[search.fold(w) for w in search.words(s)] for s in strings]
    assert js["hashes"] == [search.fnv1a(t) for t in terms]
    assert js["keys"] == [search.shard_key(t) for t in terms]


def test_search_box_knows_the_same_kinds_as_the_index() -> None:
    script = (ROOT / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    table = re.search(r"var KINDS = \[(.*?)\];", script, re.S)
    assert table is not None
    assert tuple(re.findall(r'\["([^"]+)", "([^"]+)"\]', table.group(1))) == search.KINDS


PAGE = (
    "<html><body><!--search:start--><h1>Chỉ thị số 01-CT/TU</h1><p>Mở đầu &amp; căn cứ.</p>"
    '<h2 id="1">1- Tổ chức triển khai<a class="headerlink" href="#1">¶</a></h2><p>Đảng bộ.</p>'
    '<div class="section-extras"><ul class="chips"><li>Chủ đề</li></ul></div>'
    '<h3 id="1-a">a) Học tập</h3><p>Quán triệt.</p><!--search:end-->'
    "<nav>Không lập chỉ mục</nav></body></html>"
)


def test_page_is_cut_into_one_record_per_section() -> None:
    records = search.page_records(PAGE, "/van-ban/chi-thi-01-ct-tu/")
    assert records == [
        search.Record("/van-ban/chi-thi-01-ct-tu/", "Chỉ thị số 01-CT/TU", "", "Mở đầu & căn cứ."),
        search.Record(
            "/van-ban/chi-thi-01-ct-tu/#1",
            "1- Tổ chức triển khai",
            "Chỉ thị số 01-CT/TU",
            "Đảng bộ.",
        ),
        search.Record(
            "/van-ban/chi-thi-01-ct-tu/#1-a", "a) Học tập", "Chỉ thị số 01-CT/TU", "Quán triệt."
        ),
    ]


def test_a_section_is_indexed_by_its_title_and_text_not_its_page_title() -> None:
    """The page title shown with a section is not indexed with it: each section of every
    document would repeat it, making its words the heaviest of the index."""
    _, section, _ = search.page_records(PAGE, "/van-ban/chi-thi-01-ct-tu/")
    terms, length = search.record_terms(section)
    assert set(terms) == {
        "1", "to", "chuc", "trien", "khai", "dang", "bo",  # folded words
        "1 to", "to chuc", "chuc trien", "trien khai", "dang bo",  # adjacent pairs
        "tổ", "chức", "triển", "đảng", "bộ",  # with diacritics
    }  # fmt: skip
    assert terms["to chuc"] == search.TITLE_WEIGHT and terms["dang"] == 1
    assert length == 5 * search.TITLE_WEIGHT + 2


def test_excluded_elements_are_dropped_with_what_they_hold() -> None:
    html = (
        '<p>Giữ <span class="status status-late">quá <b>hạn</b></span> lại</p>'
        '<div class="doc-toc"><div><p>Mục lục</p></div></div><nav><nav>x</nav>y</nav>Hết'
    )
    assert search.plain(html) == "Giữ lại Hết"


def test_the_dates_and_the_staleness_note_are_not_indexed() -> None:
    """Document and topic pages print them too (issue 15); they are not what the page is about."""
    html = (
        '<p class="as-of" data-as-of="2025-10-24">Tình trạng tính đến ngày 24/10/2025</p>'
        '<p class="data-stale" role="note" hidden data-fresh="2026-01-14">Lâu chưa cập nhật</p>'
        "<p>Nội dung</p>"
    )
    assert search.plain(html) == "Nội dung"


TASK = (
    '<!--search:start--><h1 id="kh-1">KH-1: Tổ chức Hội nghị</h1>'
    '<p><span class="status status-late">quá hạn</span> <span class="as-of">Tính đến</span></p>'
    '<div class="five-clear"><dl><dt>Rõ người</dt><dd>Chủ trì: <a href="#">Ban Tổ chức</a></dd>'
    "<dt>Rõ việc</dt><dd>Tổ chức Hội nghị — diễn ra 01 buổi</dd>"
    "<dt>Rõ trách nhiệm</dt><dd>Văn bản không nêu riêng.</dd>"
    "<dt>Rõ tiến độ</dt><dd>Hạn: <strong>30/11/2025</strong>.</dd><dd>Tình trạng: quá hạn</dd>"
    "<dt>Rõ kết quả</dt><dd>Nghị quyết đến cơ sở</dd></dl></div>"
    '<h2 id="nguon">Nguồn</h2><blockquote><p>Dự kiến tổ chức vào tháng 11/2025.</p></blockquote>'
    '<p>— <a href="#">Kế hoạch, mục II.1</a></p><h2 id="bao-cao-tien-do">Báo cáo tiến độ</h2>'
    "<ul><li>Ban Tổ chức: đang thực hiện</li></ul><!--search:end-->"
)


def test_task_is_one_record_by_title_content_and_quote_without_its_boilerplate() -> None:
    (record,) = search.page_records(TASK, "/tien-do/nhiem-vu/kh-1/")
    assert record.url == "/tien-do/nhiem-vu/kh-1/" and record.page == ""
    assert record.title == "KH-1: Tổ chức Hội nghị"
    for kept in ("diễn ra 01 buổi", "Nghị quyết", "tháng 11/2025"):
        assert kept in record.text, kept
    for left_out in (
        "Rõ người",
        "Ban Tổ chức",
        "Văn bản không nêu riêng",
        "Hạn",
        "30/11/2025",
        "Tình trạng",
        "quá hạn",
        "Tính đến",
        "Kế hoạch, mục",
        "Báo cáo tiến độ",
        "đang thực hiện",
    ):
        assert left_out not in record.text, left_out


def test_unit_is_indexed_by_name_and_kind_only() -> None:
    unit = (
        "<!--search:start--><h1>Ban Tổ chức Thành ủy</h1><p>Loại: Cơ quan tham mưu.</p>"
        '<ul><li>Chủ trì 3</li></ul><h2 id="nhiem-vu-chu-tri">Nhiệm vụ chủ trì</h2>'
        "<table><tr><td>KH-1</td></tr></table><!--search:end-->"
    )
    (record,) = search.page_records(unit, "/tien-do/don-vi/ban-to-chuc/")
    assert record.title == "Ban Tổ chức Thành ủy" and record.text == "Loại: Cơ quan tham mưu."


def test_indicator_is_indexed_without_the_previous_terms_rows() -> None:
    indicator = (
        "<!--search:start--><h1>Tăng trưởng GRDP</h1>"
        "<blockquote><p>Tốc độ tăng trưởng bình quân.</p></blockquote>"
        '<h2 id="muc-tieu-va-ket-qua">Mục tiêu và kết quả</h2><table><tr><td>8%</td></tr></table>'
        f"{search.INDICATOR_STOP}>Kết quả nhiệm kỳ trước</h2><table><tr><td>7,5%</td></tr>"
        "</table><!--search:end-->"
    )
    (record,) = search.page_records(indicator, "/chi-tieu/grdp/")
    assert "tăng trưởng bình quân" in record.text and "8%" in record.text
    assert "7,5%" not in record.text and "nhiệm kỳ trước" not in record.text


def test_page_without_search_markers_or_kind_is_not_indexed() -> None:
    assert search.page_records("<html><body><h1>Trang chủ</h1></body></html>", "/") == []
    assert search.page_records(PAGE, "/du-lieu-mo/") == []


def _decode(postings: str) -> list[tuple[int, int]]:
    """(record, score) pairs of a posting list (the format search.js decodes)."""
    pairs, number = [], 0
    for gap, score in re.findall(r"([0-9a-z]+)([:-`])", postings):
        number += int(gap, 36)
        pairs.append((number, ord(score) - ord(":")))
    return pairs


def test_index_files_hold_every_term_in_the_shard_its_hash_names(tmp_path: Path) -> None:
    records = search.page_records(PAGE, "/van-ban/chi-thi-01-ct-tu/")
    records += search.page_records(TASK, "/tien-do/nhiem-vu/kh-1/")
    index = search.build_index(records)
    search.write_index(index, tmp_path)
    manifest = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert manifest["records"] == 4
    assert [kind[:2] for kind in manifest["kinds"]] == [["Văn bản", 0], ["Nhiệm vụ", 3]]
    shards = manifest["shards"]
    assert shards & (shards - 1) == 0  # a power of two
    folder = tmp_path / manifest["version"]
    lines = {}
    for shard in (folder / "t").iterdir():
        for line in shard.read_text(encoding="utf-8").splitlines():
            term, _, postings = line.partition("\t")
            assert shard.name == f"{search.fnv1a(search.shard_key(term)) & (shards - 1)}.txt"
            lines[term] = _decode(postings)
    assert set(lines) == set(index.postings)
    assert [n for n, _ in lines["to chuc"]] == [1, 3]  # a section and the task
    assert [n for n, _ in lines["quan triet"]] == [2]
    assert [n for n, _ in lines["đảng"]] == [1] and lines["đảng"][0][1] == 0  # looked up only
    # "tổ chức" is in the section's title and the task's title and text: higher scores
    (section, to_section), (task, to_task) = lines["to"]
    assert (section, task) == (1, 3) and to_task > 0 and to_section > 0
    (details,) = json.loads((folder / "r" / "3.json").read_text(encoding="utf-8"))
    assert details[:3] == ["tien-do/nhiem-vu/kh-1/", "KH-1: Tổ chức Hội nghị", ""]


def test_details_files_hold_one_long_section_or_several_short_records() -> None:
    """Issue 18: a result fetches only its block's details; a block holds about
    BLOCK_WORDS words, never records of two kinds, and is named by its first record."""
    long = [search.Record(f"/van-ban/a/#s{n}", "t", "", "chữ " * 400) for n in range(3)]
    short = [search.Record(f"/tien-do/nhiem-vu/x-{n}/", "t", "", "chữ " * 20) for n in range(9)]
    index = search.build_index(long + short)
    ranges = search.kind_ranges(index)
    assert ranges == [("Văn bản", 0, 1), ("Nhiệm vụ", 3, search.BLOCK_WORDS // 20)]
    files = list(search.blocks(ranges, len(index.records)))
    assert files == [(0, 1), (1, 2), (2, 3), (3, 10), (10, 12)]


def test_a_section_knows_where_each_of_its_paragraphs_starts(built_site: Path) -> None:
    """Issue 18: a result opens the ¶ anchor of the paragraph holding its best hit; the
    record gives the word each ¶-anchored block starts at."""
    url = "/van-ban/chuong-trinh-hanh-dong-du-thao/"
    page = (built_site / url.strip("/") / "index.html").read_text(encoding="utf-8")
    (section,) = [r for r in search.page_records(page, url) if r.url.endswith("#ii-3-3")]
    text = section.text.split()
    assert section.paragraphs[0] == (0, "ii-3-3-p1")
    starts = {anchor: n for n, anchor in section.paragraphs}
    assert text[starts["ii-3-3-p6"] : starts["ii-3-3-p6"] + 4] == ["Kiến", "nghị", "Trung", "ương"]
    assert [n for n, _ in section.paragraphs] == sorted(n for n, _ in section.paragraphs)


def test_index_is_the_same_for_the_same_records(tmp_path: Path) -> None:
    records = search.page_records(PAGE, "/van-ban/chi-thi-01-ct-tu/")
    for name in ("a", "b"):
        search.write_index(search.build_index(records), tmp_path / name)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert files and all(
        (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files
    )


def test_shard_count_grows_with_the_index_by_powers_of_two() -> None:
    assert search.shard_count(["a\t0:"]) == 1
    import random

    rng = random.Random(1)
    noise = ["".join(rng.choice("abcdefghij") for _ in range(80)) for _ in range(2_000)]
    count = search.shard_count(noise)
    assert count > 1 and count & (count - 1) == 0 and count <= search.MAX_SHARDS


def test_every_record_opens_a_built_page_and_its_section(built_site: Path) -> None:
    folder = built_site / search.BUNDLE
    manifest = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    details = []
    for block in sorted((folder / manifest["version"] / "r").iterdir()):
        details += json.loads(block.read_text(encoding="utf-8"))
    assert len(details) == manifest["records"] > 100
    kinds = {search.kind_for(url.partition("#")[0]) for url, *_ in details}
    assert kinds == {"Văn bản", "Chủ đề", "Chỉ tiêu", "Nhiệm vụ", "Đơn vị", "Hướng dẫn"}
    pages: dict[str, str] = {}
    for url, title, _, text, paragraphs in details:
        path, _, anchor = url.partition("#")
        if path not in pages:
            pages[path] = (built_site / path / "index.html").read_text(encoding="utf-8")
        assert title, url
        assert not anchor or f'id="{anchor}"' in pages[path], url
        for word, paragraph in paragraphs:  # every ¶ anchor a result may open exists
            assert f'id="{paragraph}"' in pages[path] and word < len(text.split()), url
    assert "" not in pages and "van-ban/" not in pages  # home and tab indexes only list


def test_content_pages_mark_their_article_for_the_index(built_site: Path) -> None:
    for page in html_pages(built_site):
        rel = page.relative_to(built_site).as_posix()
        if rel.startswith(search.BUNDLE) or not rel.endswith("index.html"):
            continue
        html = page.read_text(encoding="utf-8")
        url = rel.removesuffix("index.html")
        assert (search.START in html) == bool(search.kind_for(url)), url


def test_search_box_is_in_every_page_header(built_site: Path) -> None:
    for page in html_pages(built_site):
        soup = parse(page)
        box = soup.select_one(".md-header #site-search")
        assert box is not None, page
        assert box.get("data-md-component") is None  # Material's own search must not mount
        assert str(box.get("data-index")).endswith(f"{search.BUNDLE}/")
        field = box.select_one("input#site-search-input")
        assert field is not None and field.get("aria-label")
        opener = soup.select_one("button.site-search__open")
        assert opener is not None and opener.get("aria-label") == "Mở ô tìm kiếm (phím tắt /)"


def test_search_strings_are_vietnamese_nfc() -> None:
    for path in (
        ROOT / "overrides" / "partials" / "site-search.html",
        ROOT / "docs" / "assets" / "search.js",
        *sorted((ROOT / "build_tools" / "search").glob("*.py")),
    ):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, path
    partial = (ROOT / "overrides" / "partials" / "site-search.html").read_text(encoding="utf-8")
    for phrase in ("Không tìm thấy kết quả phù hợp", "Đang tải chỉ mục tìm kiếm", "Xóa từ khóa"):
        assert phrase in partial


def test_nothing_of_the_index_is_referenced_by_the_page_itself(built_site: Path) -> None:
    """The index is fetched from the first search, never with the page."""
    soup = parse(built_site / "huong-dan" / "index.html")
    fetched = [t.get("src") or t.get("href") or "" for t in soup.select("script[src], link[href]")]
    assert not [url for url in fetched if search.BUNDLE in url]


def test_a_large_site_is_indexed_in_two_processes_with_the_same_result(
    built_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = search.site_index(built_site)
    monkeypatch.setattr(search_index, "PARALLEL_PAGES", 1)
    shared = search.site_index(built_site)
    assert shared.records == alone.records and shared.lengths == alone.lengths
    assert shared.postings == alone.postings
