"""The statistics of a comparison: ratios of sums, percentile bootstrap intervals, small-sample
t intervals, permutation p-values, their floors and multiple-comparison adjustment (numpy and
scipy only; :mod:`framing.analysis.compare` draws the resamples)."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["MIN_SAMPLE", "P_ADJUST", "adjust_p"]

#: Fewer units than this (articles for a group's value, stories for a within-story
#: difference) and the percentile bootstrap is replaced by a t interval, and the report warns.
#: Why 10: the percentile bootstrap of a mean of n units is the normal interval with the
#: plug-in standard deviation (divisor n), so for normal data its 95% interval covers about
#: 90% of the time at n = 10 and about 85% at n = 5 (worse for skewed data), and with fewer
#: than 6 stories the paired permutation test cannot reach p < 0.05 at all.
MIN_SAMPLE = 10

#: Multiple-comparison adjustments :func:`adjust_p` knows.
P_ADJUST = ("holm", "bh", "none")

BAD_ADJUST = "p_adjust must be one of {known}, got {value!r}"


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


def _t_quantile(confidence: float, df: np.ndarray) -> np.ndarray:
    from scipy.special import stdtrit  # lighter than scipy.stats

    df = np.asarray(df, float)
    out = np.full(df.shape, np.nan)
    ok = df >= 1
    out[ok] = stdtrit(df[ok], 0.5 + confidence / 2.0)
    return out


def _ratio_t_interval(num: np.ndarray, den: np.ndarray, scale: np.ndarray,
                      confidence: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """t interval of ratios of sums (rows: articles), by linearisation.

    The ratio estimator's standard error is ``scale * sqrt(n / (n - 1) * sum(e**2)) / sum(den)``
    with residuals ``e = num - R * den`` (Cochran 1977, ch. 6); the interval is ``R +- t(m - 1)
    * se`` where ``m`` is the number of articles that contribute to the denominator. Returns
    the low and high ends and ``m``.
    """
    value, se, m = _ratio_se(num, den, scale)
    half = _t_quantile(confidence, m - 1) * se
    return value - half, value + half, m


def _ratio_se(num: np.ndarray, den: np.ndarray,
              scale: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ratio of sums per column, its linearised standard error, and the contributing rows."""
    n = num.shape[0]
    m = (den > 0).sum(0)
    tot = den.sum(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(tot > 0, num.sum(0) / tot, np.nan)
        e = np.where(den > 0, num - r * den, num)
        se = scale * np.sqrt(n / max(n - 1, 1) * (e ** 2).sum(0)) / tot
    return scale * r, se, m


def _mean_t_interval(d: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """t interval of the column means of ``d`` (NaN cells left out): mean +- t(k - 1) s / sqrt(k)."""
    mask = ~np.isnan(d)
    k = mask.sum(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(mask, d, 0.0).sum(0) / k
        var = np.where(mask, (d - mean) ** 2, 0.0).sum(0) / (k - 1)
        half = _t_quantile(confidence, k - 1) * np.sqrt(var / k)
    return mean - half, mean + half


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


def _p_floor_paired(k: np.ndarray, n_perm: int) -> np.ndarray:
    """The smallest p-value the paired sign-flip test can give with ``k`` stories.

    Of the 2**k sign patterns, the observed one and its mirror image are always as extreme,
    so no p-value is below 2 / 2**k; a Monte Carlo test (more than log2(n_perm) stories)
    cannot go below 1 / (n_perm + 1) either.
    """
    k = np.asarray(k, float)
    exact = 2.0 ** k <= n_perm
    floor = np.where(exact, 2.0 / 2.0 ** k, np.maximum(2.0 / 2.0 ** k, 1.0 / (n_perm + 1)))
    return np.where(k >= 1, floor, np.nan)


def _p_floor_pooled(n_a: int, n_b: int, n_perm: int) -> float:
    """The smallest p-value of the label-shuffle test with ``n_a`` and ``n_b`` articles."""
    if n_a < 1 or n_b < 1:
        return math.nan
    arrangements = math.comb(n_a + n_b, n_a)
    exact_floor = (2.0 if n_a == n_b else 1.0) / arrangements
    return max(exact_floor, 1.0 / (n_perm + 1))


def adjust_p(p: np.ndarray, method: str = "holm") -> np.ndarray:
    """p-values adjusted for the number of comparisons (NaN entries are left out).

    ``"holm"``: Holm's step-down adjustment, which controls the family-wise error rate under
    any dependence between the tests; ``"bh"``: Benjamini-Hochberg, which controls the false
    discovery rate (for independent or positively dependent tests); ``"none"``: unchanged.

    Examples
    --------
    >>> adjust_p(np.array([0.01, 0.04, 0.03, np.nan]), "holm").round(3).tolist()
    [0.03, 0.06, 0.06, nan]
    >>> adjust_p(np.array([0.01, 0.04, 0.03]), "bh").round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    if method not in P_ADJUST:
        raise ValueError(BAD_ADJUST.format(known=", ".join(P_ADJUST), value=method))
    p = np.asarray(p, float)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    m = len(ok)
    if m == 0 or method == "none":
        out[ok] = p[ok]
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    ps = p[order]
    if method == "holm":
        adj = np.maximum.accumulate((m - np.arange(m)) * ps)
    else:
        adj = np.minimum.accumulate((m / np.arange(1, m + 1) * ps)[::-1])[::-1]
    out[order] = np.minimum(adj, 1.0)
    return out
