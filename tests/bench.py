"""`make bench`: build time, memory and page weight at 1×, 10× and city scale, and the
first search on each scale's site (bytes, and the box's work with the CPU throttled 4×).

A script that prints figures (never a timed test). Usage:
    python -m tests.bench [--scales 1x,10x,city] [--no-lighthouse] [--no-browser]
Project copies, synthetic content and reports go to bench-out/ (git-ignored).
Record the printed figures in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from tests import bench_preview
from tests.bench_search import FirstQuery, first_query
from tests.helpers import ROOT, QuietHandler, copy_project
from tests.helpers import serve as serve_site
from tests.pages import PAGE_TYPES, examples
from tests.synthetic import AS_OF, SCALES, Scale, generate

# Every build measured here computes statuses for one fixed day (the synthetic reports'
# last), so the same commit gives the same files and comparable figures on any day.
os.environ["AS_OF"] = AS_OF.isoformat()

OUT = ROOT / "bench-out"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = ("home", "document", "dashboard")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GZIP_LEVEL = 6  # what nginx/Apache typically serve with
LIGHTHOUSE_RUNS = 3  # the median run is reported: one run varies with the machine's load
LIGHTHOUSE_METRICS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
}
COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")

# Run a command, then report its wall time and the peak RSS of its largest process.
_MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": time.perf_counter() - t, "returncode": r.returncode,
                  "max_rss_kb": u.ru_maxrss, "cpu_seconds": u.ru_utime + u.ru_stime,
                  "output": (r.stdout + r.stderr)[-4000:]}))
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the build and its children
    max_process_mb: float  # largest single process (getrusage of children)
    tree_peak_mb: float  # largest sum over the process tree, sampled every 0.1 s


def _tree_rss_kb(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def measure(project: Path, *args: str, module: str = "build_tools") -> Run:
    """`python -m MODULE ARGS` in `project`: wall time and peak memory."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONPATH"] = str(project)
    command = [sys.executable, "-c", _MEASURE, sys.executable, "-m", module, *args]
    proc = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.1)
    stdout, _ = proc.communicate()
    result = json.loads(stdout)
    if result["returncode"] != 0:
        raise SystemExit(f"{module} {' '.join(args)} failed in {project}:\n{result['output']}")
    return Run(result["seconds"], result["cpu_seconds"], result["max_rss_kb"] / 1024, peak / 1024)


def _count(project: Path) -> dict[str, int]:
    content = project / "content"
    docs = sum(1 for p in (content / "van-ban").iterdir() if p.is_dir())
    counts = {"documents": docs}
    for key, folder, marker in (
        ("tasks", "nhiem-vu", "- id:"),
        ("updates", "cap-nhat", "- nhiem_vu:"),
        ("units", "don-vi", "- id:"),
        ("indicators", "chi-tieu", "- id:"),
    ):
        files = (content / "tien-do" / folder).glob("*.yml")
        counts[key] = sum(f.read_text(encoding="utf-8").count("\n" + marker) for f in files)
    return counts


def _edit_one_yaml(project: Path) -> str:
    """Change one task title in one YAML file, as an editor would."""
    target = sorted((project / "content" / "tien-do" / "nhiem-vu").glob("*.yml"))[0]
    text = target.read_text(encoding="utf-8")
    marker = "  ten: "
    at = text.index(marker) + len(marker)
    target.write_text(text[:at] + "(sửa) " + text[at:], encoding="utf-8")
    return target.relative_to(project).as_posix()


def bench_scale(scale: Scale) -> dict[str, Any]:
    project = OUT / scale.name
    shutil.rmtree(project, ignore_errors=True)
    copy_project(project)
    generate(project, scale)
    counts = _count(project)
    print(f"[{scale.name}] content: {counts}", flush=True)
    check = measure(project, "check")
    full = measure(project, "site")
    pages = sum(1 for _ in (project / "site").rglob("*.html"))
    print(f"[{scale.name}] {pages} pages; check {check.seconds:.1f} s; site {full}", flush=True)
    largest = _largest_pages(project / "site")
    print(f"[{scale.name}] heaviest pages (HTML gzip): {largest}", flush=True)
    shipped = _shipped(project / "site")
    print(f"[{scale.name}] offline zip and share cards: {shipped}", flush=True)
    edited = _edit_one_yaml(project)
    recheck = measure(project, "check")
    rebuild = measure(project, "site")
    print(f"[{scale.name}] after editing {edited}: check {recheck.seconds:.1f} s; site {rebuild}")
    print(f"[{scale.name}] make serve: save → the page shows it (median of 3 saves)", flush=True)
    preview = bench_preview.measure(project, project / "serve.log")
    return {
        "scale": scale.name,
        "content": counts,
        "pages": pages,
        "check_s": check.seconds,
        "build_s": full.seconds,
        "build_cpu_s": full.cpu_seconds,
        "load_average": os.getloadavg()[0],
        "max_process_mb": full.max_process_mb,
        "tree_peak_mb": full.tree_peak_mb,
        "edit_check_s": recheck.seconds,
        "edit_build_s": rebuild.seconds,
        "edit_build_cpu_s": rebuild.cpu_seconds,
        "preview_s": preview,
        "preview_load_average": os.getloadavg()[0],
        "largest_pages": largest,
        **shipped,
    }


def _shipped(site: Path) -> dict[str, float]:
    """The offline archive (target ≤ 50 MB at city scale) and the share cards (left out of
    it), in MB."""
    parts = [p.stat().st_size for p in (site / "du-lieu-mo").glob("ban-ngoai-tuyen*.zip")]
    cards = [p.stat().st_size for p in site.rglob("the.png")]
    return {
        "offline_zip_mb": sum(parts) / 1e6,
        "offline_parts": len(parts),
        "offline_largest_part_mb": max(parts, default=0) / 1e6,
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "cards": len(cards),
        "cards_mb": sum(cards) / 1e6,
    }


def _largest_pages(site: Path, count: int = 3) -> list[dict[str, Any]]:
    """The heaviest HTML pages of a built site, gzip as a server would send them."""
    sizes = sorted(
        (
            (_gzip_size(p), p.stat().st_size, p.relative_to(site).as_posix())
            for p in site.rglob("*.html")
        ),
        reverse=True,
    )
    return [{"path": path, "gzip": gz, "raw": raw} for gz, raw, path in sizes[:count]]


class _StaticHost(QuietHandler):
    """Serves files as a production static host does (nginx, GitHub Pages): HTTP/1.1 with
    keep-alive, and text files gzip-compressed. Python's default (HTTP/1.0, one connection
    per file, no compression) would make Lighthouse measure a server no reader meets."""

    protocol_version = "HTTP/1.1"

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlparse(self.path).path.endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.suffix in COMPRESSED_SUFFIXES and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site on localhost, served like a static host; base URL without a trailing
    slash."""
    with serve_site(site, _StaticHost) as url:
        yield url.rstrip("/")


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0))


def _local_file(site: Path, url: str) -> Path:
    path = urlparse(url).path.lstrip("/")
    local = site / path
    return local / "index.html" if path.endswith("/") or local.is_dir() else local


def page_weights(site: Path, pages: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """gzip size of each page type's HTML (or of `pages`: name -> URL path), and of
    everything a first visit fetches."""
    from playwright.sync_api import sync_playwright

    rows = []
    found = examples(site) if pages is None else pages
    names = [t.name for t in PAGE_TYPES] if pages is None else list(pages)
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split())
        for name in names:
            url = found.get(name)
            if url is None:
                continue
            context = browser.new_context(viewport={"width": 412, "height": 915})
            page = context.new_page()
            fetched: list[str] = []
            page.on("requestfinished", lambda r, fetched=fetched: fetched.append(r.url))
            page.goto(base + url, wait_until="networkidle")
            context.close()
            files = sorted({_local_file(site, u) for u in fetched if u.startswith(base)})
            rows.append(
                {
                    "type": name,
                    "url": url,
                    "html_gzip": _gzip_size(_local_file(site, base + url)),
                    "first_visit_gzip": sum(_gzip_size(f) for f in files if f.is_file()),
                    "first_visit_raw": sum(f.stat().st_size for f in files if f.is_file()),
                    "requests": len(files),
                }
            )
        browser.close()
    return rows


def _lighthouse_run(url: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run: category scores, the four metrics, the CPU benchmark index and
    the load average when it started (the machine may be shared)."""
    load = os.getloadavg()[0]
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    failing = [
        audit_id
        for audit_id, audit in audits.items()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]
    return {
        **{c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES},
        **{name: audits[audit_id]["numericValue"] for name, audit_id in LIGHTHOUSE_METRICS.items()},
        "benchmark_index": data["environment"]["benchmarkIndex"],
        "load_average": load,
        "below_100": sorted(failing)[:12],
    }


def lighthouse(
    site: Path, runs: int = LIGHTHOUSE_RUNS, pages: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Lighthouse mobile scores (default form factor) for home, a document, the dashboard
    (or `pages`: name -> URL path): the median of `runs` runs by performance score, with
    every run kept."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci`")
    found = examples(site) if pages is None else pages
    rows = []
    with serve(site) as base:
        for name in LIGHTHOUSE_PAGES if pages is None else list(pages):
            if name not in found:
                continue
            done = [
                _lighthouse_run(base + found[name], OUT / f"lighthouse-{name}-{i}.json")
                for i in range(runs)
            ]
            median = sorted(done, key=lambda run: run["performance"])[len(done) // 2]
            spread = {
                f"{key}_median": statistics.median(run[key] for run in done)
                for key in ("benchmark_index", "load_average")
            }
            rows.append({"page": name, **median, **spread, "runs": done})
    return rows


def machine() -> dict[str, str]:
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(os.cpu_count()),
        "ram": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "chromium": chromium.stdout.strip(),
    }


def _print_preview(rows: list[dict[str, Any]]) -> None:
    """`make serve`: from a save until a GET of the page shows it (tests/bench_preview.py)."""
    names = list(rows[0]["preview_s"]) if rows else []
    print(f"\n| scale | make serve, save → page shows it: {' | '.join(names)} | load avg |")
    print("|---|" + "---|" * (len(names) + 1))
    for r in rows:
        cells = " | ".join("—" if v is None else f"{v:.2f} s" for v in r["preview_s"].values())
        print(f"| {r['scale']} | {cells} | {r['preview_load_average']:.1f} |")


def _print_tables(results: dict[str, Any]) -> None:
    m = results["machine"]
    print(f"\nMachine: {m['nproc']} cores, {m['ram']} RAM; {m['chromium']}; {m['date']}")
    print(
        "\n| scale | docs | tasks | updates | units | indicators | pages | check |"
        " build: wall (CPU) | peak RSS: largest process / tree |"
        " after one YAML edit: check, build wall (CPU) | load avg |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results["scales"]:
        c = r["content"]
        print(
            f"| {r['scale']} | {c['documents']} | {c['tasks']} | {c['updates']} | {c['units']}"
            f" | {c['indicators']} | {r['pages']} | {r['check_s']:.1f} s"
            f" | {r['build_s']:.1f} s ({r['build_cpu_s']:.1f} s)"
            f" | {r['max_process_mb']:.0f} / {r['tree_peak_mb']:.0f} MB"
            f" | {r['edit_check_s']:.1f} s, {r['edit_build_s']:.1f} s"
            f" ({r['edit_build_cpu_s']:.1f} s) | {r['load_average']:.1f} |"
        )
    _print_preview(results["scales"])
    print("\n| scale | offline .zip: parts, largest (total) | whole site | share cards |")
    print("|---|---|---|---|")
    for r in results["scales"]:
        print(
            f"| {r['scale']} | {r.get('offline_parts', 1)}, "
            f"{r.get('offline_largest_part_mb', r['offline_zip_mb']):.1f} MB"
            f" ({r['offline_zip_mb']:.1f} MB) | {r['site_mb']:.0f} MB"
            f" | {r['cards']:.0f} ({r['cards_mb']:.0f} MB) |"
        )
    for r in results["scales"]:
        if r.get("search_first_query"):
            print(FirstQuery(**r["search_first_query"]).line(r["scale"]))
    print("\n| scale | heaviest pages: HTML gzip (raw) |")
    print("|---|---|")
    for r in results["scales"]:
        pages = "; ".join(
            f"`{p['path']}` {p['gzip'] / 1024:.0f} KB ({p['raw'] / 1024:.0f} KB)"
            for p in r["largest_pages"]
        )
        print(f"| {r['scale']} | {pages} |")
    if results.get("weights"):
        print("\n| page type | example | HTML gzip | first visit gzip (raw) | requests |")
        print("|---|---|---|---|---|")
        for w in results["weights"]:
            print(
                f"| {w['type']} | `{w['url']}` | {w['html_gzip'] / 1024:.1f} KB"
                f" | {w['first_visit_gzip'] / 1024:.1f} KB ({w['first_visit_raw'] / 1024:.0f} KB)"
                f" | {w['requests']} |"
            )
    if results.get("lighthouse"):
        print(
            "\n| page | performance (runs) | accessibility | best practices | SEO"
            " | FCP | LCP | TBT | CLS | benchmarkIndex | load avg | audits below 1 |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for row in results["lighthouse"]:
            runs = ", ".join(str(run["performance"]) for run in row["runs"])
            scores = " | ".join(str(row[c]) for c in CATEGORIES[1:])
            print(
                f"| {row['page']} | {row['performance']} ({runs}) | {scores}"
                f" | {row['FCP'] / 1000:.1f} s | {row['LCP'] / 1000:.1f} s | {row['TBT']:.0f} ms"
                f" | {row['CLS']:.3f} | {row['benchmark_index_median']:.0f}"
                f" | {row['load_average_median']:.1f} | {', '.join(row['below_100']) or '—'} |"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--scales", default=",".join(SCALES), help="e.g. 1x,10x,city")
    parser.add_argument("--no-browser", action="store_true", help="skip page weights")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument(
        "--lighthouse-runs", type=int, default=LIGHTHOUSE_RUNS, help="runs per page (median)"
    )
    parser.add_argument(
        "--search-runs", type=int, default=5, help="first searches per scale (median)"
    )
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    results: dict[str, Any] = {"machine": machine(), "scales": []}
    for name in args.scales.split(","):
        row = bench_scale(SCALES[name])
        if not args.no_browser:  # issue 18: the first search on the site just built
            found = first_query(OUT / name / "site", args.search_runs)
            row["search_first_query"] = asdict(found)
            print(found.line(name), flush=True)
        results["scales"].append(row)
    if "city" in args.scales.split(",") and not args.no_browser:  # issues 17, 19
        from tests import bench_city

        city = OUT / "city" / "site"
        results["city"] = bench_city.measure(city, args.lighthouse_runs, not args.no_lighthouse)
    real_site = OUT / "1x" / "site"
    if not (args.no_browser and args.no_lighthouse) and not real_site.exists():
        copy_project(OUT / "1x")
        measure(OUT / "1x", "site")
    if not args.no_browser:
        results["weights"] = page_weights(real_site)
    if not args.no_lighthouse:
        results["lighthouse"] = lighthouse(real_site, args.lighthouse_runs)
    (OUT / f"results-{args.scales.replace(',', '-')}.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False)
    )
    _print_tables(results)
    if results.get("city"):
        from tests import bench_city

        bench_city.print_figures(results["city"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
