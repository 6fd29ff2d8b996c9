"""An internal utility of the pipeline: :func:`gc_paused` (not part of the public API)."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block, then restore it.

    Analysing one article allocates tens of thousands of small objects (tokens, records,
    the dicts of :meth:`Document.to_dict`) and frees them by reference counting: the
    pipeline leaves no reference cycles behind (``gc.collect()`` after an article finds
    none). The collector's passes over them, and the full passes over every object the
    process holds (the imported libraries, the loaded lexicons and models) that they
    trigger, are then pure cost: about a sixth of the default pipeline's time on 100
    articles (``benchmarks/bench_default_pipeline.py``). :meth:`framing.Pipeline.run` and
    :meth:`Document.to_dict` run inside this block. The collector is re-enabled on exit
    only if it was enabled on entry, so a caller that disabled it keeps it disabled; the
    allocations made meanwhile still count toward its next pass.

    Examples
    --------
    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
