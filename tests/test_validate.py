"""Issue 7: the shared helpers other loaders call — schema errors at the right node."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from build_tools import validate, yamlio
from build_tools.errors import ErrorSink
from build_tools.yamlio import LocatedDict, parse_yaml
from tests.helpers import ROOT

SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "han"],
        "properties": {
            "id": {"type": "string"},
            "han": {"type": "string", "format": "date", "examples": ["2025-12-31"]},
            "ti_le": {"type": "integer", "minimum": 0, "maximum": 100},
            "trang_thai": {"enum": ["đang thực hiện", "hoàn thành"]},
            "nguon": {
                "type": "object",
                "properties": {"neo": {"type": "string", "x-message": "neo {value} sai — sửa"}},
            },
        },
    },
}

TEXT = """\
- id: A-1
  han: 2025-02-30
  ti_le: 120
- id: A-2
  hna: 2025-12-31
  trang_thai: hoan thanh
  nguon:
    neo: 7
"""


def _subject(path: tuple[str | int, ...]) -> str:
    return f"nhiệm vụ thứ {path[0] + 1}" if path and isinstance(path[0], int) else ""


def test_schema_errors_are_located_and_explained() -> None:
    data, errors = parse_yaml(TEXT, "content/x.yml")
    assert errors == []
    sink = ErrorSink()
    validate.validate_with_schema(data, SCHEMA, sink, subject=_subject)
    assert sorted(e.format() for e in sink.errors) == [
        'content/x.yml:2:3: nhiệm vụ thứ 1, trường "han": "2025-02-30" không phải ngày có thật '
        "— viết theo dạng YYYY-MM-DD, ví dụ 2025-10-24",
        'content/x.yml:3:3: nhiệm vụ thứ 1, trường "ti_le": 120 lớn hơn mức tối đa 100 — sửa '
        "lại giá trị",
        'content/x.yml:4:3: nhiệm vụ thứ 2, thiếu trường bắt buộc "han" — thêm một dòng '
        '"han: 2025-12-31" vào mục này',
        'content/x.yml:5:3: nhiệm vụ thứ 2, trường "hna": không có trong mẫu — có phải ý bạn là '
        '"han"? Các trường được dùng ở đây: han, id, nguon, ti_le, trang_thai',
        'content/x.yml:6:3: nhiệm vụ thứ 2, trường "trang_thai": "hoan thanh" không phải giá trị '
        'được phép — có phải ý bạn là "hoàn thành"? Chọn một trong: "đang thực hiện", '
        '"hoàn thành"',
        'content/x.yml:8:5: nhiệm vụ thứ 2, trường "neo": neo 7 sai — sửa',
    ]


def test_check_fields_without_a_schema() -> None:
    data, _ = parse_yaml("ten: x\nloia: y\n", "content/y.yml")
    assert isinstance(data, LocatedDict)
    sink = ErrorSink()
    validate.check_fields(data, {"ten", "loai", "id"}, ["id"], sink, subject="đơn vị x")
    assert [e.format() for e in sink.errors] == [
        'content/y.yml:2:1: đơn vị x, trường "loia": không có trong mẫu — có phải ý bạn là '
        '"loai"? Các trường được dùng ở đây: id, loai, ten',
        'content/y.yml:1:1: đơn vị x, thiếu trường bắt buộc "id" — thêm một dòng "id: …" vào '
        "mục này",
    ]


def test_syntax_errors_never_raise_and_are_always_located() -> None:
    """Single-character edits of the real content files, as an editor's typos would be."""
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.yml"))]
    for _ in range(300):
        lines = rng.choice(texts).splitlines(keepends=True)
        k = rng.randrange(len(lines))
        pos = rng.randrange(len(lines[k]) + 1)
        lines[k] = lines[k][:pos] + rng.choice(list("\"':\t-[{#*&!|>%@` ")) + lines[k][pos:]
        _, errors = parse_yaml("".join(lines), "content/f.yml")
        for error in errors:
            assert error.location.line >= 1, error
            assert " — " in error.message, error


def test_schemas_are_valid_json_schema() -> None:
    import jsonschema

    for schema in sorted(Path(validate.SCHEMAS).glob("*.schema.json")):
        jsonschema.Draft202012Validator.check_schema(validate.load_schema(schema.name))


def _located(value: Any) -> Any:
    """A parsed YAML value with every position spelled out, for comparison."""
    if isinstance(value, yamlio.LocatedDict):
        keys = {k: (value.loc(k), _located(v)) for k, v in value.items()}
        return ("map", value.location, keys)
    if isinstance(value, yamlio.LocatedList):
        items = list(zip(value.item_locations, map(_located, value), strict=True))
        return ("seq", value.location, items)
    return value


@pytest.mark.parametrize("path", sorted(ROOT.glob("content/**/*.yml")), ids=lambda p: p.name)
def test_libyaml_reads_content_exactly_as_pyyaml_does(path: Path) -> None:
    """parse_yaml uses libyaml for speed; data and every key's line:column stay PyYAML's."""
    text = path.read_text(encoding="utf-8")
    fast, fast_errors = yamlio.parse_yaml(text, "f.yml")
    slow = yamlio.located.Loader(text)
    slow.path, slow.text, slow.problems = "f.yml", text, []
    assert _located(fast) == _located(slow.get_single_data())
    assert fast_errors == slow.problems == []


def test_schema_errors_become_messages_in_one_place_only() -> None:
    """Issue 17: one formatter for every YAML kind. No other module runs a JSON Schema
    validator (and so none can word its errors differently)."""
    runners = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "build_tools").rglob("*.py"))
        if "iter_errors" in path.read_text(encoding="utf-8")
    ]
    assert runners == ["build_tools/validate.py"]


def test_every_content_yaml_kind_names_its_schema_on_line_one() -> None:
    """Editors' tools find the schema of every YAML file, van-ban.yml included (the
    baseline file is written by `make baseline` only, and any commit to it moves the
    baseline: it is left as it is)."""
    for path in sorted(ROOT.glob("content/**/*.yml")):
        if path.name == "moc-doi-chieu.yml":
            continue
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
        assert schema.is_file(), (path, schema)
