"""Small text helpers of the topic pages: escaping, excerpts, labels."""

from __future__ import annotations

from build_tools.topics.pages import excerpt, label, md
from tests.topics_support import Section


def section(number: str, title: str, text: str = "") -> Section:
    return Section("d", "a", number, title, 3, text, None)


def test_markdown_and_html_are_escaped() -> None:
    assert md("Mục [1] *quan trọng* <b> & #2 | x {: .a }") == (
        r"Mục \[1\] \*quan trọng\* &lt;b&gt; &amp; #2 \| x \{: .a \}"
    )
    assert md("# 2. x") == r"\# 2. x"  # would open a heading at the start of a line
    assert md("2. x") == r"2\. x"
    assert md("  nhiều\n khoảng   trắng ") == "nhiều khoảng trắng"


def test_excerpt_cuts_at_a_word_with_ellipsis() -> None:
    assert excerpt("một hai ba", 5) == "một hai ba"
    assert excerpt("một, hai, ba, bốn", 2) == "một, hai…"


def test_labels_follow_the_numbering_as_written() -> None:
    assert label(section("3.4", "Khoa học")) == "3.4. Khoa học"
    assert label(section("II", "NỘI DUNG")) == "II. NỘI DUNG"
    assert label(section("a", "Bình dân học vụ số")) == "a) Bình dân học vụ số"
    assert label(section("", "Nơi nhận")) == "Nơi nhận"
    part = Section("d", "phan-ii", "II", "QUAN ĐIỂM, MỤC TIÊU", 2, "", None)
    assert label(part) == "Phần II: QUAN ĐIỂM, MỤC TIÊU"


def test_untitled_clause_is_named_by_its_first_words() -> None:
    words = " ".join(f"từ{i}" for i in range(30))
    clause = section("1", words, words + " tiếp theo")
    assert label(clause) == "1. " + " ".join(f"từ{i}" for i in range(16)) + "…"
