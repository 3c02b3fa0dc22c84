"""Golden topic pages for the sample corpus; refresh with `pytest --update-golden`."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import topics
from build_tools.errors import ErrorSink
from build_tools.models import Site
from build_tools.topics import pages as topic_pages
from tests.topics_support import as_of, sample_corpus, sample_project, sample_tasks

GOLDEN = Path(__file__).resolve().parent / "golden" / "topics"


def golden_files() -> list[str]:
    return sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())


def rendered(root: Path) -> dict[str, str]:
    corpus = sample_corpus()
    sink = ErrorSink()
    index = topics.load(sample_project(root), corpus, sink)
    assert sink.errors == []
    files = topics.render(Site(as_of(), corpus, index, sample_tasks()))
    return {path: str(text) for path, text in files.items()}


def test_golden_pages_cover_every_rendered_file(tmp_path: Path, update_golden: bool) -> None:
    files = rendered(tmp_path)
    if update_golden:
        for old in golden_files():
            (GOLDEN / old).unlink()
        for path, text in files.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    assert golden_files() == sorted(files)


@pytest.mark.parametrize("path", golden_files())
def test_topic_page_matches_golden(tmp_path: Path, path: str) -> None:
    assert rendered(tmp_path)[path] == (GOLDEN / path).read_text(encoding="utf-8")


def test_a_long_task_list_shows_the_first_rows_and_says_where_the_rest_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """City scale: a topic may gather thousands of tasks; its page lists the first ones."""
    monkeypatch.setattr(topic_pages, "LIST_LIMIT", 0)  # the sample's topics have one task
    pages = rendered(tmp_path)
    long = [text for text in pages.values() if "nhiệm vụ của chủ đề này. Xem đủ ở" in text]
    assert long, "the sample has topics with tasks"
    for text in long:
        listed = text.split("## Nhiệm vụ", 1)[1].split("## Chỉ tiêu", 1)[0]
        assert listed.count("\n| ") == 2  # header and separator only
        assert "Đang hiện 0 trong 1 nhiệm vụ của chủ đề này." in listed
        assert "[Dữ liệu mở](../../du-lieu-mo/index.md)" in listed


def test_a_long_section_list_shows_the_first_links_and_says_how_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(topic_pages, "SECTION_LIMIT", 1)
    for path, text in rendered(tmp_path).items():
        if not path.startswith("chu-de/") or path == "chu-de/index.md":
            continue
        listed = text.split("## Các mục văn bản", 1)[1].split("## Nhiệm vụ", 1)[0]
        total = int(text.split(" mục văn bản · ", 1)[0].rsplit("\n", 1)[1])
        assert listed.count("\n- [") == min(1, total)
        if total > 1:
            assert f"Đang hiện 1 trong {total} mục văn bản của chủ đề này." in listed
