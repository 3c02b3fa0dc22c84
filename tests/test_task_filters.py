"""Issue 19: task lists narrowed by status, unit, document and topic, and the charts by unit
and of the indicators; every number against the open data (du-lieu-mo CSV)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest

from build_tools import progress
from build_tools.progress import filters, glance_charts
from tests.helpers import parse
from tests.progress_helpers import SAMPLE, load


def _csv(site: Path, name: str) -> list[dict[str, str]]:
    text = (site / "du-lieu-mo" / name).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _row_ids(page: Path) -> list[str]:
    soup = parse(page)
    return [str(a.get_text()) for a in soup.select(".task-table tbody tr td:first-child a")]


def test_every_task_is_on_the_page_of_its_status(built_site: Path) -> None:
    rows = _csv(built_site, "nhiem-vu.csv")
    for status, count in Counter(r["trang_thai"] for r in rows).items():
        folder = built_site / filters.status_url(status)
        page = parse(folder / "index.html")
        heading = page.select_one("h1")
        assert heading is not None and heading.get_text().strip("¶ ") == f"Nhiệm vụ: {status}"
        lead = " ".join(page.get_text(" ").split())
        assert f"{count} nhiệm vụ có trạng thái {status}" in lead
        ids = _row_ids(folder / "index.html")
        ids += [i for p in sorted(folder.glob("trang-*/index.html")) for i in _row_ids(p)]
        assert sorted(ids) == sorted(r["id"] for r in rows if r["trang_thai"] == status)


def test_dashboard_status_table_links_each_status_page(built_site: Path) -> None:
    soup = parse(built_site / "tien-do" / "index.html")
    links = {
        a.get_text().strip(): str(a["href"]) for a in soup.select("#trang-thai td:first-child a")
    }
    statuses = {r["trang_thai"] for r in _csv(built_site, "nhiem-vu.csv")}
    assert set(links) == statuses
    for label, href in links.items():
        assert href == f"trang-thai/{filters.status_key(label)}/", (label, href)


def test_every_row_of_a_filtered_list_carries_its_facets(built_site: Path) -> None:
    rows = {r["id"]: r for r in _csv(built_site, "nhiem-vu.csv")}
    soup = parse(built_site / "tien-do" / "index.html")
    form = soup.select_one("form.task-filter[data-main]")
    assert form is not None
    table = form.find_next_sibling(class_="task-table")
    assert table is not None
    # the lists without a form (overdue, due soon, stale) carry no marks: lighter at scale
    assert len(soup.select(".task-facets")) == len(table.select("tbody tr"))
    found = 0
    for tr in table.select("tbody tr"):
        task = rows[tr.select_one("td a").get_text()]  # type: ignore[union-attr]
        marks = tr.select_one(".task-facets")
        assert marks is not None
        units = [task["chu_tri"], *filter(None, task["cung_duoc_giao"].split(";"))]
        assert str(marks["data-unit"]).split() == [u.strip() for u in units if u.strip()]
        assert marks["data-document"] == task["van_ban"]
        assert str(marks.get("data-topic", "")).split() == [
            t for t in task["chu_de"].split(";") if t
        ]
        found += 1
    assert found == len(rows)  # the full list holds every task at the real size


def test_filter_form_is_hidden_without_javascript_and_lists_every_value(built_site: Path) -> None:
    soup = parse(built_site / "tien-do" / "index.html")
    form = soup.select_one("form.task-filter[data-main]")
    assert form is not None and form.has_attr("hidden")
    facets = {str(s["data-facet"]): s for s in form.select("select")}
    assert set(facets) == {"status", "unit", "document", "topic"}
    rows = _csv(built_site, "nhiem-vu.csv")
    statuses = {str(o["value"]) for o in facets["status"].select("option") if o["value"]}
    assert {r["trang_thai"] for r in rows} <= statuses
    documents = {str(o["value"]) for o in facets["document"].select("option") if o["value"]}
    assert documents == {r["van_ban"] for r in rows}
    for select in facets.values():
        label = select.find_parent("label")
        assert label is not None and label.get_text().strip()  # a Vietnamese name
    script = soup.select('script[src$="loc-nhiem-vu.js"]')
    assert len(script) == 1
    assert not parse(built_site / "index.html").select('script[src$="loc-nhiem-vu.js"]')


def test_by_document_table_counts_equal_the_open_data(built_site: Path) -> None:
    soup = parse(built_site / "tien-do" / "index.html")
    heading = soup.find("h2", id="theo-van-ban")
    assert heading is not None
    table = heading.find_next("table")
    assert table is not None
    counts = Counter(r["van_ban"] for r in _csv(built_site, "nhiem-vu.csv"))
    found = {}
    for tr in table.select("tbody tr"):
        link = tr.select_one("a")
        assert link is not None
        doc = str(link["href"]).split("/")[1]  # doi-chieu/<id>/
        assert (built_site / "tien-do" / "doi-chieu" / doc / "index.html").is_file()
        found[doc] = int(tr.select("td")[1].get_text())
    assert found == dict(counts)


def test_unit_chart_numbers_equal_the_open_data(built_site: Path) -> None:
    rows = _csv(built_site, "nhiem-vu.csv")
    units = {u["id"]: u for u in _csv(built_site, "don-vi.csv")}
    led: Counter[str] = Counter()
    for r in rows:
        for unit in dict.fromkeys([r["chu_tri"], *r["cung_duoc_giao"].split(";")]):
            if unit.strip():
                led[unit.strip()] += 1
    for page in ("index.html", "tien-do/index.html"):
        chart = parse(built_site / page).select_one("figure.unit-chart")
        assert chart is not None, page
        svg = chart.find("svg")
        assert svg is not None and svg["role"] == "img"
        label = str(svg["aria-label"])
        told = re.findall(r"(?:: |; )([^:;]+): (\d+) nhiệm vụ", label)
        assert len(told) == min(glance_charts.UNIT_ROWS, len(led))
        top = sorted(led.values(), reverse=True)[: len(told)]
        assert [int(n) for _, n in told] == top
        names = {u["ten_ngan"] or u["ten"]: uid for uid, u in units.items()}
        for name, count in told:
            assert led[names[name]] == int(count), name
        caption = chart.find("figcaption")
        assert caption is not None and re.search(r"ngày \d\d/\d\d/\d{4}", caption.get_text())
        assert f"Đang hiện {len(told)} trong {len(led)} đơn vị" in caption.get_text()


def test_indicator_chart_states_target_and_2020_2025_values(built_site: Path) -> None:
    targets = _csv(built_site, "chi-tieu.csv")
    values = _csv(built_site, "chi-tieu-so-lieu.csv")
    chart = parse(built_site / "tien-do" / "index.html").select_one("figure.indicator-glance")
    assert chart is not None
    label = str(chart.find("svg")["aria-label"])  # type: ignore[index]
    assert re.search(r"ngày \d\d/\d\d/\d{4}", label)
    drawn = [t for t in targets if t["gia_tri"]][: glance_charts.INDICATOR_ROWS]
    first_key: dict[str, str] = {}
    for t in targets:
        if t["gia_tri"]:
            first_key.setdefault(t["id"], t["ma"])
    for target in drawn:
        if first_key[target["id"]] != target["ma"]:
            continue
        assert f"{target['ten']}: mục tiêu 2025–2030 " in label, target["id"]
        before = [v for v in values if v["id"] == target["id"] and v["ma"] == target["ma"]]
        if not before:
            assert f"{target['ten']}: mục tiêu 2025–2030 " in label
            continue
        number = before[-1]["gia_tri"].replace(".", ",")
        part = label.split(f"{target['ten']}: ", 1)[1].split("; 2025–2030")[0]
        assert number in part, (target["id"], part)
    assert chart.select_one("text")  # drawn at build time, no script
    assert not chart.find("script")


def test_status_pages_are_paged_and_link_each_other(monkeypatch: pytest.MonkeyPatch) -> None:
    site, errors = load(SAMPLE)
    assert errors == []
    monkeypatch.setattr(filters, "PAGE_SIZE", 1)
    files = progress.render(site)
    label = "chưa đến hạn — chưa có báo cáo"  # two sample tasks
    first = str(files[f"{filters.status_url(label)}index.md"])
    second = str(files[f"{filters.status_url(label)}trang-2/index.md"])
    assert "trang 1/2: nhiệm vụ thứ 1 đến 1" in first
    assert "[Trang sau →](trang-2/index.md)" in first
    assert "[← Trang trước](../index.md)" in second
    assert "../../../../tien-do/nhiem-vu/" in second  # one folder deeper
    ids = re.findall(r"\| \[(M-\d+)\]", first + second)
    assert sorted(ids) == sorted(t.id for t in site.progress.tasks if t.status_label == label)
    assert f"{filters.status_url(label)}trang-3/index.md" not in files


def test_form_escapes_every_name() -> None:
    facet = filters.Facet(
        "unit", "Đơn vị", (filters.Option("a", '<b>"x"</b>'), filters.Option("b", "y"))
    )
    form = str(filters.filter_form([facet]))
    assert "<b>" not in form and "&lt;b&gt;&#34;x&#34;&lt;/b&gt;" in form.replace("&quot;", "&#34;")
    assert filters.filter_form([filters.Facet("unit", "Đơn vị", (filters.Option("a", "x"),))]) == ""
