"""The open-data files (du-lieu-mo/), planned: each table's CSV and JSON keyed by the part
of the data it holds and the dates, the feed by all it announces, the page and
datapackage.json by the tables' sizes (opendata.py says what the columns are)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from build_tools.planned import Planned, make_all, part, planned
from build_tools.progress import datapackage, dates, feed
from build_tools.progress.dates import Dates
from build_tools.progress.model import Progress
from build_tools.progress.opendata import (
    BOM,
    FEED,
    FOLDER,
    TABLES,
    UNDATED_TABLES,
    date_columns,
    indicators_json,
    lines_of,
    rows,
    tables,
    to_csv,
    to_json,
)
from build_tools.render import render as render_template

if TYPE_CHECKING:
    from build_tools.documents import Corpus


def plan(progress: Progress, corpus: Corpus) -> dict[str, Planned]:
    """Every open-data file under du-lieu-mo/ (but chu-de.json: topics), each keyed by the
    part of the data its table holds and the dates; the feed by all it announces."""
    when = dates.of(progress)
    ids = tuple(t.id for t in progress.tasks)
    inputs: dict[str, tuple[Any, ...]] = {
        "nhiem-vu": (progress.tasks,),
        "cap-nhat": (progress.updates,),
        "don-vi": (progress.units,),
        "doi-chieu": (progress.clauses, ids),
        "chi-tieu": (progress.indicators,),
        "chi-tieu-so-lieu": (progress.indicators,),
    }
    files: dict[str, Planned] = {}
    for name, made_of in inputs.items():
        dated = None if name in UNDATED_TABLES else when
        files[f"{FOLDER}/{name}.csv"] = planned(table_csv, name, dated, *made_of)
        files[f"{FOLDER}/{name}.json"] = planned(table_json, name, dated, *made_of)
    files[f"{FOLDER}/chi-tieu-day-du.json"] = planned(indicators_json, progress.indicators, when)
    files[f"{FOLDER}/{FEED}"] = planned(feed.atom, progress, corpus, _site_url())
    counts = _counts(progress)
    files[f"{FOLDER}/index.md"] = planned(index_page, counts, when)
    for path in datapackage.paths():
        files[path] = part(_package, path, counts, when)
    return files


def _counts(progress: Progress) -> tuple[tuple[str, int], ...]:
    """Rows per table, as the files hold them."""
    values = sum(len(h.readings) for i in progress.indicators for h in i.history)
    values += sum(len(i.baseline) + len(i.readings) for i in progress.indicators)
    found = {
        "nhiem-vu": len(progress.tasks),
        "cap-nhat": len(progress.updates),
        "don-vi": len(progress.units),
        "doi-chieu": len(progress.clauses),
        "chi-tieu": sum(len(i.targets) for i in progress.indicators),
        "chi-tieu-so-lieu": values,
    }
    return tuple((name, found[name]) for name in TABLES)


def _table(name: str, dated: Dates | None, made_of: tuple[Any, ...]) -> tuple[list[Any], Any]:
    """The rows of one table, from the part of the data it is made of, and its columns."""
    parts: dict[str, Any] = dict(zip(_PARTS[name], made_of, strict=True))
    if name == "doi-chieu":
        known = set(parts.pop("ids"))
        lines = lines_of(parts["clauses"], lambda i: i in known)
        return list(lines), TABLES[name][1]
    source = Progress(**parts)
    columns = TABLES[name][1] if dated is None else (*TABLES[name][1], *date_columns(dated))
    return rows(source)[name], columns


_PARTS = {
    "nhiem-vu": ("tasks",),
    "cap-nhat": ("updates",),
    "don-vi": ("units",),
    "doi-chieu": ("clauses", "ids"),
    "chi-tieu": ("indicators",),
    "chi-tieu-so-lieu": ("indicators",),
}


def table_csv(name: str, dated: Dates | None, *made_of: Any) -> str:
    """du-lieu-mo/<name>.csv."""
    items, columns = _table(name, dated, made_of)
    return BOM + to_csv(items, columns)


def table_json(name: str, dated: Dates | None, *made_of: Any) -> str:
    """du-lieu-mo/<name>.json."""
    items, columns = _table(name, dated, made_of)
    return to_json(items, columns)


def index_page(counts: tuple[tuple[str, int], ...], when: Dates) -> str:
    """du-lieu-mo/index.md: every table, its columns and its size."""
    return render_template(
        "progress/opendata.md.j2",
        tables=tables(when),
        counts=dict(counts),
        feed=FEED,
        dates_html=dates.as_of_html(when),
        dates_summary=dates.summary(when),
    )


def _package(counts: tuple[tuple[str, int], ...], when: Dates) -> dict[str, str | bytes]:
    return datapackage.files(tables(when), dict(counts))


def render(progress: Progress, corpus: Corpus) -> dict[str, str | bytes]:
    """Every open-data file, made."""
    return make_all(plan(progress, corpus))


def _site_url() -> str:
    """The same address mkdocs.yml uses (SITE_URL), so feed links point at the real site."""
    return os.environ.get("SITE_URL", "http://127.0.0.1:8000/")
