"""The documentation builds with warnings as errors (``mkdocs build --strict``).

A broken nav entry, a link to a missing page or anchor, or a docstring that mkdocstrings
cannot render fails this test, so the docs never rot. The build takes a few seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _mkdocs_available() -> bool:
    try:
        import mkdocs  # noqa: F401
        import mkdocstrings  # noqa: F401
        import material  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(
    not _mkdocs_available(),
    reason='mkdocs, mkdocs-material or mkdocstrings not installed (pip install -e ".[test]")',
)
def test_docs_build_strict(tmp_path):
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    for page in ("index.html", "concepts/index.html", "datasets/index.html",
                 "api/framing/index.html"):
        assert (site / page).is_file(), page
    # the API reference rendered the docstrings, not an empty page
    api = (site / "api" / "framing" / "index.html").read_text(encoding="utf-8")
    assert 'id="framing.analyze"' in api
