"""The home page: what the resolution is, progress at a glance, the documents, ways in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from build_tools.documents.pages import Listed
from build_tools.planned import Planned, make_all, planned
from build_tools.progress import Progress, dates, glance_charts
from build_tools.progress.overview import overview, status_chart
from build_tools.progress.pages import status_counts
from build_tools.render import render as render_template

if TYPE_CHECKING:
    from build_tools.models import Site


def plan(site: Site) -> dict[str, Planned]:
    """index.md, keyed by the progress data and the documents' metadata."""
    listed = tuple(Listed(doc.meta) for doc in site.corpus.documents)
    return {"index.md": planned(home_page, site.progress, listed)}


def render(site: Site) -> dict[str, str | bytes]:
    """index.md, made."""
    return make_all(plan(site))


def home_page(progress: Progress, documents: tuple[Listed, ...]) -> str:
    """index.md: the numbers and charts at a glance, then the documents."""
    return render_template(
        "home.md.j2",
        documents=documents,
        dates_html=dates.as_of_html(progress),
        overview=overview(progress),
        status_chart=status_chart(status_counts(progress.tasks), progress.as_of),
        overdue_marks=dates.overdue_moves(progress.tasks),
        stale_marks=dates.stale_moves(progress.tasks),
        unit_chart=glance_charts.unit_chart(progress),
        indicator_chart=glance_charts.indicator_chart(progress),
    )
