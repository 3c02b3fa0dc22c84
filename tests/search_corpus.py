"""Synthetic pages for the search benchmark (never published): copies of the real document
pages and synthetic "5 rõ" task pages.

Everything is deterministic (seeded random) so two benchmark runs index the same text.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import markdown

from build_tools import slugs

DOC_IDS = (
    "chi-thi-01-ct-tu",
    "ke-hoach-hoc-tap-quan-triet",
    "chuong-trinh-hanh-dong-du-thao",
    "cong-van-39-cv-tu",
    "bao-cao-chinh-tri-dang-bo-cac-co-quan-dang",
)
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


# Task files hold their article as HTML under front matter (build_tools/taskpages.py);
# the synthetic ones are written in Markdown and converted as MkDocs would convert them.
_MARKDOWN = markdown.Markdown(
    extensions=["attr_list", "def_list", "md_in_html", "toc"],
    extension_configs={
        "toc": {
            "permalink": "¶",
            "permalink_title": "Liên kết đến mục này",
            "slugify": slugs.slugify,
        }
    },
)


def task_page(number: int, rng: random.Random, sentences: list[str]) -> str:
    """One synthetic task file in the shape build_tools/templates/progress/task.html.j2
    writes (status badge, "5 rõ" definition list, quoted source, five progress reports),
    so the benchmark indexes the same labels and repeated words a real task page carries."""
    unit, partner = rng.sample(UNITS, 2)
    status = rng.choice(STATUSES)
    body = " ".join(rng.sample(sentences, 3))
    deadline = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2025, 2030)}"
    words = body.split()
    start = rng.randrange(max(1, len(words) - 12))
    title = " ".join(words[start : start + 10]).strip(",.;:")
    badge = f'<span class="status status-active">{status}</span>'
    reports = "".join(
        f"- **{day:02d}/{month:02d}/2026** — {unit}: đang thực hiện ({10 * day % 100}%). "
        f"{rng.choice(sentences)}\n"
        for day, month in ((25, 6), (20, 5), (18, 4), (15, 3), (10, 2))
    )
    text = (
        f"# NV-{number:05d}: {title}\n\n{badge}\n"
        '<span class="as-of">Tính đến ngày 30/06/2026.</span>\n\n'
        '<div class="five-clear" markdown>\n\n'
        f"Rõ người\n:   Chủ trì: {unit}\n:   Phối hợp: {partner}\n\n"
        f"Rõ việc\n:   {title}\n\n"
        "Rõ trách nhiệm\n:   Văn bản không nêu riêng.\n\n"
        f"Rõ tiến độ\n:   Hạn: **{deadline}**.\n:   Tình trạng: {badge}\n\n"
        "Rõ kết quả\n:   Văn bản không nêu riêng.\n\n</div>\n\n"
        f"## Nguồn\n\n> {body}\n\n— Kế hoạch thực hiện Nghị quyết, mục II.1, đoạn 2\n\n"
        f"## Báo cáo tiến độ\n\n{reports}"
    )
    front = {
        "title": f"NV-{number:05d}: {title}",
        "description": f"Nhiệm vụ NV-{number:05d} — {status}; hạn: {deadline}.",
        "edit_source": "content/tien-do/nhiem-vu/gia-lap.yml",
    }
    meta = "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items()
    )
    return f"---\n{meta}---\n\n{_MARKDOWN.reset().convert(text)}\n"


def sentences_of(markdown: str) -> list[str]:
    text = " ".join(line for line in markdown.splitlines() if line and not line.startswith("#"))
    return [s.strip() + "." for s in re.split(r"[.;]\s+", text) if len(s.split()) > 6]


def _retitled(markdown: str, suffix: str) -> str:
    """The page with `suffix` added to its title (front matter "title:", else the first line)."""
    if markdown.startswith("---\n"):
        return re.sub(r'^title: "(.*)"$', rf'title: "\1{suffix}"', markdown, count=1, flags=re.M)
    first, _, rest = markdown.partition("\n")
    return f"{first}{suffix}\n{rest}"


def write_city(docs_dir: Path, documents: dict[str, str], copies: int, tasks: int) -> None:
    """Write `copies` copies of every document and `tasks` task pages under docs_dir."""
    rng = random.Random(20251024)
    pool: list[str] = []
    for doc_id, source in documents.items():
        pool += sentences_of(source)
        for k in range(1, copies):
            page = docs_dir / "van-ban" / f"{doc_id}-ban-{k:03d}" / "index.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(_retitled(source, f" (bản {k})"), encoding="utf-8")
    for n in range(1, tasks + 1):
        page = docs_dir / "tien-do" / "nhiem-vu" / f"nv-{n:05d}" / "index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(task_page(n, rng, pool), encoding="utf-8")
