"""Safe YAML loading that keeps the line and column of every mapping key and list item.

PyYAML forgets positions once it builds Python objects; editors need them in messages.
Dates stay strings (the pipeline parses them and explains what is wrong), and a key written
twice is an error instead of a silent overwrite.

Syntax errors are explained in Vietnamese at the place an editor has to change (the
opening quote of an unclosed string, the first character of a badly indented line), as
`path:line:col: what is wrong — how to fix`.

Every value is untrusted text (issue 13): anchors and aliases (`&a`, `*a`: a 500-byte
"alias bomb" expands to gigabytes) are refused before anything is built, and so are files
over MAX_FILE_BYTES, values over MAX_FIELD_CHARS, HTML tags and script URLs in a value.
Public API:

- `parse_yaml(text, path) -> (data | None, errors)` and `load_yaml(file, shown_as)`;
  they never raise for bad content.
- `LocatedDict.loc(key)`, `.key_locations`, `.location`; `LocatedList.item_locations`,
  `.location`: where each key / item stands, for messages about values.

Modules: `located` (loaders and Located containers), `guard` (caps, HTML, script URLs,
anchors and aliases), `explain` (syntax errors in Vietnamese). A shared module: it imports
only `errors`, never a domain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from build_tools.errors import ContentError, SourceLocation
from build_tools.yamlio.explain import explain, fallback, unprintable
from build_tools.yamlio.guard import (
    HTML_TAG,
    MAX_FIELD_CHARS,
    MAX_FILE_BYTES,
    SCRIPT_URL,
    anchor_or_alias,
    file_too_big,
    not_utf8,
    unsafe_value,
)
from build_tools.yamlio.located import FastLoader, Loader, LocatedDict, LocatedList, signature

__all__ = [
    "HTML_TAG",
    "MAX_FIELD_CHARS",
    "MAX_FILE_BYTES",
    "SCRIPT_URL",
    "LocatedDict",
    "LocatedList",
    "file_too_big",
    "load_yaml",
    "not_utf8",
    "parse_yaml",
    "signature",
    "unsafe_value",
]


def parse_yaml(text: str, path: str) -> tuple[Any, list[ContentError]]:
    """Parse YAML text; returns (data or None, errors). Never raises for bad content."""
    fast_ok = "\t" not in text and not yaml.reader.Reader.NON_PRINTABLE.search(text)
    shared = anchor_or_alias(text, path, FastLoader if fast_ok else Loader)
    if shared is not None:
        return None, [shared]
    if fast_ok:
        # (libyaml accepts tabs and control characters that PyYAML rejects)
        fast = FastLoader(text)
        fast.path, fast.text, fast.problems = path, text, []
        try:
            return fast.get_single_data(), list(fast.problems)
        except (yaml.YAMLError, ValueError):
            pass  # explained below by the pure-Python parser, whose messages `explain` knows
        finally:
            fast.dispose()
    try:
        loader = Loader(text)
    except yaml.reader.ReaderError as exc:
        return None, [unprintable(exc, text, path)]
    loader.path = path
    loader.text = text
    loader.problems = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        return None, [explain(exc, text, path)]
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error is one of the above
        return None, [ContentError(SourceLocation(path), fallback(str(exc)))]
    finally:
        loader.dispose()
    return data, list(loader.problems)


def load_yaml(path: Path, shown_as: str) -> tuple[Any, list[ContentError]]:
    """Read and parse a YAML file; `shown_as` is the path editors see in messages."""
    too_big = file_too_big(path, shown_as, MAX_FILE_BYTES)
    if too_big is not None:
        return None, [too_big]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [not_utf8(raw, exc, shown_as)]
    return parse_yaml(text, shown_as)
