"""Issue 7: the "edit" button opens the content file a page comes from."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from build_tools.edit_links import edit_url
from tests.helpers import copy_project, parse

REPO = "https://github.com/thanhuy-cantho/nghi-quyet"


def _edit_link(page: Path) -> str | None:
    link = parse(page).select_one('a[rel="edit"]')
    return None if link is None else str(link["href"])


def test_no_edit_link_without_repo_url(built_site: Path) -> None:
    assert _edit_link(built_site / "huong-dan" / "index.html") is None
    assert _edit_link(built_site / "index.html") is None


def test_edit_links_point_at_content_files(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    page = project / "docs" / "huong-dan" / "tu-noi-dung.md"
    page.write_text(
        "---\ntitle: Thử\nedit_source: content/site.yml\n---\n\n# Thử\n", encoding="utf-8"
    )
    index = project / "docs" / "huong-dan" / "index.md"
    index.write_text(index.read_text("utf-8") + "\n[Thử](tu-noi-dung.md)\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"SOURCE_DATE_EPOCH", "EDIT_URI"}}
    env |= {"REPO_URL": REPO, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "site"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert _edit_link(site / "huong-dan" / "tu-noi-dung" / "index.html") == (
        f"{REPO}/edit/main/content/site.yml"
    )
    assert _edit_link(site / "huong-dan" / "index.html") == (
        f"{REPO}/edit/main/docs/huong-dan/index.md"
    )
    assert _edit_link(site / "index.html") is None  # generated, no edit_source
    assert _edit_link(site / "tien-do" / "nhiem-vu" / "ct01-2" / "index.html") == (
        f"{REPO}/edit/main/content/tien-do/nhiem-vu/chi-thi-01-ct-tu.yml"
    )
    assert _edit_link(site / "van-ban" / "cong-van-39-cv-tu" / "index.html") == (
        f"{REPO}/edit/main/content/van-ban/cong-van-39-cv-tu/noi-dung.md"
    )
    assert _edit_link(site / "chu-de" / "kinh-te" / "index.html") == (
        f"{REPO}/edit/main/content/topics.yml"
    )
    source = parse(site / "index.html").select_one("a.md-source")
    assert source is not None and not source.has_attr("data-md-component")


def test_edit_url_rules(tmp_path: Path) -> None:
    common = {
        "repo_url": REPO,
        "edit_uri": "edit/main/docs/",
        "root": tmp_path,
        "docs_dir": tmp_path / "docs",
        "generated": {"van-ban/x/index.md"},
        "current": f"{REPO}/edit/main/docs/van-ban/x/index.md",
    }
    meta = {"edit_source": "content/van-ban/x/van-ban.md"}
    assert edit_url(src_uri="van-ban/x/index.md", meta=meta, **common) == (
        f"{REPO}/edit/main/content/van-ban/x/van-ban.md"
    )
    assert edit_url(src_uri="van-ban/x/index.md", meta={}, **common) is None
    no_repo = {**common, "repo_url": None}
    assert edit_url(src_uri="a.md", meta=meta, **no_repo) is None
