"""Task pages written from the one page MkDocs renders for them (build_tools/taskpages.py).

The article HTML itself is pinned by the golden files (tests/golden/progress/tien-do/
nhiem-vu/): it is byte for byte what MkDocs made of the former Markdown template. Here:
each built task page carries its own title, description, address, heading and article in
the frame of a MkDocs page, the shell leaves no trace, and the sitemap lists every task.
"""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools import taskpages

SITE_NAME = "Nghị quyết Đại hội Đảng bộ TP Cần Thơ 2025–2030"


class _Head(HTMLParser):
    """The values a page's head and frame carry for it."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.title = ""
        self.skip = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("name") or a["property"]] = a.get("content", "")
        elif tag == "link" and a.get("rel") == "canonical":
            self.links["canonical"] = a["href"]
        elif tag == "a" and "md-skip" in a.get("class", ""):
            self.skip = a["href"]
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def _front(project_docs: Path, task_id: str) -> tuple[dict[str, str], str]:
    return taskpages._split((project_docs / taskpages.TASKS / task_id / "index.md").read_text())


@pytest.fixture(scope="module")
def task_pages(built_site: Path) -> list[Path]:
    pages = sorted((built_site / taskpages.TASKS).glob("*/index.html"))
    assert len(pages) > 30
    return pages


def test_each_task_page_carries_its_own_values(built_site: Path, task_pages: list[Path]) -> None:
    docs = built_site.parent / "docs"
    for page in task_pages:
        task_id = page.parent.name
        meta, article = _front(docs, task_id)
        html = page.read_text(encoding="utf-8")
        head = _Head()
        head.feed(html)
        assert head.title == f"{meta['title']} - {SITE_NAME}"
        assert head.meta["description"] == meta["description"]
        assert head.meta["og:title"] == meta["title"]
        assert head.meta["og:description"] == meta["description"]
        assert head.links["canonical"].endswith(f"/{taskpages.TASKS}{task_id}/")
        assert head.meta["og:url"] == head.links["canonical"]
        h1 = re.search(r'<h1 id="([^"]+)"', html)
        assert h1 and head.skip == f"#{h1.group(1)}"
        assert article in html  # the article as the pipeline wrote it, in one piece
        # the table of contents MkDocs made from the shell's headings points into it
        for anchor in re.findall(r'class="md-nav__link" href="#([^"]+)"', html):
            assert f'id="{anchor}"' in article


def test_the_shell_leaves_no_trace(built_site: Path) -> None:
    assert not (built_site / taskpages.TASKS / taskpages.SHELL_ID).exists()
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "@@" not in text and taskpages.SHELL_ID not in text, page


def test_sitemap_lists_every_task_page_instead_of_the_shell(
    built_site: Path, task_pages: list[Path]
) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        data = (built_site / name).read_bytes()
        root = ET.fromstring(gzip.decompress(data) if name.endswith(".gz") else data)
        locs = [e.text or "" for e in root.findall("s:url/s:loc", ns)]
        tasks = [loc for loc in locs if f"/{taskpages.TASKS}" in loc]
        assert [loc.rsplit("/", 2)[1] for loc in tasks] == [p.parent.name for p in task_pages]
        in_order = sorted(locs, key=lambda loc: loc.split("/"))  # MkDocs: by path segment
        assert locs == in_order and not any(taskpages.SHELL_ID in loc for loc in locs)


def _fake_shell(site: Path) -> tuple[Path, str]:
    """A rendered shell as overrides/main.html prints it: every slot, nothing else."""
    t = taskpages
    shell = site / t.TASKS / t.SHELL_ID / "index.html"
    shell.parent.mkdir(parents=True, exist_ok=True)
    html = (
        f"<title>{t.TITLE} - X</title>"
        f'<meta name="description" content="{t.DESCRIPTION}">'
        f'<meta property="og:title" content="{t.OG_TITLE}">'
        f'<link rel="canonical" href="https://h/{t.ADDRESS}">'
        f'<a href="#{t.HEADING}" class="md-skip">'
        f'<a href="{t.EDIT}">'
        f"<article>{t.ARTICLE}</article>"
    )
    shell.write_text(html, encoding="utf-8")
    return shell, html


def _task_file(docs: Path, task_id: str, title: str) -> Path:
    source = docs / taskpages.TASKS / task_id / "index.md"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(
        f'---\ntitle: "{title}"\ndescription: "Mô tả {task_id}"\n'
        f'edit_source: "content/{task_id}.yml"\n---\n\n<h1 id="{task_id}-h">Bài</h1>\n',
        encoding="utf-8",
    )
    return source


def _edit_link(source: str) -> str:
    return f"https://git/edit/{source}"


def test_fill_writes_pages_from_a_shell(tmp_path: Path) -> None:
    """Without MkDocs: a shell with every slot, two task files, a sitemap."""
    site, docs = tmp_path / "site", tmp_path / "docs"
    t = taskpages
    shell, shell_html = _fake_shell(site)
    for task_id, title in (("a-1", "A-1: Việc <một> & hai"), ("b-2", "B-2: Việc hai")):
        _task_file(docs, task_id, title)
    start, end = t.SITEMAP_ENTRY
    (site / "sitemap.xml").write_text(
        "<urlset>\n    <url>\n         <loc>https://h/</loc>\n    </url>"
        f"{start}\n    <url>\n         <loc>https://h/{t.ADDRESS}</loc>\n    </url>{end}\n"
        "</urlset>\n",
        encoding="utf-8",
    )

    assert taskpages.fill(site, docs, _edit_link) == 2
    page = (site / taskpages.TASKS / "a-1" / "index.html").read_text(encoding="utf-8")
    assert page == (
        "<title>A-1: Việc <một> & hai - X</title>"  # raw, as Material writes page titles
        '<meta name="description" content="Mô tả a-1">'
        '<meta property="og:title" content="A-1: Việc &amp; hai">'  # | striptags | e
        f'<link rel="canonical" href="https://h/{t.TASKS}a-1/">'
        '<a href="#a-1-h" class="md-skip">'
        '<a href="https://git/edit/content/a-1.yml">'
        '<article><h1 id="a-1-h">Bài</h1></article>'
    )
    assert not shell.parent.exists()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap == (
        "<urlset>\n    <url>\n         <loc>https://h/</loc>\n    </url>"
        f"\n    <url>\n         <loc>https://h/{t.TASKS}a-1/</loc>\n    </url>"
        f"\n    <url>\n         <loc>https://h/{t.TASKS}b-2/</loc>\n    </url>\n</urlset>\n"
    )

    # `make serve` (preview/render.py): one task written again from the shell's parts
    parts = shell_html.split(taskpages.SLOT)
    b_page = site / taskpages.TASKS / "b-2" / "index.html"
    b_time = b_page.stat().st_mtime_ns
    source = docs / taskpages.TASKS / "a-1" / "index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Bài", "Bài mới"))
    assert taskpages.fill_one(parts, source, site, _edit_link)
    assert "Bài mới" in (site / taskpages.TASKS / "a-1" / "index.html").read_text()
    b_source = docs / taskpages.TASKS / "b-2" / "index.md"
    assert not taskpages.fill_one(parts, b_source, site, _edit_link)
    assert b_page.stat().st_mtime_ns == b_time  # the same bytes: the file is not rewritten


def test_fill_one_writes_one_page_from_the_shell(tmp_path: Path) -> None:
    """The preview's way: the shell's parts are kept before `fill` removes the shell; one
    saved task is written again from them; an unchanged page is left as it is."""
    site, docs = tmp_path / "site", tmp_path / "docs"
    _fake_shell(site)
    source = _task_file(docs, "c-3", "C-3: Việc ba")
    parts = taskpages.shell_parts(site)
    assert parts is not None
    assert taskpages.fill(site, docs, _edit_link) == 1
    page = site / taskpages.TASKS / "c-3" / "index.html"
    assert not taskpages.fill_one(parts, source, site, _edit_link)
    source.write_text(source.read_text(encoding="utf-8").replace("Bài", "Bài sửa"))
    assert taskpages.fill_one(parts, source, site, _edit_link)
    assert '<article><h1 id="c-3-h">Bài sửa</h1></article>' in page.read_text(encoding="utf-8")


def test_an_unknown_slot_is_an_error(tmp_path: Path) -> None:
    site, docs = tmp_path / "site", tmp_path / "docs"
    source = _task_file(docs, "d-4", "D-4: Việc bốn")
    parts = f"<p>{taskpages.slot('la')}</p>".split(taskpages.SLOT)
    with pytest.raises(ValueError, match="unknown slot @@la@@"):
        taskpages.fill_one(parts, source, site, _edit_link)


def test_task_files_are_recognised() -> None:
    assert taskpages.is_task_page("tien-do/nhiem-vu/kh-1/index.md")
    assert not taskpages.is_task_page(taskpages.SHELL)
    assert not taskpages.is_task_page("tien-do/don-vi/x/index.md")
    assert not taskpages.is_task_page("tien-do/nhiem-vu/kh-1/extra/index.md")
