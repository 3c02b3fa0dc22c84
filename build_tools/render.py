"""The Jinja environment for generated Markdown: StrictUndefined, Vietnamese filters."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

import jinja2

from build_tools.paths import ROOT

TEMPLATES = ROOT / "build_tools" / "templates"
# Rows a task list shows (dashboard, topic pages) before it says how many there are and
# where the rest are: a city has 10,000 tasks, and a page must stay light on a phone.
LIST_LIMIT = 100


def vn_date(value: date | None) -> str:
    """07/10/2025 — the way Vietnamese documents write dates."""
    return value.strftime("%d/%m/%Y") if value else ""


def text(value: object) -> str:
    """Plain text for an HTML template, escaped as Python-Markdown escapes text: & < > only."""
    return html.escape(str(value), quote=False)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # templates produce Markdown; escape HTML explicitly with |e
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["vn_date"] = vn_date
    env.filters["t"] = text  # plain text into HTML (task pages are HTML: taskpages.py)
    return env


def register_filter(name: str, func: Callable[..., Any]) -> None:
    """A filter that one domain's templates use, added by that domain (progress.dates adds
    `due_attrs`), so that this shared module imports no domain."""
    environment().filters[name] = func


def render(template: str, **context: Any) -> str:
    """Render one template from build_tools/templates with the given context."""
    return environment().get_template(template).render(**context)
