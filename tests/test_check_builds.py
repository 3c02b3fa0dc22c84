"""Issue 20: whatever `check` accepts builds. Seed documents altered the ways editors and
converters alter them (headings moved, levels skipped, a level-1 heading, links broken,
markup added); each variant is checked on its own, and every variant `check` passes is then
built in one strict site build."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.helpers import copy_project, run_build_tools

SEED = "ke-hoach-hoc-tap-quan-triet"


def _move_heading(text: str) -> str:
    """The heading "2.3." moved two paragraphs further down."""
    blocks = text.split("\n\n")
    at = next(i for i, b in enumerate(blocks) if b.startswith("#### 2.3."))
    blocks.insert(at + 2, blocks.pop(at))
    return "\n\n".join(blocks)


def _skip_level(text: str) -> str:
    return text.replace("### 1. Tổ chức Hội nghị", "##### 1. Tổ chức Hội nghị", 1)


def _level_one(text: str) -> str:
    return text.replace("## II- NỘI DUNG", "# II- NỘI DUNG", 1)


def _setext(text: str) -> str:
    return text.replace("## III- TỔ CHỨC THỰC HIỆN {#iii}", "III- TỔ CHỨC THỰC HIỆN\n======", 1)


def _heading_without_anchor(text: str) -> str:
    return text.replace(" {#ii-3-1}", "", 1)


def _duplicate_anchor(text: str) -> str:
    return text.replace("{#ii-3-2}", "{#ii-3-1}", 1)


def _broken_anchor_link(text: str) -> str:
    return text.replace(
        "2.3. Viết thu hoạch cá nhân", "2.3. [Viết thu hoạch](#khong-co) cá nhân", 1
    )


def _broken_page_link(text: str) -> str:
    link = "[Viết thu hoạch](../khong-co/index.md)"
    return text.replace("2.3. Viết thu hoạch cá nhân", f"2.3. {link} cá nhân", 1)


def _raw_html(text: str) -> str:
    return text.replace("3.1. Công tác tuyên truyền", "3.1. Công tác <b>tuyên truyền</b>", 1)


def _attribute(text: str) -> str:
    return text.replace("{#ii-3-1}", '{#ii-3-1 onclick="x()"}', 1)


def _footnote_without_text(text: str) -> str:
    return text.replace("3.1. Công tác tuyên truyền", "3.1. Công tác tuyên truyền[^9]", 1)


def _fenced_block(text: str) -> str:
    return text.replace("## III- TỔ CHỨC", "```\nmã\n```\n\n## III- TỔ CHỨC", 1)


def _broken_table(text: str) -> str:
    return text.replace(
        "## III- TỔ CHỨC", "| a | b |\n| --- |\n| 1 | 2 | 3 |\n\n## III- TỔ CHỨC", 1
    )


VARIANTS: dict[str, Callable[[str], str]] = {
    "heading-moved": _move_heading,
    "level-skipped": _skip_level,
    "level-one": _level_one,
    "setext": _setext,
    "no-anchor": _heading_without_anchor,
    "duplicate-anchor": _duplicate_anchor,
    "broken-anchor-link": _broken_anchor_link,
    "broken-page-link": _broken_page_link,
    "raw-html": _raw_html,
    "attribute": _attribute,
    "footnote-without-text": _footnote_without_text,
    "fenced-block": _fenced_block,
    "broken-table": _broken_table,
}


def _add_variant(project: Path, name: str, alter: Callable[[str], str]) -> Path:
    """A copy of the seed as a new document whose noi-dung.md is altered."""
    folder = project / "content" / "van-ban" / f"bien-the-{name}"
    shutil.copytree(project / "content" / "van-ban" / SEED, folder)
    meta = folder / "van-ban.yml"
    text = meta.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^so_ky_hieu: (.*)$", rf"so_ky_hieu: \1-{name}", text)
    text = re.sub(r"(?m)^lien_quan: .*$", "lien_quan: []", text)
    meta.write_text(re.sub(r"(?m)^thu_tu: .*$", "thu_tu: 90", text), encoding="utf-8")
    content = folder / "noi-dung.md"
    altered = alter(content.read_text(encoding="utf-8"))
    assert altered != content.read_text(encoding="utf-8"), name
    content.write_text(altered, encoding="utf-8")
    return folder


def test_every_variant_check_accepts_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    baseline = run_build_tools(project, "check")
    assert baseline.returncode == 0, baseline.stderr
    accepted, refused = [], {}
    for name, alter in VARIANTS.items():
        folder = _add_variant(project, name, alter)
        check = run_build_tools(project, "check")
        if check.returncode == 0:
            accepted.append(name)
        else:
            refused[name] = check.stderr
            assert f"content/van-ban/{folder.name}/" in check.stderr, (name, check.stderr)
            shutil.rmtree(folder)
    assert refused, "no variant refused: the alterations test nothing"
    site = run_build_tools(project, "site")
    assert site.returncode == 0, (accepted, site.stderr[-3000:])
    for name in accepted:
        page = project / "site" / "van-ban" / f"bien-the-{name}" / "index.html"
        assert page.is_file(), name
