"""How the pipeline starts worker processes (YAML parsing, search indexing)."""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.context import BaseContext


def context() -> BaseContext:
    """fork when this process has one thread (cheap: nothing is imported again); a fresh
    interpreter ("spawn") otherwise, because forking a process with threads (`mkdocs
    serve`'s server) is not safe."""
    return multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")
