"""Synthetic content in the real schemas, for benchmarks only (never written to content/).

Documents replicate the real sources under new ids; tasks, updates, units and indicators
follow the progress YAML schema and cite real anchors (copied from the real tasks and
indicators, so every reference validates). Every synthetic text says it is synthetic.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

MARK = "(dữ liệu giả lập để đo hiệu năng)"
FILE_SIZE = 500  # records per synthetic YAML file
AS_OF = date(2026, 6, 30)  # synthetic reports run from November 2025 to this date; the
# benchmarks pin the status date (AS_OF) to it, so their figures do not drift by the day
FIRST_REPORT = date(2025, 11, 1)


@dataclass(frozen=True)
class Scale:
    """Target totals (real content included)."""

    name: str
    documents: int
    tasks: int
    updates: int
    units: int
    indicators: int


SCALES = {
    "1x": Scale("1x", 0, 0, 0, 0, 0),  # the real content as it is
    "10x": Scale("10x", 50, 400, 2_000, 180, 80),
    "city": Scale("city", 500, 10_000, 50_000, 200, 300),
}


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _NoAliasDumper(yaml.SafeDumper):
    """Copies share nested values (a `nguon`, a `muc_tieu` list): PyYAML would write them
    once with an anchor and then as aliases, which content files refuse (issue 13)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f"# Tệp sinh tự động cho đo hiệu năng {MARK}; không phải số liệu thật.\n"
    text = yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + text, encoding="utf-8")


def _chunks(items: list[Any]) -> list[list[Any]]:
    return [items[i : i + FILE_SIZE] for i in range(0, len(items), FILE_SIZE)]


def replicate_documents(content: Path, total: int) -> list[str]:
    """Copy the real document folders under new ids until there are `total`; new ids."""
    root = content / "van-ban"
    real = sorted(p for p in root.iterdir() if p.is_dir())
    new_ids = []
    for n in range(max(0, total - len(real))):
        source = real[n % len(real)]
        doc_id = f"{source.name}-ban-{n + 1:04d}"
        target = root / doc_id
        shutil.copytree(source, target)
        meta_path = target / "van-ban.yml"
        meta = meta_path.read_text(encoding="utf-8")
        meta = _retitle(meta, f" — bản sao {n + 1} {MARK}", 1000 + n)
        meta_path.write_text(meta, encoding="utf-8")
        new_ids.append(doc_id)
    return new_ids


def _retitle(meta: str, suffix: str, order: int) -> str:
    lines = []
    for line in meta.splitlines():
        if line.startswith("tieu_de:"):
            line = line.rstrip() + suffix
        elif line.startswith("thu_tu:"):
            line = f"thu_tu: {order}"
        elif line.startswith("lien_quan:"):
            line = "lien_quan: []"
        lines.append(line)
    text = "\n".join(lines) + "\n"
    return text if "thu_tu:" in text else text + f"thu_tu: {order}\n"


def _real_records(folder: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yml")):
        records += _load(path) or []
    return records


def generate_units(progress: Path, total: int) -> list[str]:
    """Commune-level units up to `total`; returns every unit id (real first)."""
    real = [u["id"] for u in _real_records(progress / "don-vi")]
    extra = [
        {
            "id": f"don-vi-gia-lap-{n:03d}",
            "ten": f"Đơn vị giả lập số {n} {MARK}",
            "ten_ngan": f"ĐV giả lập {n}",
            "loai": "cấp xã",
        }
        for n in range(1, max(0, total - len(real)) + 1)
    ]
    if extra:
        _dump(progress / "don-vi" / "gia-lap.yml", extra)
    return real + [u["id"] for u in extra]


def generate_tasks(
    progress: Path, total: int, units: list[str], doc_copies: dict[str, list[str]]
) -> list[tuple[str, str]]:
    """Tasks up to `total`, each citing a real (or replicated) anchor; (id, lead unit)."""
    real = _real_records(progress / "nhiem-vu")
    tasks = []
    for n in range(max(0, total - len(real))):
        model = real[n % len(real)]
        source = dict(model["nguon"])
        copies = doc_copies.get(source["van_ban"], [])
        if copies:
            source["van_ban"] = copies[n % len(copies)]
        task = {
            "id": f"GL-{n + 1:05d}",
            "ten": f"{model['ten']} — nhiệm vụ {n + 1} {MARK}",
            "chu_tri": units[n % len(units)],
            "han": model["han"],  # as the cited document writes it (check verifies this)
            "nguon": source,
            "trich_dan": model["trich_dan"],
            # the lead is any unit, not the one the clause names: marked inferred
            "suy_ra": {"chu_tri": f"Đơn vị gán ngẫu nhiên {MARK}."},
        }
        if "han" in model.get("suy_ra", {}):
            task["suy_ra"]["han"] = model["suy_ra"]["han"]
        if model.get("chu_de"):
            task["chu_de"] = list(model["chu_de"])
        tasks.append(task)
    for i, chunk in enumerate(_chunks(tasks)):
        _dump(progress / "nhiem-vu" / f"gia-lap-{i + 1:03d}.yml", chunk)
    return [(t["id"], t["chu_tri"]) for t in tasks]


def generate_register(progress: Path, doc_copies: dict[str, list[str]]) -> None:
    """The clause register of every replicated document (a copy of its original's), each
    row naming the tasks that cite it, as `check` requires."""
    folder = progress / "doi-chieu"
    rows: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(folder.glob("*.yml")):
        for copy in [path.stem, *doc_copies.get(path.stem, [])]:
            rows[copy] = [dict(r, nhiem_vu=list(r["nhiem_vu"])) for r in _load(path) or []]
    by_anchor = {(d, r["neo"]): r for d, found in rows.items() for r in found}
    for task in _real_records(progress / "nhiem-vu"):
        row = by_anchor[(task["nguon"]["van_ban"], task["nguon"]["neo"])]
        if task["id"] not in row["nhiem_vu"]:
            row["nhiem_vu"].append(task["id"])
    for doc_id, found in rows.items():
        _dump(folder / f"{doc_id}.yml", found)


def generate_updates(progress: Path, total: int, tasks: list[tuple[str, str]]) -> None:
    """`total` progress reports spread over the tasks, dated FIRST_REPORT..AS_OF."""
    if not tasks or total <= 0:
        return
    per_task = max(1, total // len(tasks))
    step = (AS_OF - FIRST_REPORT).days // per_task
    updates = []
    for n in range(total):
        task_id, unit = tasks[n % len(tasks)]
        round_ = n // len(tasks)
        last = round_ == per_task - 1
        done = last and n % 3 == 0
        update: dict[str, Any] = {
            "nhiem_vu": task_id,
            "ngay": (FIRST_REPORT + timedelta(days=step * round_)).isoformat(),
            "don_vi_bao_cao": unit,  # the task's lead: it may report it done
            "trang_thai": "hoàn thành" if done else "đang thực hiện",
            "ti_le": 100 if done else min(95, 20 * (round_ + 1)),
            "tom_tat": f"Báo cáo lần {round_ + 1} {MARK}.",
        }
        if done:  # "hoàn thành" needs evidence with a document number
            update["minh_chung"] = [{"ten": "Báo cáo kết quả", "so_van_ban": f"{n + 1}-BC/TU"}]
        updates.append(update)
    for i, chunk in enumerate(_chunks(updates)):
        _dump(progress / "cap-nhat" / f"gia-lap-{i + 1:03d}.yml", chunk)


def generate_indicators(progress: Path, total: int) -> None:
    """Indicators up to `total`, copies of the real ones under new ids."""
    real = _real_records(progress / "chi-tieu")
    extra = []
    for n in range(max(0, total - len(real))):
        copy = dict(real[n % len(real)])
        copy["id"] = f"gl-{n + 1:04d}"
        copy["ten"] = f"{copy['ten']} — bản sao {n + 1} {MARK}"
        extra.append(copy)
    for i, chunk in enumerate(_chunks(extra)):
        _dump(progress / "chi-tieu" / f"gia-lap-{i + 1:03d}.yml", chunk)


def generate(project: Path, scale: Scale) -> None:
    """Grow the content/ of a project copy to `scale` (the real content stays)."""
    content = project / "content"  # builds of it run with AS_OF=AS_OF (tests/bench*.py)
    new_docs = replicate_documents(content, scale.documents)
    copies: dict[str, list[str]] = {}
    for doc_id in new_docs:
        copies.setdefault(doc_id.rsplit("-ban-", 1)[0], []).append(doc_id)
    progress = content / "tien-do"
    if not progress.is_dir():  # TODO(progress): the progress schema is not merged yet
        return
    units = generate_units(progress, scale.units)
    tasks = generate_tasks(progress, scale.tasks, units, copies)
    generate_register(progress, copies)
    generate_updates(progress, scale.updates, tasks)
    generate_indicators(progress, scale.indicators)
