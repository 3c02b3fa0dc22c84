"""Golden topic pages for the sample corpus; refresh with `pytest --update-golden`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from build_tools import topics
from build_tools.errors import ErrorSink
from build_tools.models import Site
from build_tools.topics import pages as topic_pages
from tests.topics_support import as_of, sample_corpus, sample_project, sample_tasks

GOLDEN = Path(__file__).resolve().parent / "golden" / "topics"


def golden_files() -> list[str]:
    return sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())


def rendered(root: Path, progress: Any = None) -> dict[str, str]:
    corpus = sample_corpus()
    sink = ErrorSink()
    index = topics.load(sample_project(root), corpus, sink)
    assert sink.errors == []
    files = topics.render(Site(as_of(), corpus, index, progress or sample_tasks()))
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


def test_a_long_task_list_is_paged_and_every_task_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """City scale: a topic may gather thousands of tasks; its page lists the first ones
    and pages chu-de/<slug>/nhiem-vu/<n>/ the rest, each linked from the others."""
    monkeypatch.setattr(topic_pages, "LIST_LIMIT", 2)
    base = sample_tasks()
    first = base.tasks[0]  # tagged hoc-tap-quan-triet
    more = tuple(
        replace(first, id=f"CT-9{n}", title=f"Việc thêm {n}", url=f"tien-do/nhiem-vu/ct-9{n}/")
        for n in range(4)
    )
    pages = rendered(tmp_path, replace(base, tasks=(*base.tasks, *more)))
    topic = "chu-de/hoc-tap-quan-triet/"
    assert sorted(p for p in pages if p.startswith(topic + "nhiem-vu/")) == [
        f"{topic}nhiem-vu/2/index.md",
        f"{topic}nhiem-vu/3/index.md",
    ]
    listed = [pages[f"{topic}index.md"].split("## Nhiệm vụ", 1)[1].split("## Chỉ tiêu", 1)[0]]
    listed += [pages[f"{topic}nhiem-vu/{n}/index.md"] for n in (2, 3)]
    ids = [
        line.split(" | ", 1)[0][2:]
        for text in listed
        for line in text.splitlines()
        if line.startswith("| CT-")
    ]
    assert ids == ["CT-01", "CT-90", "CT-91", "CT-92", "CT-93"]  # each once, in order
    assert "Đang hiện nhiệm vụ thứ 1 đến 2 trong 5 nhiệm vụ của chủ đề này" in listed[0]
    assert "[2](nhiem-vu/2/index.md)" in listed[0]
    assert " [Trang sau →](nhiem-vu/2/index.md)" in listed[0]
    second = listed[1]
    assert "trang 2/3: nhiệm vụ thứ 3 đến 4." in second
    assert "[← Trang trước](../../index.md#nhiem-vu)" in second
    assert "[Trang sau →](../3/index.md)" not in second  # siblings go through the topic
    assert "[Trang sau →](../../nhiem-vu/3/index.md)" in second
    assert "](../../../../tien-do/nhiem-vu/ct-91/index.md)" in second
    assert "Trang sau" not in listed[2]


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
