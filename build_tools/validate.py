"""Reusable validation helpers that report at the YAML node an editor has to change.

Every helper adds Vietnamese `ContentError`s to an `ErrorSink` and never raises, so a
loader keeps going and the editor sees every problem at once. Data comes from
`build_tools.yamlio` (`LocatedDict` / `LocatedList`), which remember where each key and
list item stands.

Usage from a loader (e.g. the progress YAML)::

    from build_tools import validate

    data, errors = load_yaml(file, paths.rel(file))
    sink.extend(errors)
    validate.validate_with_schema(data, schema, sink, subject=task_subject)
    # or, for hand-written checks on one mapping:
    validate.check_fields(task, ALLOWED, REQUIRED, sink, subject="nhiệm vụ KH-03")

- `validate_with_schema(data, schema, sink, subject="")`: runs a JSON Schema (Draft
  2020-12, `format: date` checked) and turns each jsonschema error into a located error:
  an unknown key points at the key and suggests the closest allowed name ("có phải ý bạn
  là …?"), a missing key points at its mapping, a wrong value points at its key (or its
  list item). `subject` is a string, or a callable `(path) -> str` given the path of keys
  and list indexes of the failing node (e.g. `("nhiem_vu", 2, "han")`) that returns
  "nhiệm vụ KH-03" for the item concerned. A schema node may carry `"x-message"`: a
  Vietnamese message used instead of the generated one for errors of that node
  (`{value}` in it is replaced by the value found). Schemas live in
  build_tools/schemas/ (`load_schema("site.schema.json")`); YAML files point at them with
  a first line `# yaml-language-server: $schema=<relative path>` so editors such as
  VS Code (YAML extension) autocomplete and flag mistakes while typing.
- `advice(problem, fix, word, allowed)`: `problem — fix`, with "có phải ý bạn là …?" when
  `word` is close to one of `allowed` (for hand-written checks).
- `check_fields(mapping, allowed, required, sink, subject="", examples=None)`:
  `unknown_fields` + `missing_fields` for code that does not use a schema.
- `unknown_field_message(key, allowed)`, `missing_field_message(key, example)`: the texts.
- `location_of(data, path)`: the `SourceLocation` of a node addressed by keys/indexes.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, MutableMapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from build_tools.errors import ErrorSink, SourceLocation
from build_tools.yamlio import LocatedDict, LocatedList

SCHEMAS = Path(__file__).resolve().parent / "schemas"

JsonPath = tuple[str | int, ...]
Subject = str | Callable[[JsonPath], str]

_TYPE_NAMES = {
    "string": "chữ",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "true hoặc false",
    "object": 'danh sách "khóa: giá trị"',
    "array": 'danh sách các mục bắt đầu bằng "-"',
    "null": "để trống",
}


# --- field names --------------------------------------------------------------------------


def suggestion(key: str, allowed: Iterable[str]) -> str | None:
    """The allowed name closest to a misspelt `key`, if one is close enough."""
    matches = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
    return matches[0] if matches else None


def advice(problem: str, fix: str, word: str = "", allowed: Iterable[str] = ()) -> str:
    """`problem — fix`, or `problem — có phải ý bạn là "x"? Fix` when a close match exists."""
    found = suggestion(word, allowed) if word else None
    if found:
        return f'{problem} — có phải ý bạn là "{found}"? {fix[:1].upper()}{fix[1:]}'
    return f"{problem} — {fix}"


def unknown_field_message(key: str, allowed: Iterable[str]) -> str:
    """`không có trong mẫu — có phải ý bạn là "han"?` plus the list of valid names."""
    names = sorted(allowed)
    guess = suggestion(key, names)
    hint = f'có phải ý bạn là "{guess}"? ' if guess else ""
    valid = ", ".join(names)
    return f"không có trong mẫu — {hint}Các trường được dùng ở đây: {valid}"


def missing_field_message(key: str, example: str = "…") -> str:
    """`thiếu trường bắt buộc "han" — thêm dòng "han: …"`."""
    return f'thiếu trường bắt buộc "{key}" — thêm một dòng "{key}: {example}" vào mục này'


def unknown_fields(
    data: LocatedDict, allowed: Iterable[str], sink: ErrorSink, subject: str = ""
) -> None:
    """One error per key of `data` that is not in `allowed`, at the key itself."""
    names = set(allowed)
    for key in data:
        if key not in names:
            sink.add(data.loc(key), unknown_field_message(key, names), key, subject)


def missing_fields(
    data: LocatedDict,
    required: Iterable[str],
    sink: ErrorSink,
    subject: str = "",
    examples: Mapping[str, str] | None = None,
) -> None:
    """One error per required key absent from `data`, at the start of the mapping."""
    for key in required:
        if key not in data:
            example = (examples or {}).get(key, "…")
            sink.add(data.location, missing_field_message(key, example), "", subject)


def check_fields(
    data: LocatedDict,
    allowed: Iterable[str],
    required: Iterable[str],
    sink: ErrorSink,
    subject: str = "",
    examples: Mapping[str, str] | None = None,
) -> None:
    """Unknown and missing keys of one mapping."""
    unknown_fields(data, allowed, sink, subject)
    missing_fields(data, required, sink, subject, examples)


# --- locations ----------------------------------------------------------------------------


def location_of(data: Any, path: Sequence[str | int]) -> SourceLocation:
    """Where the node at `path` (keys and list indexes from `data`) is written."""
    node = data
    where = getattr(data, "location", SourceLocation(""))
    for step in path:
        if isinstance(node, LocatedDict) and isinstance(step, str) and step in node:
            where = node.loc(step)
            node = node[step]
        elif isinstance(node, LocatedList) and isinstance(step, int) and step < len(node):
            where = node.item_locations[step]
            node = node[step]
        else:
            break
    return where


def _field(path: Sequence[str | int]) -> str:
    """The last key on the path: the field an editor looks for."""
    return next((str(step) for step in reversed(path) if isinstance(step, str)), "")


# --- JSON Schema --------------------------------------------------------------------------


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema from build_tools/schemas/ (`name` like "site.schema.json")."""
    schema: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return schema


def validate_with_schema(
    data: Any, schema: Mapping[str, Any], sink: ErrorSink, subject: Subject = ""
) -> bool:
    """Validate `data` against a JSON Schema; every error goes to `sink`, located.
    True when there was none. The one place where schema errors become messages."""
    validator_cls = jsonschema.validators.validator_for(schema, jsonschema.Draft202012Validator)
    validator = validator_cls(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
    for error in errors:
        _report(error, data, sink, subject)
    return not errors


def validate_items(
    data: Any,
    schema: Mapping[str, Any],
    sink: ErrorSink,
    subject: Subject,
    kept: MutableMapping[Hashable, list[Any]],
    key: Callable[[Any], Hashable],
) -> bool:
    """`validate_with_schema` for a schema of one list (`type: array`, `items` without
    `$ref`), each item's errors kept in `kept` by (index, key(item)): an item seen before
    at the same place is not validated again. Same errors, same order."""
    items = schema.get("items")
    simple = set(schema) <= {"$schema", "$id", "title", "description", "type", "items"}
    if not simple or schema.get("type") != "array" or not isinstance(data, list):
        return validate_with_schema(data, schema, sink, subject)
    if not isinstance(items, Mapping) or "$ref" in json.dumps(items):
        return validate_with_schema(data, schema, sink, subject)
    validator_cls = jsonschema.validators.validator_for(schema, jsonschema.Draft202012Validator)
    validator = validator_cls(schema, format_checker=jsonschema.FormatChecker())
    found: list[jsonschema.ValidationError] = []
    for index, item in enumerate(data):
        name = (index, key(item))
        if name not in kept:  # as the "items" keyword validates them
            made = validator.descend(item, items, path=index, schema_path="items")  # type: ignore[attr-defined]
            kept[name] = list(made)
        found += kept[name]
    errors = sorted(found, key=lambda e: list(map(str, e.path)))
    for error in errors:
        _report(error, data, sink, subject)
    return not errors


def _subject(subject: Subject, path: JsonPath) -> str:
    return subject(path) if callable(subject) else subject


def _report(
    error: jsonschema.ValidationError, data: Any, sink: ErrorSink, subject: Subject
) -> None:
    path: JsonPath = tuple(error.absolute_path)
    who = _subject(subject, path)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    custom = schema.get("x-message")
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        allowed = set(schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed and not _pattern_allows(schema, key):
                where = location_of(data, (*path, key))
                sink.add(where, unknown_field_message(key, allowed), key, who)
        return
    if error.validator == "required" and isinstance(error.validator_value, list):
        for key in error.validator_value:
            if isinstance(error.instance, Mapping) and key not in error.instance:
                example = _example(schema, key)
                sink.add(location_of(data, path), missing_field_message(key, example), "", who)
        return
    if error.validator == "anyOf" or error.validator == "oneOf":
        best = jsonschema.exceptions.best_match(error.context or [])
        if best is not None and best is not error and not custom:
            _report(best, data, sink, subject)
            return
    message = custom.replace("{value}", _shown(error.instance)) if custom else _value_message(error)
    sink.add(location_of(data, path), message, _field(path), who)


def _pattern_allows(schema: Mapping[str, Any], key: str) -> bool:
    return any(re.search(p, key) for p in schema.get("patternProperties", {}))


def _example(schema: Mapping[str, Any], key: str) -> str:
    prop = schema.get("properties", {}).get(key, {})
    examples = prop.get("examples") if isinstance(prop, Mapping) else None
    if isinstance(examples, list) and examples:
        first = examples[0]  # written as in YAML: "[a, b]" for a list
        return f"[{', '.join(map(str, first))}]" if isinstance(first, list) else str(first)
    return "…"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "trống"
    if isinstance(value, Mapping):
        return 'danh sách "khóa: giá trị"'
    if isinstance(value, list):
        return "danh sách"
    return str(value)


def _type_of(value: Any) -> str:
    kinds = (
        (bool, "boolean"),
        (int, "integer"),
        (float, "number"),
        (str, "string"),
        (Mapping, "object"),
        (list, "array"),
    )
    for kind, name in kinds:
        if isinstance(value, kind):
            return name
    return "null"


def _value_message(error: jsonschema.ValidationError) -> str:
    value, rule = error.instance, str(error.validator)
    expected: Any = error.validator_value
    if rule == "type":
        wanted = [expected] if isinstance(expected, str) else list(expected)
        names = " hoặc ".join(_TYPE_NAMES.get(t, t) for t in wanted)
        got = _TYPE_NAMES.get(_type_of(value), "")
        return f"phải là {names}, không phải {got} ({_shown(value)}) — sửa lại giá trị"
    if rule == "enum":
        options = ", ".join(_shown(v) for v in expected)
        guess = suggestion(str(value), [str(v) for v in expected])
        hint = f'có phải ý bạn là "{guess}"? ' if guess else ""
        return f"{_shown(value)} không phải giá trị được phép — {hint}Chọn một trong: {options}"
    if rule == "const":
        return f"phải đúng là {_shown(expected)} — sửa lại giá trị"
    if rule == "format" and expected == "date":
        return (
            f"{_shown(value)} không phải ngày có thật — viết theo dạng YYYY-MM-DD, ví dụ 2025-10-24"
        )
    if rule == "minimum":
        return f"{_shown(value)} nhỏ hơn mức tối thiểu {expected} — sửa lại giá trị"
    if rule == "maximum":
        return f"{_shown(value)} lớn hơn mức tối đa {expected} — sửa lại giá trị"
    if rule == "exclusiveMinimum":
        return f"phải lớn hơn {expected} (đang là {_shown(value)}) — sửa lại giá trị"
    if rule == "minLength":
        return "không được để trống — điền nội dung cho trường này"
    if rule == "maxLength":
        return f"dài quá {expected} ký tự — rút gọn lại"
    if rule == "minItems":
        return f"phải có ít nhất {expected} mục — thêm mục còn thiếu"
    if rule == "uniqueItems":
        return "có mục bị lặp lại — xóa mục trùng"
    if rule == "pattern":
        return f"{_shown(value)} không đúng dạng quy định — xem ví dụ trong tệp mẫu"
    return f"giá trị {_shown(value)} không hợp lệ ({error.message}) — sửa lại theo mẫu"
