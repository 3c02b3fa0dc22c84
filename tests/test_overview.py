"""Issue 19: the home page and the dashboard open with numbers that equal the open data."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup

from build_tools.progress.overview import STATUS_ROWS, drawn, status_chart
from build_tools.progress.pages import StatusCount
from tests.helpers import parse

DONE = {"hoàn thành đúng hạn", "hoàn thành quá hạn", "không nêu hạn — hoàn thành"}


def _open_data(site: Path) -> dict[str, int]:
    text = (site / "du-lieu-mo" / "nhiem-vu.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    return {
        "total": len(rows),
        "done": sum(r["trang_thai"] in DONE for r in rows),
        "on_time": sum(r["trang_thai"] == "hoàn thành đúng hạn" for r in rows),
        "overdue": sum(r["trang_thai"].startswith(("quá hạn", "đã quá hạn")) for r in rows),
        "unreported": sum(r["co_bao_cao"] == "0" for r in rows),
        "stale": sum(r["lau_chua_cap_nhat"] == "1" for r in rows),
    }


def _numbers(text: str) -> dict[str, int]:
    found = {
        "total": r"(\d+) nhiệm vụ được theo dõi",
        "done": r"Đã hoàn thành: (\d+)",
        "on_time": r"đúng hạn: (\d+)",
        "overdue": r"Đã quá hạn: (\d+)",
        "unreported": r"Chưa có báo cáo tiến độ: (\d+)",
        "stale": r"Lâu chưa cập nhật: (\d+)",
    }
    out = {}
    for key, pattern in found.items():
        match = re.search(pattern, text)
        assert match, (key, text)
        out[key] = int(match.group(1))
    return out


def test_home_summary_equals_the_open_data(built_site: Path) -> None:
    home = parse(built_site / "index.html")
    block = home.select_one(".overview")
    assert block is not None
    assert _numbers(" ".join(block.get_text(" ").split())) == _open_data(built_site)
    assert home.select_one(".as-of[data-as-of]") is not None  # the status date beside them


def test_status_chart_has_a_text_alternative_and_its_date(built_site: Path) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(
                (built_site / "du-lieu-mo" / "nhiem-vu.csv").read_text(encoding="utf-8-sig")
            )
        )
    )
    for page in ("index.html", "tien-do/index.html"):
        soup = parse(built_site / page)
        chart = soup.select_one("figure.status-chart")
        assert chart is not None, page
        svg = chart.find("svg")
        assert svg is not None and svg["role"] == "img"
        label = str(svg["aria-label"])
        for status in {r["trang_thai"] for r in rows}:
            count = sum(r["trang_thai"] == status for r in rows)
            assert f"{status}: {count}" in label, (page, status)
        caption = chart.find("figcaption")
        assert caption is not None and re.search(r"ngày \d\d/\d\d/\d{4}", caption.get_text())
        assert not chart.find("script")


def test_status_chart_keeps_its_height_at_city_scale() -> None:
    """Beyond STATUS_ROWS labels the least used share the last bar; the text alternative
    still names every label with its count, and the bars add up to every task."""
    counts = [StatusCount(f"trạng thái {n}", "not-due", 1 + n * 7 % 23) for n in range(25)]
    day = date(2026, 6, 30)
    few = status_chart(counts[:STATUS_ROWS], day)
    many = status_chart(counts, day)
    height = re.compile(r'viewBox="0 0 \d+ (\d+)"')
    assert height.findall(many) == height.findall(few)
    kept, others, gathered = drawn(counts)
    assert len(kept) == STATUS_ROWS - 1 and others == 25 - len(kept)
    assert sum(c.count for c in kept) + gathered == sum(c.count for c in counts)
    assert min(c.count for c in kept) >= max(c.count for c in counts if c not in kept)
    assert [c for c in counts if c in kept] == kept  # in the vocabulary's order
    assert f">{others} trạng thái khác</text>" in many
    svg = BeautifulSoup(many, "html.parser").find("svg")
    assert svg is not None
    label = str(svg["aria-label"])
    assert all(f"{c.label}: {c.count}" in label for c in counts)
    assert f"Thanh cuối gộp {others} trạng thái ít nhiệm vụ nhất" in many
    assert "thanh cuối" not in few
