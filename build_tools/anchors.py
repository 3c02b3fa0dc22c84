"""Links to anchors between the parts of a parallel build (site.py, `parts`).

MkDocs checks every link to an anchor (`#ii-3`) against the page it points to. In a
parallel build each MkDocs process renders only its own pages and gives the others empty
Markdown, so it cannot see their anchors: the hook tells MkDocs to skip those pages (as
MkDocs does for a page it did not render), notes the links it skipped and the anchors of
the pages it rendered (`Notes`), and the build checks them all at the end (`check`), with
MkDocs' own words, as strictly as a single MkDocs process would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

NOTES = ".anchors.json"  # in each part's site folder, removed before the site is published


@dataclass
class Notes:
    """What one part saw: anchors of its pages, links into pages it did not render."""

    anchors: dict[str, list[str]] = field(default_factory=dict)
    links: list[tuple[str, str, str, str]] = field(default_factory=list)  # from, to, #, link

    def page(self, src_uri: str, present: set[str]) -> None:
        self.anchors[src_uri] = sorted(present)

    def link(self, src_uri: str, target: str, anchor: str, original: str) -> None:
        self.links.append((src_uri, target, anchor, original))

    def save(self, site_dir: Path) -> None:
        data = {"anchors": self.anchors, "links": self.links}
        (site_dir / NOTES).write_text(json.dumps(data), encoding="utf-8")


def load(site_dir: Path) -> Notes:
    data = json.loads((site_dir / NOTES).read_text(encoding="utf-8"))
    return Notes(data["anchors"], [tuple(link) for link in data["links"]])


def remove(site_dir: Path) -> None:
    (site_dir / NOTES).unlink(missing_ok=True)


def problems(parts: list[Notes]) -> list[str]:
    """MkDocs' warning for every link to an anchor no part's page has."""
    anchors: dict[str, set[str]] = {}
    for notes in parts:
        for page, present in notes.anchors.items():
            anchors[page] = set(present)
    found = []
    for notes in parts:
        for source, target, anchor, original in notes.links:
            if target in anchors and anchor not in anchors[target]:
                found.append(
                    f"Doc file '{source}' contains a link '{original}', but the doc "
                    f"'{target}' does not contain an anchor '#{anchor}'."
                )
    return sorted(found)


def check(parts: list[Notes]) -> None:
    """Fail the build, as `mkdocs build --strict` does, on a link to a missing anchor."""
    found = problems(parts)
    if found:
        for warning in found:
            print(f"WARNING -  {warning}", file=sys.stderr)
        print(f"\nAborted with {len(found)} warnings in strict mode!", file=sys.stderr)
        raise subprocess.CalledProcessError(1, ["mkdocs", "build", "--strict"])
