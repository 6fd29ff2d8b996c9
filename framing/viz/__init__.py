"""Pictures of the evidence: figures drawn from the analysis tables (:mod:`~framing.viz.plot`)
and one document's evidence highlighted as HTML (:mod:`~framing.viz.display`). Nothing here
runs the pipeline."""

from framing.viz import plot
from framing.viz.display import render_document

__all__ = ["plot", "render_document"]
