"""Issue 2: a strict, deterministic, self-contained Vietnamese site."""

from __future__ import annotations

import filecmp
from pathlib import Path
from urllib.parse import urlparse

import pytest

from build_tools import anchors
from build_tools.site import split
from tests.helpers import build_site, copy_project, html_pages, parse, run_build_tools

TABS = ["Trang chủ", "Văn bản", "Chủ đề", 'Tiến độ "5 rõ"', "Chỉ tiêu", "Dữ liệu mở", "Hướng dẫn"]
OWN_HOSTS = {"", "127.0.0.1:8000"}
FETCHING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "link": "href"}


def test_home_page_is_vietnamese_with_tabs(built_site: Path) -> None:
    home = parse(built_site / "index.html")
    assert home.html is not None and home.html["lang"] == "vi"
    assert home.title is not None and "Cần Thơ" in home.title.get_text()
    tabs = [a.get_text(" ", strip=True) for a in home.select(".md-tabs__link")]
    assert tabs == TABS
    text = home.get_text(" ", strip=True)
    assert "Tình trạng tính đến ngày 24/10/2025" in text
    assert "chưa có báo cáo tiến độ nào" in text


def test_no_page_references_another_host(built_site: Path) -> None:
    offenders = []
    for page in html_pages(built_site):
        soup = parse(page)
        for tag in soup.find_all(True):
            for attr in ("src", "href", "srcset", "data-src"):
                value = tag.get(attr)
                if not isinstance(value, str):
                    continue
                host = urlparse(value).netloc
                if host not in OWN_HOSTS:
                    offenders.append(f"{page.relative_to(built_site)}: <{tag.name} {attr}={value}>")
    assert offenders == []


def test_first_paint_waits_for_no_script_and_no_palette(built_site: Path) -> None:
    """Every script file runs deferred (none blocks the first paint), and no page loads
    Material's palette stylesheet or script (one light scheme, colours in site.css)."""
    blocking: list[str] = []
    palette: list[str] = []
    for page in html_pages(built_site):
        soup = parse(page)
        name = str(page.relative_to(built_site))
        blocking += [f"{name}: {s['src']}" for s in soup.select("script[src]:not([defer])")]
        sheets = [str(link["href"]) for link in soup.select("link[rel=stylesheet]")]
        palette += [f"{name}: {href}" for href in sheets if "palette" in href]
        scripts = [script.text for script in soup.select("script:not([src])")]
        palette += [f"{name}: palette script" for text in scripts if "__palette" in text]
    assert blocking == []
    assert palette == []


def test_no_stylesheet_fetches_fonts_from_elsewhere(built_site: Path) -> None:
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "@import url(http" not in text, css


def test_second_build_is_byte_identical(built_site: Path, tmp_path: Path) -> None:
    again = build_site(copy_project(tmp_path / "again"))
    comparison = filecmp.dircmp(built_site, again)
    assert _differences(comparison) == []


def _differences(cmp: filecmp.dircmp[str]) -> list[str]:
    diffs = [*cmp.left_only, *cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
    diffs += mismatch + errors
    for sub in cmp.subdirs.values():
        diffs += _differences(sub)
    return diffs


@pytest.mark.parametrize("path", ["sitemap.xml"])
def test_sitemap_is_stable_and_lists_pages(built_site: Path, path: str) -> None:
    text = (built_site / path).read_text(encoding="utf-8")
    assert "<loc>" in text and "huong-dan/" in text


def test_failed_build_leaves_site_untouched(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    site = build_site(project)
    before = (site / "index.html").read_bytes()
    config = project / "content" / "site.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "so_ngay_lau_chua_cap_nhat: 60", "so_ngay_lau_chua_cap_nhat: 0"
        ),
        encoding="utf-8",
    )
    result = run_build_tools(project, "site")
    assert result.returncode == 1
    assert 'content/site.yml:10:1: trường "so_ngay_lau_chua_cap_nhat"' in result.stderr
    assert (site / "index.html").read_bytes() == before
    # Issue 7: a YAML syntax error, a broken front matter or non-NFC text changes nothing.
    config.write_text("ten_trang: Trang thử\n\tso_ngay_lau_chua_cap_nhat: 60\n", "utf-8")
    note = project / "content" / "van-ban" / "chi-thi-01-ct-tu" / "noi-dung.md"
    note.write_text("---\ntitle: x\n" + note.read_text("utf-8"), encoding="utf-8")
    result = run_build_tools(project, "site")
    assert result.returncode == 1
    assert "content/site.yml:2:1: dòng này thụt lề bằng phím Tab" in result.stderr
    assert "content/van-ban/chi-thi-01-ct-tu/noi-dung.md:1:1: phần khai báo đầu tệp" in (
        result.stderr
    )
    assert (site / "index.html").read_bytes() == before


def test_parallel_build_is_byte_identical_to_one_process(built_site: Path, tmp_path: Path) -> None:
    """`--parts 2` (the default at city scale) shares the pages between two MkDocs
    processes; the site must not show it."""
    project = copy_project(tmp_path / "parts")
    result = run_build_tools(project, "site", "--parts", "2")
    assert result.returncode == 0, result.stderr
    assert _differences(filecmp.dircmp(built_site, project / "site")) == []
    assert not list((project / "site").rglob(anchors.NOTES))


@pytest.mark.parametrize("parts", ["1", "2"])
def test_link_to_a_missing_anchor_fails_the_build_in_either_mode(
    tmp_path: Path, parts: str
) -> None:
    project = copy_project(tmp_path / "p")
    assert run_build_tools(project, "build").returncode == 0
    plan = split(project / "docs", 2)
    target = plan[1][0]  # a document the second process renders
    (project / "docs" / "thu-neo.md").write_text(
        f"# Thử\n\n[mục không có]({target}#khong-co-neo)\n", encoding="utf-8"
    )
    result = run_build_tools(project, "site", "--parts", parts)
    assert result.returncode == 1
    assert (
        f"Doc file 'thu-neo.md' contains a link '{target}#khong-co-neo', but the doc "
        f"'{target}' does not contain an anchor '#khong-co-neo'."
    ) in result.stderr
    assert not (project / "site").exists()


def test_anchor_notes_report_only_missing_anchors() -> None:
    first, second = anchors.Notes(), anchors.Notes()
    first.page("a.md", {"x"})
    first.link("a.md", "b.md", "y", "b.md#y")
    first.link("a.md", "b.md", "z", "b.md#z")
    second.page("b.md", {"y"})
    second.link("b.md", "a.md", "x", "a.md#x")
    assert anchors.problems([first, second]) == [
        "Doc file 'a.md' contains a link 'b.md#z', but the doc 'b.md' does not contain an "
        "anchor '#z'."
    ]


def test_split_shares_pages_by_estimated_cost(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    pages = {
        "van-ban/a/index.md": 5000,  # a document: cost = size
        "van-ban/b/index.md": 4000,
        "tien-do/don-vi/u/index.md": 1000,  # tables and links: cost = 2.5 × size
        "index.md": 200,
        "huong-dan/g.md": 100,  # not an index.md: always part 0
    }
    for rel, size in pages.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("x" * size)
    # by cost, each to the part with the least so far; part 0 starts with g.md (250)
    assert split(docs, 2) == [[], ["index.md", "van-ban/a/index.md"]]
    assert split(docs, 1) == [[]]
