"""mypy on framing/ (the configuration in pyproject.toml: check_untyped_defs) finds nothing.

The package ships ``py.typed``, so its annotations are a promise to users' type checkers.
The run takes about 20 s of CPU from a cold cache and a few seconds with the cache
(``.mypy_cache`` in the checkout, ignored by git), so it stays in the default test run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_package_ships_py_typed():
    assert (ROOT / "framing" / "py.typed").is_file()


def test_mypy_finds_no_error_in_framing():
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0 and "Success: no issues found" in run.stdout, run.stdout + run.stderr
