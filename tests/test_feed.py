"""Issue 19: the Atom feed carries new documents, progress reports and corrections, each
with a stable id and a date taken from the content; the same content gives the same bytes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from build_tools.progress import render as render_progress
from tests.progress_helpers import copy_sample, load
from tests.test_ledger import CHANGE_ENTRIES, CORRECTION, M01_REPORT, REPORTS

NS = {"a": "http://www.w3.org/2005/Atom"}
FEED = "du-lieu-mo/cap-nhat.xml"
BASE = "http://127.0.0.1:8000/"


def _project(tmp_path: Path) -> Path:
    project = copy_sample(tmp_path / "p")
    reports = project / REPORTS
    reports.write_text(reports.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
    (project / "content" / "tien-do" / "thay-doi").mkdir()
    (project / "content" / "tien-do" / "thay-doi" / "mau.yml").write_text(CHANGE_ENTRIES)
    return project


def _feed(project: Path, as_of: date = date(2025, 12, 20)) -> str:
    site, errors = load(project, as_of)
    assert errors == []
    return str(render_progress(site)[FEED])


def _entries(text: str) -> list[dict[str, str]]:
    root = ET.fromstring(text)
    return [
        {
            "title": e.findtext("a:title", namespaces=NS) or "",
            "id": e.findtext("a:id", namespaces=NS) or "",
            "link": e.find("a:link", NS).get("href", ""),  # type: ignore[union-attr]
            "updated": e.findtext("a:updated", namespaces=NS) or "",
            "category": e.find("a:category", NS).get("term", ""),  # type: ignore[union-attr]
            "summary": e.findtext("a:summary", namespaces=NS) or "",
        }
        for e in root.findall("a:entry", NS)
    ]


def test_feed_has_documents_reports_and_corrections(tmp_path: Path) -> None:
    entries = _entries(_feed(_project(tmp_path)))
    kinds = [e["category"] for e in entries]
    assert kinds.count("van-ban") == 1 and kinds.count("bao-cao") == 7
    assert kinds.count("dinh-chinh-bao-cao") == 1
    assert kinds.count("dieu-chinh") == 1 and kinds.count("dinh-chinh") == 2  # partners, quote
    updated = [e["updated"] for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert len({e["id"] for e in entries}) == len(entries)
    document = next(e for e in entries if e["category"] == "van-ban")
    assert document == {
        "title": "Văn bản mới: Chỉ thị số 01-VB/MAU — Văn bản mẫu",
        "id": BASE + "van-ban/vb-mau/",
        "link": BASE + "van-ban/vb-mau/",
        "updated": "2025-10-07T00:00:00Z",  # its ngay_ban_hanh
        "category": "van-ban",
        "summary": "Văn bản minh họa cho kiểm thử",
    }
    correction = next(e for e in entries if e["category"] == "dinh-chinh-bao-cao")
    assert correction["title"].startswith(f"Đính chính báo cáo {M01_REPORT} — M-01: ")
    assert correction["updated"] == "2025-12-02T00:00:00Z"
    adjusted = next(e for e in entries if e["category"] == "dieu-chinh")
    assert adjusted["title"].startswith("Điều chỉnh hạn nhiệm vụ M-03: ")
    assert adjusted["summary"] == (
        "Hạn: từ “quý IV/2025” thành “quý I/2026”. Theo văn bản số 15-QĐ/MAU ngày 10/12/2025."
    )
    assert adjusted["updated"] == "2025-12-10T00:00:00Z"
    fixed = [e for e in entries if e["category"] == "dinh-chinh"]
    assert sorted(e["title"].split(":")[0] for e in fixed) == [
        "Đính chính phối hợp nhiệm vụ M-03",
        "Đính chính trích dẫn nguồn nhiệm vụ M-03",
    ]
    assert {e["updated"] for e in fixed} == {"2025-12-12T00:00:00Z"}


def test_change_entries_point_at_their_item_on_the_task_page(tmp_path: Path) -> None:
    project = _project(tmp_path)
    site, _ = load(project)
    page = str(render_progress(site)["tien-do/nhiem-vu/m-03/index.md"])
    for entry in _entries(_feed(project)):
        if entry["category"] in ("dinh-chinh", "dieu-chinh"):
            page_url, anchor = entry["link"].split("#")
            assert page_url == BASE + "tien-do/nhiem-vu/m-03/"
            assert anchor.startswith("td-") and f'<li id="{anchor}">' in page


def test_feed_entries_do_not_depend_on_the_status_date(tmp_path: Path) -> None:
    """The entries (ids, dates, titles) come from the content only; a later status date
    changes only the feed's subtitle, which says it."""
    project = _project(tmp_path)
    first, again = _feed(project), _feed(project)
    assert first == again
    later = _feed(project, date(2026, 3, 1))
    assert _entries(later) == _entries(first)


def test_ids_survive_a_new_entry(tmp_path: Path) -> None:
    """Appending a change leaves every earlier entry's id as it was."""
    project = _project(tmp_path)
    before = {e["id"] for e in _entries(_feed(project))}
    changes = project / "content" / "tien-do" / "thay-doi" / "mau.yml"
    changes.write_text(
        changes.read_text(encoding="utf-8")
        + "- nhiem_vu: M-03\n  loai: đính chính\n  truong: han\n  gia_tri: quý IV/2025\n"
        "  ngay: 2025-12-01\n  ly_do: Thử một mục ghi ngày sớm hơn.\n",
        encoding="utf-8",
    )
    after = {e["id"] for e in _entries(_feed(project))}
    assert before < after and len(after - before) == 1
