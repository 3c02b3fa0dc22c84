"""Issue 19: the open data describes the files it publishes (Frictionless Data Package)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import frictionless
import jsonschema

FOLDER = "du-lieu-mo"


def _package(site: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((site / FOLDER / "datapackage.json").read_text("utf-8"))
    return data


def test_data_package_is_valid_against_the_published_files(built_site: Path) -> None:
    report = frictionless.validate(str(built_site / FOLDER / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]


def test_every_published_data_file_is_described(built_site: Path) -> None:
    folder = built_site / FOLDER
    published = sorted(p.name for p in folder.glob("*") if p.suffix in (".csv", ".json"))
    resources = _package(built_site)["resources"]
    assert isinstance(resources, list)
    described = sorted(r["path"] for r in resources)
    assert described == [p for p in published if p != "datapackage.json"]


def test_every_json_file_validates_against_its_published_schema(built_site: Path) -> None:
    folder = built_site / FOLDER
    resources = _package(built_site)["resources"]
    assert isinstance(resources, list)
    checked = 0
    for resource in resources:
        if resource["format"] != "json":
            continue
        schema = json.loads((folder / resource["jsonSchema"]).read_text("utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        data = json.loads((folder / resource["path"]).read_text("utf-8"))
        jsonschema.Draft202012Validator(schema).validate(data)
        checked += 1
    assert checked >= 7


def test_a_wrong_value_makes_the_package_invalid(built_site: Path, tmp_path: Path) -> None:
    folder = shutil.copytree(built_site / FOLDER, tmp_path / FOLDER)
    tasks = folder / "nhiem-vu.json"
    rows = json.loads(tasks.read_text("utf-8"))
    rows[0]["co_bao_cao"] = "có"
    tasks.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
    assert not frictionless.validate(str(folder / "datapackage.json")).valid
    schema = json.loads((folder / "schemas" / "nhiem-vu.json.schema.json").read_text("utf-8"))
    assert not jsonschema.Draft202012Validator(schema).is_valid(rows)
