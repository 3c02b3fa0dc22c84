"""Issue 8.3: no broken internal link or anchor; description and Open Graph tags on every
page; a sitemap listing every page."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from tests.helpers import html_pages, parse

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url, used by the test builds
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
OG_PROPERTIES = ("og:type", "og:locale", "og:site_name", "og:title", "og:description")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def page_url(site: Path, page: Path) -> str:
    """The URL a page is served at, under SITE_URL ("…/van-ban/x/" for van-ban/x/index.html)."""
    rel = page.relative_to(site).as_posix()
    return SITE_URL + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)


def target_file(site: Path, url: str) -> Path | None:
    """The file in the built site that an absolute SITE_URL url names, else None."""
    path = unquote(urlparse(url).path)
    base = urlparse(SITE_URL).path
    if not path.startswith(base):
        return None
    local = site / path[len(base) :]
    return local / "index.html" if path.endswith("/") or local.is_dir() else local


def _links(soup: BeautifulSoup) -> Iterator[str]:
    for tag, attr in LINKING.items():
        for element in soup.find_all(tag):
            value = element.get(attr)
            if isinstance(value, str) and value and not value.startswith(SKIPPED_SCHEMES):
                yield value


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = parse(path)
    named = {str(a["name"]) for a in soup.find_all("a", attrs={"name": True})}
    return frozenset({str(el["id"]) for el in soup.find_all(id=True)} | named)


def broken_links(site: Path) -> list[str]:
    """`page: href (why)` for every internal link whose file or anchor does not exist."""
    problems = []
    own_host = urlparse(SITE_URL).netloc
    for page in html_pages(site):
        base = page_url(site, page)
        for href in _links(parse(page)):
            url = urljoin(base, href)
            if urlparse(url).netloc != own_host:
                continue
            target = target_file(site, url)
            where = f"{page.relative_to(site).as_posix()}: {href}"
            if target is None or not target.is_file():
                problems.append(f"{where} (no such file)")
                continue
            fragment = unquote(urlparse(url).fragment)
            if fragment and target.suffix == ".html" and fragment not in _ids(target):
                problems.append(f"{where} (no id {fragment!r})")
    return problems


def test_no_broken_internal_link_or_anchor(built_site: Path) -> None:
    assert broken_links(built_site) == []


def test_link_checker_reports_missing_pages_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="top"><a href="a/">ok</a> <a href="a/#x">ok</a> <a href="#top">ok</a>'
        ' <a href="b/">bad</a> <a href="a/#y">bad</a> <a href="https://example.org/">ext</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<h2 id="x">x</h2><a href="../#top">ok</a>')
    assert broken_links(tmp_path) == [
        "index.html: b/ (no such file)",
        "index.html: a/#y (no id 'y')",
    ]


def _meta(soup: BeautifulSoup, **attrs: str) -> str:
    element = soup.find("meta", attrs=attrs)
    content = element.get("content") if element else None
    return content.strip() if isinstance(content, str) else ""


def test_every_page_has_description_and_open_graph(built_site: Path) -> None:
    missing = []
    for page in html_pages(built_site):
        soup = parse(page)
        rel = page.relative_to(built_site).as_posix()
        if not _meta(soup, name="description"):
            missing.append(f"{rel}: description")
        missing += [f"{rel}: {p}" for p in OG_PROPERTIES if not _meta(soup, property=p)]
        if rel != "404.html" and not _meta(soup, property="og:url"):
            missing.append(f"{rel}: og:url")
    assert missing == []


def test_sitemap_lists_every_page_and_nothing_else(built_site: Path) -> None:
    tree = ET.parse(built_site / "sitemap.xml")
    locs = [loc.text or "" for loc in tree.getroot().iterfind("s:url/s:loc", SITEMAP_NS)]
    assert len(locs) == len(set(locs))
    listed = {target_file(built_site, loc) for loc in locs}
    pages = {p for p in html_pages(built_site) if p.name != "404.html"}
    assert listed == pages


@pytest.mark.parametrize("name", ["sitemap.xml", "sitemap.xml.gz"])
def test_sitemap_files_exist(built_site: Path, name: str) -> None:
    assert (built_site / name).stat().st_size > 0
