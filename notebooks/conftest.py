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


import json

import pytest


def _required_corpora(path: Path) -> list[str]:
    """The shared corpora a notebook declares in its metadata (``metadata.framing.requires_data``)."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return []
    return list(meta.get("framing", {}).get("requires_data", []))


def pytest_collection_modifyitems(config, items):
    """Skip, with the reason, a reproduction notebook whose corpora are not under FRAMING_DATA."""
    env = os.environ.get("FRAMING_DATA")
    root = Path(env) if env and Path(env).is_dir() else None
    for item in items:
        path = Path(str(item.fspath))
        if path.suffix != ".ipynb":
            continue
        missing = [c for c in _required_corpora(path) if root is None or not (root / c).exists()]
        if missing:
            item.add_marker(pytest.mark.skip(
                reason=f"needs the {', '.join(missing)} corpus under FRAMING_DATA "
                       f"({'unset' if root is None else root}); see datasets/README.md"))
