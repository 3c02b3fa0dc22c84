"""YAML loaders that build dicts and lists remembering where each key and item stands.

Dates stay strings (the pipeline parses them and explains what is wrong), a key written
twice is an error instead of a silent overwrite, and every string passes `unsafe_value`.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from build_tools.errors import ContentError, SourceLocation
from build_tools.yamlio.guard import unsafe_value


class LocatedDict(dict[str, Any]):
    """A mapping that remembers where it and each of its keys stand in the file."""

    location: SourceLocation
    key_locations: dict[str, SourceLocation]

    def loc(self, key: str) -> SourceLocation:
        """The location of `key`, or of the mapping itself when the key is absent."""
        return self.key_locations.get(key, self.location)


class LocatedList(list[Any]):
    """A sequence that remembers where it and each of its items stand in the file."""

    location: SourceLocation
    item_locations: list[SourceLocation]


def signature(value: Any) -> Hashable:
    """Every value, type and location of a parsed node: two nodes with the same signature
    read the same everywhere (messages included)."""
    if isinstance(value, LocatedDict):
        keys = tuple((k, value.key_locations.get(k), signature(v)) for k, v in value.items())
        return (dict, value.location, keys)
    if isinstance(value, LocatedList):
        items = tuple(signature(v) for v in value)
        return (list, value.location, tuple(value.item_locations), items)
    if isinstance(value, dict | list):
        return (type(value), repr(value))
    return (type(value), value)


class Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps, building Located containers.

    The pure-Python parser: its error messages and marks are what `explain` words."""

    path = ""
    text = ""
    lines: list[str] | None = None  # text.splitlines(), computed on first need
    problems: list[ContentError]


class FastLoader(yaml.CSafeLoader):
    """The same loader on libyaml (≈5× faster, same marks); files it rejects are parsed
    again by `Loader`, so an editor always reads the same explanation."""

    path = ""
    text = ""
    lines: list[str] | None = None
    problems: list[ContentError]


AnyLoader = Loader | FastLoader

_NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.yaml_implicit_resolvers = _NO_TIMESTAMPS
FastLoader.yaml_implicit_resolvers = _NO_TIMESTAMPS

# A line that looks like `key: value` (project keys are ASCII snake_case) or a list item.
KEY_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:(?:\s|$)")


def _location(loader: AnyLoader, node: Node) -> SourceLocation:
    mark = node.start_mark
    return SourceLocation(loader.path, mark.line + 1, mark.column + 1)


def _construct_mapping(loader: AnyLoader, node: MappingNode) -> LocatedDict:
    result = LocatedDict()
    result.location = _location(loader, node)
    result.key_locations = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_text = str(key)
        where = _location(loader, key_node)
        if key_text in result:
            first = result.key_locations[key_text].line
            loader.problems.append(
                ContentError(
                    where,
                    f'khóa "{key_text}" bị viết hai lần (lần đầu ở dòng {first}) — '
                    "giữ một dòng, xóa dòng còn lại",
                )
            )
        result[key_text] = loader.construct_object(value_node, deep=True)
        result.key_locations[key_text] = where
    return result


def _construct_sequence(loader: AnyLoader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.location = _location(loader, node)
    result.item_locations = [_location(loader, child) for child in node.value]
    return result


def _construct_str(loader: AnyLoader, node: ScalarNode) -> str:
    """A quoted string that silently swallowed the next lines is almost always a typo;
    a value that is too long, holds HTML or a script URL is refused (unsafe_value)."""
    if node.style in ('"', "'") and node.end_mark.line > node.start_mark.line:
        if loader.lines is None:
            loader.lines = loader.text.splitlines()
        swallowed = swallowed_line(loader.lines, node.start_mark, node.end_mark)
        if swallowed:
            loader.problems.append(
                ContentError(_location(loader, node), unclosed_quote_message(node.style, swallowed))
            )
    value = str(loader.construct_scalar(node))
    problem = unsafe_value(value)
    if problem:
        loader.problems.append(ContentError(_location(loader, node), problem))
    return value


def swallowed_line(lines: list[str], start: yaml.Mark, end: yaml.Mark) -> int:
    """The 1-based number of the first key-like line inside a quoted string, or 0."""
    for number in range(start.line + 2, end.line + 2):
        if number <= len(lines) and KEY_LINE.match(lines[number - 1]):
            return number
    return 0


for _loader in (Loader, FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
    _loader.add_constructor("tag:yaml.org,2002:str", _construct_str)


def unclosed_quote_message(quote: str, swallowed: int = 0) -> str:
    name = "ngoặc kép" if quote == '"' else "ngoặc đơn"
    lost = f" (dòng {swallowed} đang bị tính vào giá trị này)" if swallowed else ""
    return (
        f"dấu {name} {quote} mở ở đây chưa được đóng{lost} — thêm dấu {quote} ở cuối giá trị "
        "trên cùng dòng này"
    )
