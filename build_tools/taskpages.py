"""Task pages built from one page MkDocs renders for all of them (the "shell").

A city has 10,000 task pages and MkDocs spends ≈ 7.5 ms on each (Markdown, then Material's
template): most of a city build. Every task page has the same frame (header, tabs, table
of contents "Nguồn" / "Báo cáo tiến độ", footer); only its title, description, address,
edit link and article differ. So:

1. the pipeline writes each task's article as HTML (templates/progress/task.html.j2) into
   docs/tien-do/nhiem-vu/<id>/index.md under the usual front matter, plus one shell page
   (SHELL) whose title, description and article are placeholders;
2. the MkDocs hook marks the task files excluded (`on_files`): MkDocs keeps them
   as link targets (links to them are still checked) but renders only the shell;
3. after MkDocs wrote the site, `fill` writes every task page from the shell, removes the
   shell and lists the task pages in the sitemap where the shell was.

The result is the page MkDocs would have rendered (tests/test_taskpages.py compares them).
Callable without MkDocs: it reads and writes files only.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import struct
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

from markupsafe import Markup, escape

from build_tools import slugs

TASKS = "tien-do/nhiem-vu/"
SHELL_ID = "_khung"  # task ids are slugs: never start with "_"
SHELL = f"{TASKS}{SHELL_ID}/index.md"
CARD = "the.png"  # its share card (progress/cards.py), beside it: the address follows

# Placeholders in the shell; each is replaced by the task's own value.
TITLE = "@@tieu-de@@"
OG_TITLE = "@@tieu-de-og@@"
DESCRIPTION = "@@mo-ta@@"
EDIT = "@@nguon-sua@@"
ADDRESS = "@@dia-chi@@"
HEADING = "@@neo-tieu-de@@"
ARTICLE = "@@bai@@"
SHELL_H1 = "khung-nhiem-vu"
SHELL_END = "<!--/khung-->"
_PLACEHOLDER = re.compile(
    "(" + "|".join((TITLE, OG_TITLE, DESCRIPTION, EDIT, ADDRESS, HEADING, ARTICLE)) + ")"
)


class Task(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...


def heading_id(task: Task) -> str:
    """The id Python-Markdown's toc gives the page's "# <id>: <title>" heading."""
    return slugs.slugify(f"{task.id}: {task.title}")


def shell_markdown() -> str:
    """The one task page MkDocs renders: placeholders, and the headings every task has
    (they make the table of contents)."""
    return (
        f'---\ntitle: "{TITLE}"\ndescription: "{DESCRIPTION}"\nedit_source: "{EDIT}"\n'
        f'share_image: "{TASKS}{SHELL_ID}/{CARD}"\n---\n\n'
        f"# {TITLE} {{#{SHELL_H1}}}\n\n## Nguồn\n\n## Báo cáo tiến độ\n\n{SHELL_END}\n"
    )


def is_task_page(src_uri: str) -> bool:
    """docs/tien-do/nhiem-vu/<id>/index.md, but not the shell."""
    rest = src_uri.removeprefix(TASKS)
    return (
        rest != src_uri and rest.count("/") == 1 and rest.endswith("/index.md") and src_uri != SHELL
    )


def task_sources(docs_dir: Path) -> list[Path]:
    """The task files the pipeline wrote, in MkDocs' order (by id)."""
    return sorted(
        p
        for p in (docs_dir / TASKS).glob("*/index.md")
        if is_task_page(p.relative_to(docs_dir).as_posix())
    )


def page_for(site_dir: Path, source: Path) -> Path:
    """Where a task file's page is written: tien-do/nhiem-vu/<id>/index.html."""
    return site_dir / TASKS / source.parent.name / "index.html"


WRITERS = 4  # threads writing task pages


def fill(site_dir: Path, docs_dir: Path, edit_url: Callable[[str], str | None]) -> int:
    """Write site_dir/tien-do/nhiem-vu/<id>/index.html for every task file in docs_dir from
    the rendered shell; `edit_url` maps a content path to its edit link. Returns pages."""
    shell_dir = site_dir / TASKS / SHELL_ID
    shell_page = shell_dir / "index.html"
    if not shell_page.exists():
        return 0
    parts = shell_parts(shell_page.read_text(encoding="utf-8"), edit_url)
    sources = task_sources(docs_dir)
    # Threads: the time goes to creating 10,000 folders and files, which overlap.
    with ThreadPoolExecutor(WRITERS) as writers:
        list(writers.map(lambda source: write_page(site_dir, parts, source, edit_url), sources))
    shutil.rmtree(shell_dir)
    _sitemap(site_dir, [f"{TASKS}{s.parent.name}/" for s in sources])
    return len(sources)


def shell_parts(shell: str, edit_url: Callable[[str], str | None]) -> list[str]:
    """The rendered shell page cut at its placeholders, ready for `write_page`."""
    return _parts(shell, edit_url(EDIT))


def write_page(
    site_dir: Path, parts: list[str], source: Path, edit_url: Callable[[str], str | None]
) -> None:
    """Write one task's page (its file in docs/ is `source`) from the shell's parts; a page
    whose bytes are unchanged keeps its file (and time). The preview calls it per task."""
    target = page_for(site_dir, source)
    meta, article = _split(source.read_text(encoding="utf-8"))
    values = {
        TITLE: meta["title"],
        OG_TITLE: escape(Markup(meta["title"]).striptags()),
        DESCRIPTION: escape(meta["description"]),
        EDIT: edit_url(meta["edit_source"]) or "",
        ADDRESS: f"{TASKS}{source.parent.name}/",
        HEADING: _first_id(article),
        ARTICLE: article,
    }
    data = "".join(values.get(part, part) for part in parts).encode("utf-8")
    if target.exists():
        if target.read_bytes() != data:
            target.write_bytes(data)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _parts(shell: str, shell_edit_url: str | None) -> list[str]:
    """The shell cut at its placeholders (kept as separate items)."""
    start = shell.index(f'<h1 id="{SHELL_H1}"')
    end = shell.index(SHELL_END, start) + len(SHELL_END)
    shell = shell[:start] + ARTICLE + shell[end:]
    for attribute in ('property="og:title"', 'name="twitter:title"'):
        shell = shell.replace(f'{attribute} content="{TITLE}"', f'{attribute} content="{OG_TITLE}"')
    shell = shell.replace(f'href="#{SHELL_H1}"', f'href="#{HEADING}"')
    shell = shell.replace(f"{TASKS}{SHELL_ID}/", ADDRESS)
    if shell_edit_url:
        shell = shell.replace(shell_edit_url, EDIT)
    return _PLACEHOLDER.split(shell)


def _split(text: str) -> tuple[dict[str, str], str]:
    """Front matter (JSON-quoted values, as the pipeline writes them) and the article."""
    _, front, article = text.split("---\n", 2)
    meta = {}
    for line in front.splitlines():
        key, _, value = line.partition(": ")
        meta[key] = json.loads(value)
    return meta, article.strip("\n")


def _first_id(article: str) -> str:
    found = re.search(r'<h1 id="([^"]*)"', article)
    return found.group(1) if found else ""


_SHELL_URL = re.compile(
    r"\n?[ \t]*<url>\s*<loc>([^<]*)" + re.escape(f"{TASKS}{SHELL_ID}/") + r"</loc>.*?</url>", re.S
)


def _sitemap(site_dir: Path, addresses: list[str]) -> None:
    """List the task pages where MkDocs listed the shell (sitemap.xml and its .gz)."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    found = _SHELL_URL.search(text)
    if found is None:
        return
    block, base = found.group(0), found.group(1)
    shell_loc = f"{base}{TASKS}{SHELL_ID}/"
    listed = "".join(block.replace(shell_loc, base + address) for address in addresses)
    text = text[: found.start()] + listed + text[found.end() :]
    sitemap.write_bytes(text.encode("utf-8"))
    _gzip_like(sitemap.with_name("sitemap.xml.gz"), text.encode("utf-8"))


def _gzip_like(target: Path, data: bytes) -> None:
    """Rewrite a .gz MkDocs wrote, keeping its header time (builds stay byte-identical)."""
    if not target.exists():
        return
    mtime = struct.unpack("<I", target.read_bytes()[4:8])[0]
    with (
        target.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, filename=str(target), mode="wb", mtime=mtime) as gz,
    ):
        gz.write(data)


def excluded_link_notice(message: str) -> bool:
    """MkDocs' note for each link to an excluded file: expected for task pages, noise."""
    return "which is excluded from the built site" in message and f"'{TASKS}" in message
