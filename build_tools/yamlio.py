"""Safe YAML loading that keeps the line and column of every mapping key and list item.

PyYAML forgets positions once it builds Python objects; editors need them in messages.
Dates stay strings (the pipeline parses them and explains what is wrong), and a key written
twice is an error instead of a silent overwrite.

Syntax errors are explained in Vietnamese at the place an editor has to change (the
opening quote of an unclosed string, the first character of a badly indented line), as
`path:line:col: what is wrong — how to fix`.

Every value is untrusted text (issue 13): anchors and aliases (`&a`, `*a`: a 500-byte
"alias bomb" expands to gigabytes) are refused before anything is built, and so are files
over MAX_FILE_BYTES, values over MAX_FIELD_CHARS, HTML tags and script URLs in a value.
Public API:

- `parse_yaml(text, path) -> (data | None, errors)` and `load_yaml(file, shown_as)`;
  they never raise for bad content.
- `LocatedDict.loc(key)`, `.key_locations`, `.location`; `LocatedList.item_locations`,
  `.location`: where each key / item stands, for messages about values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode

from build_tools.errors import ContentError, SourceLocation

MAX_FILE_BYTES = 5 * 1024 * 1024  # a YAML file (city scale: 500 tasks per file ≈ 0.4 MB)
MAX_FIELD_CHARS = 10_000  # one value (the longest quoted clause today: ≈ 950 characters)
# A tag as a browser reads it (`<b`, `</`, `<!--`, `<?`); "< 5%" is text.
HTML_TAG = re.compile(r"<[A-Za-z/!?]")
# URL schemes that run script or embed content on the reader's page (spaces and case as
# browsers forgive them); "data:" only in URL form, so "big data: …" is text.
SCRIPT_URL = re.compile(
    r"(?i)(?:j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:"
    r"|\bdata\s*:\s*[a-z]+/[a-z0-9.+-]+\s*[;,]"
)


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
    """SafeLoader without implicit timestamps, building Located containers.

    The pure-Python parser: its error messages and marks are what `_explain` words."""

    path = ""
    text = ""
    lines: list[str] | None = None  # text.splitlines(), computed on first need
    problems: list[ContentError]


class _FastLoader(yaml.CSafeLoader):
    """The same loader on libyaml (≈5× faster, same marks); files it rejects are parsed
    again by `_Loader`, so an editor always reads the same explanation."""

    path = ""
    text = ""
    lines: list[str] | None = None
    problems: list[ContentError]


_AnyLoader = _Loader | _FastLoader

_NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.yaml_implicit_resolvers = _NO_TIMESTAMPS
_FastLoader.yaml_implicit_resolvers = _NO_TIMESTAMPS

# A line that looks like `key: value` (project keys are ASCII snake_case) or a list item.
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:(?:\s|$)")


def _location(loader: _AnyLoader, node: Node) -> SourceLocation:
    mark = node.start_mark
    return SourceLocation(loader.path, mark.line + 1, mark.column + 1)


def _construct_mapping(loader: _AnyLoader, node: MappingNode) -> LocatedDict:
    result = LocatedDict()
    result.location = _location(loader, node)
    result.key_locations = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_text = str(key)
        where = _location(loader, key_node)
        if key_text in result:
            first = result.key_locations[key_text].line
            loader.problems.append(
                ContentError(
                    where,
                    f'khóa "{key_text}" bị viết hai lần (lần đầu ở dòng {first}) — '
                    "giữ một dòng, xóa dòng còn lại",
                )
            )
        result[key_text] = loader.construct_object(value_node, deep=True)
        result.key_locations[key_text] = where
    return result


def _construct_sequence(loader: _AnyLoader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.location = _location(loader, node)
    result.item_locations = [_location(loader, child) for child in node.value]
    return result


def _construct_str(loader: _AnyLoader, node: ScalarNode) -> str:
    """A quoted string that silently swallowed the next lines is almost always a typo;
    a value that is too long, holds HTML or a script URL is refused (unsafe_value)."""
    if node.style in ('"', "'") and node.end_mark.line > node.start_mark.line:
        if loader.lines is None:
            loader.lines = loader.text.splitlines()
        swallowed = _swallowed_line(loader.lines, node.start_mark, node.end_mark)
        if swallowed:
            loader.problems.append(
                ContentError(
                    _location(loader, node), _unclosed_quote_message(node.style, swallowed)
                )
            )
    value = str(loader.construct_scalar(node))
    problem = unsafe_value(value)
    if problem:
        loader.problems.append(ContentError(_location(loader, node), problem))
    return value


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 10.000, as Vietnamese writes it


def _maybe_script_url(value: str) -> bool:
    """A cheap test before SCRIPT_URL (run on every value of every file)."""
    if ":" not in value:
        return False
    compact = "".join(value.lower().split())
    return "script:" in compact or "data:" in compact


def unsafe_value(value: str) -> str:
    """Why an editor's value cannot be published as it is, or "" when it can."""
    if len(value) > MAX_FIELD_CHARS:
        return (
            f"giá trị dài {_thousands(len(value))} ký tự, quá giới hạn "
            f"{_thousands(MAX_FIELD_CHARS)} ký tự của một trường — rút gọn; toàn văn một văn "
            "bản thì đưa vào content/van-ban/"
        )
    tag = HTML_TAG.search(value) if "<" in value else None  # (most values: no regex)
    if tag:
        shown = re.match(r"<[/!?]?[\w-]*", value[tag.start() :])
        name = shown.group(0) if shown else "<"
        return (
            f"giá trị có mã HTML “{name}…” — trang web không nhận mã HTML trong dữ liệu: xóa "
            'thẻ, chỉ giữ chữ (dấu "<" đứng trước chữ cái thì viết "nhỏ hơn")'
        )
    url = SCRIPT_URL.search(value) if _maybe_script_url(value) else None
    if url:
        return (
            f"giá trị có địa chỉ “{url.group(0)}” — loại địa chỉ này có thể chạy mã trên máy "
            "người đọc: xóa nó; địa chỉ web phải bắt đầu bằng https://"
        )
    return ""


def _swallowed_line(lines: list[str], start: yaml.Mark, end: yaml.Mark) -> int:
    """The 1-based number of the first key-like line inside a quoted string, or 0."""
    for number in range(start.line + 2, end.line + 2):
        if number <= len(lines) and _KEY_LINE.match(lines[number - 1]):
            return number
    return 0


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
    _loader.add_constructor("tag:yaml.org,2002:str", _construct_str)


def _unclosed_quote_message(quote: str, swallowed: int = 0) -> str:
    name = "ngoặc kép" if quote == '"' else "ngoặc đơn"
    lost = f" (dòng {swallowed} đang bị tính vào giá trị này)" if swallowed else ""
    return (
        f"dấu {name} {quote} mở ở đây chưa được đóng{lost} — thêm dấu {quote} ở cuối giá trị "
        "trên cùng dòng này"
    )


def parse_yaml(text: str, path: str) -> tuple[Any, list[ContentError]]:
    """Parse YAML text; returns (data or None, errors). Never raises for bad content."""
    fast_ok = "\t" not in text and not yaml.reader.Reader.NON_PRINTABLE.search(text)
    shared = _anchor_or_alias(text, path, _FastLoader if fast_ok else _Loader)
    if shared is not None:
        return None, [shared]
    if fast_ok:
        # (libyaml accepts tabs and control characters that PyYAML rejects)
        fast = _FastLoader(text)
        fast.path, fast.text, fast.problems = path, text, []
        try:
            return fast.get_single_data(), list(fast.problems)
        except (yaml.YAMLError, ValueError):
            pass  # explained below by the pure-Python parser, whose messages _explain knows
        finally:
            fast.dispose()
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        return None, [_unprintable(exc, text, path)]
    loader.path = path
    loader.text = text
    loader.problems = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        return None, [_explain(exc, text, path)]
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error is one of the above
        return None, [ContentError(SourceLocation(path), _fallback(str(exc)))]
    finally:
        loader.dispose()
    return data, list(loader.problems)


def _anchor_or_alias(text: str, path: str, loader_class: type[_AnyLoader]) -> ContentError | None:
    """The first anchor (`&name`) or alias (`*name`), read as events before any node is
    composed: a few hundred bytes of aliases expand to gigabytes once built."""
    if "&" not in text and "*" not in text:
        return None  # (neither can occur without its character)
    try:
        parser = loader_class(text)
    except yaml.YAMLError:
        return None  # explained by the loader
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, AliasEvent):
                return ContentError(_event_location(event, path), _ALIAS_MESSAGE)
            if isinstance(event, NodeEvent) and event.anchor is not None:
                return ContentError(_event_location(event, path), _ANCHOR_MESSAGE)
    except yaml.YAMLError:
        return None  # a syntax error: explained by the loader
    finally:
        parser.dispose()
    return None


def _event_location(event: NodeEvent, path: str) -> SourceLocation:
    mark = event.start_mark
    if mark is None:  # pragma: no cover - both parsers mark every event
        return SourceLocation(path)
    return SourceLocation(path, mark.line + 1, mark.column + 1)


_ALIAS_MESSAGE = (
    'giá trị bắt đầu bằng dấu "*" bị YAML hiểu là tham chiếu — đặt cả giá trị trong ngoặc kép'
)
_ANCHOR_MESSAGE = (
    'giá trị bắt đầu bằng dấu "&" bị YAML hiểu là neo để chép lại (không được dùng) — viết '
    "đầy đủ giá trị ở mỗi chỗ cần; nếu & là chữ thì đặt cả giá trị trong ngoặc kép"
)


def _unprintable(exc: yaml.reader.ReaderError, text: str, path: str) -> ContentError:
    line, col = _line_col(text, exc.position)
    return ContentError(
        SourceLocation(path, line, col),
        f"có ký tự điều khiển không nhìn thấy được (mã #x{exc.character:04x}) — "
        "xóa ký tự này (thường lẫn vào khi sao chép từ Word hoặc PDF)",
    )


def load_yaml(path: Path, shown_as: str) -> tuple[Any, list[ContentError]]:
    """Read and parse a YAML file; `shown_as` is the path editors see in messages."""
    too_big = file_too_big(path, shown_as, MAX_FILE_BYTES)
    if too_big is not None:
        return None, [too_big]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [not_utf8(raw, exc, shown_as)]
    return parse_yaml(text, shown_as)


def file_too_big(path: Path, shown_as: str, limit: int) -> ContentError | None:
    """The error for a content file over `limit` bytes (checked before reading it)."""
    size = path.stat().st_size
    if size <= limit:
        return None
    return ContentError(
        SourceLocation(shown_as, 1, 1),
        f"tệp nặng {_megabytes(size)} MB, quá giới hạn {_megabytes(limit)} MB — chia thành "
        "nhiều tệp nhỏ hơn (mỗi tệp một nhóm nhiệm vụ hoặc báo cáo)",
    )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def not_utf8(raw: bytes, exc: UnicodeDecodeError, shown_as: str) -> ContentError:
    """The error for a file saved in another encoding, at the first bad byte."""
    before = raw[: exc.start].decode("utf-8", errors="replace")
    line, col = _line_col(before, len(before))
    return ContentError(
        SourceLocation(shown_as, line, col),
        "tệp không được lưu bằng bảng mã UTF-8 — mở tệp và lưu lại với bảng mã UTF-8 "
        '(trong trình soạn thảo: "Save with Encoding" → "UTF-8")',
    )


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


# --- explaining syntax errors -------------------------------------------------------------

_At = Callable[[int, int, str], ContentError]

# Fixed messages for PyYAML problems that need no look at the text (matched in order).
_FIXED = (
    ("undefined alias", _ALIAS_MESSAGE),
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


def _explain(exc: yaml.MarkedYAMLError, text: str, path: str) -> ContentError:
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
    return found.at(found.line, found.col, _fallback(found.what))


def _quote_rule(p: _Problem) -> ContentError | None:
    if "quoted scalar" in p.what and "end of stream" in p.what and p.opening:
        return p.at_opening(_unclosed_quote_message(p.opening_char()))
    runaway = _runaway_quote(p.text, p.line)
    if runaway is not None:
        q_line, q_col, quote, swallowed = runaway
        return p.at(q_line, q_col, _unclosed_quote_message(quote, swallowed))
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
            swallowed = _swallowed_line(lines, start, end)
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


def _fallback(problem: str) -> str:
    return (
        "cú pháp YAML không hợp lệ — kiểm tra thụt lề (chỉ dùng dấu cách, các khóa cùng cấp "
        f"thẳng cột) và các dấu ngoặc kép (chi tiết kỹ thuật: {problem})"
    )
