"""The Atom feed (du-lieu-mo/cap-nhat.xml): new documents, progress reports and corrections.

Every entry's date comes from the content (a document's ngay_ban_hanh, a report's ngay, a
change's ngay), never from the clock, and its id from what it is: the document's address,
the report's id (BC-…), the change's fingerprint (TD-…). So the same content gives the
same bytes, and a reader's feed program never sees an entry twice. A document whose source
states no date has no entry (the feed would have to invent one); the open-data page says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from build_tools.progress import dates
from build_tools.progress.model import Change, Progress, Task, Update
from build_tools.render import vn_date

if TYPE_CHECKING:
    from build_tools.documents import Corpus

FOLDER = "du-lieu-mo"
FEED = "cap-nhat.xml"
ATOM = "http://www.w3.org/2005/Atom"
# (category term, label): what an entry announces, for feed readers that filter
DOCUMENT = ("van-ban", "Văn bản mới")
REPORT = ("bao-cao", "Báo cáo tiến độ")
REPORT_CORRECTION = ("dinh-chinh-bao-cao", "Đính chính báo cáo tiến độ")
TASK_CORRECTION = ("dinh-chinh", "Đính chính nhiệm vụ")
TASK_ADJUSTMENT = ("dieu-chinh", "Điều chỉnh nhiệm vụ")
ORDER = {  # within one day: documents first, then what happened to their tasks
    t: i for i, (t, _) in enumerate((DOCUMENT, TASK_ADJUSTMENT, TASK_CORRECTION, REPORT))
}


@dataclass(frozen=True)
class Entry:
    day: date
    category: tuple[str, str]
    ident: str  # an absolute address: stable as long as the site's address is
    link: str
    title: str
    summary: str

    @property
    def key(self) -> tuple[str, int, str]:
        """Newest first; within a day a fixed order, then the id (no ties)."""
        return (self.day.isoformat(), -ORDER.get(self.category[0], len(ORDER)), self.ident)


def document_entries(corpus: Corpus, base: str) -> list[Entry]:
    """One entry per document whose source states its date."""
    out = []
    for doc in corpus.documents:
        meta = doc.meta
        if meta.date is None:
            continue
        name = " ".join(p for p in (meta.kind, f"số {meta.number}" if meta.number else "") if p)
        title = f"{DOCUMENT[1]}: {name} — {meta.title}" if name else f"{DOCUMENT[1]}: {meta.title}"
        link = base + doc.url
        out.append(Entry(meta.date, DOCUMENT, link, link, title, meta.summary))
    return out


def report_entries(progress: Progress, base: str) -> list[Entry]:
    return [_report(u, progress.task(u.task_id), base) for u in progress.updates]


def _report(update: Update, task: Task | None, base: str) -> Entry:
    title = f"{update.task_id}: {update.state.value}"
    if task:
        title += f" — {task.title}"
    category = REPORT
    if update.corrects:
        category = REPORT_CORRECTION
        title = f"Đính chính báo cáo {update.corrects} — {title}"
    link = f"{base}{task.url}#{update.anchor}" if task else f"{base}#{update.anchor}"
    return Entry(update.date, category, link, link, title, update.summary)


def change_entries(progress: Progress, base: str) -> list[Entry]:
    return [_change(task, c, base) for task in progress.tasks for c in task.changes]


def _change(task: Task, change: Change, base: str) -> Entry:
    category = TASK_CORRECTION if change.kind == "đính chính" else TASK_ADJUSTMENT
    title = f"{change.kind.capitalize()} {change.label.lower()} nhiệm vụ {task.id}: {task.title}"
    before = ", ".join(change.before) or "(không ghi)"
    after = ", ".join(change.after) or "(không ghi)"
    summary = f"{change.label}: từ “{before}” thành “{after}”."
    if change.decision:
        summary += f" Theo văn bản số {change.decision} ngày {vn_date(change.date)}."
    if change.reason:
        summary += f" Lý do: {change.reason}"
    link = f"{base}{task.url}#{change.anchor}"
    return Entry(change.date, category, link, link, title, summary)


def entries(progress: Progress, corpus: Corpus, base: str) -> list[Entry]:
    found = [
        *document_entries(corpus, base),
        *report_entries(progress, base),
        *change_entries(progress, base),
    ]
    return sorted(found, key=lambda e: e.key, reverse=True)


def atom(progress: Progress, corpus: Corpus, site_url: str) -> str:
    """The feed, newest first; its date is its newest entry's (the status date if none)."""
    base = site_url.rstrip("/") + "/"
    items = entries(progress, corpus, base)
    updated = max((e.day for e in items), default=progress.data_date or progress.as_of)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="{ATOM}" xml:lang="vi">\n'
        "  <title>Văn bản và tiến độ thực hiện Nghị quyết — TP Cần Thơ</title>\n"
        f'  <link href="{escape(base)}tien-do/"/>\n'
        f'  <link rel="self" href="{escape(base)}{FOLDER}/{FEED}"/>\n'
        f"  <id>{escape(base)}{FOLDER}/{FEED}</id>\n"
        f"  <subtitle>{escape(dates.summary(progress))}</subtitle>\n"
        f"  <updated>{updated.isoformat()}T00:00:00Z</updated>\n"
        "  <author><name>Thành ủy Cần Thơ</name></author>\n"
        + "".join(_xml(e) for e in items)
        + "</feed>\n"
    )


def _xml(entry: Entry) -> str:
    term, label = entry.category
    return (
        "  <entry>\n"
        f"    <title>{escape(entry.title)}</title>\n"
        f'    <link href="{escape(entry.link)}"/>\n'
        f"    <id>{escape(entry.ident)}</id>\n"
        f"    <updated>{entry.day.isoformat()}T00:00:00Z</updated>\n"
        f'    <category term="{term}" label="{escape(label)}"/>\n'
        f"    <summary>{escape(entry.summary)}</summary>\n"
        "  </entry>\n"
    )
