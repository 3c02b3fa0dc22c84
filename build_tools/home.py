"""The home page: what the resolution is, progress at a glance, the documents, ways in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from build_tools.progress import dates, glance_charts
from build_tools.progress.overview import overview, status_chart
from build_tools.progress.pages import status_counts
from build_tools.render import render as render_template

if TYPE_CHECKING:
    from build_tools.models import Site


def render(site: Site) -> dict[str, str | bytes]:
    progress = site.progress
    page = render_template(
        "home.md.j2",
        site=site,
        dates_html=dates.as_of_html(progress),
        overview=overview(progress),
        status_chart=status_chart(status_counts(progress.tasks), progress.as_of),
        overdue_marks=dates.overdue_moves(progress.tasks),
        stale_marks=dates.stale_moves(progress.tasks),
        unit_chart=glance_charts.unit_chart(progress),
        indicator_chart=glance_charts.indicator_chart(progress),
    )
    return {"index.md": page}
