"""Input that could not be read: :class:`ReadError` (raised) and :class:`Problem` (recorded).

Part of the data model. A module of its own so that the tables of a run
(:mod:`framing.analysis`) can list unreadable rows without importing the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "ReadError"]


class ReadError(ValueError):
    """Bad input: names the file, line and column where it was found."""


@dataclass(frozen=True)
class Problem:
    """One input row that could not be read into a document, and why."""

    source: str
    line: int | None
    column: str | None
    reason: str
    id: str | None = None

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.reason}"
