"""Issue 19: the whole site in one .zip that works opened from disk."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools import offline
from tests.helpers import parse


@pytest.mark.parametrize(
    ("link", "local"),
    [
        ('href="../van-ban/x/"', 'href="../van-ban/x/index.html"'),
        ('href="x/#a-1"', 'href="x/index.html#a-1"'),
        ('href="."', 'href="./index.html"'),
        ('href=".."', 'href="../index.html"'),
        ('href="./"', 'href="./index.html"'),
        ('href="#top"', 'href="#top"'),
        ('href="x.csv"', 'href="x.csv"'),
        ('href="../assets/site.css"', 'href="../assets/site.css"'),
        ('href="https://example.org/a/"', 'href="https://example.org/a/"'),
        ('href="/"', 'href="/"'),
    ],
)
def test_links_to_folders_open_their_page_from_disk(link: str, local: str) -> None:
    assert offline.local_links(link) == local


def test_sizes_read_in_vietnamese() -> None:
    assert offline.human_size(500) == "1 KB"
    assert offline.human_size(778_470) == "760 KB"
    assert offline.human_size(12_900_000) == "12,3 MB"


def test_archive_holds_every_page_with_local_links(built_site: Path) -> None:
    with zipfile.ZipFile(built_site / offline.ARCHIVE) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert all(n.startswith(f"{offline.ROOT_FOLDER}/") for n in names)
        inside = {n.removeprefix(f"{offline.ROOT_FOLDER}/") for n in names}
        pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
        assert pages <= inside
        assert not [n for n in inside if n.startswith("search-index/") or n.endswith(".map")]
        assert not [n for n in inside if n.endswith("/the.png")]  # share cards stay online
        assert {i.date_time for i in archive.infolist()} == {offline.STAMP}
        folder_links = []
        for name in names:
            if name.endswith(".html") and not name.endswith("/404.html"):
                soup = BeautifulSoup(archive.read(name).decode("utf-8"), "html.parser")
                hrefs = [str(a["href"]) for a in soup.find_all(href=True)]
                folder_links += [h for h in hrefs if re.match(r"(?![a-z]+:|/|#)[^#?]*/(#|$)", h)]
        assert folder_links == []


def test_open_data_page_links_the_archive_with_its_size(built_site: Path) -> None:
    page = parse(built_site / offline.FOLDER / "index.html")
    link = page.find("a", href=offline.NAME)
    assert link is not None and link.has_attr("download")
    size = (built_site / offline.ARCHIVE).stat().st_size
    assert page.select_one(".offline-size") is None  # the placeholder was replaced
    text = " ".join(page.get_text().split())
    assert f"{offline.NAME} ({offline.human_size(size)})" in text
    assert size <= 50 * 1024 * 1024


def test_the_same_site_packs_to_the_same_bytes(built_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    copy.mkdir()
    for path in built_site.rglob("*"):
        if path.is_file() and not path.as_posix().endswith(offline.ARCHIVE):
            target = copy / path.relative_to(built_site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    page = copy / offline.FOLDER / "index.html"
    size = offline.human_size((built_site / offline.ARCHIVE).stat().st_size)
    html = page.read_text("utf-8").replace(size, offline.SIZE_MARK, 1)
    page.write_text(html.replace(offline.WHOLE, offline.PARTS_MARK, 1), "utf-8")
    offline.write(copy)
    assert (copy / offline.ARCHIVE).read_bytes() == (built_site / offline.ARCHIVE).read_bytes()


def test_a_site_over_the_limit_is_packed_in_parts_that_unpack_together(
    built_site: Path, tmp_path: Path
) -> None:
    """City scale (the limit is 50 MB; here a small one on the real site): every part is
    under the limit, together they hold exactly what one archive holds, the first holds
    every page but the tasks' own, and the open-data page lists each part."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    for old in (copy / offline.FOLDER).glob("*.zip"):
        old.unlink()
    page = copy / offline.FOLDER / "index.html"
    size = offline.human_size((built_site / offline.ARCHIVE).stat().st_size)
    html = page.read_text("utf-8").replace(size, offline.SIZE_MARK, 1)
    page.write_text(html.replace(offline.WHOLE, offline.PARTS_MARK, 1), "utf-8")
    limit = 400 * 1024
    parts = offline.write(copy, limit=limit)
    assert len(parts) >= 3 and parts[0].name == offline.NAME
    assert all(0 < p.size <= limit for p in parts)
    names: list[str] = []
    for part in parts:
        with zipfile.ZipFile(copy / offline.FOLDER / part.name) as archive:
            names += archive.namelist()
    with zipfile.ZipFile(built_site / offline.ARCHIVE) as whole:
        assert sorted(names) == whole.namelist()
    with zipfile.ZipFile(copy / offline.ARCHIVE) as first:
        tasks = [n for n in first.namelist() if "/tien-do/nhiem-vu/" in n]
        assert len(first.namelist()) > len(tasks)
    text = " ".join(parse(page).get_text().split())
    assert f"chia thành {len(parts)} tệp" in text
    for part in parts[1:]:
        assert f"{part.name} ({offline.human_size(part.size)}): {part.holds}" in text
    assert parts[-1].holds.startswith("trang của ")
