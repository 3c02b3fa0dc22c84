"""What a document's Markdown (content/van-ban/<id>/noi-dung.md) may hold, beyond words.

The file is published as Markdown, and Python-Markdown passes raw HTML through and turns
`{: onclick=… }` into attributes; so the Markdown is checked before anything is built
(issue 13), each problem at its line and column, in Vietnamese:

- HTML: only the tags the converter writes (<sup>, <sub>, <br>) and simple emphasis,
  without attributes; anything else (<img onerror>, <script src=…>, <iframe>, comments)
  is refused, even when it holds no word (the fidelity gate counts words only);
- attribute lists hold only `#anchor` and `.class`;
- headings are `## …` to `###### …`: "# …" (the page's own title) and a line underlined
  with "===" or "---" would become headings the document's outline does not know;
- images are refused, and link targets are anchors of a document on this site
  (`#anchor`, `../<id>/index.md#anchor`): no scheme (javascript:, data:, https:…), no
  other host. `links` returns them; `check_links` checks them against the corpus, so a
  broken link is reported here, not as an MkDocs warning about a generated page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from build_tools.errors import ErrorSink, SourceLocation
from build_tools.yamlio import SCRIPT_URL

TAG = re.compile(r"<[A-Za-z!?/][^<>\n]*>?")
ALLOWED_TAG = re.compile(r"</?(?:sup|sub|br|b|i|em|strong|u)\s*/?>", re.IGNORECASE)
ATTR_LIST = re.compile(r"\{:?(?P<body>[^{}\n]*)\}")
ATTR_TOKEN = re.compile(r"^[#.][\w-]+$")
IMAGE = re.compile(r"!\[[^\]\n]*\]\(")
LINK_TARGET = re.compile(r"\]\(\s*(?P<target>[^)\s]*)")
REFERENCE_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:\s*(?P<target>\S+)")
DOCUMENT_LINK = re.compile(r"^(?:\.\./(?P<doc>[a-z0-9-]+)/(?:index\.md)?)?(?:#(?P<anchor>.*))?$")


@dataclass(frozen=True)
class Link:
    """A link written in a document's Markdown, to be checked against the corpus."""

    line: int
    col: int
    target: str
    document: str  # "" for an anchor of the same document
    anchor: str


def check(text: str, shown: str, sink: ErrorSink) -> tuple[Link, ...]:
    """Report unsafe markup in `text` (a noi-dung.md) to `sink`; returns its links."""
    links: list[Link] = []
    previous = ""
    for number, line in enumerate(text.split("\n"), start=1):
        at = partial(_location, shown, number)
        _heading_syntax(previous, line, at, sink)
        previous = line
        _html(line, at, sink)
        _attributes(line, at, sink)
        _script_url(line, at, sink)
        links += _links(line, number, at, sink)
    return tuple(links)


def _location(shown: str, line: int, col0: int) -> SourceLocation:
    return SourceLocation(shown, line, col0 + 1)


LEVEL_ONE = re.compile(r"^ {0,3}#(?:[ \t]|$)")
UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
NOT_A_TITLE_LINE = re.compile(r"^\s*(?:$|[|>#]|[-+*][ \t]|\d{1,9}[.)][ \t]|\{:)")


def _heading_syntax(
    previous: str, line: str, at: Callable[[int], SourceLocation], sink: ErrorSink
) -> None:
    """Headings the page cannot hold: "# …" is the document's name, set by the page; a line
    underlined with "===" or "---" becomes a heading the document's outline does not know."""
    if LEVEL_ONE.match(line):
        sink.add(
            at(line.index("#")),
            "đề mục cấp 1 “# …” dành cho tên văn bản, trang tự đặt — đề mục trong văn bản "
            "bắt đầu bằng “## ” (cấp cao nhất) đến “###### ”",
        )
    elif UNDERLINE.match(line) and not NOT_A_TITLE_LINE.match(previous):
        sink.add(
            at(len(line) - len(line.lstrip())),
            f"dòng “{line.strip()[:10]}” ngay dưới một dòng chữ biến dòng đó thành đề mục mà "
            "dàn ý văn bản không ghi nhận — viết đề mục bằng “## …”, hoặc để một dòng trống "
            "trước dòng này",
        )


def _html(line: str, at: Callable[[int], SourceLocation], sink: ErrorSink) -> None:
    for tag in TAG.finditer(line):
        if ALLOWED_TAG.fullmatch(tag.group(0)):
            continue
        shown = tag.group(0) if len(tag.group(0)) <= 40 else tag.group(0)[:39] + "…"
        sink.add(
            at(tag.start()),
            f"văn bản có mã HTML “{shown}” — văn bản chỉ được viết bằng Markdown (ngoài các "
            "thẻ <sup>, <sub>, <br> không thuộc tính): xóa thẻ, giữ nguyên chữ của bản gốc",
        )


def _attributes(line: str, at: Callable[[int], SourceLocation], sink: ErrorSink) -> None:
    for found in ATTR_LIST.finditer(line):
        for token in found.group("body").split():
            if "=" in token or (token[0] in "#." and not ATTR_TOKEN.match(token)):
                sink.add(
                    at(found.start()),
                    f"thuộc tính “{token[:40]}” trong “{{…}}” không được phép — chỉ dùng mã "
                    "neo {: #ma-neo } hoặc lớp trình bày {: .ten-lop }",
                )


def _script_url(line: str, at: Callable[[int], SourceLocation], sink: ErrorSink) -> None:
    found = SCRIPT_URL.search(line)
    if found:
        sink.add(
            at(found.start()),
            f"văn bản có địa chỉ “{found.group(0)}” — loại địa chỉ này có thể chạy mã trên máy "
            "người đọc: xóa nó",
        )


def _links(
    line: str, number: int, at: Callable[[int], SourceLocation], sink: ErrorSink
) -> list[Link]:
    for image in IMAGE.finditer(line):
        sink.add(
            at(image.start()),
            "văn bản không được chèn ảnh “![…](…)” — trang chỉ đăng chữ của bản gốc; xóa phần ảnh",
        )
    images = {m.end() for m in IMAGE.finditer(line)}  # reported above
    found = [
        (m.start("target"), m.group("target"))
        for m in LINK_TARGET.finditer(line)
        if m.start() + 2 not in images
    ]
    definition = REFERENCE_DEF.match(line)
    if definition:
        found.append((definition.start("target"), definition.group("target")))
    links = []
    for col, target in found:
        if SCRIPT_URL.match(target):
            continue  # reported by _script_url
        local = DOCUMENT_LINK.match(target)
        if local is None or not target:
            sink.add(
                at(col),
                f"liên kết “{target[:60]}” không dẫn đến một văn bản trên trang — chỉ liên kết "
                "đến mã neo (#ma-neo) hoặc văn bản khác (../ma-van-ban/index.md#ma-neo); "
                "không liên kết ra ngoài trang",
            )
            continue
        links.append(Link(number, col + 1, target, local["doc"] or "", local["anchor"] or ""))
    return links


def check_links(
    shown: str,
    doc_id: str,
    links: tuple[Link, ...],
    has_anchor: Callable[[str, str], bool],
    has_document: Callable[[str], bool],
    sink: ErrorSink,
) -> None:
    """Every link of one document points at a document and anchor that exist."""
    for link in links:
        where = SourceLocation(shown, link.line, link.col)
        target = link.document or doc_id
        if not has_document(target):
            sink.add(
                where,
                f"liên kết “{link.target}”: không có văn bản “{target}” trong content/van-ban/ "
                "— sửa mã văn bản (tên thư mục của văn bản)",
            )
        elif link.anchor and not has_anchor(target, link.anchor):
            sink.add(
                where,
                f"liên kết “{link.target}”: văn bản “{target}” không có mã neo “{link.anchor}” — "
                "chép mã neo từ liên kết ¶ của mục hoặc đoạn trên trang văn bản",
            )
