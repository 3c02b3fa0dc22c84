"""Issue 19: what a shared link, a feed reader, a printer and a phone get from every page."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

from tests.helpers import ROOT, html_pages, parse

SHARE_IMAGE = "assets/chia-se.png"
FEED = "du-lieu-mo/cap-nhat.xml"
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url, used by the test builds


def _meta(soup: object, key: str, value: str) -> str | None:
    tag = soup.find("meta", attrs={key: value})  # type: ignore[attr-defined]
    return None if tag is None else str(tag["content"])


def test_share_image_is_a_1200_by_630_png(built_site: Path) -> None:
    data = (built_site / SHARE_IMAGE).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)


def _share_image(rel: str) -> str:
    """A task's or a document's own card (build_tools/progress/cards.py); the site's
    picture for every other page."""
    parts = rel.split("/")
    document = len(parts) == 3 and parts[0] == "van-ban"
    task = len(parts) == 4 and rel.startswith("tien-do/nhiem-vu/")
    if (document or task) and parts[-1] == "index.html":
        return rel.removesuffix("index.html") + "the.png"
    return SHARE_IMAGE


def test_task_and_document_cards_exist_and_are_1200_by_630(built_site: Path) -> None:
    pages = [
        p
        for p in html_pages(built_site)
        if "the.png" in _share_image(p.relative_to(built_site).as_posix())
    ]
    tasks = [p for p in pages if "nhiem-vu" in p.parts]
    assert len(tasks) > 100 and len(pages) - len(tasks) == 5  # every task, the 5 documents
    for page in pages:
        data = (page.parent / "the.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", page
        assert struct.unpack(">II", data[16:24]) == (1200, 630), page


def test_every_page_has_open_graph_and_twitter_tags_with_the_image(built_site: Path) -> None:
    missing = []
    for page in html_pages(built_site):
        soup = parse(page)
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect page
        found = {
            "og:image": _meta(soup, "property", "og:image"),
            "og:image:width": _meta(soup, "property", "og:image:width"),
            "og:image:height": _meta(soup, "property", "og:image:height"),
            "og:title": _meta(soup, "property", "og:title"),
            "twitter:card": _meta(soup, "name", "twitter:card"),
            "twitter:image": _meta(soup, "name", "twitter:image"),
            "twitter:title": _meta(soup, "name", "twitter:title"),
        }
        image = SITE_URL + _share_image(page.relative_to(built_site).as_posix())
        expected = {
            "og:image": image,
            "og:image:width": "1200",
            "og:image:height": "630",
            "twitter:card": "summary_large_image",
            "twitter:image": image,
        }
        wrong = {k: v for k, v in expected.items() if found[k] != v}
        if wrong or not found["og:title"] or found["og:title"] != found["twitter:title"]:
            missing.append(f"{page.relative_to(built_site)}: {found}")
    assert missing == []


def test_every_page_links_the_feed_in_its_head(built_site: Path) -> None:
    assert (built_site / FEED).is_file()
    without = []
    for page in html_pages(built_site):
        soup = parse(page)
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        link = soup.head.find("link", attrs={"type": "application/atom+xml"})  # type: ignore[union-attr]
        href = "" if link is None else str(link["href"])
        base = built_site if href.startswith("/") else page.parent  # 404.html: absolute links
        if link is None or "alternate" not in link["rel"]:
            without.append(str(page.relative_to(built_site)))
        elif (base / href.lstrip("/")).resolve() != (built_site / FEED).resolve():
            without.append(f"{page.relative_to(built_site)}: {href}")
    assert without == []


def test_footnote_links_speak_vietnamese(built_site: Path) -> None:
    report = parse(
        built_site / "van-ban" / "bao-cao-chinh-tri-dang-bo-cac-co-quan-dang" / "index.html"
    )
    backlinks = report.select("a.footnote-backref")
    assert backlinks, "the political report has footnotes"
    assert backlinks[0]["title"] == "Quay lại chỗ chú thích 1 trong văn bản"
    english = [p for p in html_pages(built_site) if "Jump back to footnote" in p.read_text("utf-8")]
    assert english == []


def test_every_page_prints_its_address(built_site: Path) -> None:
    wrong = []
    for page in html_pages(built_site):
        soup = parse(page)
        if soup.find("meta", attrs={"http-equiv": "refresh"}) or page.name == "404.html":
            continue  # a redirect, or the page shown for any missing address
        rel = page.relative_to(built_site).as_posix().removesuffix("index.html")
        meta = soup.select_one(".print-meta")
        if meta is None or not meta.get_text().startswith(f"Trang: {SITE_URL}{rel} · In ngày"):
            wrong.append(rel)
    assert wrong == []


def test_make_serve_takes_the_port_it_is_given() -> None:
    dry = subprocess.run(
        ["make", "-n", "serve", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "build_tools serve --port 8123" in dry.stdout
    default = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True)
    assert "build_tools serve --port 8000" in default.stdout


def test_progress_pages_link_the_feed_visibly(built_site: Path) -> None:
    pages = [
        built_site / "tien-do" / "index.html",
        built_site / "tien-do" / "don-vi" / "van-phong-thanh-uy" / "index.html",
        next((built_site / "tien-do" / "nhiem-vu").glob("*/index.html")),
    ]
    for page in pages:
        link = parse(page).select_one("article .feed-link a")
        assert link is not None, page
        assert (page.parent / str(link["href"])).resolve() == (built_site / FEED).resolve()
        assert "nguồn tin Atom" in link.get_text()
