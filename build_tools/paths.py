"""The only place where project paths live."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    """Where the pipeline reads and writes; tests point it at temporary copies."""

    root: Path = ROOT

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site_config(self) -> Path:
        return self.content / "site.yml"

    @property
    def cards(self) -> Path:
        """Share cards (progress/cards.py), kept out of docs/ so MkDocs never lists them:
        they are copied into the built site after it."""
        return self.root / ".the-chia-se"

    @property
    def manifest(self) -> Path:
        """Lists every file the pipeline generated under docs/, for stale-file removal."""
        return self.docs / ".generated"

    def rel(self, path: Path) -> str:
        """A path as shown to editors: relative to the project root, with forward slashes."""
        return _rel(self.root, path)

    @property
    def topics_yml(self) -> Path:
        """Topics, their key phrases and general headings (topic navigation)."""
        return self.content / "topics.yml"

    @property
    def topic_overrides(self) -> Path:
        """Editors' hand-made topic assignments for single sections (optional)."""
        return self.content / "chu-de-gan-tay.yml"


# Resolving follows symbolic links (system calls); `make serve` shows the same few
# thousand paths after every save.
@lru_cache(maxsize=1 << 16)
def _rel(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
