"""The home page: what the resolution is, the documents, ways in, the as-of date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from build_tools.progress import dates
from build_tools.render import render as render_template

if TYPE_CHECKING:
    from build_tools.models import Site


def render(site: Site) -> dict[str, str | bytes]:
    dates_html = dates.as_of_html(site.progress)
    return {"index.md": render_template("home.md.j2", site=site, dates_html=dates_html)}
