"""The statistics of a comparison: ratios of sums, percentile bootstrap intervals and
permutation p-values (numpy only; :mod:`framing.analysis.compare` draws the resamples)."""

from __future__ import annotations

import numpy as np

__all__: list[str] = []


def _ratio(num: np.ndarray, den: np.ndarray, scale: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        out = scale * num / den
    return np.where(den > 0, out, np.nan)

def _interval(reps: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval per column of a replicates matrix, ignoring undefined replicates."""
    alpha = (1.0 - confidence) / 2.0
    if reps.shape[0] == 0:
        nan = np.full(reps.shape[1], np.nan)
        return nan, nan
    ok = ~np.isnan(reps)
    lo = np.full(reps.shape[1], np.nan)
    hi = np.full(reps.shape[1], np.nan)
    for j in np.flatnonzero(ok.any(axis=0)):
        lo[j], hi[j] = np.quantile(reps[ok[:, j], j], [alpha, 1.0 - alpha])
    return lo, hi

def _p_value(perm: np.ndarray, observed: np.ndarray, exact: bool = False) -> np.ndarray:
    """Two-sided permutation p-value per column: (1 + #|perm| >= |obs|) / (1 + #perm).

    With ``exact``, ``perm`` holds every permutation (the observed one among them) and the
    p-value is the share of them at least as extreme.
    """
    out = np.full(observed.shape, np.nan)
    for j in range(observed.shape[0]):
        if np.isnan(observed[j]):
            continue
        col = perm[:, j]
        col = col[~np.isnan(col)]
        extreme = np.sum(np.abs(col) >= abs(observed[j]) - 1e-12)
        out[j] = extreme / len(col) if exact else (1 + extreme) / (1 + len(col))
    return out
