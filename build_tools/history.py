"""`check` against the last published state: nothing published is edited or removed silently.

The last published state is a git commit, the base:
- `PUBLISHED_REF` (environment) when set: CI sets it to the commit a push started from
  (`github.event.before`) or to a pull request's base, with the whole history fetched;
- otherwise the merge-base with the branch's upstream, otherwise HEAD (what is committed).
The baseline file (content/moc-doi-chieu.yml, appended by `python -m build_tools baseline`)
moves the base forward: when a commit after the base changed it, that commit is the base;
while the working copy changes it, there is nothing to compare (the state being set).
Outside a git work tree (a copied folder) there is no history: `check` says so.

Compared with the base, and reported in Vietnamese at file:line:
- a published report (content/tien-do/cap-nhat/) or declaration (content/tien-do/thay-doi/,
  content/da-rut.yml) that is gone or changed: these files are append-only;
- a published task's "han", "chu_tri", "phoi_hop", "trich_dan" that differ (an absent
  field is a value too): a change is an entry in content/tien-do/thay-doi/;
- a published task, unit or document that is gone without an entry in content/da-rut.yml.

Cost: one `git diff --name-status`, then the old text of the changed files only (one
`git cat-file --batch`); an unchanged city-scale project costs a few milliseconds.
"""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.errors import ErrorSink, SourceLocation
from build_tools.paths import Paths
from build_tools.progress import ledger
from build_tools.progress.model import Progress
from build_tools.progress.records import Record, read_records
from build_tools.withdrawn import Withdrawn
from build_tools.yamlio import LocatedDict, parse_yaml

ENV = "PUBLISHED_REF"
BASELINE = "content/moc-doi-chieu.yml"
TASKS = "content/tien-do/nhiem-vu/"
UNITS = "content/tien-do/don-vi/"
REPORTS = "content/tien-do/cap-nhat/"
CHANGES = "content/tien-do/thay-doi/"
WITHDRAWN = "content/da-rut.yml"
DOCUMENTS = "content/van-ban/"
WATCHED_FIELDS = ("han", "chu_tri", "phoi_hop", "trich_dan")
ABSENT = None  # a field the task does not have: a value like any other
FIX_FIELD = (
    'trả lại giá trị đã công bố; nếu trang đọc sai văn bản, thêm một mục "đính chính" (có '
    'lý do), nếu một quyết định đã thay đổi nhiệm vụ, thêm một mục "điều chỉnh" (có số và '
    "ngày văn bản) trong content/tien-do/thay-doi/"
)
FIX_REMOVED = (
    'khôi phục, hoặc khai báo rút trong content/da-rut.yml (ngày, lý do, "thay_bang" nếu đã gộp)'
)


@dataclass(frozen=True)
class Base:
    """The commit compared with (None: nothing to compare) and a sentence for `check`."""

    commit: str | None
    note: str


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _commit(root: Path, ref: str) -> str | None:
    out = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return out.decode().strip() if out else None


def resolve(root: Path) -> Base:
    """The last published state's commit, moved forward by a re-established baseline."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None or Path(top.decode().strip()).resolve() != root.resolve():
        return Base(None, "không có lịch sử git: chưa so được với bản đã công bố")
    if _commit(root, "HEAD") is None:
        return Base(None, "chưa có commit nào: chưa so được với bản đã công bố")
    wanted = os.environ.get(ENV, "").strip()
    base = _commit(root, wanted) if wanted and set(wanted) != {"0"} else None
    missing = (
        f"{ENV}={wanted[:10]} không có trong lịch sử git (clone thiếu lịch sử?); "
        if (wanted and base is None and set(wanted) != {"0"})
        else ""
    )
    if base is None:
        upstream = _git(root, "merge-base", "HEAD", "@{upstream}")
        base = upstream.decode().strip() if upstream else _commit(root, "HEAD")
    if _git(root, "status", "--porcelain", "--", BASELINE):  # changed, new or deleted
        return Base(None, f"đang lập lại mốc đối chiếu ({BASELINE}): không so sánh")
    moved = _git(root, "log", "-1", "--format=%H", f"{base}..HEAD", "--", BASELINE)
    if moved and moved.strip():
        base = moved.decode().strip()
    return Base(base, f"{missing}đã so với bản đã công bố (commit {str(base)[:10]})")


def _changed(root: Path, base: str) -> dict[str, str]:
    """{path: "M" or "D"} of content files changed since `base` (working copy included)."""
    out = _git(root, "diff", "--name-status", "--no-renames", "-z", base, "--", "content")
    parts = out.decode("utf-8").split("\0") if out else []
    return {path: status for status, path in zip(parts[::2], parts[1::2], strict=False) if status}


def _old_texts(root: Path, base: str, files: Iterable[str]) -> dict[str, str]:
    """The text of each file at `base`, read in one `git cat-file --batch`."""
    names = sorted(files)
    if not names:
        return {}
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{base}:{n}\n" for n in names).encode())
    texts: dict[str, str] = {}
    data = out or b""
    position = 0
    for name in names:
        end = data.index(b"\n", position)
        header = data[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            texts[name] = data[position : position + size].decode("utf-8", "replace")
            position += size + 1
    return texts


def _items(text: str, path: str) -> list[LocatedDict]:
    data, _ = parse_yaml(text, path)  # the published text was valid when it was published
    return [i for i in data if isinstance(i, LocatedDict)] if isinstance(data, list) else []


def compare(paths: Paths, progress: Progress, withdrawn: Withdrawn, sink: ErrorSink) -> str:
    """Every in-place edit or undeclared removal since the last published state to `sink`;
    returns what was compared, for `check` to print."""
    base = resolve(paths.root)
    if base.commit is None:
        return base.note
    changed = _changed(paths.root, base.commit)
    yml = [p for p in changed if p.endswith((".yml", ".yaml"))]
    old = _old_texts(paths.root, base.commit, [p for p in yml if _watched(p)])
    old_items = {path: _items(text, path) for path, text in old.items()}
    _tasks(paths, _under(old_items, TASKS), withdrawn, sink)
    read_units(progress, _under(old_items, UNITS), withdrawn, sink)
    _reports(paths, progress, _under(old_items, REPORTS), sink)
    _append_only(paths, "thay-doi", _under(old_items, CHANGES), sink)
    _append_only_file(paths, withdrawn, old_items.get(WITHDRAWN, []), sink)
    if any(p.startswith(DOCUMENTS) and s == "D" for p, s in changed.items()):
        _documents(paths, base.commit, withdrawn, sink)
    return base.note


def _watched(path: str) -> bool:
    return path == WITHDRAWN or path.startswith((TASKS, UNITS, REPORTS, CHANGES))


def _under(old_items: dict[str, list[LocatedDict]], folder: str) -> list[LocatedDict]:
    return [
        item
        for path, items in sorted(old_items.items())
        if path.startswith(folder)
        for item in items
    ]


def _text(item: LocatedDict, key: str) -> str:
    value = item.get(key)
    return value if isinstance(value, str) else ""


# --- tasks and units -------------------------------------------------------------------------


def _shown(value: Any) -> str:
    if value is ABSENT:
        return "(không ghi)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(danh sách rỗng)"
    text = str(value)
    return f'"{text[:77]}…"' if len(text) > 80 else f'"{text}"'


def _tasks(paths: Paths, old: list[LocatedDict], withdrawn: Withdrawn, sink: ErrorSink) -> None:
    if not old:
        return
    current = {r.text("id"): r for r in read_records(paths, "nhiem-vu")}
    for item in old:
        ident = _text(item, "id")
        record = current.get(ident)
        if record is None:
            if not withdrawn.has("nhiệm vụ", ident):
                sink.add(
                    item.location,
                    f"đã công bố nhưng đã bị xóa — {FIX_REMOVED}",
                    subject=f"nhiệm vụ {ident}",
                )
            continue
        for field in WATCHED_FIELDS:
            before, after = item.get(field, ABSENT), record.data.get(field, ABSENT)
            if before != after:
                sink.add(
                    record.loc(field),
                    f"đã công bố là {_shown(before)}, không được sửa tại chỗ — {FIX_FIELD}",
                    field,
                    f"nhiệm vụ {ident}",
                )


def read_units(
    progress: Progress, old: list[LocatedDict], withdrawn: Withdrawn, sink: ErrorSink
) -> None:
    current = {u.id for u in progress.units}
    for item in old:
        ident = _text(item, "id")
        if ident and ident not in current and not withdrawn.has("đơn vị", ident):
            sink.add(
                item.location,
                f"đã công bố nhưng đã bị xóa — {FIX_REMOVED}",
                subject=f"đơn vị {ident}",
            )


def _documents(paths: Paths, base: str, withdrawn: Withdrawn, sink: ErrorSink) -> None:
    out = _git(paths.root, "ls-tree", "-d", "--name-only", f"{base}:{DOCUMENTS}")
    before = out.decode("utf-8").split() if out else []
    for ident in before:
        meta = paths.content / "van-ban" / ident / "van-ban.yml"
        if not meta.exists() and not withdrawn.has("văn bản", ident):
            sink.add(
                SourceLocation(f"{DOCUMENTS}{ident}/van-ban.yml"),
                f"đã công bố nhưng đã bị xóa — {FIX_REMOVED}",
                subject=f"văn bản {ident}",
            )


# --- append-only files -----------------------------------------------------------------------


def _reports(paths: Paths, progress: Progress, old: list[LocatedDict], sink: ErrorSink) -> None:
    """A published report is never edited or removed; an edit is told apart from a removal by
    a new report with the same task, date and unit."""
    if not old:
        return
    now = {ledger.report_id(r.data): r for r in read_records(paths, "cap-nhat")}
    before = {ledger.report_id(item): item for item in old}
    added: dict[tuple[str, str, str], Record] = {}
    for ident, record in now.items():
        if ident not in before:
            key = (record.text("nhiem_vu"), record.text("ngay"), record.text("don_vi_bao_cao"))
            added.setdefault(key, record)
    for ident, item in before.items():
        if ident in now:
            continue
        key = (_text(item, "nhiem_vu"), _text(item, "ngay"), _text(item, "don_vi_bao_cao"))
        edited = added.get(key)
        subject = f"báo cáo {ident} ({key[0]}, {key[1]})"
        if edited is not None:
            sink.add(
                edited.data.location,
                f"báo cáo đã công bố không được sửa — trả lại đúng như cũ; để sửa sai, thêm "
                f'một báo cáo mới có "dinh_chinh: {ident}"',
                subject=subject,
            )
        else:
            sink.add(
                item.location,
                "đã công bố nhưng đã bị xóa — trả lại đúng như cũ (báo cáo chỉ được thêm, "
                f'không xóa); nếu báo cáo sai, thêm một báo cáo mới có "dinh_chinh: {ident}"',
                subject=subject,
            )


def _missing(old: list[LocatedDict], current: Iterable[Any]) -> list[LocatedDict]:
    """Items of `old` not found, unchanged, in `current` (as many times as before)."""
    left = Counter(ledger.fingerprint(item) for item in current)
    gone = []
    for item in old:
        key = ledger.fingerprint(item)
        if left[key]:
            left[key] -= 1
        else:
            gone.append(item)
    return gone


APPEND_ONLY = (
    "mục đã công bố đã bị sửa hoặc xóa — trả lại đúng như cũ; tệp này chỉ được thêm mục mới"
)


def _append_only(paths: Paths, folder: str, old: list[LocatedDict], sink: ErrorSink) -> None:
    if old:
        for item in _missing(old, (r.data for r in read_records(paths, folder))):
            sink.add(item.location, APPEND_ONLY)


def _append_only_file(
    paths: Paths, withdrawn: Withdrawn, old: list[LocatedDict], sink: ErrorSink
) -> None:
    for item in _missing(old, withdrawn.raw):
        sink.add(item.location, APPEND_ONLY)


# --- the baseline --------------------------------------------------------------------------------

BASELINE_HEADER = (
    "# Mốc đối chiếu: `make check` so nội dung với bản đã công bố (commit git trước đó) và báo\n"
    "# lỗi khi một báo cáo, một trường han/chu_tri/phoi_hop/trich_dan của nhiệm vụ bị sửa tại\n"
    "# chỗ, hoặc một nhiệm vụ, đơn vị, văn bản bị xóa mà không khai báo. Mỗi lần lập lại mốc\n"
    '# (lệnh `make baseline LY_DO="…"`) thêm một mục ở cuối tệp: từ commit đó, trạng thái\n'
    "# lúc ấy là bản được đối chiếu. Không sửa tay tệp này; không xóa mục cũ.\n"
)


def append_baseline(paths: Paths, reason: str, day: str) -> Path:
    """Append a baseline entry (date, reason) to content/moc-doi-chieu.yml; committing it
    makes the state of that commit the one `check` compares with."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValueError('cần lý do lập lại mốc đối chiếu: --ly-do "…"')
    file = paths.root / BASELINE
    text = file.read_text(encoding="utf-8") if file.exists() else BASELINE_HEADER
    if not text.endswith("\n"):
        text += "\n"
    quoted = reason.replace("\\", "\\\\").replace('"', '\\"')
    file.write_text(f'{text}- ngay: {day}\n  ly_do: "{quoted}"\n', encoding="utf-8")
    return file
