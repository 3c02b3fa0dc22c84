"""Safe YAML loading that keeps the line and column of every mapping key and list item.

PyYAML forgets positions once it builds Python objects; editors need them in messages.
Dates stay strings (the pipeline parses them and explains what is wrong), and a key written
twice is an error instead of a silent overwrite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node

from build_tools.errors import ContentError, SourceLocation


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


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps, building Located containers."""

    path = ""
    duplicate_keys: list[ContentError]


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _location(loader: _Loader, node: Node) -> SourceLocation:
    mark = node.start_mark
    return SourceLocation(loader.path, mark.line + 1, mark.column + 1)


def _construct_mapping(loader: _Loader, node: MappingNode) -> LocatedDict:
    result = LocatedDict()
    result.location = _location(loader, node)
    result.key_locations = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_text = str(key)
        where = _location(loader, key_node)
        if key_text in result:
            loader.duplicate_keys.append(
                ContentError(
                    where,
                    f'khóa "{key_text}" bị viết hai lần (lần đầu ở dòng '
                    f"{result.key_locations[key_text].line}) — xóa một trong hai",
                )
            )
        result[key_text] = loader.construct_object(value_node, deep=True)
        result.key_locations[key_text] = where
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.location = _location(loader, node)
    result.item_locations = [_location(loader, child) for child in node.value]
    return result


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def _syntax_message(problem: str) -> str:
    """Vietnamese explanation of a PyYAML syntax problem."""
    if "'\\t'" in problem or "tab" in problem:
        return "có ký tự Tab để thụt lề — YAML chỉ nhận dấu cách; thay Tab bằng 2 dấu cách"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in problem:
        return 'dấu ngoặc kép chưa được đóng — thêm dấu " ở cuối giá trị'
    if "mapping values are not allowed" in problem:
        return (
            'dấu hai chấm đặt sai chỗ hoặc thụt lề sai — giá trị có dấu ":" phải đặt '
            "trong ngoặc kép, các khóa cùng cấp phải thẳng cột"
        )
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "thụt lề không đều — các dòng cùng cấp phải thẳng cột, dùng 2 dấu cách mỗi cấp"
    return f"cú pháp YAML không hợp lệ ({problem}) — kiểm tra thụt lề và dấu ngoặc kép"


def parse_yaml(text: str, path: str) -> tuple[Any, list[ContentError]]:
    """Parse YAML text; returns (data or None, errors). Never raises for bad content."""
    loader = _Loader(text)
    loader.path = path
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (
            SourceLocation(path, mark.line + 1, mark.column + 1) if mark else SourceLocation(path)
        )
        problem = f"{exc.context or ''} {exc.problem or ''}".strip()
        return None, [ContentError(where, _syntax_message(problem))]
    except yaml.YAMLError as exc:
        return None, [ContentError(SourceLocation(path), _syntax_message(str(exc)))]
    finally:
        loader.dispose()
    return data, list(loader.duplicate_keys)


def load_yaml(path: Path, shown_as: str) -> tuple[Any, list[ContentError]]:
    """Read and parse a YAML file; `shown_as` is the path editors see in messages."""
    text = path.read_text(encoding="utf-8-sig")
    return parse_yaml(text, shown_as)
