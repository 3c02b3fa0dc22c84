"""Search benchmark: bytes downloaded before and during search, the query-suite hit rate,
and the time and memory the index takes to write.

    python -m tests.bench_search                 # make bench-search: 1× and city
    python -m tests.bench_search --scale 1x      # quick run

City scale = 100 copies of each of the five documents (500 documents) + 10,000 synthetic
task pages, written into a throw-away project copy (tests/search_corpus.py). Bytes are as
sent with gzip by any static host. Results go to stdout and bench-out/search.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from build_tools import search
from tests.helpers import CHROMIUM, ROOT, copy_project, serve
from tests.search_browser import ARGS, SearchBox, Traffic
from tests.search_corpus import DOC_IDS, write_city
from tests.search_queries import CTR, QUERIES
from tests.synthetic import AS_OF

os.environ["AS_OF"] = AS_OF.isoformat()  # one status date for every build (tests/bench.py)

SCALES = {"1x": (1, 0), "city": (100, 10_000)}
BUDGET = 150 * 1024  # issue 6: bytes one query may download at city scale (gzip)
FIRST_BUDGET = 50 * 1024  # issue 18: the first query at city scale (gzip)
WORK_BUDGET_MS = 100  # issue 18: the box's work once the index arrived, CPU throttled 4×


@dataclass
class Figures:
    scale: str
    pages: int
    records: int
    build_seconds: float
    index_seconds: float  # build_tools.search.index_site alone, in its own process
    index_peak_mb: float
    index_files: int
    index_files_kb: float
    page_kb_before_typing: float
    search_kb_before_typing: float
    first_query_kb: float
    later_query_kb_median: float
    later_query_kb_max: float
    hits: int
    queries: int
    answer_seconds_median: float
    answer_seconds_max: float
    cpu_throttling: float  # Chromium's CPU throttling rate while typing (4 = a phone)
    first_query_work_ms: int  # the box's own work on the first query once the index arrived
    work_ms_median: int
    work_ms_max: int
    misses: list[str]
    over_budget: list[str]  # queries that downloaded more than BUDGET (first one included)


def _run(cmd: list[str], cwd: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(cwd), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True, text=True)


def make_project(dest: Path, scale: str) -> Path:
    """A project copy holding the documents (real pages when present) at the given scale."""
    project = copy_project(dest)
    _run([sys.executable, "-m", "build_tools", "build"], project)
    documents = {
        doc_id: (project / "docs" / "van-ban" / doc_id / "index.md").read_text(encoding="utf-8")
        for doc_id in DOC_IDS
    }
    copies, tasks = SCALES[scale]
    write_city(project / "docs", documents, copies, tasks)
    return project


def build(project: Path) -> float:
    start = time.monotonic()
    _run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"], project)
    return time.monotonic() - start


INDEX_ONLY = """
import json, resource, sys, time
from pathlib import Path
from typing import Any
from build_tools import search
start = time.monotonic()
records = search.index_site(Path(sys.argv[1]))
peak = sum(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF,
           resource.RUSAGE_CHILDREN)) / 1024  # this process + its helper (large sites)
print(json.dumps([records, time.monotonic() - start, peak]))
"""


def index_alone(project: Path) -> tuple[int, float, float]:
    """Write the site's search index again, alone: records, seconds, peak memory (MB; the
    sum of both processes' peaks when a second one helps)."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    out = subprocess.run(
        [sys.executable, "-c", INDEX_ONLY, str(project / "site")],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    records, seconds, peak = json.loads(out)
    return int(records), round(float(seconds), 1), round(float(peak))


def _original(url: str) -> str:
    """A copy's URL ("van-ban/x-ban-007/#a") as the original's, for the city-scale hit rate."""
    return re.sub(r"-ban-\d{3}/", "/", url)


def _kb(n: float) -> float:
    return round(n / 1024, 1)


def _opened_box(page: Any, base: str, throttle: float) -> tuple[Traffic, SearchBox]:
    """A document page with the CPU throttled and its search box open, its traffic logged."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    traffic = Traffic()
    traffic.attach(page)
    page.goto(base + CTR)
    page.wait_for_load_state("networkidle")
    box = SearchBox(page)
    box.open_with_shortcut("/")
    page.wait_for_timeout(300)
    return traffic, box


def measure(project: Path, scale: str, seconds: float, delay: int, throttle: float = 4) -> Figures:
    from playwright.sync_api import sync_playwright

    site = project / "site"
    pages = len(list(site.rglob("index.html")))
    records, index_seconds, index_peak = index_alone(project)
    index_files = [p for p in (site / search.BUNDLE).rglob("*") if p.is_file()]
    index_bytes = sum(p.stat().st_size for p in index_files)
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        traffic, box = _opened_box(page, base, throttle)
        before = traffic.since(0)
        search_before = sum(size for url, size in traffic.log if "search" in url)
        costs, misses, hits = [], [], 0
        seconds_taken: list[float] = []
        work: list[int] = []
        worst: tuple[int, str, list[tuple[str, int]]] = (0, "", [])
        for query in QUERIES:
            mark = traffic.mark()
            started = time.monotonic()
            links = box.search(query.text, delay, 180_000)
            seconds_taken.append(time.monotonic() - started - len(query.text) * delay / 1000)
            page.wait_for_timeout(50)
            work.append(int(page.get_attribute("#site-search-results", "data-work-ms") or 0))
            costs.append(traffic.since(mark))
            if costs[-1] > worst[0] and len(costs) > 1:
                worst = (costs[-1], query.label, traffic.log[mark:])
            if any(query.hit(_original(link.removeprefix(base.rstrip("/")))) for link in links):
                hits += 1
            else:
                misses.append(query.label)
        browser.close()
    print(f"[{scale}] costliest later query: {worst[1]}", file=sys.stderr)
    for url, size in sorted(worst[2], key=lambda item: -item[1])[:12]:
        print(f"    {_kb(size):8.1f} KB  {url.removeprefix(base)}", file=sys.stderr)
    later = sorted(costs[1:])
    waits = sorted(seconds_taken)
    works = sorted(work)
    return Figures(
        cpu_throttling=throttle,
        first_query_work_ms=work[0],
        work_ms_median=works[len(works) // 2],
        work_ms_max=works[-1],
        answer_seconds_median=round(waits[len(waits) // 2], 2),
        answer_seconds_max=round(waits[-1], 2),
        scale=scale,
        pages=pages,
        records=records,
        build_seconds=round(seconds, 1),
        index_seconds=index_seconds,
        index_peak_mb=index_peak,
        index_files=len(index_files),
        index_files_kb=_kb(index_bytes),
        page_kb_before_typing=_kb(before),
        search_kb_before_typing=_kb(search_before),
        first_query_kb=_kb(costs[0]),
        later_query_kb_median=_kb(later[len(later) // 2]),
        later_query_kb_max=_kb(later[-1]),
        hits=hits,
        queries=len(QUERIES),
        misses=misses,
        over_budget=[
            f"{query.label}: {_kb(cost)} KB"
            for query, cost in zip(QUERIES, costs, strict=True)
            if cost > BUDGET
        ],
    )


@dataclass
class FirstQuery:
    """The suite's first query typed into a fresh page (empty cache) `runs` times."""

    query: str
    runs: int
    cpu_throttling: float
    kb: list[float]  # search bytes it downloaded (gzip), each run
    work_ms: list[int]  # the box's own work once the index arrived, each run
    load_average: float  # the machine's 1-minute load average when the runs ended

    @property
    def kb_median(self) -> float:
        return statistics.median(self.kb)

    @property
    def work_ms_median(self) -> float:
        return statistics.median(self.work_ms)

    def line(self, scale: str) -> str:
        return (
            f"[{scale}] search, first query {self.query!r}: {self.kb_median:.1f} KB "
            f"(budget {FIRST_BUDGET // 1024} KB at city scale), answered in "
            f"{self.work_ms_median:.0f} ms after the index arrived with the CPU throttled "
            f"{self.cpu_throttling:g}× (budget {WORK_BUDGET_MS} ms); median of {self.runs} "
            f"runs (KB {self.kb}, ms {self.work_ms}); load average {self.load_average:.1f}"
        )


def first_query(site: Path, runs: int = 5, throttle: float = 4, delay: int = 120) -> FirstQuery:
    """Type the suite's first query on a fresh page of a built site, `runs` times: what it
    downloads and how long the box works on it once its files arrived (data-work-ms)."""
    from playwright.sync_api import sync_playwright

    text = QUERIES[0].text
    kb: list[float] = []
    work: list[int] = []
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            context = browser.new_context()  # an empty cache each time
            page = context.new_page()
            traffic, box = _opened_box(page, base, throttle)
            mark = traffic.mark()
            box.search(text, delay, 180_000)
            traffic.settle(page, 300, 5_000)
            work.append(int(page.get_attribute("#site-search-results", "data-work-ms") or 0))
            kb.append(_kb(traffic.since(mark)))
            context.close()
        browser.close()
    return FirstQuery(text, runs, throttle, kb, work, round(os.getloadavg()[0], 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench_search", description=__doc__)
    parser.add_argument("--scale", nargs="+", choices=list(SCALES), default=list(SCALES))
    parser.add_argument(
        "--throttle", type=float, default=4, help="Chromium CPU throttling (4: a phone)"
    )
    parser.add_argument(
        "--delay", type=int, default=120, help="milliseconds between keystrokes (a person: 120)"
    )
    parser.add_argument(
        "--site", type=Path, help="only type the first query, --runs times, into this built site"
    )
    parser.add_argument("--runs", type=int, default=5, help="with --site: runs (median)")
    args = parser.parse_args(argv)
    if args.site:
        print(first_query(args.site, args.runs, args.throttle, args.delay).line("site"))
        return 0
    results = []
    for scale in args.scale:
        with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
            project = make_project(Path(tmp) / "project", scale)
            seconds = build(project)
            figures = measure(project, scale, seconds, args.delay, args.throttle)
        results.append(figures)
        print(json.dumps(asdict(figures), ensure_ascii=False), flush=True)
    out = ROOT / "bench-out"
    out.mkdir(exist_ok=True)
    (out / "search.json").write_text(
        json.dumps([asdict(f) for f in results], ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    _print_table(results)
    print(f"{len(DOC_IDS)} documents × copies; figures in KB (gzip on the wire).")
    for f in results:
        print(
            f"[{f.scale}] first query: {f.first_query_kb:.1f} KB "
            f"(budget {FIRST_BUDGET // 1024} KB at city scale), answered in "
            f"{f.first_query_work_ms} ms after the index arrived, CPU throttled "
            f"{f.cpu_throttling:g}× (budget {WORK_BUDGET_MS} ms); every query: median "
            f"{f.work_ms_median} ms, max {f.work_ms_max} ms"
        )
    return 0


def _print_table(results: list[Figures]) -> None:
    """One line per scale: what a reader downloads for search (KB), and what the index
    costs to write (seconds, peak MB) and weighs on disk (files, KB)."""
    print(
        f"{'scale':5} {'before typing':>13} {'first query':>11} {'later median':>12} "
        f"{'later max':>9} {'> 150 KB':>8} {'hits':>7} {'index s':>7} {'MB':>5} "
        f"{'files':>6} {'disk KB':>8}"
    )
    for f in results:
        print(
            f"{f.scale:5} {f.search_kb_before_typing:13.1f} {f.first_query_kb:11.1f} "
            f"{f.later_query_kb_median:12.1f} {f.later_query_kb_max:9.1f} "
            f"{len(f.over_budget):8d} {f.hits:3d}/{f.queries:<3d} {f.index_seconds:7.1f} "
            f"{f.index_peak_mb:5.0f} {f.index_files:6d} {f.index_files_kb:8.0f}"
        )


if __name__ == "__main__":
    sys.exit(main())
