"""Issue 16: the clause register (content/tien-do/doi-chieu/) covers every clause that
assigns work, and every task; published as a page and as du-lieu-mo/doi-chieu.csv.

The validation rules (one invalid fixture each) are in test_progress_validation.py.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from datetime import date
from functools import cache
from pathlib import Path
from types import SimpleNamespace

from build_tools import pipeline
from build_tools.documents import Document
from build_tools.models import Site
from build_tools.paths import ROOT, Paths
from build_tools.progress import downloads, opendata, roles, sections
from build_tools.progress.model import Status, TaskStatus
from build_tools.progress.pages import render as render_progress

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
    data = downloads.render(site.progress, site.corpus)["du-lieu-mo/doi-chieu.csv"]
    assert isinstance(data, str)
    table = list(csv.DictReader(io.StringIO(data.removeprefix(opendata.BOM))))
    assert list(table[0]) == ["van_ban", "neo", "trich_dan", "nhiem_vu", "ly_do"]
    listed = {i for row in table for i in row["nhiem_vu"].split(";") if i}
    assert listed == {t.id for t in site.progress.tasks}
    assert all(row["nhiem_vu"] or row["ly_do"] for row in table)
    assert len(table) == len(site.progress.clauses)


def test_register_pages_show_each_document_in_order() -> None:
    site = real_site()
    pages = render_progress(site)
    index = str(pages["tien-do/doi-chieu/index.md"])
    assert "# Đối chiếu văn bản – nhiệm vụ" in index
    chi_thi = str(pages["tien-do/doi-chieu/chi-thi-01-ct-tu/index.md"])
    anchors = re.findall(r"\{: #([a-z0-9-]+) \.register-clause \}", chi_thi)
    expected = [r.source.anchor for r in site.progress.clauses if "chi-thi" in r.source.document]
    assert anchors == expected
    assert "[CT01-6A: " in chi_thi and "Không thành nhiệm vụ riêng: Câu kết" in chi_thi


def _state(status: Status, completed: date | None = None) -> TaskStatus:
    return TaskStatus(status, True, False, None, completed, completed)


def test_a_parent_is_done_when_all_sub_tasks_are_and_overdue_when_any_is() -> None:
    own = TaskStatus(Status.NOT_DUE, False, False, None, None, None)
    sub = [
        SimpleNamespace(state=_state(Status.DONE_ON_TIME, date(2025, 11, 5))),
        SimpleNamespace(state=_state(Status.DONE_LATE, date(2025, 12, 5))),
    ]
    done = roles.parent_state(own, sub)  # type: ignore[arg-type]
    assert (done.status, done.completed_on, done.reported) == (
        Status.DONE_LATE,
        date(2025, 12, 5),
        True,
    )
    sub.append(SimpleNamespace(state=_state(Status.OVERDUE)))
    assert roles.parent_state(own, sub).status is Status.OVERDUE  # type: ignore[arg-type]
    sub[-1] = SimpleNamespace(state=_state(Status.IN_PROGRESS))
    assert roles.parent_state(own, sub) == own  # type: ignore[arg-type]


SUBTASKS = """
- id: M-03.a
  ten: Việc con đúng hạn
  thuoc: M-03
  chu_tri: don-vi-a
  han: quý IV/2025
  nguon: {van_ban: vb-mau, neo: "1-p1"}
  trich_dan: Đơn vị A làm việc M-03.
- id: M-03.b
  ten: Việc con đã qua hạn
  thuoc: M-03
  chu_tri: don-vi-a
  han: chậm nhất 15/11/2025
  nguon: {van_ban: vb-mau, neo: "1"}
  trich_dan: Đơn vị A làm việc M-01.
"""
DONE_REPORT = """
- nhiem_vu: {task}
  ngay: 2025-11-{day}
  don_vi_bao_cao: don-vi-a
  trang_thai: hoàn thành
  ti_le: 100
  tom_tat: Đã xong.
  minh_chung:
    - ten: Văn bản mẫu
      so_van_ban: 0{day}-VB/MAU
"""


def _with_subtasks(root: Path, reports: str = "") -> Path:
    """The sample project with two sub-tasks of M-03 (one due 15/11/2025) and `reports`."""
    from tests.progress_helpers import copy_sample

    project = copy_sample(root)
    tracking = project / "content" / "tien-do"
    (tracking / "nhiem-vu" / "con.yml").write_text(SUBTASKS, encoding="utf-8")
    (tracking / "cap-nhat" / "con.yml").write_text(reports or "[]\n", encoding="utf-8")
    register = tracking / "doi-chieu" / "vb-mau.yml"
    text = register.read_text(encoding="utf-8")
    text = text.replace("[M-01, M-02]", "[M-01, M-02, M-03.b]").replace("[M-03]", "[M-03, M-03.a]")
    register.write_text(text, encoding="utf-8")
    return project


def test_a_parent_rolls_up_from_sub_tasks_reported_in_content(tmp_path: Path) -> None:
    """Through the loader: reports on sub-tasks (ids with ".a") decide the parent's status."""
    from tests.progress_helpers import load

    site, errors = load(_with_subtasks(tmp_path / "late"))
    assert errors == []
    parent = site.progress.task("M-03")
    assert parent and parent.state.status is Status.OVERDUE  # M-03.b is overdue, M-03 is not
    done = DONE_REPORT.format(task="M-03.a", day=10) + DONE_REPORT.format(task="M-03.b", day=14)
    site, errors = load(_with_subtasks(tmp_path / "done", done))
    assert errors == []
    parent = site.progress.task("M-03")
    assert parent and parent.state.status is Status.DONE_ON_TIME
    assert parent.state.completed_on == date(2025, 11, 14)


def test_a_partner_set_by_a_decision_need_not_be_in_the_quote(tmp_path: Path) -> None:
    """An "điều chỉnh" names a decision's units; a "đính chính" must match the source."""
    from tests.progress_helpers import copy_sample, load

    project = copy_sample(tmp_path / "p")
    changes = project / "content" / "tien-do" / "thay-doi"
    changes.mkdir()
    entry = (
        "- nhiem_vu: M-03\n  loai: {kind}\n  truong: phoi_hop\n  gia_tri:\n    - don-vi-c\n"
        "  ngay: 2025-12-10\n  so_van_ban: 15-QĐ/MAU\n  ly_do: Thử.\n"
    )
    (changes / "mau.yml").write_text(entry.format(kind="điều chỉnh"), encoding="utf-8")
    assert load(project)[1] == []
    (changes / "mau.yml").write_text(entry.format(kind="đính chính"), encoding="utf-8")
    assert [e.split(": ", 1)[1][:40] for e in load(project)[1]] == [
        'nhiệm vụ M-03, trường "phoi_hop": "Đơn v'
    ]


def test_a_unit_counts_as_named_when_the_quote_holds_one_of_its_names() -> None:
    names = ("Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội thành phố",)
    quote = "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các tổ chức chính trị - xã hội tăng"
    assert not roles.named_in(names, quote)
    alias = "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các tổ chức chính trị - xã hội"
    assert roles.named_in((*names, alias), quote)
    assert roles.named_in(("Các cấp ủy, tổ chức đảng",), "Các  cấp ủy, tổ chức đảng, các đồng")


def test_roles_on_real_tasks_are_the_sources_words() -> None:
    """KH-9A: two bodies side by side, no lead; CT01-5A: partners kept as named groups;
    CTHD-3-1: the performer is inferred and says so."""
    progress = real_site().progress
    kh9a, ct5a, cthd = (progress.task(i) for i in ("KH-9A", "CT01-5A", "CTHD-3-1"))
    assert kh9a and ct5a and cthd
    assert (kh9a.lead, kh9a.co_leads) == (
        "",
        ("so-van-hoa-the-thao-va-du-lich", "lien-hiep-cac-hoi-van-hoc-nghe-thuat-thanh-pho"),
    )
    assert ct5a.partners == ("cac-co-quan-tham-muu-giup-viec-thanh-uy", "cac-co-quan-lien-quan")
    assert cthd.inferred_reason("chu_tri") and cthd.inferred_reason("han")
    assert not any(t.lead == "ban-thuong-vu-thanh-uy" for t in progress.tasks if "CTHD-3" in t.id)


# "phối hợp (chặt chẽ) (với / giữa …) <a named body>": the body is a partner.
PARTNER_PHRASE = re.compile(
    r"phối hợp (chặt chẽ )?(với |giữa [^,;.]* với )?(các|Ban|Văn phòng|Ủy ban|lãnh đạo)\b",
    re.IGNORECASE,
)


def test_a_body_the_quote_says_to_work_with_is_a_partner() -> None:
    """CT01-5A, KH-6, and the sub-tasks CTHD-3-3.c, CTHD-3-3.n, CQD-GP-4.a (đính chính)."""
    progress = real_site().progress
    quoted = [t for t in progress.tasks if PARTNER_PHRASE.search(t.quote)]
    assert {"CT01-5A", "KH-6", "CTHD-3-3.c", "CTHD-3-3.n", "CQD-GP-4.a"} <= {t.id for t in quoted}
    assert [t.id for t in quoted if not t.partners] == []
    sub = progress.task("CTHD-3-3.n")
    assert sub and sub.partners == ("cac-ban-bo-nganh-trung-uong-dia-phuong",)
    assert [c.kind for c in sub.changes] == ["đính chính"]


def test_reports_and_changes_may_name_a_sub_task() -> None:
    from build_tools.validate import load_schema

    for name in ("cap-nhat.schema.json", "thay-doi.schema.json", "doi-chieu.schema.json"):
        props = load_schema(name)["items"]["properties"]["nhiem_vu"]
        pattern = props.get("pattern") or props["items"]["pattern"]
        assert re.fullmatch(pattern, "CTHD-3-1.a") and not re.fullmatch(pattern, "CTHD-3-1.A")


def test_every_id_the_register_names_is_a_task() -> None:
    """The reviewed list proposed 108 ids; all are tasks now (none published as proposed)."""
    progress = real_site().progress
    assert [i for r in progress.clauses for i in r.task_ids if progress.task(i) is None] == []


def test_sub_tasks_come_from_the_bullets_under_their_heading() -> None:
    progress = real_site().progress
    subs = progress.subtasks("CTHD-3-1")
    assert [t.id for t in subs][:3] == ["CTHD-3-1.a", "CTHD-3-1.b", "CTHD-3-1.c"]
    assert len(subs) == 14 and all(t.source.anchor.startswith("ii-3-1-p") for t in subs)
    focus = [t for t in progress.tasks if t.id.startswith("CQD-")]
    assert len([t for t in focus if not t.parent]) == 13  # 6 focus tasks, 3 breakthroughs, 4
    assert all(t.deadline.text == "nhiệm kỳ 2025 - 2030" for t in focus)
    assert all(t.inferred_reason("chu_tri") for t in focus)


def test_indicators_keep_the_sources_comparison_word_population_and_period() -> None:
    """ "trên 95%" is not 95; no "(cả nhiệm kỳ)" the source does not say; cqd-01 counts
    cán bộ, đảng viên, so a number about đảng viên and quần chúng is not one of its values."""
    from build_tools.progress.shared import target_text

    progress = real_site().progress
    found = {i.id: i for i in progress.indicators}
    assert [target_text(t) for t in found["cqd-01"].targets] == ["ít nhất 98%"]
    assert [target_text(t) for t in found["cqd-03"].targets] == [
        "ít nhất 95% (hằng năm)",
        "trên 90% (hằng năm)",
        "không quá 1% (hằng năm)",
    ]
    assert target_text(found["cqd-05"].targets[0]) == "từ 30 đảng viên trở lên (trong nhiệm kỳ)"
    # "hằng năm" ends the second half of (7) only: the first half states no period.
    assert [target_text(t) for t in found["cqd-07"].targets] == [
        "ít nhất 15%",
        "ít nhất 15% (hằng năm)",
    ]
    above = [r for h in found["cqd-03"].history for r in h.readings if r.value == 95]
    assert above and all(r.comparison == "trên" for r in above)
    values = [r.value for h in found["cqd-01"].history for r in h.readings]
    assert 99 not in values  # Phụ lục 2 counts "đảng viên, quần chúng"


def test_previous_term_values_name_the_body_that_reported_them() -> None:
    """Phụ lục 1–3 of the Báo cáo chính trị: reported by the Đảng ủy that issued it."""
    from build_tools.progress.pages import render

    site = real_site()
    page = str(render(site)["chi-tieu/cqd-01/index.md"])
    doc = site.corpus.get("bao-cao-chinh-tri-dang-bo-cac-co-quan-dang")
    assert doc and doc.meta.issuer == "Đảng ủy các cơ quan Đảng thành phố Cần Thơ"
    assert (
        "Số liệu nhiệm kỳ trước do **Đảng ủy các cơ quan Đảng thành phố Cần Thơ** báo cáo, "
        "trong [Báo cáo chính trị Đảng bộ các cơ quan Đảng thành phố, nhiệm kỳ 2025 - 2030]"
        "(../../van-ban/bao-cao-chinh-tri-dang-bo-cac-co-quan-dang/index.md)."
    ) in page


def test_the_reading_rules_guide_quotes_the_exact_messages() -> None:
    from tests.test_progress_validation import CASES

    text = (ROOT / "docs" / "huong-dan" / "doc-dieu-khoan.md").read_text(encoding="utf-8")
    quoted = re.findall(r"^(content/tien-do/\S+: .*)$", text, flags=re.M)
    known = {m for case in CASES.values() for m in ([case] if isinstance(case, str) else case)}
    assert len(quoted) == 10
    assert [q for q in quoted if q not in known] == []


def _near(body: str, anchor: str) -> str:
    """The Markdown of the block that carries `anchor` up to the next anchored block (a
    heading's or paragraph's extras follow it; a list item's are on its own lines)."""
    blocks = body.split("\n\n")
    marks = (f"{{#{anchor}}}", f"{{: #{anchor} ", f"{{: #{anchor}}}")
    for n, block in enumerate(blocks):
        if any(mark in block for mark in marks):
            end = n + 1
            while end < len(blocks) and not re.search(r"\{: #|\{#", blocks[end]):
                end += 1  # up to the next anchored block
            return "\n\n".join(blocks[n:end])
    return ""


def test_every_task_and_exclusion_shows_under_its_paragraph() -> None:
    from build_tools.documents.pages import Around, anchored, body

    site = real_site()
    by_id = {t.id: t for t in site.progress.tasks}
    around = sections.around(site.progress, site.topics, by_id)
    bodies = {
        d.meta.id: body(d, anchored(around.get(d.meta.id, Around()))) for d in site.corpus.documents
    }
    missing = [
        t.id
        for t in site.progress.tasks
        if f"{t.url}index.md" not in _near(bodies[t.source.document], t.source.anchor)
    ]
    assert missing == []
    excluded = [r for r in site.progress.clauses if r.reason]
    assert excluded
    hidden = [
        r.source.anchor
        for r in excluded
        if "Không thành nhiệm vụ riêng" not in _near(bodies[r.source.document], r.source.anchor)
    ]
    assert hidden == []
    # A row may name a task at another paragraph of its clause (CT01-1 at "1-p1", whose
    # words give its deadline): that paragraph shows the task too.
    unshown = [
        f"{r.source.anchor}: {i}"
        for r in site.progress.clauses
        for i in r.task_ids
        if f"{site.progress.task(i).url}index.md"  # type: ignore[union-attr]
        not in _near(bodies[r.source.document], r.source.anchor)
    ]
    assert unshown == []
