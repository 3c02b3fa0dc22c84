"""PyYAML's syntax errors, explained in Vietnamese at the place an editor has to change
(the opening quote of an unclosed string, the first character of a badly indented line)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from build_tools.errors import ContentError, SourceLocation
from build_tools.yamlio.guard import ALIAS_MESSAGE, line_col
from build_tools.yamlio.located import swallowed_line, unclosed_quote_message


def unprintable(exc: yaml.reader.ReaderError, text: str, path: str) -> ContentError:
    line, col = line_col(text, exc.position)
    return ContentError(
        SourceLocation(path, line, col),
        f"có ký tự điều khiển không nhìn thấy được (mã #x{exc.character:04x}) — "
        "xóa ký tự này (thường lẫn vào khi sao chép từ Word hoặc PDF)",
    )


_At = Callable[[int, int, str], ContentError]

# Fixed messages for PyYAML problems that need no look at the text (matched in order).
_FIXED = (
    ("undefined alias", ALIAS_MESSAGE),
    (
        "single document",
        'tệp chỉ được chứa một khối dữ liệu, nhưng dòng "---" này mở khối thứ hai — '
        'xóa dòng "---" (hoặc chuyển phần sau sang một tệp riêng)',
    ),
    (
        "could not determine a constructor",
        'dấu "!" ở đầu giá trị có nghĩa đặc biệt trong YAML — đặt cả giá trị trong ngoặc kép',
    ),
    (
        "sequence entries are not allowed",
        'dấu "-" (mục danh sách) không được đứng ngay sau dấu hai chấm — xuống dòng, lùi '
        'vào 2 dấu cách rồi viết "- …"; nếu "-" là chữ thì đặt cả giá trị trong ngoặc kép',
    ),
)
_SPECIAL_CONTEXTS = (
    "block scalar",
    "an anchor",
    "an alias",
    "a directive",
    "a block node",
    "a flow node",
    "a tag",
)


@dataclass(frozen=True)
class _Problem:
    """A PyYAML error, seen from the text: where it was noticed and what was open."""

    text: str
    lines: list[str]
    what: str  # PyYAML's context and problem, for matching only
    line: int
    col: int
    opening: yaml.Mark | None  # the quote, bracket or key PyYAML was reading
    at: _At

    def at_opening(self, message: str) -> ContentError:
        assert self.opening is not None
        return self.at(self.opening.line + 1, self.opening.column + 1, message)

    def opening_char(self) -> str:
        assert self.opening is not None
        return _char(self.lines, self.opening.line, self.opening.column)


def explain(exc: yaml.MarkedYAMLError, text: str, path: str) -> ContentError:
    """One Vietnamese error at the place the editor has to change."""
    mark = exc.problem_mark or exc.context_mark
    found = _Problem(
        text=text,
        lines=text.splitlines(),
        what=f"{exc.context or ''} | {exc.problem or ''}",
        line=mark.line + 1 if mark else 1,
        col=mark.column + 1 if mark else 1,
        opening=exc.context_mark,
        at=lambda line, col, message: ContentError(SourceLocation(path, line, col), message),
    )
    for rule in _RULES:
        error = rule(found)
        if error is not None:
            return error
    return found.at(found.line, found.col, fallback(found.what))


def _quote_rule(p: _Problem) -> ContentError | None:
    if "quoted scalar" in p.what and "end of stream" in p.what and p.opening:
        return p.at_opening(unclosed_quote_message(p.opening_char()))
    runaway = _runaway_quote(p.text, p.line)
    if runaway is not None:
        q_line, q_col, quote, swallowed = runaway
        return p.at(q_line, q_col, unclosed_quote_message(quote, swallowed))
    return None


def _character_rule(p: _Problem) -> ContentError | None:
    if "'\\t'" in p.what:
        return p.at(p.line, p.col, _tab_message(p.lines, p.line, p.col))
    if "that cannot start any token" in p.what:
        return p.at(p.line, p.col, _special_start(_char(p.lines, p.line - 1, p.col - 1)))
    if p.opening and any(kind in p.what for kind in _SPECIAL_CONTEXTS):
        return p.at_opening(_special_start(p.opening_char()))
    if "unknown escape character" in p.what:
        char = _char(p.lines, p.line - 1, p.col - 1)
        return p.at(
            p.line,
            p.col - 1,
            f'"\\{char}" không được phép trong ngoặc kép — viết "\\\\" nếu cần dấu \\, '
            "hoặc đặt giá trị trong ngoặc đơn '…'",
        )
    return None


def _structure_rule(p: _Problem) -> ContentError | None:
    if "simple key" in p.what and p.opening:
        return p.at_opening(
            'dòng này thiếu dấu hai chấm ":" sau tên trường — viết "tên_trường: giá trị"; nếu '
            "đây là phần tiếp theo của giá trị dòng trên, nối vào dòng trên"
        )
    if ("flow sequence" in p.what or "flow mapping" in p.what) and p.opening:
        open_char = p.opening_char()
        close_char = "]" if open_char == "[" else "}"
        return p.at_opening(
            f'dấu "{open_char}" mở ở đây chưa được đóng — thêm "{close_char}" ở cuối; nếu đây '
            "là chữ thường thì đặt cả giá trị trong ngoặc kép"
        )
    for needle, message in _FIXED:
        if needle in p.what:
            return p.at(p.line, p.col, message)
    return None


def _layout_rule(p: _Problem) -> ContentError | None:
    if "'<document start>'" in p.what:
        return _indent_error(p.lines, _first_content(p.lines), p.at)
    if "mapping values are not allowed" in p.what:
        return _colon_problem(p.lines, p.line, p.col, p.at)
    if "expected <block end>" in p.what:
        return _block_end_problem(p.lines, p.line, p.col, p.what, p.at)
    return None


_RULES: tuple[Callable[[_Problem], ContentError | None], ...] = (
    _quote_rule,
    _character_rule,
    _structure_rule,
    _layout_rule,
)


def _special_start(char: str) -> str:
    return (
        f'giá trị không được bắt đầu bằng ký tự "{char}" (ký tự này có nghĩa riêng trong '
        f'YAML) — đặt cả giá trị trong ngoặc kép, ví dụ: "{char}…"'
    )


def _first_content(lines: list[str]) -> int:
    """The first line that holds data (the one whose indentation sets the top level)."""
    for number, text in enumerate(lines, 1):
        if text.strip() and not text.lstrip().startswith("#"):
            return number
    return 1


def _char(lines: list[str], line0: int, col0: int) -> str:
    if 0 <= line0 < len(lines) and 0 <= col0 < len(lines[line0]):
        return lines[line0][col0]
    return ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _runaway_quote(text: str, error_line: int) -> tuple[int, int, str, int] | None:
    """The opening quote of a string that ran across lines that look like keys, if any."""
    found: tuple[int, int, str, int] | None = None
    lines = text.splitlines()
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            start, end = token.start_mark, token.end_mark
            if start.line + 1 > error_line:
                break
            style = getattr(token, "style", None)
            if not isinstance(token, yaml.ScalarToken) or style not in ('"', "'"):
                continue
            swallowed = swallowed_line(lines, start, end)
            if swallowed:
                found = (start.line + 1, start.column + 1, style, swallowed)
    except yaml.YAMLError:
        pass
    return found


def _tab_message(lines: list[str], line: int, col: int) -> str:
    before = lines[line - 1][: col - 1] if line <= len(lines) else ""
    if before.strip() == "":
        return (
            "dòng này thụt lề bằng phím Tab — YAML chỉ nhận dấu cách: xóa Tab và gõ dấu cách "
            "(mỗi cấp 2 dấu cách), cho thẳng cột với các dòng cùng cấp"
        )
    return "có ký tự Tab ở đây — YAML không nhận Tab: thay Tab bằng một dấu cách"


def _levels(lines: list[str], line: int) -> list[int]:
    """Indentations of the lines that enclose `line` (the ones it may align with)."""
    levels: list[int] = []
    limit: int | None = None
    for previous in reversed(lines[: line - 1]):
        stripped = previous.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = _indent(previous)
        if limit is None or indent < limit:
            levels.append(indent)
            limit = indent
        if indent == 0:
            break
    return sorted(levels)


def _spaces(levels: list[int]) -> str:
    words = [str(n) for n in levels]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " hoặc " + words[-1]


def _indent_error(lines: list[str], line: int, at: _At) -> ContentError:
    current = lines[line - 1] if line <= len(lines) else ""
    indent = _indent(current)
    if not _levels(lines, line):
        return at(
            line,
            indent + 1,
            "dòng dữ liệu đầu tiên không được lùi vào — xóa các dấu cách ở đầu dòng này "
            "(các khóa ngoài cùng viết sát lề trái)",
        )
    levels = [n for n in _levels(lines, line) if n != indent] or [0]
    return at(
        line,
        indent + 1,
        f"thụt lề sai: dòng này lùi vào {indent} dấu cách, còn các dòng phía trên lùi vào "
        f"{_spaces(levels)} dấu cách — sửa cho thẳng cột với dòng cùng cấp (mỗi cấp con lùi thêm "
        "2 dấu cách)",
    )


def _colon_problem(lines: list[str], line: int, col: int, at: _At) -> ContentError:
    current = lines[line - 1] if line <= len(lines) else ""
    head = current[: col - 1]
    if re.search(r":\s", head):
        return at(
            line,
            col,
            'giá trị có dấu hai chấm ":" theo sau là dấu cách — đặt cả giá trị trong ngoặc '
            'kép, ví dụ: tieu_de: "Phần I: Mở đầu"',
        )
    previous = _previous_content(lines, line)
    if previous and re.match(r"^\s*(?:-\s+)?[^\s:#\"']+:[^\s/]", lines[previous - 1]):
        text = lines[previous - 1]
        return at(
            previous,
            text.index(":") + 2,
            'thiếu dấu cách sau dấu hai chấm — viết "khóa: giá trị" (có một dấu cách sau ":")',
        )
    return _indent_error(lines, line, at)


def _previous_content(lines: list[str], line: int) -> int:
    for number in range(line - 1, 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return 0


def _block_end_problem(
    lines: list[str], line: int, col: int, problem: str, at: _At
) -> ContentError:
    current = lines[line - 1] if line <= len(lines) else ""
    before = current[: col - 1].rstrip()
    if "'<scalar>'" in problem and before.endswith(('"', "'")):
        quote = before[-1]
        other = "'" if quote == '"' else '"'
        return at(
            line,
            col,
            f"có chữ nằm sau dấu {quote} đóng giá trị — nếu giá trị có dấu {quote} bên trong, "
            f"đặt cả giá trị trong dấu {other}, ví dụ: {other}Nghị quyết {quote}5 rõ{quote}{other}",
        )
    if "'?'" in problem or "'-'" in problem:
        return at(
            line,
            _indent(current) + 1,
            'mục danh sách (dòng bắt đầu bằng "-") và khóa "tên: giá trị" nằm lẫn ở cùng một '
            'cấp — các mục "-" phải lùi vào thẳng cột dưới khóa chứa chúng',
        )
    return _indent_error(lines, line, at)


def fallback(problem: str) -> str:
    return (
        "cú pháp YAML không hợp lệ — kiểm tra thụt lề (chỉ dùng dấu cách, các khóa cùng cấp "
        f"thẳng cột) và các dấu ngoặc kép (chi tiết kỹ thuật: {problem})"
    )
