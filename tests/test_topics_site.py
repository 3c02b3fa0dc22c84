"""Issue 4 on the real content: topic pages reach every section, at anchors that exist."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from build_tools import pipeline
from build_tools.models import Site
from build_tools.paths import Paths
from tests.helpers import parse

PROGRAMME = "chuong-trinh-hanh-dong-du-thao"
AREAS = {  # 002, II.3: the ten areas of the action programme and their topics
    "ii-3-1": "xay-dung-dang",
    "ii-3-2": "co-che-chinh-sach",
    "ii-3-3": "kinh-te",
    "ii-3-4": "khoa-hoc-cong-nghe",
    "ii-3-5": "tai-nguyen-moi-truong",
    "ii-3-6": "van-hoa-con-nguoi",
    "ii-3-7": "giao-duc-dao-tao",
    "ii-3-8": "xa-hoi-y-te",
    "ii-3-9": "quoc-phong-an-ninh",
    "ii-3-10": "doi-ngoai",
}
MAX_SHARE = 0.4


@cache
def real_site() -> Site:
    return pipeline.check(Paths())


def sections(site: Site) -> list[tuple[str, str]]:
    return [(s.doc_id, s.anchor) for d in site.corpus.documents for s in d.sections]


def needs_programme() -> Site:
    site = real_site()
    if not any(doc_id == PROGRAMME for doc_id, _ in sections(site)):
        pytest.skip("the action programme (002) is not in content/ yet")
    return site


def links(page: Path, site_dir: Path) -> list[str]:
    """Absolute site paths (with #fragment) of the links in a page's article."""
    soup = parse(page)
    article = soup.select_one("article") or soup
    base = "/" + page.relative_to(site_dir).as_posix()
    found = []
    for a in article.find_all("a", href=True):
        href = str(a["href"])
        if urlparse(href).scheme or href.startswith("#"):
            continue
        found.append(urljoin(base, href))
    return found


def topic_pages(site_dir: Path) -> list[Path]:
    return sorted((site_dir / "chu-de").rglob("index.html"))


def test_each_area_of_the_programme_gets_its_topic_first() -> None:
    site = needs_programme()
    first = {a: [t.slug for t in site.topics.topics_for(PROGRAMME, a)][:1] for a in AREAS}
    assert first == {a: [slug] for a, slug in AREAS.items()}


def test_each_area_is_linked_at_its_anchor_from_its_topic_page(built_site: Path) -> None:
    needs_programme()
    for anchor, slug in AREAS.items():
        page = built_site / "chu-de" / slug / "index.html"
        target = f"/van-ban/{PROGRAMME}/#{anchor}"
        assert target in links(page, built_site), f"{slug} does not link {target}"


def test_no_topic_lists_more_than_40_percent_of_sections() -> None:
    site = real_site()
    total = len(sections(site))
    shares = (
        {t.slug: len(site.topics.sections_for(t.slug)) / total for t in site.topics.topics}
        if total
        else {}
    )
    assert {slug: share for slug, share in shares.items() if share > MAX_SHARE} == {}


def test_every_section_is_reached_or_marked_general() -> None:
    site = real_site()
    assert site.topics.unreached(site.corpus) == ()


def test_every_section_is_linked_from_the_topic_pages(built_site: Path) -> None:
    site = real_site()
    linked = {link for page in topic_pages(built_site) for link in links(page, built_site)}
    missing = [
        f"{doc}#{anchor}"
        for doc, anchor in sections(site)
        if f"/van-ban/{doc}/#{anchor}" not in linked
    ]
    assert missing == []


def test_every_link_on_topic_pages_lands_on_an_existing_anchor(built_site: Path) -> None:
    broken = []
    for page in topic_pages(built_site):
        for link in links(page, built_site):
            parsed = urlparse(link)
            target = built_site / unquote(parsed.path).lstrip("/")
            target = target / "index.html" if link.split("#")[0].endswith("/") else target
            if not target.is_file():
                broken.append(f"{page.relative_to(built_site)} -> {link}")
            elif parsed.fragment and parse(target).find(id=parsed.fragment) is None:
                broken.append(f"{page.relative_to(built_site)} -> {link} (no anchor)")
    assert broken == []


def test_area_heading_shows_its_topic_chip_first(built_site: Path) -> None:
    needs_programme()
    page = built_site / "van-ban" / PROGRAMME / "index.html"
    soup = parse(page)
    for anchor, slug in AREAS.items():
        heading = soup.find(id=anchor)
        assert heading is not None, anchor
        chips = heading.find_next(class_="topic-chips")
        assert chips is not None, anchor
        first = chips.find("a")
        assert first is not None and first["href"] == f"../../chu-de/{slug}/", anchor


def test_topic_index_shows_every_topic_with_icon_and_counts(built_site: Path) -> None:
    site = real_site()
    soup = parse(built_site / "chu-de" / "index.html")
    cards = soup.select(".topic-cards li")
    assert len(cards) == len(site.topics.topics)
    for card, topic in zip(cards, site.topics.topics, strict=True):
        assert card.select_one(".twemoji svg") is not None
        link = card.find("a")
        assert link is not None and link["href"] == f"{topic.slug}/"
        assert link.get_text(strip=True) == topic.name
        count = len(site.topics.sections_for(topic.slug))
        assert f"{count} mục văn bản" in card.get_text(" ", strip=True)


def test_open_data_lists_every_section_with_its_topics(built_site: Path) -> None:
    site = real_site()
    data = json.loads((built_site / "du-lieu-mo" / "chu-de.json").read_text(encoding="utf-8"))
    assert [t["ma"] for t in data["chu_de"]] == [t.slug for t in site.topics.topics]
    assert [(m["van_ban"], m["muc"]) for m in data["muc"]] == sections(site)
    for row in data["muc"]:
        shown = [t.slug for t in site.topics.topics_for(row["van_ban"], row["muc"])]
        assert row["chu_de"] == shown
        assert row["chu_de"] or row["muc_chung"], row
