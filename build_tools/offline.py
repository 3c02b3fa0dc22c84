"""The whole site as one .zip to read without a connection (du-lieu-mo/ban-ngoai-tuyen.zip).

Opened from disk (file://) a folder address ("../van-ban/x/") shows a folder listing, not
its page, so every relative link to a folder is rewritten to its index.html inside the
zip. The search index stays out: a browser does not let a page opened from disk fetch
files, and the open-data page says so. The archive is deterministic (sorted entries, one
fixed time stamp), so the same site gives the same bytes.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

FOLDER = "du-lieu-mo"
NAME = "ban-ngoai-tuyen.zip"
ARCHIVE = f"{FOLDER}/{NAME}"
ROOT_FOLDER = "nghi-quyet-can-tho"  # everything sits in one folder when unpacked
SIZE_MARK = '<span class="offline-size">kích thước ghi khi xuất bản</span>'
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


def write(site_dir: Path) -> int:
    """Write site_dir/du-lieu-mo/ban-ngoai-tuyen.zip; put its size on the open-data page
    (the page inside the archive keeps the placeholder). Returns the size in bytes."""
    target = site_dir / ARCHIVE
    target.unlink(missing_ok=True)
    files = sorted(
        (p for p in site_dir.rglob("*") if p.is_file()),
        key=lambda p: p.relative_to(site_dir).as_posix(),  # entries in name order
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in files:
            rel = path.relative_to(site_dir).as_posix()
            if rel.startswith(LEFT_OUT) or rel.endswith(LEFT_OUT_SUFFIXES):
                continue
            data = path.read_bytes()
            if rel.endswith(".html"):
                data = local_links(data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(f"{ROOT_FOLDER}/{rel}", STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    size = target.stat().st_size
    page = site_dir / FOLDER / "index.html"
    if page.exists():
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace(SIZE_MARK, human_size(size)), encoding="utf-8")
    return size


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
