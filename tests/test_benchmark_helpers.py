"""benchmarks/_machine.py: the order of alternating rounds and the benchmarks' input rows."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

from _machine import alternating, article_rows  # noqa: E402


def test_alternating_reverses_the_order_every_other_round():
    assert list(alternating({"a": 1, "b": 2}, 3)) == [
        (0, "a"), (0, "b"), (1, "b"), (1, "a"), (2, "a"), (2, "b")]
    assert list(alternating(["a"], 0)) == []


def test_article_rows_are_the_sample_with_its_tables_then_the_files_sorted(tmp_path):
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(f"Text of {name}.", encoding="utf-8")
    rows = article_rows(str(tmp_path / "*.txt"))
    sample, files = rows[:16], rows[16:]
    assert all(name.startswith("sample/") and story and table for name, _, story, table in sample)
    assert [(name, text, story, table) for name, text, story, table in files] == [
        (str(tmp_path / "a.txt"), "Text of a.txt.", None, None),
        (str(tmp_path / "b.txt"), "Text of b.txt.", None, None)]
