"""The whole site as one .zip to read without a connection (du-lieu-mo/ban-ngoai-tuyen.zip).

Opened from disk (file://) a folder address ("../van-ban/x/") shows a folder listing, not
its page, so every relative link to a folder is rewritten to its index.html inside the
zip. The search index stays out: a browser does not let a page opened from disk fetch
files, and the open-data page says so. The archive is deterministic (sorted entries, one
fixed time stamp), so the same site gives the same bytes.

A site whose archive would pass LIMIT (50 MB; city scale) is packed in parts, each under
it, that unpack into the same folder: the first holds every page but the tasks' own pages,
the others the task pages in id order. The open-data page lists each part, its size and
what it holds.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

FOLDER = "du-lieu-mo"
NAME = "ban-ngoai-tuyen.zip"
ARCHIVE = f"{FOLDER}/{NAME}"
ROOT_FOLDER = "nghi-quyet-can-tho"  # everything sits in one folder when unpacked
SIZE_MARK = '<span class="offline-size">kích thước ghi khi xuất bản</span>'
WHOLE = "toàn bộ trang web trong một tệp nén"
PARTS_MARK = f'<span class="offline-parts">{WHOLE}</span>'
LIMIT = 50 * 1024 * 1024  # one download, even on a slow link
TASK_PAGES = "tien-do/nhiem-vu/"
# Not in the archive: the search index, the sitemaps, the archive itself, and Material's
# files that no page loads (source maps, its own search worker and lunr languages).
LEFT_OUT = (
    "search-index/",
    "sitemap.xml",
    "assets/javascripts/lunr/",
    "assets/javascripts/workers/",
    ARCHIVE,
)
LEFT_OUT_SUFFIXES = (".map", ".gz", "/the.png")  # share cards: for links shared online
STAMP = (2025, 1, 1, 0, 0, 0)
# href="…/" or href="…/#anchor" (also "." and ".."), relative: not "//", "#", or a scheme.
_FOLDER_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]*?)(/?)(#[^"]*)?"')


@dataclass(frozen=True)
class Part:
    """One archive file: its name in du-lieu-mo/, its size and what it holds."""

    name: str
    size: int
    holds: str


def write(site_dir: Path, limit: int = LIMIT) -> list[Part]:
    """Write du-lieu-mo/ban-ngoai-tuyen.zip (and its further parts when the site does not
    fit in `limit` bytes); put names and sizes on the open-data page (the page inside the
    archive keeps the placeholders). Returns the parts, the first one first."""
    folder = site_dir / FOLDER
    for old in folder.glob(f"{NAME.removesuffix('.zip')}*.zip"):
        old.unlink()
    files = _entries(site_dir)
    if sum(path.stat().st_size for _, path in files) <= limit:  # fits, however it packs
        parts = [_pack(folder / NAME, files, WHOLE)]
    else:
        parts = _split(folder, files, limit)
        if sum(p.size for p in parts) <= limit:  # packed smaller than it looked: one file
            for part in parts:
                (folder / part.name).unlink()
            parts = [_pack(folder / NAME, files, WHOLE)]
    page = folder / "index.html"
    if page.exists():
        html = page.read_text(encoding="utf-8")
        html = html.replace(SIZE_MARK, human_size(parts[0].size))
        page.write_text(html.replace(PARTS_MARK, _parts_text(parts)), encoding="utf-8")
    return parts


def _entries(site_dir: Path) -> list[tuple[str, Path]]:
    """(name in the site, file) of everything packed, in name order."""
    files = sorted(
        (p for p in site_dir.rglob("*") if p.is_file()),
        key=lambda p: p.relative_to(site_dir).as_posix(),  # entries in name order
    )
    kept = []
    for path in files:
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith(LEFT_OUT) or rel.endswith(LEFT_OUT_SUFFIXES):
            continue
        if rel.startswith(f"{FOLDER}/{NAME.removesuffix('.zip')}") and rel.endswith(".zip"):
            continue  # an archive part
        kept.append((rel, path))
    return kept


def _pack(target: Path, files: Iterable[tuple[str, Path]], holds: str) -> Part:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for rel, path in files:
            _add(archive, rel, path)
    return Part(target.name, target.stat().st_size, holds)


def _add(archive: zipfile.ZipFile, rel: str, path: Path) -> None:
    data = path.read_bytes()
    if rel.endswith(".html"):
        data = local_links(data.decode("utf-8")).encode("utf-8")
    info = zipfile.ZipInfo(f"{ROOT_FOLDER}/{rel}", STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _split(folder: Path, files: Sequence[tuple[str, Path]], limit: int) -> list[Part]:
    """The pages but the tasks' own first, then the task pages; a part is closed before
    the next file could take it past `limit` (a file packs to at most its own size)."""
    rest = [f for f in files if not f[0].startswith(TASK_PAGES)]
    tasks = [f for f in files if f[0].startswith(TASK_PAGES)]
    parts: list[Part] = []
    groups: list[list[tuple[str, Path]]] = [[]]
    archive = zipfile.ZipFile(folder / NAME, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
    try:
        for rel, path in [*rest, *tasks]:
            if groups[-1] and archive.fp is not None:
                used = archive.fp.tell() + 200 * (len(groups[-1]) + 1)  # + central directory
                if used + path.stat().st_size + 200 > limit:
                    archive.close()
                    parts.append(_part(folder, archive, groups[-1]))
                    groups.append([])
                    name = f"{NAME.removesuffix('.zip')}-phan-{len(groups)}.zip"
                    archive = zipfile.ZipFile(
                        folder / name, "w", zipfile.ZIP_DEFLATED, compresslevel=6
                    )
            _add(archive, rel, path)
            groups[-1].append((rel, path))
    finally:
        archive.close()
    parts.append(_part(folder, archive, groups[-1]))
    return parts


def _part(folder: Path, archive: zipfile.ZipFile, files: list[tuple[str, Path]]) -> Part:
    name = Path(str(archive.filename)).name
    slugs = sorted(
        {
            rel.removeprefix(TASK_PAGES).split("/")[0]
            for rel, _ in files
            if rel.startswith(TASK_PAGES)
        }
        - {""}
    )
    others = any(not rel.startswith(TASK_PAGES) for rel, _ in files)
    count = f"{len(slugs):,}".replace(",", ".")
    span = f"thư mục {TASK_PAGES}{slugs[0]}/ đến {slugs[-1]}/" if slugs else ""
    if not others:
        holds = f"trang của {count} nhiệm vụ ({span})"
    elif slugs:
        site = "trang chủ, văn bản, chủ đề, tiến độ, dữ liệu mở"
        holds = f"{site} và trang của {count} nhiệm vụ ({span})"
    else:
        holds = "trang chủ, văn bản, chủ đề, tiến độ và dữ liệu mở (trừ trang từng nhiệm vụ)"
    return Part(name, (folder / name).stat().st_size, holds)


def _parts_text(parts: Sequence[Part]) -> str:
    """The open-data page's words for the archive: one file, or each part."""
    if len(parts) == 1:
        return WHOLE
    others = "; ".join(
        f'<a href="{p.name}" download>{p.name}</a> ({human_size(p.size)}): {p.holds}'
        for p in parts[1:]
    )
    return (
        f"{parts[0].holds} — trang web lớn hơn {human_size(LIMIT)} nên được chia thành "
        f"{len(parts)} tệp, mỗi tệp dưới {human_size(LIMIT)}; tải cả {len(parts)} tệp và giải "
        f"nén vào cùng một thư mục để có toàn bộ trang: {others}"
    )


def local_links(html: str) -> str:
    """Relative links to a folder point at its index.html (pages opened from disk)."""

    def fix(match: re.Match[str]) -> str:
        path, slash, anchor = match.group(1), match.group(2), match.group(3) or ""
        if slash or path in ("", ".", "..") or path.endswith(("/.", "/..")):
            folder = f"{path}/" if path and not slash else path + slash
            return f'href="{folder}index.html{anchor}"'
        return match.group(0)

    return _FOLDER_LINK.sub(fix, html)


def human_size(size: int) -> str:
    """ "12,3 MB" (Vietnamese decimal comma)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
