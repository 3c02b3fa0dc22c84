"""Tasks and indicators on topic pages: tagged, named in their title, or from their section."""

from __future__ import annotations

from pathlib import Path

from build_tools import topics
from build_tools.errors import ErrorSink
from build_tools.topics.related import indicators_for, item_topics, section_of, tasks_for
from tests.topics_support import sample_corpus, sample_project, sample_tasks


def index(root: Path) -> topics.TopicIndex:
    return topics.load(sample_project(root), sample_corpus(), ErrorSink())


def test_paragraph_permalink_belongs_to_its_section() -> None:
    assert section_of("ii-3-9-p2") == "ii-3-9"
    assert section_of("ii-3-9") == "ii-3-9"
    assert section_of("phan-i-i-2-p10") == "phan-i-i-2"


def test_tagged_topics_win_then_title_then_source_section(tmp_path: Path) -> None:
    found = index(tmp_path)
    tagged, titled, sourced = sample_tasks().tasks
    assert item_topics(found, tagged) == ("hoc-tap-quan-triet",)
    assert item_topics(found, titled) == ("khoa-hoc-cong-nghe",)  # not its section's 3.1
    assert item_topics(found, sourced) == ("quoc-phong-an-ninh",)  # from section ii-3-9


def test_topic_lists_tasks_and_indicators_in_data_order(tmp_path: Path) -> None:
    found, progress = index(tmp_path), sample_tasks()
    assert [t.id for t in tasks_for(progress, found, "hoc-tap-quan-triet")] == ["CT-01"]
    assert [t.id for t in tasks_for(progress, found, "quoc-phong-an-ninh")] == ["CT-03"]
    assert [i.id for i in indicators_for(progress, found, "xay-dung-dang")] == ["ct-01"]
    assert [i.id for i in indicators_for(progress, found, "hoc-tap-quan-triet")] == ["ct-01"]


def test_progress_without_tasks_or_indicators_lists_nothing(tmp_path: Path) -> None:
    from build_tools.progress import Progress

    assert tasks_for(Progress(), index(tmp_path), "kiem-tra-giam-sat") == ()
    assert indicators_for(Progress(), index(tmp_path), "kiem-tra-giam-sat") == ()
