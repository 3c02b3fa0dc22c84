"""The in-process cache `make serve` relies on: a result is reused only while its files'
bytes are unchanged, and its errors are reported on every use."""

from __future__ import annotations

from pathlib import Path

from build_tools.errors import ErrorSink, SourceLocation
from build_tools.filecache import ByContent


def test_a_result_is_computed_again_only_when_its_files_change(tmp_path: Path) -> None:
    source = tmp_path / "a.yml"
    source.write_text("một", encoding="utf-8")
    calls: list[str] = []

    def compute(sink: ErrorSink) -> str:
        text = source.read_text(encoding="utf-8")
        calls.append(text)
        sink.add(SourceLocation("a.yml", 1, 1), f"lỗi trong “{text}”")
        return text.upper()

    cache: ByContent[str] = ByContent()
    first, second = ErrorSink(), ErrorSink()
    assert cache.get(("a",), [source], compute, first) == "MỘT"
    assert cache.get(("a",), [source], compute, second) == "MỘT"
    assert calls == ["một"]
    assert [e.message for e in second.errors] == ["lỗi trong “một”"]  # reported again

    source.write_text("hai", encoding="utf-8")
    assert cache.get(("a",), [source], compute, ErrorSink()) == "HAI"
    assert calls == ["một", "hai"]
