"""One error type for all content problems, formatted `path:line:col: message`.

What is printed is capped (issue 13): at most MAX_SHOWN errors, each message at most
MAX_MESSAGE characters (a hostile file must not flood a terminal or a CI log).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A place in a content file; line and col are 1-based (0 = unknown)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.path}:{self.line}:{self.col}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path


@dataclass(frozen=True, order=True)
class ContentError:
    """A problem an editor must fix. `message` is Vietnamese: what is wrong — how to fix."""

    location: SourceLocation
    message: str
    field: str = ""
    subject: str = ""

    def format(self) -> str:
        prefix = f"{self.subject}, " if self.subject else ""
        where = f'trường "{self.field}": ' if self.field else ""
        return f"{self.location}: {prefix}{where}{self.message}"


class ContentErrors(Exception):
    """Raised once, after all content was read, carrying every error found."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(format_errors(self.errors))

    def __reduce__(self) -> tuple[type[ContentErrors], tuple[list[ContentError]]]:
        return (ContentErrors, (self.errors,))  # crosses a process boundary intact (site.py)


@dataclass
class ErrorSink:
    """Collects errors while every stage keeps going, so editors see all of them at once."""

    errors: list[ContentError] = field(default_factory=list)

    def add(
        self, location: SourceLocation, message: str, field: str = "", subject: str = ""
    ) -> None:
        self.errors.append(ContentError(location, message, field, subject))

    def extend(self, errors: Iterable[ContentError]) -> None:
        self.errors.extend(errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors)


MAX_SHOWN = 200  # errors printed; the count of the others follows
MAX_MESSAGE = 1_000  # characters of one printed error; the middle is cut


def format_errors(errors: Iterable[ContentError]) -> str:
    """The errors sorted by file and line, one per line, with a Vietnamese summary."""
    ordered = sorted(set(errors))
    lines = [_capped(e.format()) for e in ordered[:MAX_SHOWN]]
    if len(ordered) > MAX_SHOWN:
        lines.append(
            f"… và {len(ordered) - MAX_SHOWN} lỗi khác (chỉ in {MAX_SHOWN} lỗi đầu) — sửa các "
            "lỗi trên rồi kiểm tra lại"
        )
    lines.append(f"Có {len(ordered)} lỗi trong nội dung; trang web chưa được cập nhật.")
    return "\n".join(lines)


def _capped(line: str) -> str:
    """A long message keeps its place and its "how to fix" end; the middle is cut."""
    if len(line) <= MAX_MESSAGE:
        return line
    head, tail = MAX_MESSAGE * 2 // 3, MAX_MESSAGE // 3 - 5
    return f"{line[:head]} […] {line[-tail:]}"
