"""``framing.plot``: the figures of :mod:`framing.viz.plot`, under their public name."""

from framing.viz.plot import *  # noqa: F401,F403
from framing.viz.plot import __all__  # noqa: F401
