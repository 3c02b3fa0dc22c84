"""Issue 20: the converter measured on the corpus of real documents (tests/corpus/).

Not part of `make test`: the originals are not in git. `make corpus` runs this module on the
originals in `CORPUS_DIR` (default: ../shared/corpus next to the checkout, laid out as
<slug>/goc.<ext>); a missing original fails, it is never skipped. For each document it
converts the original and measures, against the outline written by reading it (dan-y.yml):
words kept, heading recall, nesting errors, body paragraphs made headings and tables
rebuilt, then prints one line per document.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools.documents.convert import convert_text
from build_tools.documents.convert.normalize import unmark_markdown
from build_tools.documents.fidelity import WORD, missing
from build_tools.documents.importer import ConvertError, convert_file, source_text
from tests.helpers import ROOT

CORPUS = ROOT / "tests" / "corpus"
THRESHOLD_HEADINGS = 0.98
SLUGS = sorted(p.name for p in CORPUS.iterdir() if (p / "dan-y.yml").is_file())
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)(?:\s*\{[^}]*\})?\s*$")
REFUSAL = "(bản chụp"  # nguon.yml "loai" of a scan the converter must refuse


def corpus_dir() -> Path:
    configured = os.environ.get("CORPUS_DIR")
    return Path(configured) if configured else ROOT.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Heading:
    level: int  # the outline level: 1 for the outermost division
    text: str


@dataclass(frozen=True)
class Table:
    rows: int  # header row included
    columns: int
    header: tuple[str, ...]


@dataclass
class Measure:
    slug: str
    words: int = 0
    lost: int = 0
    expected: int = 0
    found: int = 0
    nesting: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    tables: int = 0
    tables_rebuilt: int = 0
    table_notes: list[str] = field(default_factory=list)
    refused: str = ""

    def failures(self) -> list[str]:
        out = []
        if self.lost:
            out.append(f"words kept {self.words - self.lost}/{self.words}")
        if self.expected and self.found / self.expected < THRESHOLD_HEADINGS:
            out.append(f"headings {self.found}/{self.expected}: missed {self.missed}")
        if self.nesting:
            out.append(f"nesting errors: {self.nesting}")
        if self.false:
            out.append(f"body paragraphs made headings: {self.false}")
        if self.tables_rebuilt < self.tables:
            out.append(f"tables {self.tables_rebuilt}/{self.tables}: {self.table_notes}")
        return out


RESULTS: list[Measure] = []


def key(text: str) -> tuple[str, ...]:
    """A heading's words, for matching: letters and digits only, NFC, lower case."""
    text = unicodedata.normalize("NFC", text.replace("\\", ""))
    return tuple(w.lower() for w in WORD.findall(text))


RECIPIENTS_SECTION = re.compile(r"^## Nơi nhận \{#noi-nhan(?:-\d+)?\}$")


def produced_headings(markdown: str) -> list[Heading]:
    """ATX headings outside code blocks; `##` is level 1 (`#` is the page title).

    The converter closes a page with a "Nơi nhận" section of its own when the recipients
    block stands apart (the site's convention: topics and the clause register know it names
    recipients, not assignments); it is page furniture, not a heading of the document."""
    out = []
    for line in markdown.split("\n"):
        match = HEADING.match(line)
        if match and not RECIPIENTS_SECTION.match(line):
            out.append(Heading(len(match.group("hashes")) - 1, match.group("text")))
    return out


def produced_tables(markdown: str) -> list[Table]:
    """Pipe tables: a header row, a `| --- |` row, then body rows."""
    tables = []
    lines = markdown.split("\n")
    for i in range(len(lines) - 1):
        starts = lines[i].startswith("|") and (i == 0 or not lines[i - 1].startswith("|"))
        if not starts or not re.match(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$", lines[i + 1]):
            continue
        end = i + 2
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        header = tuple(" ".join(c.split()) for c in _cells(lines[i]))
        tables.append(Table(end - i - 1, len(header), header))
    return tables


def _cells(row: str) -> list[str]:
    inner = row.strip()[1:]
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    cells = re.split(r"(?<!\\)\|", inner)
    return [re.sub(r"<br\s*/?>", " ", c).replace("\\|", "|").strip() for c in cells]


def measure(slug: str, original: Path) -> Measure:
    outline = yaml.safe_load((CORPUS / slug / "dan-y.yml").read_text(encoding="utf-8"))
    result = Measure(slug)
    try:
        markdown = convert_file(original)
    except ConvertError as exc:
        result.refused = str(exc)
        return result
    text = source_text(original)
    result.words = len(WORD.findall(unicodedata.normalize("NFC", text)))
    result.lost = sum(len(gap.words) for gap in missing(text, markdown))
    _measure_headings(result, outline.get("dau_muc") or [], produced_headings(markdown))
    _measure_tables(result, outline.get("bang") or [], produced_tables(markdown))
    return result


def _measure_headings(result: Measure, expected: list[dict[str, Any]], got: list[Heading]) -> None:
    result.expected = len(expected)
    used: set[int] = set()
    start = 0
    for item in expected:
        wanted = key(str(item["chu"]))
        hit = next((i for i in range(start, len(got)) if key(got[i].text) == wanted), None)
        if hit is None:
            result.missed.append(str(item["chu"])[:60])
            continue
        used.add(hit)
        start = hit + 1
        result.found += 1
        if got[hit].level != int(item["cap"]):
            result.nesting.append(f"{got[hit].text[:40]}: {got[hit].level} ≠ {item['cap']}")
    result.false = [h.text[:60] for i, h in enumerate(got) if i not in used]


def _measure_tables(result: Measure, expected: list[dict[str, Any]], got: list[Table]) -> None:
    result.tables = len(expected)
    for item in expected:
        header = tuple(key(str(c)) for c in item["dau"])
        match = [t for t in got if tuple(key(c) for c in t.header) == header]
        if not match:
            result.table_notes.append(f"no table headed {item['dau'][:3]}…")
            continue
        table = match[0]
        if (table.rows, table.columns) == (int(item["hang"]), int(item["cot"])):
            result.tables_rebuilt += 1
        else:
            result.table_notes.append(
                f"{table.rows}×{table.columns}, expected {item['hang']}×{item['cot']}"
            )


def _original(slug: str) -> Path:
    source = yaml.safe_load((CORPUS / slug / "nguon.yml").read_text(encoding="utf-8"))
    path = corpus_dir() / slug / str(source["tep_goc"])
    if not path.is_file():
        pytest.fail(
            f"{path} is missing: place the corpus originals in {corpus_dir()} "
            "(or set CORPUS_DIR); tests/corpus/<slug>/nguon.yml says where each comes from"
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest == source["nguon"]["sha256"], f"{path}: not the original named in nguon.yml"
    return path


@pytest.mark.parametrize("slug", SLUGS)
def test_corpus_document(slug: str) -> None:
    source = yaml.safe_load((CORPUS / slug / "nguon.yml").read_text(encoding="utf-8"))
    result = measure(slug, _original(slug))
    RESULTS.append(result)
    if REFUSAL in str(source["loai"]):
        assert result.refused, f"{slug}: a scan must be refused with a Vietnamese message"
        return
    assert not result.refused, result.refused
    assert not result.failures(), "; ".join(result.failures())


def report() -> str:
    """One line per measured document (pytest prints it at the end of `make corpus`)."""
    head = (
        f"{'document':<34} {'words kept':>13} {'headings':>9} {'nest':>4} "
        f"{'false':>5} {'tables':>6}  result"
    )
    lines = [head, "-" * len(head)]
    for r in sorted(RESULTS, key=lambda r: r.slug):
        if r.refused:
            lines.append(f"{r.slug:<34} refused: {r.refused[:90]}")
            continue
        lines.append(
            f"{r.slug:<34} {r.words - r.lost:>6}/{r.words:<6} {r.found:>4}/{r.expected:<4} "
            f"{len(r.nesting):>4} {len(r.false):>5} {r.tables_rebuilt:>3}/{r.tables:<2}  "
            f"{'ok' if not r.failures() else 'BELOW'}"
        )
    return "\n".join(lines)


REWRAP_WIDTHS = (60, 72, 100)


def _text_cases() -> list[Any]:
    cases = []
    for slug in SLUGS:
        source = yaml.safe_load((CORPUS / slug / "nguon.yml").read_text(encoding="utf-8"))
        if str(source["tep_goc"]).endswith((".txt", ".md")):
            cases.extend(pytest.param(slug, width, id=f"{slug}-{width}") for width in REWRAP_WIDTHS)
    return cases


@pytest.mark.parametrize(("slug", "width"), _text_cases())
def test_corpus_text_keeps_its_outline_however_it_arrives(slug: str, width: int) -> None:
    """Re-wrapped, CRLF, NFD, BOM, tabs, trailing spaces: the same outline and words."""
    from tests.test_convert import _variants, headings, rewrap, words

    path = _original(slug)
    text = source_text(path)
    if path.suffix == ".md":
        text = unmark_markdown(text)
    expected = convert_text(text)
    for name, variant in {**_variants(text), "rewrap": rewrap(text, width)}.items():
        produced = convert_text(variant)
        assert headings(produced) == headings(expected), (slug, name)
        assert sorted(words(produced)) == sorted(words(expected)), (slug, name)
