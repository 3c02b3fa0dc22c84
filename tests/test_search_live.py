"""The preview's search index (issue 18): LiveIndex.update gives what a full index of the
edited site gives, file for file, and a removed page disappears from every result."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest

from build_tools import search
from build_tools.search import LiveIndex, scores
from build_tools.search.live import site_url

TASK = "tien-do/nhiem-vu/cqd-dp-1/"
UNIT = "tien-do/don-vi/ban-to-chuc-thanh-uy/"
DOCUMENT = "van-ban/chi-thi-01-ct-tu/"
P2 = '<p id="mo-dau-p2">'  # the document's second paragraph


@pytest.fixture
def site(built_site: Path, tmp_path: Path) -> Path:
    """A copy of the built site, to edit."""
    return Path(shutil.copytree(built_site, tmp_path / "site"))


def _bundle(site: Path) -> tuple[dict[str, object], dict[str, str]]:
    """index.json without its version, and every file of the version folder."""
    manifest = json.loads((site / search.BUNDLE / "index.json").read_text(encoding="utf-8"))
    folder = site / search.BUNDLE / manifest.pop("version")
    files = {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in folder.rglob("*.*")}
    return manifest, files


def _full(site: Path, tmp_path: Path) -> tuple[dict[str, object], dict[str, str]]:
    """What a full index of the site as it now is holds (index_site() on a copy)."""
    copy = tmp_path / "full"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(search.BUNDLE))
    search.index_site(copy)
    return _bundle(copy)


def _edit(site: Path, url: str, before: str, after: str) -> dict[str, str]:
    """Replace the first `before` of a page's article (on disk); {url: the new HTML}."""
    page = site / url / "index.html"
    text = page.read_text(encoding="utf-8")
    at = text.index(before, text.index(search.START))
    page.write_text(text[:at] + after + text[at + len(before) :], encoding="utf-8")
    return {url: page.read_text(encoding="utf-8")}


def _postings(site: Path, term: str) -> list[tuple[str, int]]:
    """(record URL, score) of every record holding a term, read from the written index as
    the search box reads it (its shard by hash, gaps in base 36, a score character)."""
    manifest = json.loads((site / search.BUNDLE / "index.json").read_text(encoding="utf-8"))
    folder = site / search.BUNDLE / manifest["version"]
    shard = search.fnv1a(search.shard_key(term)) & (manifest["shards"] - 1)
    path = folder / "t" / f"{shard}.txt"
    lines = dict(line.split("\t") for line in path.read_text("utf-8").splitlines())
    found, number = [], 0
    for gap, score in re.findall(r"([0-9a-z]+)([:-`])", lines.get(term, "")):
        number += int(gap, 36)
        found.append((_record_url(folder, manifest["kinds"], number), ord(score) - ord(":")))
    return found


def _record_url(folder: Path, kinds: list[list[object]], number: int) -> str:
    """A record's URL from the file of its block (search.js details())."""
    _, first, size = [k for k in kinds if int(str(k[1])) <= number][-1]
    start = int(str(first)) + (number - int(str(first))) // int(str(size)) * int(str(size))
    block = json.loads((folder / "r" / f"{start}.json").read_text(encoding="utf-8"))
    return str(block[number - start][0])


def test_build_writes_what_index_site_writes(built_site: Path, site: Path) -> None:
    shutil.rmtree(site / search.BUNDLE)
    LiveIndex.build(site)
    for path in (built_site / search.BUNDLE).rglob("*"):
        copy = site / path.relative_to(built_site)
        assert copy.is_file() == path.is_file(), path
        if path.is_file():
            assert copy.read_bytes() == path.read_bytes(), path


def test_an_edit_of_three_pages_gives_the_files_of_a_full_index(site: Path, tmp_path: Path) -> None:
    live = LiveIndex.build(site)
    before = json.loads((site / search.BUNDLE / "index.json").read_text("utf-8"))["version"]
    changes = _edit(site, TASK, "chú trọng công tác", "chú trọng đường sắt cao tốc, công tác")
    changes |= _edit(site, UNIT, "</p>", " kiêm nhiệm khuyến nông</p>")
    changes |= _edit(site, DOCUMENT, P2, P2 + "Kênh Xẻo Chít. ")
    written = live.update(changes)
    assert _bundle(site) == _full(site, tmp_path)
    assert 0 < len(written) < 60 and written[-1].name == "index.json"
    assert not (site / search.BUNDLE / before).exists()  # the version folder was renamed
    assert TASK in [url for url, _ in _postings(site, "duong sat")]
    (found,) = _postings(site, "xeo chit")
    assert found[0].startswith(DOCUMENT)


def test_many_edits_keep_every_score_of_a_full_index(site: Path, tmp_path: Path) -> None:
    """Each edit moves the average record length: scores near a rounding boundary change
    their character, as they do in a full index (scores.py)."""
    live = LiveIndex.build(site)
    rng = random.Random(18)
    tasks = sorted(p.parent.name for p in (site / "tien-do/nhiem-vu").glob("*/index.html"))
    vocabulary = ["phát triển", "kinh tế", "số", "đường", "sắt", "mới", "và", "các", "bến"]
    for round_ in range(6):
        changes: dict[str, str] = {}
        for name in rng.sample(tasks, 3):
            added = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 30)))
            changes |= _edit(site, f"tien-do/nhiem-vu/{name}/", "</h1>", f" {added}</h1>")
        live.update(changes)
        assert _bundle(site) == _full(site, tmp_path), round_


def test_a_removed_page_disappears_and_an_added_one_is_found(site: Path, tmp_path: Path) -> None:
    live = LiveIndex.build(site)
    assert TASK in [url for url, _ in _postings(site, "cqd")]
    shutil.rmtree(site / TASK)
    live.update({TASK: None})
    assert TASK not in [url for url, _ in _postings(site, "cqd")]
    assert _bundle(site) == _full(site, tmp_path)
    added = "tien-do/nhiem-vu/cqd-dp-1b/"
    shutil.copytree(site / "tien-do/nhiem-vu/cqd-dp-2", site / added)
    live.update(_edit(site, added, "</h1>", " Xẻo Khóm</h1>"))
    assert [added] == [url for url, _ in _postings(site, "xeo khom")]
    assert _bundle(site) == _full(site, tmp_path)


def test_a_new_section_of_a_document_is_its_own_record(site: Path, tmp_path: Path) -> None:
    live = LiveIndex.build(site)
    section = '<h2 id="muc-moi">Mục mới</h2><p>Nội dung về kênh Xẻo Chít.</p>'
    live.update(_edit(site, DOCUMENT, P2, section + P2))
    assert [url for url, _ in _postings(site, "xeo chit")] == [f"{DOCUMENT}#muc-moi"]
    assert _bundle(site) == _full(site, tmp_path)


def test_an_index_removed_from_the_site_is_written_whole_at_the_next_update(
    site: Path, tmp_path: Path
) -> None:
    live = LiveIndex.build(site)
    shutil.rmtree(site / search.BUNDLE)  # a clean build of the site in between
    live.update(_edit(site, TASK, "chú trọng công tác", "chú trọng công tác khuyến nông"))
    assert _bundle(site) == _full(site, tmp_path)


def test_nothing_is_written_when_no_record_changes(site: Path) -> None:
    live = LiveIndex.build(site)
    page = (site / TASK / "index.html").read_text(encoding="utf-8")
    outside = page.replace("</body>", "<p>ngoài bài viết</p></body>")  # not in the article
    assert live.update({TASK: page}) == []
    assert live.update({TASK: outside}) == []
    assert live.update({"du-lieu-mo/": "<html></html>", "": "<html></html>"}) == []


def test_page_urls_are_read_in_every_usual_form() -> None:
    for url in ("van-ban/x/", "/van-ban/x/", "/van-ban/x", "van-ban/x/index.html"):
        assert site_url(url) == "/van-ban/x/"
    assert site_url("") == site_url("index.html") == "/"


@pytest.mark.parametrize("x", [0.4, 0.5001, 1.2, 3.49, 12.51, 37.4, 37.6, 38.0])
def test_a_score_keeps_its_character_within_its_margin(x: float) -> None:
    letter = scores.LETTERS[int(x + 0.5)]
    room = scores.margin(x) * x
    for moved in (x - room * 0.99, x + room * 0.99):
        assert scores.LETTERS[int(moved + 0.5)] == letter
    if x < 37.5:  # below the capped top, a little further changes it
        assert {scores.LETTERS[int(m + 0.5)] for m in (x - room * 1.01, x + room * 1.01)} != {
            letter
        }
