"""Agreement between the library and human coding, as content analysts report it.

Cohen's kappa and Krippendorff's alpha come from :mod:`nltk.metrics.agreement` (Artstein &
Poesio 2008), so a reviewer can check them against a standard implementation.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance, interval_distance

__all__ = ["agreement"]

LEVELS = {"nominal": binary_distance, "interval": interval_distance}
BAD_LEVEL = "level must be one of {levels}, got {level!r}"
MISSING_COLUMN = "agreement() needs the column {column!r}; the table has {columns}"
FEW_CODERS = "agreement() needs at least two coder columns, got {coders!r}"


def _task(frame: pd.DataFrame, coders: Sequence[str], distance) -> AnnotationTask:
    data = [(c, str(i), v) for i, row in zip(frame.index, frame[list(coders)].itertuples(index=False))
            for c, v in zip(coders, row) if not pd.isna(v)]
    return AnnotationTask(data=data, distance=distance)


def _unit_coincidences(frame: pd.DataFrame, coders: Sequence[str], level: str):
    """Per-unit coincidence matrices (units x K x K) and the distance matrix over the K values."""
    values = frame[list(coders)].to_numpy(dtype=object)
    present = ~pd.isna(frame[list(coders)]).to_numpy()
    cats = sorted({v for v, ok in zip(values.ravel(), present.ravel()) if ok}, key=str)
    if level == "interval":
        cats = sorted(cats, key=float)
    index = {v: i for i, v in enumerate(cats)}
    K = len(cats)
    O = np.zeros((len(values), K, K))
    for u, (row, ok) in enumerate(zip(values, present)):
        vals = [index[v] for v, o in zip(row, ok) if o]
        m = len(vals)
        if m < 2:
            continue
        counts = np.bincount(vals, minlength=K).astype(float)
        O[u] = (np.outer(counts, counts) - np.diag(counts)) / (m - 1)
    if level == "interval":
        x = np.array([float(c) for c in cats])
        D = (x[:, None] - x[None, :]) ** 2
    else:
        D = 1.0 - np.eye(K)
    return O, D


def _alpha_from(O: np.ndarray, D: np.ndarray, weights: np.ndarray) -> float:
    o = np.tensordot(weights, O, axes=1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if n <= 1:
        return float("nan")
    expected = (np.outer(n_c, n_c) * D).sum() / (n * (n - 1))
    if expected == 0:
        return float("nan")
    return float(1.0 - (o * D).sum() / n / expected)


def _scores(frame: pd.DataFrame, coders: Sequence[str], level: str) -> dict[str, float]:
    values = frame[list(coders)]
    complete = values.dropna()
    n = len(complete)
    out = {"n_units": float(n), "percent_agreement": np.nan, "cohen_kappa": np.nan,
           "krippendorff_alpha": np.nan}
    if n == 0:
        return out
    out["percent_agreement"] = float((complete.nunique(axis=1) == 1).mean())
    task = _task(frame, coders, LEVELS[level])
    if len(set(task.K)) < 2:
        return out  # one category only: chance-corrected coefficients are undefined
    if level == "nominal":
        out["cohen_kappa"] = float(task.kappa())
    out["krippendorff_alpha"] = float(task.alpha())
    return out


def agreement(
    table: pd.DataFrame,
    coders: Sequence[str] = ("gold", "library"),
    *,
    by: str | Sequence[str] | None = None,
    level: str = "nominal",
    n_boot: int = 1000,
    random_state: int = 0,
) -> pd.DataFrame:
    """Agreement of two or more codings of the same units, overall or per group.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per coded unit (an article, a sentence, an actor in an article), one column
        per coder holding that coder's label (nominal) or value (interval). Missing values
        are left out of the coefficients.
    coders : sequence of str, default ("gold", "library")
        The coder columns.
    by : str or list of str, optional
        Group columns (for example ``"outlet"`` or ``"measure"``): one row per group.
    level : {"nominal", "interval"}
        Level of measurement; Cohen's kappa is given for nominal labels only (mean pairwise
        kappa with more than two coders), Krippendorff's alpha for both.
    n_boot : int, default 1000
        Bootstrap resamples of units for the 95% interval of alpha (0 for none).
    random_state : int, default 0

    Returns
    -------
    pandas.DataFrame
        Columns: the group columns, ``n_units``, ``percent_agreement``, ``cohen_kappa``,
        ``krippendorff_alpha``, ``alpha_ci_low``, ``alpha_ci_high`` (percentile bootstrap over
        units). A coefficient is NaN where it is undefined (no units, or one category only).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"gold": ["neg", "neg", "pos", "neu", "pos", "neg"],
    ...                   "library": ["neg", "pos", "pos", "neu", "pos", "neg"]})
    >>> agreement(t, n_boot=0)[["n_units", "percent_agreement", "cohen_kappa"]].round(3)
       n_units  percent_agreement  cohen_kappa
    0      6.0              0.833        0.739
    """
    if level not in LEVELS:
        raise ValueError(BAD_LEVEL.format(levels=sorted(LEVELS), level=level))
    coders = list(coders)
    if len(coders) < 2:
        raise ValueError(FEW_CODERS.format(coders=coders))
    groups = [] if by is None else ([by] if isinstance(by, str) else list(by))
    for column in coders + groups:
        if column not in table.columns:
            raise ValueError(MISSING_COLUMN.format(column=column, columns=list(table.columns)))
    rng = np.random.default_rng(random_state)
    rows = []
    parts = [((), table)] if not groups else [
        ((k,) if not isinstance(k, tuple) else k, g) for k, g in table.groupby(groups, sort=True, dropna=False)]
    for key, frame in parts:
        frame = frame.reset_index(drop=True)
        row = dict(zip(groups, key))
        row.update(_scores(frame, coders, level))
        low = high = np.nan
        if n_boot and len(frame) > 1 and not np.isnan(row["krippendorff_alpha"]):
            # the bootstrap recomputes alpha from per-unit coincidence matrices (the same
            # coefficient as nltk's, checked in tests/test_agreement.py), resampling units
            O, D = _unit_coincidences(frame, coders, level)
            counts = rng.multinomial(len(frame), np.full(len(frame), 1 / len(frame)), size=n_boot)
            boots = [a for a in (_alpha_from(O, D, w) for w in counts) if not np.isnan(a)]
            if boots:
                low, high = (float(x) for x in np.percentile(boots, [2.5, 97.5]))
        row["alpha_ci_low"], row["alpha_ci_high"] = low, high
        rows.append(row)
    return pd.DataFrame(rows, columns=[*groups, "n_units", "percent_agreement", "cohen_kappa",
                                       "krippendorff_alpha", "alpha_ci_low", "alpha_ci_high"])
