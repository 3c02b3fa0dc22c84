"""The preview's search index: how long LiveIndex.update takes for one save at any scale.

    python -m tests.bench_search_live --site SITE        # a site built by `build_tools site`
    python -m tests.bench_search_live --site SITE --runs 9

Builds a LiveIndex of SITE (it writes SITE/search-index/ as index_site() does), then, for
each run, adds words to the article of one task page, one unit page and one document page
(in memory: the pages on disk are not changed), updates the index with the three pages,
and puts them back with a second update (--added: then a task page added and removed).
Prints the build time and, for each kind of update, the median and largest time (wall
clock and CPU) and the files written. Each time the pages are put back the index must hold
what it held after the build (the same files but for the version folder's name), which is
checked. Figures go to BENCHMARKS.md and SEARCH.md, never into a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from build_tools import search
from build_tools.search import LiveIndex

WORDS = " đường sắt cao tốc nối Cần Thơ với Thành phố Hồ Chí Minh hoàn thành"


def main() -> None:
    """Run the benchmark on a built site and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench_search_live")
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--added", action="store_true", help="also time a page added, removed")
    args = parser.parse_args()
    site: Path = args.site
    before = _files(site)
    start, start_cpu = time.perf_counter(), time.process_time()
    live = LiveIndex.build(site)
    built, built_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    pages = _pages(site)
    print(
        f"{len(live.records)} records; build (index written) {built:.1f} s (CPU {built_cpu:.1f} s)"
    )
    edited = {url: _edited(html) for url, html in pages.items()}
    for label, change in (("edit", edited), ("back", pages)):
        times, cpu, written = [], [], 0
        for run in range(args.runs):
            if label == "back" or run:  # every edit run starts from the original pages
                live.update(pages if label == "edit" else edited)
            start, start_cpu = time.perf_counter(), time.process_time()
            written = len(live.update(change))
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        print(
            f"update ({label}: 1 task + 1 unit + 1 document page): median "
            f"{statistics.median(times):.3f} s, max {max(times):.3f} s (CPU: median "
            f"{statistics.median(cpu):.3f} s), {written} files written"
        )
    live.update(pages)
    assert _files(site) == before, "the index after putting the pages back differs"
    print("index after putting the pages back: the same files as after the build")
    if args.added:
        task = next(url for url in pages if url.startswith("tien-do/nhiem-vu/"))
        added = {task.rstrip("/") + "-moi/": pages[task]}
        for label, change in (("added", added), ("removed", dict.fromkeys(added))):
            start, start_cpu = time.perf_counter(), time.process_time()
            written = len(live.update(change))
            print(
                f"update (a task page {label}): {time.perf_counter() - start:.1f} s "
                f"(CPU {time.process_time() - start_cpu:.1f} s), {written} files written"
            )
        assert _files(site) == before, "the index after removing the page added differs"


def _pages(site: Path) -> dict[str, str]:
    """One task, one unit and one document page (the first of each, by URL)."""
    found = {}
    for folder in ("tien-do/nhiem-vu", "tien-do/don-vi", "van-ban"):
        page = min(p for p in (site / folder).glob("*/index.html"))
        found[page.parent.relative_to(site).as_posix() + "/"] = page.read_text(encoding="utf-8")
    return found


def _edited(page_html: str) -> str:
    """The page with words added to a paragraph in the middle of its article."""
    start, end = page_html.index(search.START), page_html.index(search.END)
    at = page_html.index("</p>", (start + end) // 2 if end - start > 20_000 else start)
    return page_html[:at] + WORDS + page_html[at:]


def _files(site: Path) -> tuple[object, dict[str, str]]:
    """index.json without its version, and every file of the version folder."""
    bundle = site / search.BUNDLE
    manifest = json.loads((bundle / "index.json").read_text(encoding="utf-8"))
    folder = bundle / manifest.pop("version")
    files = {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in folder.rglob("*")
        if p.is_file()
    }
    return manifest, files


if __name__ == "__main__":
    main()
