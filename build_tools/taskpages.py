"""Task pages built from one page MkDocs renders for all of them (the "shell").

A city has 10,000 task pages and MkDocs spends ≈ 7.5 ms on each (Markdown, then Material's
template): most of a city build. Every task page has the same frame (header, tabs, table
of contents "Nguồn" / "Báo cáo tiến độ", footer); only its title, description, address,
edit link, heading and article differ. So:

1. the pipeline writes each task's article as HTML (templates/progress/task.html.j2) into
   docs/tien-do/nhiem-vu/<id>/index.md under the usual front matter, plus one shell page
   (SHELL) whose values are slots, "@@name@@": its title, description and heading id
   are slots, and its front matter's `task_shell` names the slots overrides/main.html
   prints where a task page differs in anything else (address, Open Graph title, edit
   link, article), and overrides/sitemap.xml around the shell's sitemap entry;
2. the MkDocs hook marks the task files excluded (`on_files`): MkDocs keeps them
   as link targets (links to them are still checked) but renders only the shell;
3. after MkDocs wrote the site, `fill` cuts the rendered shell at its slots
   (`shell_parts`), writes every task page by putting the task's values in them
   (`fill_one`), removes the shell and repeats the shell's sitemap entry for each task.

Filling is string formatting of known slots: nothing searches Material's HTML. The result
is the page MkDocs would have rendered (tests/test_taskpages.py compares them). Callable
without MkDocs: it reads and writes files only.
"""

from __future__ import annotations

import gzip
import json
import shutil
import struct
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

from markupsafe import Markup, escape

from build_tools import slugs

TASKS = "tien-do/nhiem-vu/"
SHELL_ID = "_khung"  # task ids are slugs: never start with "_"
SHELL = f"{TASKS}{SHELL_ID}/index.md"
CARD = "the.png"  # its share card (progress/cards.py), beside it: the address follows

SLOT = "@@"  # a slot is its name between two of these; the text of a page has none


def slot(name: str) -> str:
    """How the shell prints the slot `name`."""
    return f"{SLOT}{name}{SLOT}"


# The shell's slots; each is filled with the task's own value.
TITLE = slot("tieu-de")  # page title as Material prints it (<title>, header)
OG_TITLE = slot("tieu-de-og")  # the title | striptags | e (og:title, twitter:title)
DESCRIPTION = slot("mo-ta")
EDIT = slot("nguon-sua")  # the whole edit link
ADDRESS = slot("dia-chi")  # tien-do/nhiem-vu/<id>/ (canonical, og:url, share card, print)
HEADING = slot("neo-tieu-de")  # the article's <h1> id (the skip link points to it)
ARTICLE = slot("bai")
SITEMAP_ENTRY = (slot("muc-nhiem-vu"), slot("/muc-nhiem-vu"))  # repeated once per task


class Task(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...


def heading_id(task: Task) -> str:
    """The id Python-Markdown's toc gives the page's "# <id>: <title>" heading."""
    return slugs.slugify(f"{task.id}: {task.title}")


def shell_markdown() -> str:
    """The one task page MkDocs renders: slots, and the headings every task has (they
    make the table of contents)."""
    return (
        f'---\ntitle: "{TITLE}"\ndescription: "{DESCRIPTION}"\nedit_source: "{EDIT}"\n'
        f'share_image: "{ADDRESS}{CARD}"\n'
        f'task_shell:\n  address: "{ADDRESS}"\n  og_title: "{OG_TITLE}"\n'
        f'  edit_url: "{EDIT}"\n  article: "{ARTICLE}"\n'
        f'  sitemap: ["{SITEMAP_ENTRY[0]}", "{SITEMAP_ENTRY[1]}"]\n---\n\n'
        f"# {TITLE} {{#{HEADING}}}\n\n## Nguồn\n\n## Báo cáo tiến độ\n"
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


def shell_parts(site_dir: Path) -> list[str] | None:
    """The shell MkDocs rendered into site_dir cut at its slots (literal text, slot name,
    literal text, …); None when there is none. The preview keeps it for `fill_one`."""
    page = site_dir / TASKS / SHELL_ID / "index.html"
    if not page.exists():
        return None
    return page.read_text(encoding="utf-8").split(SLOT)


def fill_one(
    parts: Sequence[str], source: Path, site_dir: Path, edit_url: Callable[[str], str | None]
) -> bool:
    """Write the page of one task file (docs/tien-do/nhiem-vu/<id>/index.md) into site_dir
    from the shell's `parts`; an unchanged page keeps its file. Returns whether it wrote."""
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
    data = _format(parts, values).encode("utf-8")
    if target.exists():  # a dirty build: an unchanged page keeps its file (and time)
        if target.read_bytes() == data:
            return False
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True


def fill(site_dir: Path, docs_dir: Path, edit_url: Callable[[str], str | None]) -> int:
    """Write site_dir/tien-do/nhiem-vu/<id>/index.html for every task file in docs_dir from
    the rendered shell; `edit_url` maps a content path to its edit link. Returns pages."""
    shell_dir = site_dir / TASKS / SHELL_ID
    parts = shell_parts(site_dir) if shell_dir.exists() else None
    sources = task_sources(docs_dir)
    _sitemap(site_dir, [f"{TASKS}{s.parent.name}/" for s in sources])
    if parts is None:
        return 0

    def write(source: Path) -> None:
        fill_one(parts, source, site_dir, edit_url)

    # Threads: the time goes to creating 10,000 folders and files, which overlap.
    with ThreadPoolExecutor(WRITERS) as writers:
        list(writers.map(write, sources))  # re-raises a writer's error here
    shutil.rmtree(shell_dir)
    return len(sources)


def _format(parts: Sequence[str], values: Mapping[str, str]) -> str:
    """Literal text and slots in turn (as `str.split(SLOT)` cut them), slots filled."""
    try:
        return "".join(values[slot(part)] if i % 2 else part for i, part in enumerate(parts))
    except KeyError as exc:
        raise ValueError(f"task shell: unknown slot {exc.args[0]}") from None


def _split(text: str) -> tuple[dict[str, str], str]:
    """Front matter (JSON-quoted values, as the pipeline writes them) and the article."""
    _, front, article = text.split("---\n", 2)
    meta = {}
    for line in front.splitlines():
        key, _, value = line.partition(": ")
        meta[key] = json.loads(value)
    return meta, article.strip("\n")


def _first_id(article: str) -> str:
    """The id of the article's first <h1> (task.html.j2 writes it as `<h1 id="…">`)."""
    _, found, rest = article.partition('<h1 id="')
    return rest.partition('"')[0] if found else ""


def _sitemap(site_dir: Path, addresses: list[str]) -> None:
    """The shell's entry of sitemap.xml (and its .gz), between the SITEMAP_ENTRY slots
    overrides/sitemap.xml prints, repeated for every task page."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return
    parts = sitemap.read_text(encoding="utf-8").split(SLOT)
    names = [slot(name) for name in parts[1::2]]
    if SITEMAP_ENTRY[0] not in names:
        return
    start = 2 * names.index(SITEMAP_ENTRY[0]) + 1
    end = 2 * names.index(SITEMAP_ENTRY[1]) + 1
    entry = parts[start + 1 : end]
    listed = "".join(_format(entry, {ADDRESS: address}) for address in addresses)
    text = _format(parts[:start], {}) + listed + _format(parts[end + 1 :], {})
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
