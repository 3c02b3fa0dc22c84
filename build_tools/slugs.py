"""ASCII, stable anchors from Vietnamese text: "Điều 1" -> "dieu-1" (not "ieu-1")."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII folding of Vietnamese: strips every tone and mark, đ -> d."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str, sep: str = "-") -> str:
    """A URL-safe ASCII slug; Python-Markdown's toc calls it as slugify(value, separator)."""
    return _NON_ALNUM.sub(sep, fold(text)).strip(sep)
