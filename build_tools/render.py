"""The Jinja environments: autoescape on, StrictUndefined, Vietnamese filters.

Every value a template prints is untrusted text unless it is `Markup` (issue 13):
- HTML templates (`*.html.j2`, task pages) escape it as HTML;
- Markdown templates (`*.md.j2`) escape it as HTML *and* as Markdown (`markdown_text`),
  because Python-Markdown turns `[x](javascript:…)`, `<https://…>` and `{: onclick=… }`
  into links and attributes and passes raw HTML through. Markdown built on purpose (a
  document's body, a macro's link, an SVG) is passed as `Markup`;
- front matter values go through `q` (a JSON string, valid YAML) and `q_title` (also
  HTML-escaped: Material prints a page's title into `<title>` and the header unescaped).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from build_tools.paths import ROOT

TEMPLATES = ROOT / "build_tools" / "templates"
# Rows a task list shows (dashboard, topic pages) before it says how many there are and
# where the rest are: a city has 10,000 tasks, and a page must stay light on a phone.
LIST_LIMIT = 100

# Characters Python-Markdown (with tables and attr_list) reads as syntax anywhere in a
# line: links and images ([ ]), attribute lists ({ }), code, emphasis, table cells.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
_LINE_START = re.compile(r"^([#>+-])|^(\d+)([.)])")


def vn_date(value: date | None) -> str:
    """07/10/2025 — the way Vietnamese documents write dates."""
    return value.strftime("%d/%m/%Y") if value else ""


def text(value: object) -> str:
    """Plain text for an HTML template, escaped as Python-Markdown escapes text: & < > only."""
    return Markup(html.escape(str(value), quote=False))


def markdown_text(value: object) -> Markup:
    """Plain text that stays literal text inside a Markdown paragraph, list item, table
    cell or link label: HTML-escaped, Markdown syntax backslash-escaped, on one line."""
    escaped = html.escape(" ".join(str(value).split()), quote=False)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    return Markup(_LINE_START.sub(_escape_line_start, escaped))


def _escape_line_start(match: re.Match[str]) -> str:
    """ "# …", "> …", "- …" or "1. …" would start a heading, quote or list."""
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


def yaml_string(value: object) -> Markup:
    """A front matter value that stays valid YAML whatever quotes the text holds."""
    return Markup(json.dumps(str(value), ensure_ascii=False))


def yaml_title(value: object) -> Markup:
    """A front matter `title`: Material prints it unescaped, so it is stored escaped."""
    return yaml_string(html.escape(str(value), quote=False))


def _markdown_finalize(value: Any) -> Any:
    if isinstance(value, (Markup, jinja2.Undefined, int, float)):
        return value
    return markdown_text(value)


@cache
def environment(markdown: bool = True) -> jinja2.Environment:
    """The environment for Markdown templates, or (markdown=False) for HTML ones."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_markdown_finalize if markdown else None,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["vn_date"] = vn_date
    env.filters["t"] = text  # plain text into HTML (task pages are HTML: taskpages.py)
    env.filters["md"] = markdown_text
    env.globals["q"] = yaml_string
    env.globals["q_title"] = yaml_title
    return env


def register_filter(name: str, func: Callable[..., Any]) -> None:
    """A filter that one domain's templates use, added by that domain (progress.dates adds
    `due_attrs`), so that this shared module imports no domain. Both environments get it."""
    for markdown in (True, False):
        environment(markdown).filters[name] = func


def render(template: str, **context: Any) -> str:
    """Render one template from build_tools/templates with the given context."""
    markdown = not template.endswith(".html.j2")
    return str(environment(markdown).get_template(template).render(**context))
