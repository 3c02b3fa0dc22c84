"""Phrase rules: whole words, diacritics, heading weight, several topics strongest first."""

from __future__ import annotations

import pytest

from build_tools.topics.match import count, normalize, rank
from build_tools.topics.model import Topic


def topic(slug: str, *phrases: str, exclusions: tuple[str, ...] = ()) -> Topic:
    return Topic(slug, slug, "", "material/laptop", phrases, exclusions)


@pytest.mark.parametrize(
    ("phrase", "text", "expected"),
    [
        ("đảng", "Xây dựng Đảng trong sạch", 1),
        ("đảng", "đăng ký, dang dở", 0),  # other tones / no diacritics are other words
        ("đảng", "Đảng viên và tổ chức đảng", 2),
        ("an ninh", "quốc phòng, an ninh; An Ninh", 2),
        ("an ninh", "an nình", 0),
        ("an ninh", "an ninh an ninh", 2),  # adjacent occurrences both count
        ("khoa học, công nghệ", "khoa học - công nghệ và khoa học công nghệ", 2),
        ("số", "chuyển đổi số", 1),
        ("số", "số hóa, sốt", 1),
        ("tin", "thông tin", 1),
        ("tin", "tín dụng, tinh gọn", 0),  # never inside another word
    ],
)
def test_count_matches_whole_words_with_tones(phrase: str, text: str, expected: int) -> None:
    assert count(phrase, normalize(text)) == expected


def test_normalize_composes_decomposed_text() -> None:
    decomposed = "Đảng".replace("ả", "a\u0309")
    assert normalize(decomposed) == "đảng"


def test_heading_outweighs_body() -> None:
    economy = topic("kinh-te", "kinh tế")
    society = topic("xa-hoi", "chính sách xã hội", "công bằng xã hội")
    heading = "Quản lý phát triển xã hội bền vững, đảm bảo tiến bộ, công bằng xã hội"
    body = "Phát triển kinh tế đi đôi với kinh tế, kinh tế và chính sách xã hội."
    assert [a.slug for a in rank([economy, society], heading, body)] == ["xa-hoi", "kinh-te"]


def test_weak_body_mentions_are_dropped() -> None:
    science = topic("khoa-hoc", "khoa học", "công nghệ", "chuyển đổi số")
    defence = topic("quoc-phong", "quốc phòng")
    body = "Khoa học, công nghệ và chuyển đổi số; khoa học; công nghệ. Quốc phòng."
    assert [a.slug for a in rank([science, defence], "", body)] == ["khoa-hoc"]


def test_exclusions_do_not_count() -> None:
    education = topic("giao-duc", "giáo dục", exclusions=("giáo dục chính trị",))
    assert rank([education], "Giáo dục chính trị, tư tưởng", "") == ()
    assert [a.how for a in rank([education], "Giáo dục phổ thông", "")] == ["tiêu đề"]


def test_longest_phrase_consumes_its_words() -> None:
    inspection = topic("kiem-tra", "kiểm tra, giám sát", "kiểm tra", "giám sát")
    (found,) = rank([inspection], "", "Công tác kiểm tra, giám sát")
    assert found.score == 1.0


def test_a_stray_word_does_not_add_a_second_topic() -> None:
    science = topic("khoa-hoc", "chuyển đổi số", "khoa học")
    party = topic("dang", "cải cách hành chính")
    body = "Chuyển đổi số và khoa học trong doanh nghiệp; cải cách hành chính."
    assert [a.slug for a in rank([science, party], "", body)] == ["khoa-hoc"]


def test_ties_keep_topics_yml_order() -> None:
    first, second = topic("a", "quốc phòng"), topic("b", "an ninh")
    assert [a.slug for a in rank([first, second], "Quốc phòng, an ninh", "")] == ["a", "b"]
    assert [a.slug for a in rank([second, first], "Quốc phòng, an ninh", "")] == ["b", "a"]
