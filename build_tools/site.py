"""Atomic strict build of the whole site: build into a temporary folder, then swap.

A failed build (content error, MkDocs warning, indexing error) leaves site/ untouched.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from build_tools import pipeline
from build_tools.paths import Paths

PREBUILT = "BUILD_TOOLS_PREBUILT"  # tells the MkDocs hook that docs/ is already generated


def build_site(paths: Paths, out: Path | None = None) -> Path:
    """Check content and write docs/, run `mkdocs build --strict` into a temp dir, then
    replace `out`. The pipeline runs once: the MkDocs hook is told it already ran."""
    _generate(paths)  # fails with every content error before MkDocs starts
    target = out or paths.site
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    try:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "--quiet",
                "--config-file",
                str(paths.mkdocs_yml),
                "--site-dir",
                str(tmp),
            ],
            cwd=paths.root,
            check=True,
            env={
                **os.environ,
                "PYTHONPATH": str(paths.root),
                "NO_MKDOCS_2_WARNING": "1",
                PREBUILT: "1",
            },
        )
        _swap(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _generate(paths: Paths) -> None:
    """`pipeline.build` in a child process, so that its validated model (≈ 1 GB at city
    scale) is freed before MkDocs and Pagefind start: the build's memory peaks once."""
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as child:
        child.submit(pipeline.build, paths).result()  # re-raises ContentErrors here


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
