"""Issue 3: the five documents, their structure, anchors and the fidelity gate."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from build_tools import documents
from build_tools.documents import fidelity
from build_tools.errors import ErrorSink
from build_tools.paths import Paths
from tests.helpers import copy_project, parse, run_build_tools

IDS = [
    "chi-thi-01-ct-tu",
    "ke-hoach-hoc-tap-quan-triet",
    "chuong-trinh-hanh-dong-du-thao",
    "cong-van-39-cv-tu",
    "bao-cao-chinh-tri-dang-bo-cac-co-quan-dang",
]
REPORT = "bao-cao-chinh-tri-dang-bo-cac-co-quan-dang"
# sha256 of the five source documents exactly as received (the seeds 000-004).
RECEIVED_SHA256 = {
    "chi-thi-01-ct-tu": "de3d43cda9606d9bc37e38ceed778f92a91a39212f7aedad258652f43aafed82",
    "ke-hoach-hoc-tap-quan-triet": (
        "0660ce708df8aebb50f00e83f1c3dc36652e302fd4dd0ebbecbe58aaba49436f"
    ),
    "chuong-trinh-hanh-dong-du-thao": (
        "830e432f2a7c3deb88f383424054c9bb456f10f27517a64c5809cec8559a6003"
    ),
    "cong-van-39-cv-tu": "7e5493c8c799f56f37546da17e5f4f419088c1d78eb4f14a0d34d7581472ab75",
    REPORT: "a7cc9bc51f4537301b4a74a6fc867e923629b7fec439863b6fcda417a0409f42",
}


@pytest.fixture(scope="module")
def corpus() -> documents.Corpus:
    sink = ErrorSink()
    loaded = documents.load(Paths(), sink)
    assert sink.errors == []
    return loaded


def test_all_five_documents_load_in_order(corpus: documents.Corpus) -> None:
    assert [d.meta.id for d in corpus.documents] == IDS
    assert [d.url for d in corpus.documents] == [f"van-ban/{i}/" for i in IDS]


def test_originals_are_kept_byte_for_byte() -> None:
    for doc_id in IDS:
        kept = Paths().content / "van-ban" / doc_id / f"{doc_id}.txt"
        assert hashlib.sha256(kept.read_bytes()).hexdigest() == RECEIVED_SHA256[doc_id], doc_id


def test_metadata_states_only_what_sources_state(corpus: documents.Corpus) -> None:
    directive = corpus.get("chi-thi-01-ct-tu")
    letter = corpus.get("cong-van-39-cv-tu")
    draft = corpus.get("chuong-trinh-hanh-dong-du-thao")
    assert directive and letter and draft
    assert (directive.meta.number, str(directive.meta.date)) == ("01-CT/TU", "2025-10-07")
    assert (letter.meta.number, str(letter.meta.date)) == ("39-CV/TU", "2025-10-24")
    assert (draft.meta.number, draft.meta.date, draft.meta.status) == ("Dự thảo", None, "dự thảo")
    assert letter.meta.signer_name == "Đông Văn Thanh"  # as the source spells it
    undated = [d.meta.id for d in corpus.documents if d.meta.date is None]
    assert undated == [IDS[1], IDS[2], IDS[4]]


@pytest.mark.parametrize(
    ("doc_id", "anchor", "number", "level", "parent"),
    [
        ("chuong-trinh-hanh-dong-du-thao", "ii", "II", 2, None),
        ("chuong-trinh-hanh-dong-du-thao", "ii-3", "3", 3, "ii"),
        ("chuong-trinh-hanh-dong-du-thao", "ii-3-1", "3.1", 4, "ii-3"),
        ("chuong-trinh-hanh-dong-du-thao", "ii-3-10", "3.10", 4, "ii-3"),
        (REPORT, "phan-i", "I", 2, None),
        (REPORT, "phan-i-i", "I", 3, "phan-i"),
        (REPORT, "phan-i-i-1", "1", 4, "phan-i-i"),
        (REPORT, "phan-i-i-2-1", "2.1", 5, "phan-i-i-2"),
        (REPORT, "phan-ii-vi-4", "4", 4, "phan-ii-vi"),
        ("chi-thi-01-ct-tu", "1", "1", 2, None),
        ("chi-thi-01-ct-tu", "noi-nhan", "", 2, None),
        (REPORT, "phu-luc-4", "", 2, None),
    ],
)
def test_sections_follow_the_anchor_scheme(
    corpus: documents.Corpus, doc_id: str, anchor: str, number: str, level: int, parent: str
) -> None:
    doc = corpus.get(doc_id)
    assert doc is not None
    section = doc.section(anchor)
    assert section is not None, anchor
    assert (section.number, section.level, section.parent) == (number, level, parent)
    assert section.title and section.title == section.title.strip()


def test_section_text_and_paragraph_anchors(corpus: documents.Corpus) -> None:
    directive = corpus.get("chi-thi-01-ct-tu")
    assert directive is not None
    five = directive.section("5")
    assert five is not None
    assert five.title.startswith("Ban Tuyên giáo và Dân vận Thành ủy chủ trì")
    assert "Định kỳ hướng dẫn, kiểm tra, đôn đốc" in five.text
    assert corpus.has_anchor("chi-thi-01-ct-tu", "5-p1")
    assert corpus.has_anchor("chi-thi-01-ct-tu", "mo-dau-p1")
    assert corpus.has_anchor("chi-thi-01-ct-tu", "noi-nhan")
    assert not corpus.has_anchor("chi-thi-01-ct-tu", "5-p9")
    assert not corpus.has_anchor("khong-co", "1")


def test_every_anchor_is_ascii(corpus: documents.Corpus) -> None:
    for doc in corpus.documents:
        for anchor in [s.anchor for s in doc.sections] + sorted(doc.paragraph_anchors):
            assert anchor.isascii() and anchor == anchor.lower(), (doc.meta.id, anchor)


def test_content_keeps_every_original_word(corpus: documents.Corpus) -> None:
    for doc in corpus.documents:
        assert doc.source_path is not None
        original = doc.source_path.read_text(encoding="utf-8-sig")
        content = (Paths().root / doc.meta.content_file).read_text(encoding="utf-8")
        assert fidelity.missing(original, content) == []


def test_fidelity_finds_a_missing_word_and_says_where() -> None:
    original = "Dòng một có năm chữ\n\n12\n\nDòng hai mới1 ở đây.\n"
    content = "Dòng một có chữ\n\nDòng hai mới[^1] ở đây.\n"
    gaps = fidelity.missing(original, content)
    assert gaps == [fidelity.Gap(("năm",), 1, 1, ("Dòng", "một", "có"), ("chữ", "Dòng", "hai"))]


def test_fidelity_reads_only_real_entities_as_markup() -> None:
    original = "Mục &Word; và A & B\n"
    assert fidelity.missing(original, "Mục &Word; và A &amp; B\n") == []
    assert fidelity.missing(original, "Mục và A &amp; B\n") == [
        fidelity.Gap(("Word",), 1, 1, ("Mục",), ("và", "A", "B"))
    ]


def test_a_word_deleted_at_the_end_of_a_paragraph_is_reported_there() -> None:
    original = "Đoạn một kết thúc ở đây.\n\nĐoạn hai bắt đầu.\n"
    content = "Đoạn một kết thúc ở.\n\nĐoạn hai bắt đầu.\n"
    assert fidelity.missing(original, content) == [
        fidelity.Gap(("đây",), 1, 1, ("kết", "thúc", "ở"), ("Đoạn", "hai", "bắt"))
    ]


def test_fidelity_finds_an_inserted_word() -> None:
    original = "Các cấp ủy thực hiện nghiêm.\n\n| STT | Kết quả |\n"
    assert fidelity.added(original, "Các cấp ủy thực hiện nghiêm.\n\n| STT | Kết quả |\n") == []
    changed = "Các cấp ủy không thực hiện nghiêm.\n\n| STT | Kết quả tốt |\n"
    assert fidelity.added(original, changed) == [
        fidelity.Gap(("không",), 1, 1),
        fidelity.Gap(("tốt",), 0, 3),
    ]


def test_list_numbers_may_become_markdown_list_numbering() -> None:
    original = "1. Việc một.\n2. Việc hai.\n(3) Việc ba.\nII- MỤC\n"
    assert fidelity.missing(original, "1. Việc một.\n1. Việc hai.\n1. Việc ba.\nII- MỤC\n") == []
    assert fidelity.missing(original, "1. Việc một.\n1. Việc hai.\n1. Việc ba.\nMỤC\n") == [
        fidelity.Gap(("II",), 4, 4, ("hai", "Việc", "ba"), ("MỤC",))
    ]


def test_deleting_a_word_fails_check_with_its_place(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    content = project / "content" / "van-ban" / "cong-van-39-cv-tu" / "noi-dung.md"
    lines = content.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("4. Ban Tổ chức"))
    lines[number] = lines[number].replace("tiếp tục thực hiện", "tiếp thực hiện", 1)
    content.write_text("\n".join(lines), encoding="utf-8")
    result = run_build_tools(project, "check")
    assert result.returncode == 1
    assert (
        f"content/van-ban/cong-van-39-cv-tu/noi-dung.md:{number + 1}:1: văn bản "
        "cong-van-39-cv-tu: thiếu 1 từ của bản gốc (content/van-ban/cong-van-39-cv-tu/"
        "cong-van-39-cv-tu.txt, dòng 35): “tục” (sau “Thành ủy tiếp”, trước “thực hiện "
        "chủ”) — khôi phục nguyên văn; chỉ được đổi cách "
        "trình bày, không được bỏ hay sửa chữ"
    ) in result.stderr


def test_inserting_a_word_fails_check_with_its_place(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    content = project / "content" / "van-ban" / "cong-van-39-cv-tu" / "noi-dung.md"
    lines = content.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("4. Ban Tổ chức"))
    lines[number] = lines[number].replace("tiếp tục thực hiện", "không tiếp tục thực hiện", 1)
    content.write_text("\n".join(lines), encoding="utf-8")
    result = run_build_tools(project, "check")
    assert result.returncode == 1
    assert (
        f"content/van-ban/cong-van-39-cv-tu/noi-dung.md:{number + 1}:1: văn bản "
        "cong-van-39-cv-tu: có 1 từ không có trong bản gốc (chèn vào sau dòng 35 của "
        "content/van-ban/cong-van-39-cv-tu/cong-van-39-cv-tu.txt): “không” — xóa chữ thêm vào; "
        "chỉ được đổi cách trình bày"
    ) in result.stderr


def test_document_page_has_card_toc_anchors_and_download(built_site: Path) -> None:
    page = built_site / "van-ban" / "chuong-trinh-hanh-dong-du-thao"
    soup = parse(page / "index.html")
    card = soup.select_one(".doc-card")
    assert card is not None
    terms = [dt.get_text(strip=True) for dt in card.select("dt")]
    assert terms[:4] == ["Loại văn bản", "Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành"]
    assert "bản gốc không ghi ngày" in card.get_text()
    download = card.select_one("a[download]")
    assert download is not None and download["href"] == "chuong-trinh-hanh-dong-du-thao.txt"
    assert (page / "chuong-trinh-hanh-dong-du-thao.txt").read_bytes() == (
        Paths().content / "van-ban" / "chuong-trinh-hanh-dong-du-thao" / download["href"]
    ).read_bytes()
    ids = {tag["id"] for tag in soup.select("article [id]")}
    assert {"ii", "ii-3", "ii-3-1", "ii-3-10", "ii-4-1", "ii-3-1-p1"} <= ids
    toc = [a["href"] for a in soup.select(".md-sidebar--secondary a.md-nav__link")]
    assert "#ii-3-1" in toc
    permalink = soup.select_one("#ii-3-1-p1 a.headerlink")
    assert permalink is not None and permalink["href"] == "#ii-3-1-p1"


def test_report_has_six_footnotes_and_four_full_tables(built_site: Path) -> None:
    soup = parse(built_site / "van-ban" / REPORT / "index.html")
    assert len(soup.select(".footnote li")) == 6
    tables = soup.select("article table")
    assert [len(t.select("tbody tr")) for t in tables] == [9, 6, 6, 13]
    headers = [[th.get_text(strip=True) for th in t.select("thead th")] for t in tables]
    assert headers[0][0] == "STT" and len(headers[0]) == 4
    nesting = [h.name for h in soup.select("#phan-i, #phan-i-i, #phan-i-i-2, #phan-i-i-2-1")]
    assert nesting == ["h2", "h3", "h4", "h5"]


def test_index_lists_documents_with_metadata(built_site: Path) -> None:
    soup = parse(built_site / "van-ban" / "index.html")
    rows = soup.select("article table tbody tr")
    assert len(rows) == 5
    first = [td.get_text(" ", strip=True) for td in rows[0].select("td")]
    assert first[1:4] == ["Chỉ thị", "01-CT/TU", "07/10/2025"]
    links = [a["href"] for a in soup.select("article table a")]
    assert links == [f"{doc_id}/" for doc_id in IDS]


def test_references_to_documents_on_the_site_are_linked(built_site: Path) -> None:
    soup = parse(built_site / "van-ban" / "ke-hoach-hoc-tap-quan-triet" / "index.html")
    linked = [a.get_text() for a in soup.select("article p a, article li a")]
    assert "Chỉ thị số 01-CT/TU" in linked
    letter = parse(built_site / "van-ban" / "cong-van-39-cv-tu" / "index.html")
    texts = [a.get_text() for a in letter.select("article a") if "/tien-do/" not in a["href"]]
    assert not any("200-KL/TW" in t for t in texts)  # not on the site: plain text


def test_numbered_clauses_stay_paragraphs_with_their_number(built_site: Path) -> None:
    soup = parse(built_site / "van-ban" / "cong-van-39-cv-tu" / "index.html")
    clause = soup.select_one('article p.clause[id="4"]')
    assert clause is not None
    assert clause.get_text().startswith("4. Ban Tổ chức Thành ủy chủ trì")
    assert soup.select("article ol") == []


def test_paragraphs_carry_their_anchor_section_and_text(corpus: documents.Corpus) -> None:
    doc = corpus.get("ke-hoach-hoc-tap-quan-triet")
    assert doc is not None
    paragraphs = {p.anchor: p for p in doc.paragraphs}
    assert set(paragraphs) == set(doc.paragraph_anchors)
    item = paragraphs["ii-1-2-p1"]
    assert (item.section, item.text) == ("ii-1-2", "Điểm cầu trực tiếp tại Hội trường Thành ủy")


def test_in_page_contents_lists_clauses_too(built_site: Path) -> None:
    soup = parse(built_site / "van-ban" / "chi-thi-01-ct-tu" / "index.html")
    contents = soup.select_one("details.doc-toc")
    assert contents is not None
    links = [(a["href"], a.get_text()) for a in contents.select("a")]
    assert [href for href, _ in links] == ["#1", "#2", "#3", "#4", "#5", "#6", "#noi-nhan"]
    assert links[0][1] == "1- Tổ chức triển khai, quán triệt kịp thời sâu rộng Nghị …"


def test_contract_types_build_from_the_documented_fields_alone() -> None:
    meta = documents.DocumentMeta("x", "Chỉ thị", "01-CT/TU", "Chỉ thị số 01-CT/TU", "Về…", None)
    section = documents.Section("x", "1", "1", "Tổ chức", 2, "Tổ chức triển khai.", None)
    doc = documents.Document(meta, (section,), "van-ban/x/", frozenset({"1-p1"}))
    corpus = documents.Corpus((doc,))
    assert corpus.get("x") is doc and corpus.get("y") is None
    assert corpus.has_anchor("x", "1") and corpus.has_anchor("x", "1-p1")
    assert not corpus.has_anchor("x", "2")
