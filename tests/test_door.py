"""The MkDocs door (mkdocs_hooks.py, door.py): state per build, wishes in the config."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from build_tools import door, site
from build_tools.paths import Paths

BUILD_TOOLS = Path(__file__).resolve().parent.parent / "build_tools"
DOOR_MODULES = [BUILD_TOOLS / "mkdocs_hooks.py", BUILD_TOOLS / "door.py"]
MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}
MUTABLE_NODES = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
# MkDocs' own input (its sitemap dates), not a message between our modules: door.py
ALLOWED_ENVIRONMENT = {"SOURCE_DATE_EPOCH"}


def module_state(source: str) -> list[str]:
    """Module-level names bound to a mutable container, and `global` statements."""
    found: list[str] = []
    tree = ast.parse(source)
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if value is not None and _mutable(value):
            found.append(ast.unparse(node).split("=")[0].strip())
    found += [f"global {', '.join(n.names)}" for n in ast.walk(tree) if isinstance(n, ast.Global)]
    return found


def _mutable(value: ast.expr) -> bool:
    if isinstance(value, MUTABLE_NODES):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        return name in MUTABLE_CALLS
    return False


def environment_reads(source: str) -> list[str]:
    """Every read or write of one environment variable (os.environ[...], .get, .setdefault,
    `in os.environ`, os.getenv) whose name is not a constant of ALLOWED_ENVIRONMENT."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        key = _environment_key(node)
        if key is not None and not (
            isinstance(key, ast.Constant) and key.value in ALLOWED_ENVIRONMENT
        ):
            found.append(ast.unparse(node))
    return found


def _environment_key(node: ast.AST) -> ast.expr | None:
    """The variable name `node` looks up in the environment, if it does."""
    if isinstance(node, ast.Subscript) and _is_environ(node.value):
        return node.slice
    if isinstance(node, ast.Call) and node.args:
        func = node.func
        if isinstance(func, ast.Attribute) and (_is_environ(func.value) or func.attr == "getenv"):
            return node.args[0]
    if isinstance(node, ast.Compare) and any(_is_environ(c) for c in node.comparators):
        return node.left
    return None


def _is_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ"


@pytest.mark.parametrize("module", DOOR_MODULES, ids=lambda p: p.name)
def test_door_keeps_no_module_state(module: Path) -> None:
    assert module_state(module.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("module", DOOR_MODULES, ids=lambda p: p.name)
def test_door_reads_no_environment_handshake(module: Path) -> None:
    assert environment_reads(module.read_text(encoding="utf-8")) == []


def test_no_module_hands_wishes_through_the_environment() -> None:
    users = [
        p.relative_to(BUILD_TOOLS).as_posix()
        for p in BUILD_TOOLS.rglob("*.py")
        if "BUILD_TOOLS_" in p.read_text(encoding="utf-8")
    ]
    assert users == []


def test_the_scans_find_state_and_handshakes() -> None:
    source = (
        "import os\n"
        "_state: dict[str, int] = {}\n"
        "seen = set()\n"
        "NAME = 'x'\n"
        "def f():\n"
        "    global seen\n"
        "    return os.environ.get('BUILD_TOOLS_PARTS', '') or os.environ['AS_OF']\n"
        "def g():\n"
        "    return 'BUILD_TOOLS_PREBUILT' in os.environ or os.getenv('X')\n"
    )
    assert module_state(source) == ["_state: dict[str, int]", "seen", "global seen"]
    assert len(environment_reads(source)) == 4
    assert environment_reads("os.environ.setdefault('SOURCE_DATE_EPOCH', '1')") == []


def test_wishes_go_through_the_config_extra_and_are_taken_out() -> None:
    wishes = door.Wishes(prebuilt=True, part=1, plan=(("a.md",), ("b/index.md", "c.md")))
    extra: dict[str, Any] = {"status_date": "x", **wishes.extra()}
    assert door.Wishes.take(extra) == wishes
    assert extra == {"status_date": "x"}
    assert door.Wishes.take(extra) == door.Wishes()  # `mkdocs build` by hand


def test_each_part_renders_its_own_pages() -> None:
    plan = (("ignored",), ("b/index.md",), ("c/index.md",))
    first = door.Door(door.Wishes(True, 0, plan), Paths(), None)
    second = door.Door(door.Wishes(True, 1, plan), Paths(), None)
    alone = door.Door(door.Wishes(), Paths(), None)
    pages = ["index.md", "b/index.md", "c/index.md"]
    assert [first.elsewhere(p) for p in pages] == [False, True, True]
    assert [second.elsewhere(p) for p in pages] == [True, False, True]
    assert [alone.elsewhere(p) for p in pages] == [False, False, False]


def test_site_build_config_inherits_mkdocs_yml_and_carries_wishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """site.py's config file: mkdocs.yml plus the wishes, read by on_config into a Door
    of its own on that config (two builds never share one)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.setenv("AS_OF", "2026-12-07")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Thử\nextra:\n  a: 1\n", encoding="utf-8")
    wishes = door.Wishes(prebuilt=True, part=0, plan=((), ("x/index.md",)))
    configs = []
    for _ in range(2):
        written = site._config_file(Paths(tmp_path), wishes)
        configs.append(door.open_door(load_config(config_file=str(written))))
        written.unlink()
    first, second = (door.door_of(config) for config in configs)
    assert first is not second
    assert first.wishes == wishes and first.paths == Paths(tmp_path)
    assert first.as_of is not None and first.as_of.isoformat() == "2026-12-07"
    assert configs[0]["extra"] == {"a": 1, "status_date": "07/12/2026"}
    assert configs[0]["site_name"] == "Thử"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "mkdocs.yml"]
