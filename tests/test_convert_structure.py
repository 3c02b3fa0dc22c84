"""Issue 20: structure the document proves — numbered titles ending like sentences, run-in
headings, flattened tables kept verbatim when their columns cannot be proved."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from build_tools.documents.convert import convert_text
from build_tools.documents.fidelity import missing
from tests.helpers import copy_project, run_build_tools

OPENING = (
    "Đoạn mở đầu của văn bản, đủ dài để là một đoạn văn bình thường trong thân văn bản này.\n\n"
)


def _headings(markdown: str) -> list[str]:
    return [line.split(" {#")[0] for line in markdown.split("\n") if line.startswith("#")]


def test_a_title_ending_with_a_full_stop_is_a_heading_when_its_items_follow() -> None:
    text = OPENING + (
        "Điều 1. Phạm vi điều chỉnh\n\nNội dung điều một của văn bản.\n\n"
        "Điều 2. Thành lập cụm; Điều chỉnh, bãi bỏ quyết định thành lập.\n\n"
        "1. Khoản thứ nhất của điều hai.\n\n2. Khoản thứ hai của điều hai.\n\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n"
    )
    assert _headings(convert_text(text)) == [
        "## Điều 1. Phạm vi điều chỉnh",
        "## Điều 2. Thành lập cụm; Điều chỉnh, bãi bỏ quyết định thành lập.",
    ]


def test_sibling_of_headings_with_its_own_content_or_run_in_is_a_heading() -> None:
    text = OPENING + (
        "I. KẾT QUẢ\n\n1. Công tác tuyên truyền\n\nNội dung của mục một.\n\n"
        "2. Tình hình khai thác trái phép, các giải pháp đã làm (có số liệu minh chứng).\n\n"
        "Nội dung của mục hai.\n\n"
        "3. Công tác thanh tra: Đã báo cáo tại mục 5 của Báo cáo.\n\n"
        "4. Các cơ quan khác tăng cường quản lý theo chức năng, nhiệm vụ được giao.\n\n"
        "5. Kiến nghị\n\nNội dung của mục năm.\n\n"
        "6. Các cơ quan báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh.\n\n"
        "Đoạn kết của văn bản, sau mục cuối cùng, không thuộc riêng mục nào.\n"
    )
    assert _headings(convert_text(text)) == [
        "## I. KẾT QUẢ",
        "### 1. Công tác tuyên truyền",
        "### 2. Tình hình khai thác trái phép, các giải pháp đã làm (có số liệu minh chứng).",
        "### 3. Công tác thanh tra: Đã báo cáo tại mục 5 của Báo cáo.",
        "### 5. Kiến nghị",
    ]


def test_sentences_among_sentences_stay_body_text() -> None:
    text = OPENING + (
        "I. TỔ CHỨC THỰC HIỆN\n\n1. Các cấp ủy chỉ đạo rà soát danh sách đảng viên.\n\n"
        "Nội dung thêm của ý một.\n\n2. Ban Tổ chức tổng hợp, báo cáo kết quả.\n\n"
        "II. KINH PHÍ\n\nKinh phí do ngân sách bảo đảm.\n"
    )
    assert _headings(convert_text(text)) == ["## I. TỔ CHỨC THỰC HIỆN", "## II. KINH PHÍ"]


APPENDIX = (
    "PHỤ LỤC 1\n\nKẾT QUẢ THỰC HIỆN\n\n-----\n\nNội dung\n\nKết quả\n\n"
    "- Chỉ tiêu một đạt\n\n1. Ý không có số thứ tự hàng\n\n# dòng lạ | có vạch\n"
)


def test_flattened_table_without_proved_columns_is_kept_verbatim_and_marked() -> None:
    last = "Đoạn cuối thân văn bản trước phụ lục, đủ dài để là một đoạn văn.\n\n"
    text = OPENING + last + APPENDIX
    markdown = convert_text(text)
    assert "| --- |" not in markdown
    block = markdown.split("{: .appendix-title }\n\n")[1]
    assert block == (
        "Nội dung  \nKết quả  \n\\- Chỉ tiêu một đạt  \n1\\. Ý không có số thứ tự hàng  \n"
        "\\# dòng lạ \\| có vạch\n{: .table-verbatim }\n"
    )
    assert missing(text, markdown) == []


def test_verbatim_table_passes_check_and_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    folder = project / "content" / "van-ban" / "cong-van-39-cv-tu"
    original = folder / "cong-van-39-cv-tu.txt"
    text = original.read_text(encoding="utf-8-sig").rstrip("\n") + "\n\n" + APPENDIX
    original.write_text(text, encoding="utf-8")
    meta = folder / "van-ban.yml"
    meta.write_text(_pinned(meta.read_text(encoding="utf-8"), original), encoding="utf-8")
    (folder / "noi-dung.md").write_text(convert_text(text), encoding="utf-8")
    check = run_build_tools(project, "check")
    assert check.returncode == 0, check.stderr
    site = run_build_tools(project, "site")
    assert site.returncode == 0, site.stderr
    page = (project / "site" / "van-ban" / "cong-van-39-cv-tu" / "index.html").read_text("utf-8")
    kept = re.search(r'<p class="table-verbatim" id="[\w-]+">(.*?)</p>', page, re.S)
    assert kept is not None
    assert kept.group(1).startswith("Nội dung<br />\nKết quả<br />\n- Chỉ tiêu một đạt<br />")


def _pinned(meta: str, original: Path) -> str:
    """van-ban.yml with the hash of the changed original (as a re-import would write it)."""
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    return re.sub(r"(?m)^ban_goc_sha256: \w+", f"ban_goc_sha256: {digest}", meta)


def test_documents_following_one_another_in_a_file_each_get_a_level_one_title() -> None:
    """A congress's documents in one file: each title after a letterhead is a level-1
    heading joined with its trích yếu; the numbering keeps one level in the whole file."""
    text = "TỈNH ỦY THÁI NGUYÊN ĐẢNG CỘNG SẢN VIỆT NAM\n\nBÁO CÁO CHÍNH TRỊ\n\n-----\n\n" + (
        OPENING + "Phần thứ nhất\n\nĐÁNH GIÁ KẾT QUẢ\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n\n"
        "1. Công tác xây dựng Đảng\n\nNội dung của mục một.\n\n"
        "TỈNH ỦY THÁI NGUYÊN ĐẢNG CỘNG SẢN VIỆT NAM\n\n*\n\n"
        "Thái Nguyên, ngày 15 tháng 9 năm 2025\n\nBÁO CÁO\n\n"
        "Kiểm điểm công tác lãnh đạo, chỉ đạo của Ban Chấp hành, nhiệm kỳ 2020 - 2025\n\n"
        "-----\n\nBan Chấp hành nghiêm túc kiểm điểm những nội dung sau:\n\n"
        "I. KIỂM ĐIỂM SỰ LÃNH ĐẠO\n\n1. Ưu điểm\n\nNội dung ưu điểm của tập thể.\n"
    )
    markdown = convert_text(text, wrapped=False)  # paragraphs, as from a PDF or .docx
    assert _headings(markdown) == [
        "## Phần thứ nhất ĐÁNH GIÁ KẾT QUẢ",
        "### I. KẾT QUẢ ĐẠT ĐƯỢC",
        "#### 1. Công tác xây dựng Đảng",
        "## BÁO CÁO Kiểm điểm công tác lãnh đạo, chỉ đạo của Ban Chấp hành, nhiệm kỳ 2020 - 2025",
        "### I. KIỂM ĐIỂM SỰ LÃNH ĐẠO",
        "#### 1. Ưu điểm",
    ]
    assert missing(text, markdown) == []


def test_a_document_name_in_capitals_without_a_letterhead_is_not_a_title() -> None:
    text = OPENING + "I. NỘI DUNG\n\nĐoạn nội dung.\n\nBÁO CÁO\n\nĐoạn sau dòng chữ in hoa.\n"
    assert _headings(convert_text(text, wrapped=False)) == ["## I. NỘI DUNG"]


def test_parenthesised_items_are_headings_only_where_titles_with_their_content() -> None:
    text = OPENING + (
        "I. GIẢI PHÁP\n\n1. Công tác xây dựng Đảng\n\n"
        "(1) Tăng cường xây dựng Đảng về chính trị, tư tưởng, đạo đức\n\n"
        "Thực hiện nghiêm các nguyên tắc, quy định của Đảng.\n\n"
        "(2) Thực hiện tốt công tác dân vận\n\nTiếp tục nâng cao hiệu quả công tác dân vận.\n\n"
        "II. CHỈ TIÊU\n\n(1) Tỷ lệ che phủ rừng từ 60% trở lên.\n\n"
        "(2) Tỷ lệ chất thải nguy hại được thu gom, xử lý đạt 100%.\n\n"
        "(1)....., ngày ... tháng 11 năm 2025\n\nĐoạn cuối của văn bản.\n"
    )
    markdown = convert_text(text, wrapped=False)  # paragraphs, as from a PDF or .docx
    assert _headings(markdown) == [
        "## I. GIẢI PHÁP",
        "### 1. Công tác xây dựng Đảng",
        "#### (1) Tăng cường xây dựng Đảng về chính trị, tư tưởng, đạo đức",
        "#### (2) Thực hiện tốt công tác dân vận",
        "## II. CHỈ TIÊU",
    ]
    assert "\n(1) Tỷ lệ che phủ rừng từ 60% trở lên.\n" in f"\n{markdown}"


class _Grid:
    def __init__(self, rows: list[list[str | None]]) -> None:
        self.rows = rows

    def extract(self) -> list[list[str | None]]:
        return self.rows


def test_boxes_around_lines_of_a_paragraph_are_not_a_table() -> None:
    """Rules or highlights around a few lines of prose cut them into cells, one line per
    row; a real table holds text in two cells or more on most of its rows."""
    from build_tools.documents.convert.pdf import _real_table

    prose: list[list[str | None]] = [
        ["", "năng lực lãnh đạo, sức chiến đấu"],
        ["chuyển biến rõ nét; chất lượng", ""],
    ]
    assert not _real_table(_Grid([*prose, ["lên góp phần thực hiện", ""]]))
    table: list[list[str | None]] = [["STT", "Nội dung", "Đánh giá"], ["I", "TỈNH", ""]]
    assert _real_table(_Grid([*table, ["1", "GRDP", "Đạt"]]))
