"""The page-type list in tests/pages.py matches what the site builds."""

from __future__ import annotations

from pathlib import Path

from tests.pages import PAGE_TYPES, examples


def test_every_page_type_has_an_example_in_the_built_site(built_site: Path) -> None:
    """Browser and accessibility tests skip a type without pages: none may be missing."""
    found = examples(built_site)
    assert [t.name for t in PAGE_TYPES if t.name not in found] == []
