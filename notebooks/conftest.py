"""Notebook runs (nbmake) import framing from this source tree, like the tests do.

``python -m pytest`` puts the repository root on ``sys.path`` for the tests; the notebook
kernels are separate processes started in ``notebooks/``, so they get the root through
``PYTHONPATH`` instead. With an editable install (``pip install -e .``) both are the same
tree; without one, this keeps the notebooks from importing another installed copy.
"""

import os
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[1])
_paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
if _ROOT not in _paths:
    os.environ["PYTHONPATH"] = os.pathsep.join([_ROOT, *_paths])
