"""Agreement between the library and human coding, as content analysts report it.

Cohen's kappa and Krippendorff's alpha come from :mod:`nltk.metrics.agreement` (Artstein &
Poesio 2008), so a reviewer can check them against a standard implementation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from nltk.metrics.agreement import AnnotationTask

__all__ = ["agreement", "classification_scores", "group_ratios"]

#: level -> the distance of :mod:`nltk.metrics.distance` (imported when used: nltk, with the
#: scipy.stats it imports, is most of ``import framing``'s time)
LEVELS = {"nominal": "binary_distance", "interval": "interval_distance"}
BAD_LEVEL = "level must be one of {levels}, got {level!r}"
MISSING_COLUMN = "agreement() needs the column {column!r}; the table has {columns}"
FEW_CODERS = "agreement() needs at least two coder columns, got {coders!r}"


def _task(frame: pd.DataFrame, coders: Sequence[str], level: str) -> AnnotationTask:
    from nltk.metrics import distance
    from nltk.metrics.agreement import AnnotationTask

    data = [(c, str(i), v) for i, row in zip(frame.index, frame[list(coders)].itertuples(index=False))
            for c, v in zip(coders, row) if not pd.isna(v)]
    return AnnotationTask(data=data, distance=getattr(distance, LEVELS[level]))


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
    if level == "nominal":  # exact matches say little about interval values
        out["percent_agreement"] = float((complete.nunique(axis=1) == 1).mean())
    task = _task(frame, coders, level)
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
        units). A coefficient is NaN where it is undefined (no units, or one category only);
        ``percent_agreement`` and ``cohen_kappa`` are given for nominal labels only.

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


def group_ratios(
    table: pd.DataFrame,
    numerator: str,
    denominator: str | None = None,
    *,
    by: str | Sequence[str] | None = None,
    scale: float = 1.0,
    n_boot: int = 1000,
    confidence: float = 0.95,
    random_state: int = 0,
) -> pd.DataFrame:
    """A ratio of sums per group with a percentile bootstrap interval over rows.

    ``scale * sum(numerator) / sum(denominator)`` per group (the mean of ``numerator`` when
    ``denominator`` is None), the same kind of value as :func:`framing.compare` gives for
    the library's own metrics, for columns a user brings: gold counts of a corpus, human
    codes, anything tabled one row per article.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per unit (article).
    numerator, denominator : str
        Column names; rows with a missing value in either are left out.
    by : str or list of str, optional
        Group columns.
    scale : float, default 1.0
        For example 1000 with a word count denominator: per 1,000 words.
    n_boot, confidence, random_state
        Bootstrap resamples of the group's rows, interval level, seed.

    Returns
    -------
    pandas.DataFrame
        The group columns, ``n`` (rows), ``value``, ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "quotes": [2, 4, 1, 1], "words": [100, 100, 50, 150]})
    >>> group_ratios(t, "quotes", "words", by="outlet", scale=1000, n_boot=0)
      outlet  n  value  ci_low  ci_high
    0      A  2   30.0     NaN      NaN
    1      B  2   10.0     NaN      NaN
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")
    groups = [] if by is None else ([by] if isinstance(by, str) else list(by))
    for column in [numerator, *([denominator] if denominator else []), *groups]:
        if column not in table.columns:
            raise ValueError(MISSING_COLUMN.format(column=column, columns=list(table.columns)))
    rng = np.random.default_rng(random_state)
    parts = [((), table)] if not groups else [
        ((k,) if not isinstance(k, tuple) else k, g) for k, g in table.groupby(groups, sort=True)]
    rows = []
    alpha = (1 - confidence) / 2
    for key, frame in parts:
        cols = [numerator] + ([denominator] if denominator else [])
        frame = frame.dropna(subset=cols)
        num = frame[numerator].to_numpy(dtype=float)
        den = frame[denominator].to_numpy(dtype=float) if denominator else np.ones(len(frame))
        value = scale * num.sum() / den.sum() if den.sum() else np.nan
        low = high = np.nan
        if n_boot and len(frame) > 1:
            w = rng.multinomial(len(frame), np.full(len(frame), 1 / len(frame)), size=n_boot)
            d = w @ den
            reps = scale * (w @ num)[d > 0] / d[d > 0]
            if len(reps):
                low, high = (float(x) for x in np.quantile(reps, [alpha, 1 - alpha]))
        rows.append({**dict(zip(groups, key)), "n": len(frame), "value": value, "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows, columns=[*groups, "n", "value", "ci_low", "ci_high"])


def _macro_f1(conf: np.ndarray) -> float:
    tp = np.diag(conf)
    precision_den = conf.sum(axis=0)
    recall_den = conf.sum(axis=1)
    f1 = np.where(precision_den + recall_den > 0, 2 * tp / np.maximum(precision_den + recall_den, 1e-12), 0.0)
    present = recall_den > 0  # classes with gold examples, as scikit-learn averages over labels seen
    return float(f1[present | (precision_den > 0)].mean())


def classification_scores(
    table: pd.DataFrame,
    gold: str = "gold",
    predicted: str = "library",
    *,
    by: str | Sequence[str] | None = None,
    cluster: str | None = None,
    n_boot: int = 1000,
    confidence: float = 0.95,
    random_state: int = 0,
) -> pd.DataFrame:
    """Accuracy and macro-F1 of one coding against another, with bootstrap intervals.

    Macro-F1 averages the per-class F1 over the classes present in the gold or the
    predictions (scikit-learn's ``f1_score(average="macro")``); each resample recomputes it
    from the resample's confusion matrix, so the interval is that of the figure itself.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per unit with the gold label and the predicted label.
    gold, predicted : str
        Column names.
    by : str or list of str, optional
        Group columns (one row of scores per group).
    cluster : str, optional
        Resample whole clusters (for example the article or sentence a unit belongs to)
        instead of single rows, when units of one cluster are not independent.
    n_boot, confidence, random_state
        Bootstrap resamples, interval level, seed.

    Returns
    -------
    pandas.DataFrame
        The group columns, ``n``, ``accuracy``, ``accuracy_ci_low``, ``accuracy_ci_high``,
        ``macro_f1``, ``macro_f1_ci_low``, ``macro_f1_ci_high``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"gold": ["neg", "neg", "pos", "neu"], "library": ["neg", "pos", "pos", "neu"]})
    >>> classification_scores(t, n_boot=0)[["n", "accuracy", "macro_f1"]].round(3)
       n  accuracy  macro_f1
    0  4      0.75     0.778
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")
    groups = [] if by is None else ([by] if isinstance(by, str) else list(by))
    for column in [gold, predicted, *groups, *([cluster] if cluster else [])]:
        if column not in table.columns:
            raise ValueError(MISSING_COLUMN.format(column=column, columns=list(table.columns)))
    rng = np.random.default_rng(random_state)
    alpha = (1 - confidence) / 2
    parts = [((), table)] if not groups else [
        ((k,) if not isinstance(k, tuple) else k, g) for k, g in table.groupby(groups, sort=True)]
    rows = []
    for key, frame in parts:
        frame = frame.dropna(subset=[gold, predicted])
        labels = sorted(set(frame[gold]) | set(frame[predicted]), key=str)
        index = {label: i for i, label in enumerate(labels)}
        g = frame[gold].map(index).to_numpy()
        p = frame[predicted].map(index).to_numpy()
        units = frame[cluster].to_numpy() if cluster else np.arange(len(frame))
        ids, inverse = np.unique(units, return_inverse=True)
        K = len(labels)
        # one confusion matrix per cluster; a resample is a weighted sum of them
        per = np.zeros((len(ids), K, K))
        np.add.at(per, (inverse, g, p), 1.0)
        conf = per.sum(axis=0)
        row = {**dict(zip(groups, key)), "n": len(frame),
               "accuracy": float(np.trace(conf) / conf.sum()) if len(frame) else np.nan,
               "macro_f1": _macro_f1(conf) if len(frame) else np.nan}
        lows = {"accuracy": (np.nan, np.nan), "macro_f1": (np.nan, np.nan)}
        if n_boot and len(ids) > 1:
            w = rng.multinomial(len(ids), np.full(len(ids), 1 / len(ids)), size=n_boot)
            confs = np.tensordot(w, per, axes=1)
            acc = np.trace(confs, axis1=1, axis2=2) / confs.sum(axis=(1, 2))
            f1 = np.array([_macro_f1(c) for c in confs])
            lows = {"accuracy": tuple(np.quantile(acc, [alpha, 1 - alpha])),
                    "macro_f1": tuple(np.quantile(f1, [alpha, 1 - alpha]))}
        for name, (lo, hi) in lows.items():
            row[f"{name}_ci_low"], row[f"{name}_ci_high"] = float(lo), float(hi)
        rows.append(row)
    return pd.DataFrame(rows, columns=[*groups, "n", "accuracy", "accuracy_ci_low", "accuracy_ci_high",
                                       "macro_f1", "macro_f1_ci_low", "macro_f1_ci_high"])
