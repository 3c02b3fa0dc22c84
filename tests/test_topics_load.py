"""topics.yml + chu-de-gan-tay.yml on the sample corpus; exact messages for bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools import topics
from build_tools.errors import ErrorSink
from tests.helpers import copy_project, run_build_tools
from tests.topics_support import FIXTURES, sample_corpus, sample_project

INVALID = FIXTURES / "invalid"


def load(root: Path, overrides: bool = True) -> tuple[topics.TopicIndex, list[str]]:
    sink = ErrorSink()
    index = topics.load(sample_project(root, overrides), sample_corpus(), sink)
    return index, [e.format() for e in sorted(sink.errors)]


def test_sample_topics_load_without_errors(tmp_path: Path) -> None:
    index, errors = load(tmp_path)
    assert errors == []
    assert [t.slug for t in index.topics][:2] == ["xay-dung-dang", "khoa-hoc-cong-nghe"]
    assert index.get("khoa-hoc-cong-nghe") is index.topics[1]
    assert index.get("khong-co") is None


def test_heading_naming_an_area_gets_that_topic_first(tmp_path: Path) -> None:
    index, _ = load(tmp_path)
    first = {
        a: index.topics_for("chuong-trinh-mau", a)[0].slug for a in ("ii-3-1", "ii-3-4", "ii-3-9")
    }
    assert first == {
        "ii-3-1": "xay-dung-dang",
        "ii-3-4": "khoa-hoc-cong-nghe",
        "ii-3-9": "quoc-phong-an-ninh",
    }


def test_excluded_phrase_keeps_digital_party_work_out_of_science(tmp_path: Path) -> None:
    index, _ = load(tmp_path)
    slugs = [t.slug for t in index.topics_for("chuong-trinh-mau", "ii-3-1")]
    assert "khoa-hoc-cong-nghe" not in slugs


def test_subsection_without_own_match_inherits_its_parent(tmp_path: Path) -> None:
    index, _ = load(tmp_path)
    assert [t.slug for t in index.topics_for("chuong-trinh-mau", "ii-3-4-a")] == [
        "khoa-hoc-cong-nghe"
    ]


def test_override_adds_topic_first(tmp_path: Path) -> None:
    index, _ = load(tmp_path)
    assert [t.slug for t in index.topics_for("chuong-trinh-mau", "ii-4")] == ["kiem-tra-giam-sat"]
    without, _ = load(tmp_path / "plain", overrides=False)
    assert without.topics_for("chuong-trinh-mau", "ii-4") == ()


def test_override_removes_topic(tmp_path: Path) -> None:
    project = sample_project(tmp_path)
    project.topic_overrides.write_text(
        "gan_tay:\n  - van_ban: chuong-trinh-mau\n    muc: ii-3-9\n    bo: [quoc-phong-an-ninh]\n",
        encoding="utf-8",
    )
    index = topics.load(project, sample_corpus(), ErrorSink())
    assert index.topics_for("chuong-trinh-mau", "ii-3-9") == ()


def test_general_sections_are_marked_on_purpose(tmp_path: Path) -> None:
    index, _ = load(tmp_path)
    assert dict(index.general) == {
        ("chuong-trinh-mau", "i"): "Tiêu đề mục lớn; nội dung ở các mục con.",
        ("chuong-trinh-mau", "ii"): "Mục chỉ có tiêu đề; nội dung nằm ở các mục con.",
        ("chi-thi-mau", "noi-nhan"): "Phần “Nơi nhận” của văn bản, không thuộc chủ đề nào.",
    }
    assert index.topics_for("chi-thi-mau", "noi-nhan") == ()


def test_every_sample_section_is_reached_or_general(tmp_path: Path) -> None:
    index, _ = load(tmp_path)
    assert index.unreached(sample_corpus()) == ()


OVERRIDE_ERRORS = {
    "override-duplicate-section.yml": [
        'content/chu-de-gan-tay.yml:5:5: mục "ii-3-4" của văn bản "chuong-trinh-mau" đã có '
        "trong gan_tay ở dòng 2 — gộp hai mục làm một"
    ],
    "override-unknown-topic.yml": [
        'content/chu-de-gan-tay.yml:4:32: trường "them": chủ đề "quoc-phong" không có trong '
        'content/topics.yml — có phải ý bạn là "quoc-phong-an-ninh"? Các mã chủ đề dùng được: '
        "xay-dung-dang, khoa-hoc-cong-nghe, quoc-phong-an-ninh, hoc-tap-quan-triet, "
        "kiem-tra-giam-sat"
    ],
    "override-unknown-section.yml": [
        'content/chu-de-gan-tay.yml:3:5: trường "muc": mục "ii-3-11" không có trong văn bản '
        '"chuong-trinh-mau" — có phải ý bạn là "ii-3-1"? Mã mục là phần sau dấu # trong liên '
        "kết ¶ bên cạnh tiêu đề mục"
    ],
    "override-unknown-document.yml": [
        'content/chu-de-gan-tay.yml:2:5: trường "van_ban": văn bản "chi-thi-mauu" không có — '
        'có phải ý bạn là "chi-thi-mau"? Các mã văn bản dùng được: chuong-trinh-mau, chi-thi-mau'
    ],
    "override-unknown-field.yml": [
        'content/chu-de-gan-tay.yml:5:5: trường "bot": không có trong mẫu — có phải ý bạn là '
        '"bo"? Các trường được dùng ở đây: bo, ghi_chu, muc, them, van_ban'
    ],
    "override-missing-reason.yml": [
        'content/chu-de-gan-tay.yml:2:5: thiếu trường bắt buộc "ly_do" — thêm một dòng '
        '"ly_do: Danh sách nơi nhận văn bản" vào mục này'
    ],
}

TOPIC_ERRORS = {
    "topics-empty-phrase.yml": [
        'content/topics.yml:6:23: trường "cum_tu": cụm từ "—" không có chữ nào nên không khớp '
        "được — xóa hoặc sửa lại"
    ],
    "topics-bad-icon.yml": [
        'content/topics.yml:5:5: trường "bieu_tuong": biểu tượng "material/laptopp" không có '
        "trong Material for MkDocs 9.8.1 — tìm tên đúng trong danh mục biểu tượng của "
        'Material, ví dụ "material/laptop"'
    ],
    "topics-duplicate-slug.yml": [
        'content/topics.yml:7:5: trường "ma": mã chủ đề "kinh-te" đã dùng ở dòng 2 — mỗi chủ '
        "đề cần một mã riêng"
    ],
    "topics-bad-slug.yml": [
        'content/topics.yml:2:5: trường "ma": "Kinh tế" không dùng được làm mã chủ đề — chỉ '
        'viết chữ thường không dấu, số và dấu gạch ngang, ví dụ "khoa-hoc-cong-nghe"'
    ],
    "topics-missing-phrases.yml": [
        'content/topics.yml:2:5: thiếu trường bắt buộc "cum_tu" — thêm một dòng '
        '"cum_tu: [chuyển đổi số, khoa học]" vào mục này'
    ],
}


@pytest.mark.parametrize(("name", "expected"), sorted(OVERRIDE_ERRORS.items()))
def test_bad_override_is_rejected_with_location(
    tmp_path: Path, name: str, expected: list[str]
) -> None:
    project = sample_project(tmp_path)
    shutil.copy(INVALID / name, project.topic_overrides)
    sink = ErrorSink()
    topics.load(project, sample_corpus(), sink)
    assert [e.format() for e in sorted(sink.errors)] == expected


@pytest.mark.parametrize(("name", "expected"), sorted(TOPIC_ERRORS.items()))
def test_bad_topics_file_is_rejected_with_location(
    tmp_path: Path, name: str, expected: list[str]
) -> None:
    project = sample_project(tmp_path, overrides=False)
    shutil.copy(INVALID / name, project.topics_yml)
    sink = ErrorSink()
    topics.load(project, sample_corpus(), sink)
    assert [e.format() for e in sorted(sink.errors)] == expected


def test_check_command_rejects_unknown_topic_in_overrides(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    overrides = project / "content" / "chu-de-gan-tay.yml"
    overrides.write_text(
        "gan_tay:\n"
        "  - van_ban: chuong-trinh-hanh-dong-du-thao\n"
        "    muc: ii-3-4\n"
        "    them: [chuyen-doi-so]\n",
        encoding="utf-8",
    )
    result = run_build_tools(project, "check")
    assert result.returncode == 1
    assert result.stderr.startswith(
        'content/chu-de-gan-tay.yml:4:12: trường "them": chủ đề "chuyen-doi-so" không có '
        "trong content/topics.yml — "
    )


def test_broken_topics_file_does_not_flood_overrides_with_errors(tmp_path: Path) -> None:
    project = sample_project(tmp_path)  # overrides name kiem-tra-giam-sat
    shutil.copy(INVALID / "topics-missing-phrases.yml", project.topics_yml)
    sink = ErrorSink()
    topics.load(project, sample_corpus(), sink)
    assert [e.location.path for e in sink.errors] == ["content/topics.yml"]
