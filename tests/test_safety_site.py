"""Issue 13, defence in depth: the real site built with hostile text in every kind of
editor field (task, unit, topic, indicator, document metadata, report, evidence) that
`check` lets through; every HTML page is parsed, and none may run script, carry event
attributes or script URLs, or load anything from another host. The hostile text must
reach the page as literal text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from tests.helpers import build_site, copy_project, html_pages, parse

# Markdown and HTML an attacker would try in a field `check` accepts (tags and script
# URLs are refused outright: tests/test_editor_errors.py).
HOSTILE = (
    "Việc [bấm](https://evil.example/x) ![ảnh](https://evil.example/p.png) "
    '{: onclick="alert(1)" } &lt;script&gt;alert(1)&lt;/script&gt; &#106;avascript:alert(1) '
    "*đậm* `mã` | ô a < b"
)
FIELDS = (  # (file, key, which occurrence) replaced by HOSTILE
    ("content/tien-do/nhiem-vu/chi-thi-01-ct-tu.yml", "  ten", 1),
    ("content/tien-do/nhiem-vu/chi-thi-01-ct-tu.yml", "  mo_ta", 1),
    ("content/tien-do/nhiem-vu/chi-thi-01-ct-tu.yml", "  trach_nhiem", 2),
    ("content/tien-do/don-vi/don-vi.yml", "  ten", 1),
    ("content/topics.yml", "    ten", 1),
    ("content/tien-do/chi-tieu/dang-bo-cac-co-quan-dang.yml", "  ten", 1),
    ("content/van-ban/cong-van-39-cv-tu/van-ban.yml", "tieu_de", 1),
    ("content/van-ban/cong-van-39-cv-tu/van-ban.yml", "trich_yeu", 1),
    ("content/van-ban/cong-van-39-cv-tu/van-ban.yml", "co_quan_ban_hanh", 1),
)
REPORT = f"""
- nhiem_vu: CT01-1
  ngay: 2025-10-20
  don_vi_bao_cao: ban-thuong-vu-thanh-uy
  trang_thai: đang thực hiện
  tom_tat: {json.dumps(HOSTILE, ensure_ascii=False)}
  minh_chung:
    - ten: {json.dumps(HOSTILE, ensure_ascii=False)}
      url: https://evidence.example/bao-cao
"""
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href")
FORBIDDEN_TAGS = (
    "iframe",
    "object",
    "embed",
    "base",
    "frame",
)  # (a <form> is checked by its action)
SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
RELATIVE_PREFIX = re.compile(r"(?:\.\./)+|\.\.(?=[\"'/])")


LINKED = "../chi-thi-01-ct-tu/index.md#2"  # a link `check` accepts must build (strict)


def _replace(project: Path, rel: str, key: str, nth: int) -> None:
    file = project / rel
    lines = file.read_text(encoding="utf-8").split("\n")
    seen = 0
    for i, line in enumerate(lines):
        if line.startswith(f"{key}: ") or line.startswith(f"- {key.strip()}: "):
            seen += 1
            if seen == nth:
                head = line[: line.index(":") + 1]
                lines[i] = f"{head} {json.dumps(HOSTILE, ensure_ascii=False)}"
                file.write_text("\n".join(lines), encoding="utf-8")
                return
    raise AssertionError(f"{rel}: no {key!r} #{nth}")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    for rel, key, nth in FIELDS:
        _replace(project, rel, key, nth)
    # The unit's name is now hostile text: the sources still name it, as an alias
    # (`check` wants the name of a task's lead in its quoted clause, issue 16).
    units = project / "content/tien-do/don-vi/don-vi.yml"
    text = units.read_text(encoding="utf-8")
    alias = "  ten_ngan: BTV Thành ủy\n  ten_khac: [Ban Thường vụ Thành ủy]\n"
    units.write_text(text.replace("  ten_ngan: BTV Thành ủy\n", alias, 1), encoding="utf-8")
    reports = project / "content/tien-do/cap-nhat/bao-cao.yml"
    text = reports.read_text(encoding="utf-8").replace("\n[]\n", "\n")
    reports.write_text(text + REPORT, encoding="utf-8")
    document = project / "content/van-ban/cong-van-39-cv-tu/noi-dung.md"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("ban, ngành", f"ban, [ngành]({LINKED})", 1), "utf-8")
    return build_site(project)


def _script_signature(script: Tag) -> str:
    """A script as the site writes it on every page (paths back to the root removed)."""
    if script.get("src"):
        return "src:" + RELATIVE_PREFIX.sub("", str(script["src"]))
    return "inline:" + RELATIVE_PREFIX.sub("", script.get_text())


def _known_scripts(site: Path) -> set[str]:
    return {_script_signature(s) for page in html_pages(site) for s in parse(page)("script")}


def _is_evidence(tag: Tag) -> bool:
    """A report's evidence: the one kind of link to another host a page may carry."""
    item = tag.find_parent("li")
    return tag.name == "a" and item is not None and item.get_text().startswith("Minh chứng:")


def _problems(page: BeautifulSoup, known: set[str], host: str) -> list[str]:
    found = []
    for script in page("script"):
        if _script_signature(script) not in known:
            found.append(f"unknown script {str(script)[:120]}")
    for tag in page.find_all(True):
        found += [f"<{tag.name} {a}=…>" for a in tag.attrs if a.lower().startswith("on")]
        if tag.name in FORBIDDEN_TAGS:
            found.append(f"<{tag.name}>")
        for attribute in URL_ATTRIBUTES:
            value = str(tag.get(attribute) or "")
            if SCHEME.match(value):
                found.append(f"<{tag.name} {attribute}={value[:60]}>")
            netloc = urlsplit(value.strip()).netloc
            if netloc and netloc != host and not _is_evidence(tag):
                found.append(f"<{tag.name} {attribute}={value[:60]}> (another host)")
        if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
    return found


def test_no_page_runs_script_or_loads_from_another_host(
    hostile_site: Path, built_site: Path
) -> None:
    known = _known_scripts(built_site)  # the site's own scripts, from the real content
    problems = {}
    for file in html_pages(hostile_site):
        found = _problems(parse(file), known, "127.0.0.1:8000")
        if found:
            problems[str(file.relative_to(hostile_site))] = found
    assert problems == {}
    assert len(html_pages(hostile_site)) > 50


@pytest.mark.parametrize(
    "page",
    [
        "tien-do/nhiem-vu/ct01-1/index.html",
        "tien-do/don-vi/ban-thuong-vu-thanh-uy/index.html",
        "van-ban/cong-van-39-cv-tu/index.html",
        "van-ban/index.html",
        "tien-do/index.html",
    ],
)
def test_hostile_text_is_shown_as_text(hostile_site: Path, page: str) -> None:
    shown = " ".join(parse(hostile_site / page).get_text().split())
    assert HOSTILE in shown


def test_evidence_link_is_the_reports_own_address(hostile_site: Path) -> None:
    page = parse(hostile_site / "tien-do/nhiem-vu/ct01-1/index.html")
    external = [a["href"] for a in page("a") if urlsplit(str(a["href"])).netloc]
    assert "https://evidence.example/bao-cao" in external
    assert all(not str(h).startswith("https://evil.example") for h in external)


def test_the_page_check_sees_what_it_must_refuse() -> None:
    """The checker itself: each hostile construct on a page is found."""
    page = BeautifulSoup(
        '<p onclick="x">a</p><a href="javascript:x">b</a><img src="https://evil.example/p">'
        '<script src="https://evil.example/s.js"></script><iframe src="/x"></iframe>'
        '<li>Minh chứng: <a href="https://evidence.example/">c</a></li>',
        "html.parser",
    )
    assert _problems(page, set(), "127.0.0.1:8000") == [
        'unknown script <script src="https://evil.example/s.js"></script>',
        "<p onclick=…>",
        "<a href=javascript:x>",
        "<img src=https://evil.example/p> (another host)",
        "<script src=https://evil.example/s.js> (another host)",
        "<iframe>",
    ]


def test_a_document_link_check_accepts_builds(hostile_site: Path) -> None:
    page = parse(hostile_site / "van-ban/cong-van-39-cv-tu/index.html")
    hrefs = [a["href"] for a in page("a") if a.get_text() == "ngành"]
    assert hrefs == ["../chi-thi-01-ct-tu/#2"]
