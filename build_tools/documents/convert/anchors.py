"""The contract's anchor scheme: a section's anchor is its numbering path from the top.

002 "II-" -> `ii`, its "3." -> `ii-3`, its "3.1." -> `ii-3-1`; 004 "PHẦN I" -> `phan-i`.
Unnumbered headings take `slugify(title)`; duplicates get -2, -3.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.slugs import slugify


def own_slug(kind: str, number: str, parent_number: str) -> str:
    """The part of an anchor a numbered section adds to its parent's anchor."""
    prefix = {"part": "phan", "chapter": "chuong", "section": "muc", "article": "dieu"}
    if kind in prefix:
        return slugify(f"{prefix[kind]}-{number}")
    if kind == "annex":
        return slugify(f"phu-luc-{number}") if number else "phu-luc"
    if kind == "alpha":
        return slugify(f"phan-{number}")
    if kind.startswith("decimal") and parent_number and number.startswith(parent_number + "."):
        number = number[len(parent_number) + 1 :]
    return slugify(number.replace(".", "-"))


@dataclass
class AnchorAllocator:
    """Hands out unique anchors in document order."""

    used: set[str] = field(default_factory=set)

    def take(self, wanted: str) -> str:
        wanted = wanted or "muc"
        anchor, n = wanted, 1
        while anchor in self.used:
            n += 1
            anchor = f"{wanted}-{n}"
        self.used.add(anchor)
        return anchor
