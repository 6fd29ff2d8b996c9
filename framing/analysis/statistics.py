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
    """``scale * num / den`` where ``den > 0``, else NaN (in place on one new array)."""
    out = np.multiply(scale, num)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(out, den, out=out)
    out[~(den > 0)] = np.nan
    return out


def _interval(reps: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval per column of a replicates matrix, ignoring undefined replicates.

    The same numbers as ``np.quantile(column[~isnan], [alpha, 1 - alpha])`` (linear
    interpolation) column by column, from one sort of the whole matrix (NaN sorts last).
    """
    alpha = (1.0 - confidence) / 2.0
    m = reps.shape[1] if reps.ndim == 2 else 0
    lo = np.full(m, np.nan)
    hi = np.full(m, np.nan)
    if reps.shape[0] == 0 or m == 0:
        return lo, hi
    n = (~np.isnan(reps)).sum(0)
    cols = np.flatnonzero(n > 0)
    if not len(cols):
        return lo, hi
    srt = np.sort(reps[:, cols] if len(cols) < m else reps, axis=0)
    n = n[cols]
    at = np.arange(len(cols))
    for q, out in ((alpha, lo), (1.0 - alpha, hi)):
        virtual = (n - 1) * q
        prev = np.floor(virtual).astype(np.intp)
        nxt = np.minimum(prev + 1, n - 1)
        a, b = srt[prev, at], srt[nxt, at]
        gamma = virtual - prev
        diff = b - a
        val = a + diff * gamma  # numpy's _lerp, for the same rounding
        val = np.where(gamma >= 0.5, b - diff * (1 - gamma), val)
        out[cols] = val
    return lo, hi


#: Resampling draws are made in blocks of at most this many cells (resamples x units), so
#: that memory stays flat whatever the number of articles.
RESAMPLE_BLOCK = 2_000_000


def _resample_counts(rng: np.random.Generator, n: int, n_boot: int):
    """Blocks of bootstrap counts: each row is one resample of ``n`` units drawn with
    replacement (``n`` uniform draws of a unit, counted), each column a unit. The blocks
    hold ``n_boot`` rows in all, at most :data:`RESAMPLE_BLOCK` cells each; each block is
    written over the one before (use it before asking for the next)."""
    step = max(1, RESAMPLE_BLOCK // max(n, 1))
    buffer = np.empty(min(step, n_boot) * n)  # one allocation: fresh pages cost system time
    for start in range(0, n_boot, step):
        c = min(step, n_boot - start)
        # 32-bit draws are the same numbers as 64-bit ones below 2**31 (numpy draws 32 bits
        # for such a range either way), in half the memory; counted straight into floats
        small = c * n < 2 ** 31
        idx = rng.integers(0, n, size=(c, n), dtype=np.int32 if small else np.int64)
        idx += (np.arange(c, dtype=idx.dtype) * n)[:, None]
        counts = buffer[:c * n]
        counts.fill(0.0)
        np.add.at(counts, idx.ravel(), 1.0)
        yield counts.reshape(c, n)


def _sign_patterns(rng: np.random.Generator, k: int, n_perm: int) -> tuple[np.ndarray, bool]:
    """The sign patterns of a paired sign-flip test over ``k`` stories, rows of +1/-1, and
    whether they are exact: every pattern when ``2**k <= n_perm``, else ``n_perm`` drawn
    ones (a sign ``1 - 2 * bit`` per drawn bit)."""
    if 2 ** k <= n_perm:
        return 1.0 - 2.0 * ((np.arange(2 ** k)[:, None] >> np.arange(k)) & 1), True
    # the bits of rng.integers(0, 2, (n_perm, k), dtype=np.int8), from a quarter as many
    # draws: numpy makes that draw from the bytes of 32-bit draws, low byte first, keeping
    # each byte's top bit
    size = n_perm * k
    words = np.asarray(rng.integers(0, 2 ** 32, size=-(-size // 4), dtype=np.uint32), "<u4")
    bits = (words.view(np.uint8)[:size] >> 7).reshape(n_perm, k)
    signs = np.multiply(bits, -2.0)  # two passes over floats: quicker than a table look-up
    signs += 1.0
    return signs, False


def _boot_sums(rng: np.random.Generator, mats: list[np.ndarray], n_boot: int) -> list[np.ndarray]:
    """Column sums of each matrix of ``mats`` (same rows: the units) under ``n_boot``
    bootstrap resamples of the rows (one draw shared by every matrix): ``n_boot x columns``
    each."""
    n = mats[0].shape[0]
    if n == 0:
        return [np.zeros((n_boot, x.shape[1])) for x in mats]
    parts: list[list[np.ndarray]] = [[] for _ in mats]
    for w in _resample_counts(rng, n, n_boot):
        for part, x in zip(parts, mats):
            part.append(w @ x)
    return [p[0] if len(p) == 1 else np.vstack(p) for p in parts]


def _boot_means(rng: np.random.Generator, d0: np.ndarray, mask: np.ndarray,
                n_boot: int) -> np.ndarray:
    """Bootstrap replicates of the column means of ``d0`` over its present cells (``mask``;
    ``d0`` holds zeros elsewhere): ``n_boot`` resamples of the rows, one draw shared by every
    column. A replicate is a column's resampled sum over the resampled count of its present
    cells, NaN when none of them is drawn; the count comes from one product per distinct
    column of ``mask``."""
    k = d0.shape[0]
    full = mask.all(0)
    patterns, which = _patterns(mask[:, ~full])
    dsum, csum = _boot_sums(rng, [d0, patterns.astype(float)], n_boot)
    cnt = np.full((n_boot, d0.shape[1]), float(k))
    cnt[:, ~full] = csum[:, np.ravel(which)]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(cnt > 0, dsum / cnt, np.nan)


def _patterns(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct columns of a boolean matrix and, per column, which of them it is."""
    if mask.shape[1] == 0:
        return mask[:, :0], np.zeros(0, dtype=np.intp)
    packed = np.ascontiguousarray(np.packbits(mask, axis=0).T)
    keys = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, first, which = np.unique(keys, return_index=True, return_inverse=True)
    return mask[:, first], which.ravel()


def _pairs_in_stories(story: np.ndarray, group: np.ndarray, n_groups: int
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every two cells of one story, for cells sorted by story (``story``, ``group``: the
    codes of each cell's story and group; one cell per story and group).

    Returns the pair of groups (its position among the pairs ``a < b`` in order: (0, 1),
    (0, 2), ..., (1, 2), ...), the cell of ``a`` and the cell of ``b``, sorted by pair and
    then story. The work grows with the cells of each story squared, not with the number of
    stories times the number of pairs: pairs of groups that share no story cost nothing.

    Examples
    --------
    >>> pair, a, b = _pairs_in_stories(np.array([0, 0, 0, 1, 1]), np.array([0, 1, 2, 0, 2]), 3)
    >>> pair.tolist(), a.tolist(), b.tolist()
    ([0, 1, 1, 2], [0, 0, 3, 1], [1, 2, 4, 2])
    """
    n = len(story)
    later = np.searchsorted(story, story, side="right") - np.arange(n) - 1
    left = np.repeat(np.arange(n), later)
    first = np.cumsum(later) - later
    right = left + 1 + np.arange(len(left)) - np.repeat(first, later)
    swap = group[left] > group[right]
    left, right = np.where(swap, right, left), np.where(swap, left, right)
    a, b = group[left], group[right]
    pair = a * (n_groups - 1) - a * (a - 1) // 2 + (b - a - 1)
    order = np.argsort(pair, kind="stable")
    return pair[order], left[order], right[order]


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
    p-value is the share of them at least as extreme. Undefined (NaN) permutations are left
    out; a column with an undefined observation gets NaN.
    """
    out = np.full(observed.shape, np.nan)
    if perm.shape[0] == 0:
        return out
    ok = ~np.isnan(perm)
    count = ok.sum(0)
    with np.errstate(invalid="ignore"):
        extreme = (ok & (np.abs(perm) >= np.abs(observed) - 1e-12)).sum(0)
        p = extreme / count if exact else (1 + extreme) / (1 + count)
    live = ~np.isnan(observed)
    out[live] = p[live]
    return out


def _p_floor_paired(k: np.ndarray, n_perm: int) -> np.ndarray:
    """The smallest p-value the paired sign-flip test can give with ``k`` stories.

    Of the 2**k sign patterns, the observed one and its mirror image are always as extreme,
    so no p-value is below 2 / 2**k; a Monte Carlo test (more than log2(n_perm) stories)
    cannot go below 1 / (n_perm + 1) either.
    """
    k = np.asarray(k, float)
    exact = k <= np.log2(max(n_perm, 1))
    every = 2.0 ** np.minimum(1.0 - k, 0.0)  # 2 / 2**k without overflow
    floor = np.where(exact, every, np.maximum(every, 1.0 / (n_perm + 1)))
    return np.where(k >= 1, floor, np.nan)


def _p_floor_pooled(n_a: int, n_b: int, n_perm: int) -> float:
    """The smallest p-value of the label-shuffle test with ``n_a`` and ``n_b`` articles."""
    if n_a < 1 or n_b < 1:
        return math.nan
    arrangements = math.comb(n_a + n_b, n_a)
    if arrangements > 2 * (n_perm + 1):  # the Monte Carlo floor is the larger (and a huge
        return 1.0 / (n_perm + 1)        # count of arrangements does not fit a float)
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
