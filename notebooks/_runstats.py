"""Run time and peak memory of a notebook, shown in its first cell's output and kept up to date.

``start()`` displays a line in the calling cell's output and updates it after every cell
(IPython's ``post_run_cell`` event), so when the notebook has run, its first cell says how
long the whole run took and how much memory it needed at most, on the machine it ran on.
"""

import os
import platform
import resource
import sys
import time

from IPython import get_ipython
from IPython.display import display


def _peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def start() -> None:
    t0 = time.perf_counter()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    handle = display("run statistics appear here after the first cell", display_id=True)

    def update(result=None):
        handle.update(f"run so far: {time.perf_counter() - t0:.1f} s wall time, "
                      f"peak memory {_peak_mb():.0f} MB (kernel process), {machine}")

    get_ipython().events.register("post_run_cell", update)
    update()
