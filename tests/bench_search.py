"""Search benchmark: bytes downloaded before and during search, and the query-suite hit rate.

    python -m tests.bench_search                 # make bench-search: route b, 1× and city
    python -m tests.bench_search --route a b     # also route a (Material search + folding)
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
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.helpers import CHROMIUM, ROOT, copy_project, serve
from tests.search_browser import ARGS, MaterialBox, PagefindBox, Traffic
from tests.search_corpus import DOC_IDS, write_city
from tests.search_queries import CTR, QUERIES

SCALES = {"1x": (1, 0), "city": (100, 10_000)}
BUDGET = 150 * 1024  # issue 6: bytes one query may download at city scale (gzip)

FOLD_HOOK = '''"""Route (a) for the benchmark: append an accent-folded copy of every entry of
Material's search index, so lunr matches queries typed without diacritics."""
import json
from pathlib import Path

from build_tools.slugs import fold


def on_post_build(config):
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data["docs"]:
        doc["title"] = doc["title"] + " " + fold(doc["title"])
        doc["text"] = doc["text"] + " " + fold(doc["text"])
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
'''


@dataclass
class Figures:
    route: str
    scale: str
    pages: int
    build_seconds: float
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
    misses: list[str]
    over_budget: list[str]  # queries that downloaded more than BUDGET (first one included)


def _run(cmd: list[str], cwd: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(cwd), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True, text=True)


def make_project(dest: Path, scale: str, route: str) -> Path:
    """A project copy holding the documents (real pages when present) at the given scale."""
    project = copy_project(dest)
    _run([sys.executable, "-m", "build_tools", "build"], project)
    documents = {
        doc_id: (project / "docs" / "van-ban" / doc_id / "index.md").read_text(encoding="utf-8")
        for doc_id in DOC_IDS
    }
    copies, tasks = SCALES[scale]
    write_city(project / "docs", documents, copies, tasks)
    if route == "a":
        _use_material_search(project)
    return project


def _use_material_search(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("plugins: []", "plugins:\n  - search")
    text = text.replace(
        "hooks:\n  - build_tools/mkdocs_hooks.py",
        "hooks:\n  - build_tools/mkdocs_hooks.py\n  - bench_fold_hook.py",
    )
    config.write_text(text, encoding="utf-8")
    (project / "bench_fold_hook.py").write_text(FOLD_HOOK, encoding="utf-8")
    (project / "overrides" / "partials" / "header.html").unlink()


def build(project: Path) -> float:
    start = time.monotonic()
    _run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"], project)
    return time.monotonic() - start


def _original(url: str) -> str:
    """A copy's URL ("van-ban/x-ban-007/#a") as the original's, for the city-scale hit rate."""
    return re.sub(r"-ban-\d{3}/", "/", url)


def _kb(n: float) -> float:
    return round(n / 1024, 1)


def measure(project: Path, route: str, scale: str, seconds: float, delay: int) -> Figures:
    from playwright.sync_api import sync_playwright

    site = project / "site"
    pages = len(list(site.rglob("index.html")))
    index_dir = site / ("pagefind" if route == "b" else "search")
    index_bytes = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file())
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        traffic = Traffic()
        traffic.attach(page)
        page.goto(base + CTR)
        page.wait_for_load_state("networkidle")
        box: Any = PagefindBox(page) if route == "b" else MaterialBox(page)
        if route == "b":
            box.open_with_shortcut("/")
        page.wait_for_timeout(300)
        before = traffic.since(0)
        search_before = sum(
            size
            for url, size in traffic.log
            if "search" in url.rsplit("/", 1)[-1] or "/search/" in url or "pagefind" in url
        )
        costs, misses, hits = [], [], 0
        seconds_taken: list[float] = []
        worst: tuple[int, str, list[tuple[str, int]]] = (0, "", [])
        for query in QUERIES:
            mark = traffic.mark()
            started = time.monotonic()
            links = box.search(query.text, delay, 180_000)
            seconds_taken.append(time.monotonic() - started - len(query.text) * delay / 1000)
            page.wait_for_timeout(50)
            costs.append(traffic.since(mark))
            if costs[-1] > worst[0] and len(costs) > 1:
                worst = (costs[-1], query.label, traffic.log[mark:])
            if any(query.hit(_original(link.removeprefix(base.rstrip("/")))) for link in links):
                hits += 1
            else:
                misses.append(query.label)
        browser.close()
    print(f"[{route} {scale}] costliest later query: {worst[1]}", file=sys.stderr)
    for url, size in sorted(worst[2], key=lambda item: -item[1])[:12]:
        print(f"    {_kb(size):8.1f} KB  {url.removeprefix(base)}", file=sys.stderr)
    later = sorted(costs[1:])
    waits = sorted(seconds_taken)
    return Figures(
        answer_seconds_median=round(waits[len(waits) // 2], 2),
        answer_seconds_max=round(waits[-1], 2),
        route=route,
        scale=scale,
        pages=pages,
        build_seconds=round(seconds, 1),
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench_search", description=__doc__)
    parser.add_argument("--route", nargs="+", choices=["a", "b"], default=["b"])
    parser.add_argument("--scale", nargs="+", choices=list(SCALES), default=list(SCALES))
    parser.add_argument(
        "--delay", type=int, default=120, help="milliseconds between keystrokes (a person: 120)"
    )
    args = parser.parse_args(argv)
    results = []
    for scale in args.scale:
        for route in args.route:
            with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
                project = make_project(Path(tmp) / "project", scale, route)
                seconds = build(project)
                figures = measure(project, route, scale, seconds, args.delay)
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
    return 0


def _print_table(results: list[Figures]) -> None:
    """One line per route and scale: what a reader downloads for search, in KB."""
    print(
        f"{'route':5} {'scale':5} {'before typing':>13} {'first query':>11} "
        f"{'later median':>12} {'later max':>9} {'> 150 KB':>8} {'hits':>7}"
    )
    for f in results:
        print(
            f"{f.route:5} {f.scale:5} {f.search_kb_before_typing:13.1f} {f.first_query_kb:11.1f} "
            f"{f.later_query_kb_median:12.1f} {f.later_query_kb_max:9.1f} "
            f"{len(f.over_budget):8d} {f.hits:3d}/{f.queries:<3d}"
        )


if __name__ == "__main__":
    sys.exit(main())
