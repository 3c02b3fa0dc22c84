"""JSON Schema validation with Vietnamese messages at the line an editor must change.

The schemas in build_tools/schemas/ are the single description of each YAML kind: editors'
tools read them for autocompletion, and this module turns each violation into a located
`ContentError`. A schema node may carry "x-message" (`{value}` = the value found).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import jsonschema

from build_tools.errors import ErrorSink
from build_tools.validate import location_of, suggestion

Path_ = tuple[str | int, ...]
Subject = Callable[[Path_], str]

TYPE_NAMES = {
    "string": "một chuỗi chữ",
    "integer": "một số nguyên",
    "number": "một số",
    "boolean": "true hoặc false",
    "object": 'danh sách "khóa: giá trị"',
    "array": 'danh sách các mục bắt đầu bằng "-"',
    "null": "để trống",
}


def advice(problem: str, fix: str, word: str = "", allowed: Iterable[str] = ()) -> str:
    """`problem — fix`, or `problem — có phải ý bạn là "x"? Fix` when a close match exists."""
    found = suggestion(word, allowed) if word else None
    if found:
        return f'{problem} — có phải ý bạn là "{found}"? {fix[:1].upper()}{fix[1:]}'
    return f"{problem} — {fix}"


def validate(data: Any, schema: Mapping[str, Any], sink: ErrorSink, subject: Subject) -> None:
    """Every schema violation in `data`, located and in Vietnamese, into `sink`."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.path])
    for error in errors:
        _report(error, data, sink, subject)


def _field(path: Path_) -> str:
    return next((str(step) for step in reversed(path) if isinstance(step, str)), "")


def _report(error: Any, data: Any, sink: ErrorSink, subject: Subject) -> None:
    path: Path_ = tuple(error.absolute_path)
    who = subject(path)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed:
                message = advice(
                    "không có trong mẫu",
                    f"sửa tên trường hoặc xóa dòng này (các trường được dùng: "
                    f"{', '.join(allowed)})",
                    key,
                    allowed,
                )
                sink.add(location_of(data, (*path, key)), message, key, who)
        return
    if error.validator == "required":
        for key in error.validator_value:
            if key not in error.instance:
                message = f'thiếu trường bắt buộc "{key}" — thêm một dòng "{key}: …" vào mục này'
                sink.add(location_of(data, path), message, "", who)
        return
    sink.add(location_of(data, path), _message(error, schema), _field(path), who)


def _shown(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _message(error: Any, schema: Mapping[str, Any]) -> str:
    custom = schema.get("x-message")
    if isinstance(custom, str):
        return custom.replace("{value}", _shown(error.instance))
    value = _shown(error.instance)
    if error.validator == "type":
        wanted = TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        return f"{value} sai kiểu — ở đây phải là {wanted}"
    if error.validator == "enum":
        options = ", ".join(f'"{o}"' for o in error.validator_value)
        allowed = [str(o) for o in error.validator_value]
        return advice(
            f"{value} không hợp lệ", f"chọn một trong: {options}", value.strip('"'), allowed
        )
    if error.validator == "minLength":
        return "không được để trống — ghi nội dung hoặc xóa dòng này"
    if error.validator == "minItems":
        return "danh sách không được để trống — thêm ít nhất một mục"
    if error.validator in ("minimum", "maximum"):
        return f"{value} nằm ngoài khoảng cho phép — sửa lại số"
    return f"{value} không hợp lệ ({error.message}) — sửa theo mẫu"
