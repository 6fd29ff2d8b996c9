"""The report: an analysis and its comparison rendered as HTML, Markdown or JSON.

:func:`~framing.reporting.summary.summarize` computes the summary once from an
:class:`~framing.Analysis` and a :class:`~framing.analysis.Comparison`; :class:`Report`
renders it. Nothing here runs the pipeline or the comparison: :func:`framing.report` (in
:mod:`framing.api`) composes analyse + compare + render.
"""

from framing.reporting.render import UNKNOWN_FORMAT, Report, check_output
from framing.reporting.summary import summarize

__all__ = ["Report", "UNKNOWN_FORMAT", "check_output", "summarize"]
