"""Synthetic pages for the search benchmark (never published): copies of the real document
pages, task pages, and - until the document pages exist - a crude reading of the seeds.

Everything is deterministic (seeded random) so two benchmark runs index the same text.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEEDS = Path("/work/shared/seeds")
DOC_TITLES = {
    "chi-thi-01-ct-tu": "Chỉ thị số 01-CT/TU",
    "ke-hoach-hoc-tap-quan-triet": "Kế hoạch học tập, quán triệt Nghị quyết Đại hội",
    "chuong-trinh-hanh-dong-du-thao": "Chương trình hành động (dự thảo)",
    "cong-van-39-cv-tu": "Công văn số 39-CV/TU",
    "bao-cao-chinh-tri-dang-bo-cac-co-quan-dang": "Báo cáo chính trị Đảng bộ các cơ quan Đảng",
}
_PART = re.compile(r"^PHẦN\s+([IVX]+)\b[:.\-]?\s*(.*)$")
_ROMAN = re.compile(r"^([IVX]+)[-.]\s*(.+)$")
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)[-.]\s+(.+)$")
UNITS = (
    "Ban Tuyên giáo và Dân vận Thành ủy",
    "Ban Tổ chức Thành ủy",
    "Văn phòng Thành ủy",
    "Ủy ban Kiểm tra Thành ủy",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Tài chính",
    "Đảng ủy các cơ quan Đảng thành phố",
    "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố",
    "Công an thành phố",
)
STATUSES = ("Chưa bắt đầu", "Đang thực hiện", "Đã hoàn thành", "Quá hạn", "Chưa có báo cáo")


def seed_markdown(text: str, title: str) -> str:
    """A rough Markdown reading of a seed: numbered lines become headings with scheme ids."""
    out = [f"# {title}", ""]
    state: dict[str, str] = {}
    para: list[str] = []
    for raw in [*text.splitlines(), ""]:
        line = " ".join(raw.split())
        heading = _heading(line, state)
        if (heading or not line) and para:
            out.extend([" ".join(para), ""])
            para.clear()
        if heading:
            out.extend([heading, ""])
        elif line:
            para.append(line)
    return "\n".join(out)


def _heading(line: str, state: dict[str, str]) -> str:
    """A Markdown heading for a numbered line, updating the PHẦN / roman context."""
    if m := _PART.match(line):
        state.clear()
        state["part"] = f"phan-{m.group(1).lower()}"
        return f"## {line} {{#{state['part']}}}"
    if (m := _ROMAN.match(line)) and len(line) < 120:
        state["roman"] = m.group(1).lower()
        prefix = [state[k] for k in ("part", "roman") if k in state]
        return f"{'#' * (len(prefix) + 1)} {line} {{#{'-'.join(prefix)}}}"
    if (m := _NUMBERED.match(line)) and len(line) < 160:
        prefix = [state[k] for k in ("part", "roman") if k in state]
        parts = m.group(1).split(".")
        depth = min(len(prefix) + len(parts) + 1, 6)
        return f"{'#' * depth} {line} {{#{'-'.join([*prefix, *parts])}}}"
    return ""


def seed_documents() -> dict[str, str]:
    """{doc id: Markdown} from the five seed files."""
    files = sorted(SEEDS.glob("00*_*.txt"))
    docs = {}
    for (doc_id, title), path in zip(DOC_TITLES.items(), files, strict=True):
        docs[doc_id] = seed_markdown(path.read_text(encoding="utf-8"), title)
    return docs


def task_page(number: int, rng: random.Random, sentences: list[str]) -> str:
    """One synthetic task page, shaped like a "5 rõ" task."""
    unit = rng.choice(UNITS)
    status = rng.choice(STATUSES)
    body = " ".join(rng.sample(sentences, 3))
    deadline = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2025, 2030)}"
    words = body.split()
    start = rng.randrange(max(1, len(words) - 12))
    title = " ".join(words[start : start + 10]).strip(",.;:")
    return (
        f"# Nhiệm vụ NV-{number:05d}: {title}\n\n"
        f"- **Rõ người:** {unit}\n- **Rõ tiến độ:** hạn {deadline}\n"
        f"- **Trạng thái:** {status}\n\n## Nội dung {{#noi-dung}}\n\n{body}\n"
    )


def sentences_of(markdown: str) -> list[str]:
    text = " ".join(line for line in markdown.splitlines() if line and not line.startswith("#"))
    return [s.strip() + "." for s in re.split(r"[.;]\s+", text) if len(s.split()) > 6]


def write_city(docs_dir: Path, documents: dict[str, str], copies: int, tasks: int) -> None:
    """Write `copies` copies of every document and `tasks` task pages under docs_dir."""
    rng = random.Random(20251024)
    pool: list[str] = []
    for doc_id, markdown in documents.items():
        pool += sentences_of(markdown)
        for k in range(1, copies):
            page = docs_dir / "van-ban" / f"{doc_id}-ban-{k:03d}" / "index.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            first, rest = markdown.split("\n", 1)
            page.write_text(f"{first} (bản {k})\n{rest}", encoding="utf-8")
    for n in range(1, tasks + 1):
        page = docs_dir / "tien-do" / "nhiem-vu" / f"nv-{n:05d}" / "index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(task_page(n, rng, pool), encoding="utf-8")
