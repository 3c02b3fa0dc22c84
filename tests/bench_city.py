"""`make bench` at city scale: what a phone reader meets on the longest lists (issues 17, 19).

- the dashboard's height on a 412×915 phone (Chromium: is_mobile, has_touch, device scale
  2.625) before the reader expands anything (target ≤ 3,660 px);
- the heaviest page of each list type (dashboard, status, unit, topic, a topic's further
  task pages): HTML and first visit, gzip (target ≤ 100 KB first visit);
- Lighthouse mobile on the dashboard and the heaviest unit page, median of 3 runs, served
  as a static host serves them (target 100 in every category).

`python -m tests.bench` runs it after building the city scale; on a site already built:
    python -m tests.bench_city bench-out/city/site [--lighthouse-runs N] [--no-lighthouse]
A script that prints figures (never a timed test).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from tests.bench import (
    CHROME_FLAGS,
    CHROMIUM,
    LIGHTHOUSE_RUNS,
    OUT,
    _gzip_size,
    lighthouse,
    page_weights,
    serve,
)
from tests.pages import DASHBOARD_HEIGHT, PHONE

LIST_PAGES = {
    "dashboard": r"tien-do/index\.html",
    "status": r"tien-do/trang-thai/.+/index\.html",
    "unit": r"tien-do/don-vi/[^/]+/index\.html",
    "topic": r"chu-de/[^/]+/index\.html",
    "topic tasks": r"chu-de/[^/]+/nhiem-vu/\d+/index\.html",
}
LIGHTHOUSE_CITY = ("dashboard", "unit")


def heaviest(site: Path) -> dict[str, str]:
    """List type -> URL path of its page with the most HTML (gzip)."""
    found: dict[str, tuple[int, str]] = {}
    for path in site.rglob("index.html"):
        rel = path.relative_to(site).as_posix()
        for name, pattern in LIST_PAGES.items():
            if re.fullmatch(pattern, rel):
                size = _gzip_size(path)
                if size > found.get(name, (-1, ""))[0]:
                    found[name] = (size, "/" + rel.removesuffix("index.html"))
    return {name: found[name][1] for name in LIST_PAGES if name in found}


def dashboard_height(site: Path, url: str = "/tien-do/") -> int:
    """`document.documentElement.scrollHeight` of the page on the phone, nothing expanded."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split())
        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.goto(base + url, wait_until="networkidle")
        height = int(page.evaluate("document.documentElement.scrollHeight"))
        browser.close()
    return height


def measure(
    site: Path, runs: int = LIGHTHOUSE_RUNS, with_lighthouse: bool = True
) -> dict[str, Any]:
    """Every figure of this module for one built site."""
    pages = heaviest(site)
    print(f"[city] heaviest list pages: {pages}", flush=True)
    found: dict[str, Any] = {"dashboard_height_px": dashboard_height(site), "pages": pages}
    print(f"[city] dashboard at 412×915: {found['dashboard_height_px']} px", flush=True)
    found["weights"] = page_weights(site, pages)
    if with_lighthouse:
        chosen = {f"city-{name}": pages[name] for name in LIGHTHOUSE_CITY if name in pages}
        found["lighthouse"] = lighthouse(site, runs, chosen)
    return found


def print_figures(found: dict[str, Any]) -> None:
    """The city figures as Markdown tables (BENCHMARKS.md)."""
    height = found["dashboard_height_px"]
    verdict = "✓" if height <= DASHBOARD_HEIGHT else "✗"
    print(f"\nCity dashboard at 412×915, nothing expanded: {height} px ({verdict} ≤ 3,660)")
    print("\n| city list page (heaviest) | URL | HTML gzip | first visit gzip (raw) |")
    print("|---|---|---|---|")
    for w in found["weights"]:
        print(
            f"| {w['type']} | `{w['url']}` | {w['html_gzip'] / 1024:.1f} KB"
            f" | {w['first_visit_gzip'] / 1024:.1f} KB ({w['first_visit_raw'] / 1024:.0f} KB) |"
        )
    if found.get("lighthouse"):
        print("\n| city page | performance (runs) | a11y | best practices | SEO | TBT | CLS |")
        print("|---|---|---|---|---|---|---|")
        for row in found["lighthouse"]:
            runs = ", ".join(str(run["performance"]) for run in row["runs"])
            print(
                f"| {row['page']} | {row['performance']} ({runs}) | {row['accessibility']}"
                f" | {row['best-practices']} | {row['seo']} | {row['TBT']:.0f} ms"
                f" | {row['CLS']:.3f} |"
                + (f" below 1: {', '.join(row['below_100'])}" if row["below_100"] else "")
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench_city", description=__doc__)
    parser.add_argument("site", type=Path, help="a built city-scale site folder")
    parser.add_argument("--lighthouse-runs", type=int, default=LIGHTHOUSE_RUNS)
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    found = measure(args.site, args.lighthouse_runs, not args.no_lighthouse)
    (OUT / "results-city-phone.json").write_text(json.dumps(found, indent=2, ensure_ascii=False))
    print_figures(found)
    return 0


if __name__ == "__main__":
    sys.exit(main())
