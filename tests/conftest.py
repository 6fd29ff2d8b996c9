"""Shared fixtures: the bundled sample, and the shared corpora when FRAMING_DATA is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framing.datasets import load_sample, load_sample_gold


def shared_data() -> Path | None:
    """The folder of shared corpora named by FRAMING_DATA, if it exists."""
    env = os.environ.get("FRAMING_DATA")
    return Path(env) if env and Path(env).is_dir() else None


def requires_data(*folders: str):
    """Skip a test, with the reason, when a shared corpus folder is not available."""
    root = shared_data()
    missing = [f for f in folders if root is None or not (root / f).exists()]
    reason = (
        f"needs the {', '.join(missing)} corpus under FRAMING_DATA "
        f"({'unset' if root is None else root}); see datasets/README.md"
    )
    return pytest.mark.skipif(bool(missing), reason=reason)


@pytest.fixture(scope="session")
def sample():
    return load_sample()


@pytest.fixture(scope="session")
def sample_gold():
    return load_sample_gold()
