from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import TEST_AS_OF, build_site, copy_project, serve

# Every build in the suite (in this process and in the subprocesses it starts) computes
# statuses for one fixed day, never for the day the tests run.
os.environ["AS_OF"] = TEST_AS_OF


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files (review the diff)"
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test worker with `python -m build_tools site`."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    return build_site(project)


@pytest.fixture(scope="session")
def served(built_site: Path) -> Iterator[str]:
    """The session's built site on localhost: "http://127.0.0.1:PORT/"."""
    with serve(built_site) as url:
        yield url


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """`make corpus`: the per-document table of tests/corpus_measure.py."""
    import sys

    module = sys.modules.get("tests.corpus_measure")
    if module is not None and module.RESULTS:
        terminalreporter.write_sep("=", "corpus of real documents (issue 20)")
        terminalreporter.write_line(module.report())


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An untouched copy of the project, shared by a module's tests that only read it."""
    return copy_project(tmp_path_factory.mktemp("pristine"))
