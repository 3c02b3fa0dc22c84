"""Issue 16: the clause register (content/tien-do/doi-chieu/) covers every clause that
assigns work, and every task; published as a page and as du-lieu-mo/doi-chieu.csv.

The validation rules (one invalid fixture each) are in test_progress_validation.py.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from functools import cache

from build_tools import pipeline
from build_tools.documents import Document
from build_tools.models import Site
from build_tools.paths import ROOT, Paths
from build_tools.progress import opendata
from build_tools.progress.pages import register_pages

# A paragraph assigns work when it has an assigning word and names a body.
ASSIGNING = re.compile(
    r"\b(chủ trì|phối hợp|giao|có trách nhiệm|tham mưu|chỉ đạo|triển khai)\b",
    re.IGNORECASE,
)
BODY = re.compile(
    r"\b(Ban|Ủy ban|Văn phòng|Sở|Đảng ủy|Thành ủy|cấp ủy|Mặt trận|cơ quan|đơn vị|Hội|Báo|"
    r"chi bộ|Thường trực|tổ chức đảng)\b"
)


@cache
def real_site() -> Site:
    return pipeline.check(Paths(ROOT))


def _addressees(doc: Document) -> set[str]:
    """Anchors of "Kính gửi" / "Nơi nhận" lists: they name recipients, not assignments."""
    skipped: set[str] = set()
    after_addressee = False
    for placed in doc.placed:
        if placed.section.startswith("noi-nhan") or after_addressee:
            skipped.update(placed.anchors)
        after_addressee = "addressee" in placed.block.attrs.classes
    return skipped


def uncovered(site: Site) -> list[str]:
    """Clauses (a numbered clause is a section whose title holds its words) and paragraphs
    with an assigning word and a body that no register row covers: a row at the anchor
    itself, or a row excluding (with a reason) a section that holds it."""
    rows = {(r.source.document, r.source.anchor): r for r in site.progress.clauses}
    missing = []
    for doc in site.corpus.documents:
        parent = {s.anchor: s.parent for s in doc.sections}
        skipped = _addressees(doc)
        units = [(s.anchor, s.parent, s.title) for s in doc.sections]
        units += [(p.anchor, p.section, p.text) for p in doc.paragraphs]
        for anchor, section, text in units:
            if anchor in skipped or not (ASSIGNING.search(text) and BODY.search(text)):
                continue
            if (doc.meta.id, anchor) in rows:
                continue
            excluded = False
            while section:
                row = rows.get((doc.meta.id, section))
                excluded = excluded or bool(row and row.reason)
                section = parent.get(section)
            if not excluded:
                missing.append(f"{doc.meta.id}#{anchor}: {text[:80]}")
    return missing


def test_every_assigning_paragraph_is_in_the_register() -> None:
    assert uncovered(real_site()) == []


def test_a_paragraph_missing_from_the_register_is_found() -> None:
    """The detector above is not vacuous: drop the row of CT01-6A/6B's paragraph."""
    site = real_site()
    kept = tuple(
        r for r in site.progress.clauses if r.source.anchor != "6" or "CT01" not in r.task_ids[0]
    )
    progress = dataclasses.replace(site.progress, clauses=kept)
    broken = dataclasses.replace(site, progress=progress)
    assert [m.split(":")[0] for m in uncovered(broken)] == ["chi-thi-01-ct-tu#6"]


def test_every_task_is_in_the_published_table() -> None:
    site = real_site()
    data = opendata.render(site)["du-lieu-mo/doi-chieu.csv"]
    assert isinstance(data, str)
    table = list(csv.DictReader(io.StringIO(data.removeprefix(opendata.BOM))))
    assert list(table[0]) == ["van_ban", "neo", "trich_dan", "nhiem_vu", "ly_do"]
    listed = {i for row in table for i in row["nhiem_vu"].split(";") if i}
    assert listed == {t.id for t in site.progress.tasks}
    assert all(row["nhiem_vu"] or row["ly_do"] for row in table)
    assert len(table) == len(site.progress.clauses)


def test_register_pages_show_each_document_in_order() -> None:
    site = real_site()
    common = {"progress": site.progress, "site": site, "q": repr, "cite": lambda s: s.anchor}
    pages = register_pages(site, common)
    index = str(pages["tien-do/doi-chieu/index.md"])
    assert "# Đối chiếu văn bản – nhiệm vụ" in index
    chi_thi = str(pages["tien-do/doi-chieu/chi-thi-01-ct-tu/index.md"])
    anchors = re.findall(r"\{: #([a-z0-9-]+) \.register-clause \}", chi_thi)
    expected = [r.source.anchor for r in site.progress.clauses if "chi-thi" in r.source.document]
    assert anchors == expected
    assert "[CT01-6A: " in chi_thi and "Không thành nhiệm vụ riêng: Câu kết" in chi_thi
