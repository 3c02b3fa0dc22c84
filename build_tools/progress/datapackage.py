"""Open data for reuse: a Frictionless Data Package describing every published data file.

`du-lieu-mo/datapackage.json` lists each CSV and JSON table with a Table Schema built
from the same columns that write them (opendata.tables), and each JSON file with the JSON
Schema that describes it (`du-lieu-mo/schemas/<file>.schema.json`): generated for the
tables, hand-written for the two nested files (build_tools/schemas/du-lieu-mo/).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from build_tools.progress.opendata import FOLDER, TABLES, Column
from build_tools.topics.opendata import PATH as TOPICS_PATH

NESTED_SCHEMAS = Path(__file__).resolve().parent.parent / "schemas" / FOLDER
NESTED = {
    "chi-tieu-day-du.json": "Chỉ tiêu đầy đủ: mục tiêu, số liệu, kết quả nhiệm kỳ trước",
    TOPICS_PATH.removeprefix(f"{FOLDER}/"): "Chủ đề và các mục văn bản thuộc từng chủ đề",
}
_JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "date": "string"}
_DATE = "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"  # ISO date, or empty when there is none


def schema_name(data_file: str) -> str:
    """du-lieu-mo/schemas/<data file>.schema.json (nhiem-vu.json -> nhiem-vu.json.schema.json)."""
    return f"schemas/{data_file}.schema.json"


def table_schema(columns: tuple[Column, ...]) -> dict[str, Any]:
    return {
        "fields": [{"name": c.name, "type": c.kind, "description": c.description} for c in columns],
        "missingValues": [""],
    }


def json_schema(title: str, columns: tuple[Column, ...]) -> dict[str, Any]:
    """The JSON Schema of a table published as JSON (opendata.to_json): a list of rows."""
    properties: dict[str, Any] = {}
    for c in columns:
        prop: dict[str, Any] = {"description": c.description}
        prop["type"] = [_JSON_TYPES[c.kind], "null"]
        if c.kind == "date":
            prop["pattern"] = _DATE
        properties[c.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "type": "array",
        "items": {
            "type": "object",
            "properties": properties,
            "required": [c.name for c in columns],
            "additionalProperties": False,
        },
    }


Tables = dict[str, tuple[str, tuple[Column, ...]]]


def resources(tables: Tables, counts: dict[str, int]) -> list[dict[str, Any]]:
    """Every published data file of du-lieu-mo/, in a fixed order; `counts` gives the rows
    of each table (an empty JSON table, "[]", is described by its JSON Schema only: a
    Table Schema reader finds no table in it)."""
    found: list[dict[str, Any]] = []
    for name, (title, columns) in tables.items():
        schema = table_schema(columns)
        found.append(_resource(f"{name}-csv", f"{name}.csv", title, "csv", schema))
        json_table = schema if counts.get(name) else None
        found.append(_resource(f"{name}-json", f"{name}.json", title, "json", json_table))
    for data_file, title in NESTED.items():
        found.append(_resource(data_file.replace(".", "-"), data_file, title, "json", None))
    return found


def _resource(
    name: str, path: str, title: str, fmt: str, schema: dict[str, Any] | None
) -> dict[str, Any]:
    resource: dict[str, Any] = {"name": name, "path": path, "title": title, "format": fmt}
    if fmt == "csv":
        resource.update(mediatype="text/csv", encoding="utf-8-sig")
    else:
        resource.update(mediatype="application/json", encoding="utf-8")
        resource["jsonSchema"] = schema_name(path)
    if schema is not None:
        resource["type"] = "table"  # so that a JSON table's rows are checked too
        resource["schema"] = schema
    return resource


def files(tables: Tables, counts: dict[str, int]) -> dict[str, str | bytes]:
    """datapackage.json and the JSON Schemas of the JSON files, under du-lieu-mo/;
    `tables`: opendata.tables, `counts`: rows per table (opendata.rows)."""
    package = {
        "name": "nghi-quyet-can-tho-tien-do",
        "title": 'Tiến độ thực hiện Nghị quyết Đại hội Đảng bộ thành phố Cần Thơ theo "5 rõ"',
        "description": "Dữ liệu mở của trang: nhiệm vụ, báo cáo tiến độ, đơn vị, chỉ tiêu, chủ đề.",
        "licenses": [{"name": "other-pd", "title": "Văn bản của cơ quan Đảng, Nhà nước"}],
        "resources": resources(tables, counts),
    }
    out: dict[str, str | bytes] = {f"{FOLDER}/datapackage.json": _dump(package)}
    for name, (title, columns) in tables.items():
        out[f"{FOLDER}/{schema_name(name + '.json')}"] = _dump(json_schema(title, columns))
    for data_file in NESTED:
        nested = NESTED_SCHEMAS / f"{data_file}.schema.json"
        out[f"{FOLDER}/{schema_name(data_file)}"] = nested.read_bytes()
    return out


def paths() -> tuple[str, ...]:
    """The files `files` makes, by docs-relative path."""
    schemas = (schema_name(name + ".json") for name in TABLES)
    nested = (schema_name(data_file) for data_file in NESTED)
    return (f"{FOLDER}/datapackage.json", *(f"{FOLDER}/{name}" for name in (*schemas, *nested)))


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
