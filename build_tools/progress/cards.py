"""Share cards: the Open Graph image (1200×630) of every task and document page.

A card says what a shared link is about: the kind and number, the title, the status and a
date. It is drawn with Pillow in one grey channel whose values 0–127 are the body (white
to dark text) and 128–255 the top band (red to white text): antialiased text lands between
its fill and background values, so a 16-colour palette (8 shades on each background) gives
the real colours without quantising, saved as a 4-bit PNG: ≈ 32 KB and ≈ 6 ms a card (a
city has 10,000), and the same inputs give the same bytes (no time, no metadata).

Cards are drawn into their own folder (Paths.cards, .the-chia-se/<page>/the.png), and only
when their inputs changed: its .the-chia-se.json records the hash of each card's inputs (its
text, the fonts, LAYOUT). They stay out of docs/: 10,500 more files there made MkDocs list
and check twice as many files on every preview save. `publish` copies them beside their
pages in the built site, skipping those already there. The fonts are Noto Sans (SIL Open
Font License 1.1, build_tools/fonts/README.md); nothing is fetched.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import io
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from build_tools.render import vn_date
from build_tools.workers import context as workers_context

if TYPE_CHECKING:
    from build_tools.models import Site
    from build_tools.progress.model import Task

NAME = "the.png"  # beside the page's index.md / index.html
MANIFEST = ".the-chia-se.json"  # in the cards' folder: {relative path: inputs hash}
LAYOUT = "1"  # change with the drawing: every card is drawn again
WIDTH, HEIGHT, BAND, MARGIN = 1200, 630, 96, 64
FONTS = Path(__file__).resolve().parent.parent / "fonts"
BOLD, REGULAR = "NotoSans-Bold.ttf", "NotoSans-Regular.ttf"
WHITE, DARK, RED = (255, 255, 255), (33, 33, 33), (155, 28, 28)
BODY, TEXT, MUTED, BAND_BG, BAND_TEXT = 0, 127, 100, 255, 128  # indexes (see the palette)
SITE_LINE = "Nghị quyết Đại hội Đảng bộ TP Cần Thơ lần thứ I · 2025–2030"
LEVELS = [v * 8 // 128 if v < 128 else 8 + (v - 128) * 8 // 128 for v in range(256)]
PARALLEL_FROM = 64  # cards to draw before worker processes pay off


@dataclass(frozen=True)
class Card:
    """Everything a card shows (and so its cache key)."""

    kicker: str  # "Nhiệm vụ CT01-2", "Chỉ thị số 01-CT/TU"
    title: str
    status: str
    date: str

    def key(self) -> str:
        parts = (LAYOUT, _fonts_hash(), self.kicker, self.title, self.status, self.date)
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def cards(site: Site) -> dict[str, Card]:
    """Every card, by its path under docs/."""
    progress = site.progress
    found = {
        f"{task.url}{NAME}": Card(
            f"Nhiệm vụ {task.id}", task.title, task.status_label, _dates(task)
        )
        for task in progress.tasks
    }
    tracked_by = Counter(task.source.document for task in progress.tasks)
    for doc in site.corpus.documents:
        meta = doc.meta
        number = f"{meta.kind} số {meta.number}" if meta.number else meta.kind
        tracked = tracked_by[meta.id]
        status = "Dự thảo" if meta.status == "dự thảo" else "Văn bản chính thức"
        if tracked:
            status += f" · {tracked} nhiệm vụ được theo dõi"
        date = f"Ngày ban hành: {vn_date(meta.date)}" if meta.date else "Bản gốc không ghi ngày"
        found[f"{doc.url}{NAME}"] = Card(number, meta.title, status, date)
    return found


def _dates(task: Task) -> str:
    """Dates from the content, not the status date: a card is drawn again when the task's
    status, deadline or newest report changes, not every day (10,000 cards)."""
    last = task.state.last_update
    report = f"báo cáo gần nhất ngày {vn_date(last)}" if last else "chưa có báo cáo"
    return f"Hạn: {task.deadline.text} · {report}"


def sync(docs: Path, wanted: dict[str, Card]) -> list[str]:
    """Draw into `docs` (Paths.cards) the cards whose inputs changed, remove those no
    longer wanted; returns what changed (relative paths)."""
    docs.mkdir(parents=True, exist_ok=True)
    manifest = docs / MANIFEST
    known: dict[str, str] = json.loads(manifest.read_text("utf-8")) if manifest.exists() else {}
    keys = {rel: card.key() for rel, card in wanted.items()}
    stale = sorted(rel for rel in known if rel not in wanted)
    for rel in stale:
        (docs / rel).unlink(missing_ok=True)
        if (docs / rel).parent.is_dir() and not any((docs / rel).parent.iterdir()):
            (docs / rel).parent.rmdir()
    todo = sorted(r for r in wanted if known.get(r) != keys[r] or not (docs / r).exists())
    for rel, data in zip(todo, _draw_all([wanted[r] for r in todo]), strict=True):
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{NAME}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    if keys != known:
        manifest.write_text(json.dumps(keys, sort_keys=True, indent=0) + "\n", "utf-8")
    return stale + todo


def publish(store: Path, site_dir: Path) -> int:
    """Copy every card of `store` beside its page in `site_dir` (one already there with
    the same size and time is kept: a preview save copies only redrawn cards)."""
    manifest = store / MANIFEST
    known: dict[str, str] = json.loads(manifest.read_text("utf-8")) if manifest.exists() else {}
    copied = 0
    for rel in known:
        source, target = store / rel, site_dir / rel
        if not target.parent.is_dir():
            continue  # the page is not in this site (a partial build)
        mine = source.stat()
        try:
            theirs = target.stat()
            if (theirs.st_size, theirs.st_mtime_ns) == (mine.st_size, mine.st_mtime_ns):
                continue
        except FileNotFoundError:
            pass
        shutil.copy2(source, target)
        copied += 1
    return copied


def _draw_all(todo: list[Card]) -> Iterable[bytes]:
    if len(todo) < PARALLEL_FROM:
        return [draw(card) for card in todo]
    processes = min(os.cpu_count() or 1, 4)
    pool = concurrent.futures.ProcessPoolExecutor(processes, mp_context=workers_context())
    with pool:
        return list(pool.map(draw, todo, chunksize=64))


def draw(card: Card) -> bytes:
    """The card as PNG bytes: deterministic."""
    image = _base().copy()
    _text(image, MARGIN, BAND + 80, card.kicker, BOLD, 34, MUTED)
    for row, text in enumerate(_wrap(card.title, BOLD, 48, 4)):
        _text(image, MARGIN, BAND + 160 + 62 * row, text, BOLD, 48, TEXT)
    _text(image, MARGIN, HEIGHT - 96, _wrap(card.status, BOLD, 34, 1)[0], BOLD, 34, TEXT)
    _text(image, MARGIN, HEIGHT - 44, _wrap(card.date, REGULAR, 30, 1)[0], REGULAR, 30, MUTED)
    levels = image.point(LEVELS)  # 16 colours: 8 shades of text on each background
    indexed = Image.frombytes("P", image.size, levels.tobytes())
    indexed.putpalette(_palette())
    out = io.BytesIO()
    indexed.save(out, "PNG", compress_level=1, bits=4)  # ≈ 32 KB in ≈ 6 ms
    return out.getvalue()


@cache
def _base() -> Image.Image:
    """The part every card shares: the band with the site's name, the rule."""
    image = Image.new("L", (WIDTH, HEIGHT), BODY)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, BAND), fill=BAND_BG)
    _text(image, MARGIN, BAND // 2 + 11, SITE_LINE, BOLD, 30, BAND_TEXT)
    pen.line((MARGIN, HEIGHT - 150, WIDTH - MARGIN, HEIGHT - 150), fill=40, width=2)
    return image


def _text(
    image: Image.Image, x: float, baseline: int, text: str, font: str, size: int, fill: int
) -> None:
    """Draw `text` glyph by glyph from a cache: FreeType renders each letter once per
    process, not once per card (10x faster than ImageDraw.text for 10,000 cards)."""
    for char in text:
        mask, (dx, dy), advance = _glyph(font, size, char)
        if mask is not None:
            image.paste(fill, (round(x) + dx, baseline + dy), mask)
        x += advance


@cache
def _glyph(font: str, size: int, char: str) -> tuple[Image.Image | None, tuple[int, int], float]:
    face = _font(font, size)
    core, offset = face.getmask2(char, mode="L", anchor="ls")
    mask = Image.frombytes("L", core.size, bytes(core)) if core.size[0] else None
    return mask, offset, face.getlength(char)


def _width(text: str, font: str, size: int) -> float:
    return sum(_glyph(font, size, char)[2] for char in text)


def _wrap(text: str, font: str, size: int, lines: int) -> list[str]:
    """Greedy word wrap to the card's width; the last line ends with "…" if words remain."""
    width = WIDTH - 2 * MARGIN
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and _width(f"{line} {words[0]}", font, size) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if not out:
        return [""]
    if words or _width(out[-1], font, size) > width:
        last = out[-1]
        while last and _width(last + " …", font, size) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        out[-1] = last + " …"
    return out


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


@cache
def _fonts_hash() -> str:
    digest = hashlib.sha256()
    for name in (BOLD, REGULAR):
        digest.update((FONTS / name).read_bytes())
    return digest.hexdigest()[:16]


@cache
def _palette() -> list[int]:
    def blend(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> list[int]:
        return [round(x + (y - x) * t) for x, y in zip(a, b, strict=True)]

    body = [c for i in range(8) for c in blend(WHITE, DARK, i / 7)]
    band = [c for i in range(8) for c in blend(WHITE, RED, i / 7)]
    return body + band
