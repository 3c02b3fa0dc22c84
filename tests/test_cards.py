"""Issue 19: share cards (Open Graph images) of tasks and documents: 1200×630, Vietnamese
text, the same bytes for the same inputs, drawn again only when their inputs change."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from PIL import Image

from build_tools.progress import cards
from tests.progress_helpers import SAMPLE, load

CARD = cards.Card(
    "Nhiệm vụ CT01-2",
    "Tổ chức Hội nghị nghiên cứu, học tập, quán triệt, tuyên truyền Nghị quyết Đại hội "
    "Đảng bộ thành phố lần thứ I, nhiệm kỳ 2025–2030 đến toàn thể cán bộ, đảng viên",
    "đã quá hạn — chưa có báo cáo",
    "Hạn: tuần đầu của tháng 11/2025 · chưa có báo cáo",
)


def test_a_card_is_a_1200_by_630_png_and_the_same_inputs_give_the_same_bytes() -> None:
    data = cards.draw(CARD)
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "P")
    assert data == cards.draw(cards.Card(*vars(CARD).values()))
    assert data != cards.draw(cards.Card(CARD.kicker, CARD.title, "hoàn thành", CARD.date))
    assert image.info.keys() <= {"transparency", "dpi"}  # no time, no text chunk


def test_the_fonts_draw_every_vietnamese_letter() -> None:
    """Each letter with its marks has its own glyph (not the empty box of a missing one)."""
    letters = "ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    for name in (cards.BOLD, cards.REGULAR):
        face = cards._font(name, 40)
        missing = face.getmask("\U000f0000").getbbox()
        for letter in letters + letters.upper():
            assert face.getmask(letter).getbbox() != missing, (name, letter)


def test_long_titles_are_cut_with_an_ellipsis_within_the_card() -> None:
    lines = cards._wrap(CARD.title * 3, cards.BOLD, 48, 4)
    assert len(lines) == 4 and lines[-1].endswith(" …")
    assert all(cards._width(line, cards.BOLD, 48) <= 1200 - 2 * cards.MARGIN for line in lines)


def test_cards_are_drawn_only_when_their_inputs_change(tmp_path: Path) -> None:
    site, errors = load(SAMPLE)
    assert errors == []
    wanted = cards.cards(site)
    assert "tien-do/nhiem-vu/m-01/the.png" in wanted and "van-ban/vb-mau/the.png" in wanted
    assert wanted["van-ban/vb-mau/the.png"].date == "Ngày ban hành: 07/10/2025"
    assert sorted(cards.sync(tmp_path, wanted)) == sorted(wanted)
    before = {rel: (tmp_path / rel).stat().st_mtime_ns for rel in wanted}
    assert cards.sync(tmp_path, wanted) == []  # nothing changed: nothing drawn
    one = "tien-do/nhiem-vu/m-01/the.png"
    changed = dict(wanted)
    changed[one] = cards.Card(wanted[one].kicker, "Tên mới", wanted[one].status, "Hạn: …")
    assert cards.sync(tmp_path, changed) == [one]
    assert all((tmp_path / r).stat().st_mtime_ns == before[r] for r in wanted if r != one)
    del changed[one]
    assert cards.sync(tmp_path, changed) == [one]
    assert not (tmp_path / one).exists()


def test_task_cards_say_the_status_and_its_date() -> None:
    site, _ = load(SAMPLE)
    task = site.progress.task("M-05")
    assert task is not None
    card = cards.cards(site)[f"{task.url}the.png"]
    expected = ("Nhiệm vụ M-05", task.title, task.status_label)
    assert (card.kicker, card.title, card.status) == expected
    assert card.date == f"Hạn: {task.deadline.text} · chưa có báo cáo"
    reported = site.progress.task("M-01")
    assert reported is not None and reported.state.last_update is not None
    date = cards.cards(site)[f"{reported.url}the.png"].date
    assert date.endswith(f" · báo cáo gần nhất ngày {reported.state.last_update:%d/%m/%Y}")


def test_a_later_status_date_redraws_only_cards_whose_status_changed(tmp_path: Path) -> None:
    site, _ = load(SAMPLE)
    later, _ = load(SAMPLE, date(2026, 3, 1))
    cards.sync(tmp_path, cards.cards(site))
    redrawn = cards.sync(tmp_path, cards.cards(later))
    changed = [
        f"{t.url}the.png"
        for t, u in zip(site.progress.tasks, later.progress.tasks, strict=True)
        if t.status_label != u.status_label
    ]
    assert sorted(redrawn) == sorted(changed) and 0 < len(changed) < len(site.progress.tasks)
