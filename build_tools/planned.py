"""A generated file, planned: how to make it, and everything it depends on.

Every renderer of a generated file is a function of the part of the model it shows (a Task,
one Unit with its tasks, one Document with the tasks of its sections…) plus small shared
context (the dates, the units' names, the documents' titles). `planned(fn, *args)` makes
the file with `fn(*args)` only when asked, and keys it by the function and its arguments:
two plans' entries with equal keys make equal files, so a preview re-renders only the
entries whose key changed (pipeline.plan). A renderer must read nothing but its arguments
(no Site, no environment, no clock): that is what makes the key honest, and
tests/test_plan.py edits content and checks that every changed file changed its key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import partial
from typing import Any


@dataclass(frozen=True)
class Planned:
    """One generated file: `make()` renders it; `key` is everything it depends on, so two
    plans' entries with equal keys render equal files (the preview re-renders the rest)."""

    make: Callable[[], str | bytes]
    key: Hashable


def planned(fn: Callable[..., str | bytes], *args: Any) -> Planned:
    """`fn(*args)`, made when asked, keyed by the function's name and its arguments."""
    return Planned(make=partial(fn, *args), key=(f"{fn.__module__}.{fn.__qualname__}", args))


def part(fn: Callable[..., dict[str, str | bytes]], path: str, *args: Any) -> Planned:
    """One file of several that `fn(*args)` makes together (a set of schemas): it is made
    with its siblings and keyed by the same arguments."""
    return Planned(
        make=partial(_pick, fn, path, args),
        key=(f"{fn.__module__}.{fn.__qualname__}", path, args),
    )


def _pick(
    fn: Callable[..., dict[str, str | bytes]], path: str, args: tuple[Any, ...]
) -> str | bytes:
    return fn(*args)[path]


def make_all(plan: dict[str, Planned]) -> dict[str, str | bytes]:
    """Every file of a plan, made."""
    return {path: entry.make() for path, entry in plan.items()}
