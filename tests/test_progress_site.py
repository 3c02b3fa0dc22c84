"""Issue 5 on the real site: extracted tasks and targets, honest statuses, links both ways,
downloads that hold exactly what the pages show."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from build_tools import documents
from build_tools.config import as_of_date, build_day, load_config
from build_tools.errors import ErrorSink
from build_tools.paths import Paths
from build_tools.progress import Status, load
from build_tools.topics import TopicIndex
from tests.helpers import copy_project, parse, run_build_tools


def _real(as_of: date | None = None) -> tuple[documents.Corpus, object]:
    paths = Paths()
    sink = ErrorSink()
    corpus = documents.load(paths, sink)
    tracked = load(paths, load_config(paths, sink, as_of), corpus, TopicIndex(), sink)
    assert sink.errors == []
    return corpus, tracked


def test_every_task_and_indicator_source_anchor_exists() -> None:
    corpus, tracked = _real()
    sources = [t.source for t in tracked.tasks]  # type: ignore[attr-defined]
    for indicator in tracked.indicators:  # type: ignore[attr-defined]
        sources += [indicator.source, *(h.source for h in indicator.history)]
    missing = [s for s in sources if not corpus.has_anchor(s.document, s.anchor)]
    assert missing == []
    assert len(tracked.tasks) == 148 and len(tracked.indicators) == 8  # type: ignore[attr-defined]


def test_no_real_task_claims_progress_nobody_reported() -> None:
    _, tracked = _real()
    assert tracked.updates == ()  # type: ignore[attr-defined]
    labels = {t.status_label for t in tracked.tasks}  # type: ignore[attr-defined]
    assert all("chưa có báo cáo" in label for label in labels), labels


# Deadlines that passed long ago with no report (issue 15): read on 2 December 2026.
# Sub-tasks (KH-1.a-d, KH-3C.a) take their parent's deadline, marked as inferred (issue 16).
LONG_OVERDUE = [
    *["CT01-2", "KH-1", "KH-1.a", "KH-1.b", "KH-1.c", "KH-1.d", "KH-2", "KH-3A", "KH-3B"],
    *["KH-3C", "KH-3C.a", "KH-4A", "KH-4B", "KH-8"],
]


def test_read_today_the_long_passed_deadlines_are_overdue() -> None:
    _, tracked = _real(date(2026, 12, 2))
    overdue = [t.id for t in tracked.tasks if t.state.status is Status.OVERDUE]  # type: ignore[attr-defined]
    assert sorted(overdue) == LONG_OVERDUE
    for task in tracked.tasks:  # type: ignore[attr-defined]
        if task.id in LONG_OVERDUE:
            assert task.status_label.startswith("đã quá hạn — chưa có báo cáo")


def test_the_status_date_defaults_to_the_build_day_in_vietnam(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 17:05 UTC on 1 December is already 2 December in Vietnam (UTC+7, no summer time)
    assert build_day(datetime(2026, 12, 1, 17, 5, tzinfo=UTC)) == date(2026, 12, 2)
    assert build_day(datetime(2026, 12, 1, 16, 59, tzinfo=UTC)) == date(2026, 12, 1)
    monkeypatch.delenv("AS_OF")
    assert as_of_date(ErrorSink()) == build_day()
    monkeypatch.setenv("AS_OF", "2026-12-02")
    assert as_of_date(ErrorSink()) == date(2026, 12, 2)


def _resolve(page: Path, href: str, site: Path) -> tuple[Path, str]:
    url = urlparse(href)
    rel = page.relative_to(site).as_posix()
    target = urljoin(rel, url.path)
    path = site / target
    return (path / "index.html" if target.endswith("/") or path.is_dir() else path), url.fragment


def test_task_pages_link_to_an_existing_clause(built_site: Path) -> None:
    pages = sorted((built_site / "tien-do" / "nhiem-vu").glob("*/index.html"))
    assert len(pages) == 148
    for page in pages:
        soup = parse(page)
        links = [a["href"] for a in soup.select("article a[href*='van-ban/']")]
        assert links, page
        target, fragment = _resolve(page, str(links[0]), built_site)
        assert parse(target).find(id=fragment) is not None, (page, links[0])


def test_document_clause_lists_its_tasks_with_status(built_site: Path) -> None:
    soup = parse(built_site / "van-ban" / "chi-thi-01-ct-tu" / "index.html")
    links = [a for a in soup.find_all("a") if "tien-do/nhiem-vu/ct01-6b/" in str(a.get("href"))]
    assert links
    item = links[0].find_parent("li")
    assert item is not None and "không nêu hạn — chưa có báo cáo" in item.get_text()


def test_dashboard_and_downloads_agree(built_site: Path) -> None:
    dashboard = parse(built_site / "tien-do" / "index.html").get_text(" ", strip=True)
    assert "148 nhiệm vụ; 0 có báo cáo tiến độ; 148 chưa có báo cáo." in dashboard
    assert (
        "Tình trạng tính đến ngày 24/10/2025 (ngày trang được cập nhật); số liệu: chưa có báo "
        "cáo tiến độ nào." in dashboard
    )
    assert "chưa đến hạn — chưa có báo cáo 107" in dashboard
    assert "chưa đến hạn — chưa có báo cáo (theo hạn dự kiến) 5" in dashboard
    assert "không nêu hạn — chưa có báo cáo 29" in dashboard
    assert "thường xuyên — chưa có báo cáo 2" in dashboard  # CT01-1, CT01-3
    assert "định kỳ — chưa có báo cáo 5" in dashboard  # the five "định kỳ" tasks (issue 15)
    text = (built_site / "du-lieu-mo" / "nhiem-vu.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 148
    for row in rows:
        page = parse(built_site / "tien-do" / "nhiem-vu" / row["id"].lower() / "index.html")
        badge = page.select_one("article .status")
        assert badge is not None and badge.get_text() == row["trang_thai"]
    data = json.loads((built_site / "du-lieu-mo" / "nhiem-vu.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in data] == [r["id"] for r in rows]
    for name in ("don-vi", "chi-tieu", "cap-nhat"):
        assert (built_site / "du-lieu-mo" / f"{name}.csv").is_file()
        assert (built_site / "du-lieu-mo" / f"{name}.json").is_file()
    for schema in ("nhiem-vu", "cap-nhat", "don-vi", "chi-tieu"):  # of the published files
        assert (built_site / "du-lieu-mo" / "schemas" / f"{schema}.json.schema.json").is_file()
    feed = ET.parse(built_site / "du-lieu-mo" / "cap-nhat.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"


def test_indicator_pages_have_accessible_charts_and_tables(built_site: Path) -> None:
    pages = sorted((built_site / "chi-tieu").glob("*/index.html"))
    assert [p.parent.name for p in pages] == [f"cqd-0{n}" for n in range(1, 9)]
    charted = []
    for page in pages:
        soup = parse(page)
        assert soup.find("table") is not None
        svg = soup.find("svg", attrs={"role": "img"})
        if svg is not None:
            assert svg.find("title") is not None and svg.find("desc") is not None
            charted.append(page.parent.name)
    assert charted == ["cqd-01", "cqd-02", "cqd-03", "cqd-05", "cqd-07"]
    text = parse(built_site / "chi-tieu" / "cqd-05" / "index.html").get_text(" ", strip=True)
    assert "Kết nạp 1346/1000 đảng viên (đạt 135%)" in text
    assert "chưa có số liệu" in text


def test_unit_page_lists_lead_and_partner_tasks(built_site: Path) -> None:
    text = parse(built_site / "tien-do" / "don-vi" / "van-phong-thanh-uy" / "index.html")
    words = text.get_text(" ", strip=True)
    assert (
        "Được giao 2 nhiệm vụ (chủ trì, hoặc cùng được giao ngang nhau); phối hợp 3 nhiệm vụ."
        in words
    )


def _folded(text: str) -> str:
    """Whitespace collapsed, and none after a hyphen: a seed wraps "35-" / "NQ/TW" where
    the page writes "35-NQ/TW"."""
    return re.sub(r"- ", "-", " ".join(text.replace("*", "").split())).casefold()


def _source_text(doc_id: str) -> str:
    """The original as received, whitespace collapsed (the seeds wrap lines and cells)."""
    raw = (Paths().content / "van-ban" / doc_id / f"{doc_id}.txt").read_text(encoding="utf-8")
    return _folded(raw)


def _found(text: str, doc_id: str) -> bool:
    return _folded(text) in _source_text(doc_id)


def test_quoted_words_are_the_sources_words() -> None:
    """Nothing invented: every quote, unit name and appendix cell is in its source text."""
    _, tracked = _real()
    missing = [t.id for t in tracked.tasks if not _found(t.quote, t.source_document)]  # type: ignore[attr-defined]
    for i in tracked.indicators:  # type: ignore[attr-defined]
        missing += [i.id] if not _found(i.text, i.source.document) else []
        for h in i.history:
            cells = (h.target_text, h.result_text, h.evaluation)
            missing += [f"{i.id}/{h.row}" for c in cells if not _found(c, h.source.document)]
    everything = " ".join(_source_text(d) for d in {t.source_document for t in tracked.tasks})  # type: ignore[attr-defined]
    missing += [u.id for u in tracked.units if _folded(u.name) not in everything]  # type: ignore[attr-defined]
    assert missing == []


def test_as_of_on_the_command_line(tmp_path: Path) -> None:
    """`--as-of` (before or after the command) sets the status date of everything written."""
    project = copy_project(tmp_path / "p")
    result = run_build_tools(project, "build", "--as-of", "2026-12-02")
    assert result.returncode == 0, result.stderr
    dashboard = (project / "docs" / "tien-do" / "index.md").read_text(encoding="utf-8")
    assert '<p class="as-of" data-as-of="2026-12-02">' in dashboard
    overdue = re.search(r'Đã quá hạn: \*\*<span data-count="overdue"[^>]*>(\d+)</span>', dashboard)
    assert overdue is not None and overdue.group(1) == str(len(LONG_OVERDUE))
    bad = run_build_tools(project, "--as-of", "2026-02-30", "check")
    assert bad.returncode == 1
    assert bad.stderr.startswith(
        'AS_OF: "2026-02-30" không phải ngày có thật — đặt AS_OF (hoặc --as-of) theo dạng '
        "YYYY-MM-DD, ví dụ 2025-12-31, hoặc bỏ trống để tính theo ngày xây dựng"
    )
