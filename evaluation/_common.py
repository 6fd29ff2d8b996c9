"""What every evaluation script shares: ``--split``, ``--json``, the ledger of test readings,
and 95% intervals from a bootstrap over documents.

- ``--split dev|test``: dev by default. A test split is read only when asked for.
- ``--json PATH``: the run's figures as one flat JSON object, figure name -> number, with
  ``<name>_ci_low`` / ``<name>_ci_high`` next to every accuracy figure.
- A run that reads a test split appends one line to ``evaluation/ledger.jsonl`` (date, git
  commit, script, split, arguments, figures): the record of how often each test split was
  read. Never edit old lines; the file is kept in the repository.
- Intervals: a percentile bootstrap over documents (``N_BOOT`` resamples, seed ``SEED``).
  Each resample draws documents with replacement, sums their counts and recomputes the
  figure from the sums (an F1 from resampled true positives, predictions and gold spans,
  never an average of per-document F1s).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
LEDGER = ROOT / "evaluation" / "ledger.jsonl"
SPLITS = ("dev", "test")
N_BOOT = 1000
SEED = 20261202
LEVEL = 0.95


# ---------------------------------------------------------------------------------------
# command line, JSON, ledger


def add_arguments(ap: argparse.ArgumentParser, help_split: str = "",
                  splits: Sequence[str] = SPLITS) -> argparse.ArgumentParser:
    """Add ``--split`` (dev by default), ``--json`` and ``--ledger`` to ``ap``.

    Error-analysis scripts, which must never read a test split, pass ``splits`` without
    ``"test"``."""
    ap.add_argument("--split", choices=list(splits), default="dev",
                    help=("held-out data to score: dev (default) or test (recorded in the ledger)"
                          if "test" in splits else f"data to analyse: {', '.join(splits)} (never test)")
                    + (f"; {help_split}" if help_split else ""))
    add_json_argument(ap)
    ap.add_argument("--ledger", type=Path, default=LEDGER, metavar="PATH",
                    help="where a test reading is recorded (default: evaluation/ledger.jsonl)")
    return ap


def add_json_argument(ap: argparse.ArgumentParser) -> argparse.ArgumentParser:
    ap.add_argument("--json", type=Path, metavar="PATH",
                    help="write the figures as a flat JSON object (name -> number)")
    return ap


def git_commit(root: Path = ROOT) -> tuple[str, bool]:
    """The commit checked out at ``root`` and whether tracked files differ from it (the
    ledger itself excepted); ``("unknown", False)`` outside a git checkout."""
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                              text=True, check=True, timeout=30).stdout.strip()
        status = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no",
                                 "--", ".", ":(exclude)evaluation/ledger.jsonl"],
                                capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown", False
    return head, bool(status.strip())


def _check_flat(figures: dict) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, value in figures.items():
        if not isinstance(name, str):
            raise TypeError(f"figure names are strings, not {name!r}")
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise TypeError(f"figure {name!r} is {value!r}, not a number")
        v = float(value) if isinstance(value, (float, np.floating)) else int(value)
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError(f"figure {name!r} is {v}, not a finite number")
        out[name] = v
    return out


def write_json(path: Path, figures: dict) -> None:
    """Write ``figures`` as one flat JSON object of numbers."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_check_flat(figures), indent=1) + "\n", encoding="utf-8")


def record_test_reading(ledger: Path, script: str, split: str, figures: dict,
                        argv: Sequence[str] | None = None) -> dict:
    """Append one line to the ledger: date (UTC), commit, whether the checkout was modified,
    script, split, arguments and figures. Returns the line written."""
    commit, dirty = git_commit()
    line = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "commit": commit,
        "dirty": dirty,
        "script": script,
        "split": split,
        "argv": list(argv or []),
        "figures": _check_flat(figures),
    }
    ledger = Path(ledger)
    ledger.parent.mkdir(parents=True, exist_ok=True)
    with ledger.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line) + "\n")
    return line


def finish(args: argparse.Namespace, script: str, figures: dict, argv: Sequence[str] | None = None,
           read_test: bool | None = None) -> None:
    """End of a run: write ``--json`` and, when a test split was read, the ledger line.

    ``read_test`` defaults to ``args.split == "test"``; a script passes ``False`` when an
    option kept it from reading the held-out data (``--sample-only``)."""
    if read_test is None:
        read_test = args.split == "test"
    if getattr(args, "json", None):
        write_json(args.json, figures)
    if read_test:
        if args.split != "test":
            raise ValueError("a test reading with --split dev: the script read the wrong split")
        record_test_reading(args.ledger, script, args.split, figures, argv)


# ---------------------------------------------------------------------------------------
# bootstrap over documents


def bootstrap_weights(n_units: int, n_boot: int = N_BOOT, seed: int = SEED) -> np.ndarray:
    """How many times each of ``n_units`` documents is drawn in each of ``n_boot`` resamples
    (an ``(n_boot, n_units)`` integer array; each row sums to ``n_units``)."""
    if n_units < 1:
        raise ValueError("a bootstrap needs at least one document")
    rng = np.random.default_rng(seed)
    return rng.multinomial(n_units, np.full(n_units, 1.0 / n_units), size=n_boot)


def _interval(values: np.ndarray) -> tuple[float, float]:
    values = values[np.isfinite(values)]
    if values.size == 0:
        return float("nan"), float("nan")
    tail = 100 * (1 - LEVEL) / 2
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)


def counts_interval(counts, statistic: Callable[[np.ndarray], np.ndarray], n_boot: int = N_BOOT,
                    seed: int = SEED) -> tuple[float, float]:
    """95% interval of ``statistic`` over documents.

    ``counts`` is one row of counts per document (``(n_documents, k)``); ``statistic`` maps
    summed counts (``(..., k)``) to the figure (``(...)``), so each resample's figure is
    recomputed from its summed counts."""
    counts = np.asarray(counts, dtype=float)
    if counts.ndim == 1:
        counts = counts[:, None]
    totals = bootstrap_weights(len(counts), n_boot, seed) @ counts.reshape(len(counts), -1)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.asarray(statistic(totals.reshape(n_boot, *counts.shape[1:])), dtype=float)
    return _interval(values)


def groups_interval(groups: Sequence[Hashable], statistic: Callable[[np.ndarray], float],
                    n_boot: int = N_BOOT, seed: int = SEED) -> tuple[float, float]:
    """95% interval of a figure that is not a ratio of counts (ROC AUC), over documents.

    ``groups`` gives the document of each item; ``statistic(weights)`` computes the figure
    with one integer weight per item (how many times its document was drawn)."""
    keys = {g: i for i, g in enumerate(dict.fromkeys(groups))}
    index = np.array([keys[g] for g in groups])
    values = np.array([statistic(w[index]) for w in bootstrap_weights(len(keys), n_boot, seed)])
    return _interval(values)


def safe_div(num, den):
    """``num / den`` elementwise, 0 where ``den`` is 0 (the convention of framing.scoring.PRF)."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), 0.0)


def precision(c):
    return safe_div(c[..., 0], c[..., 1])


def recall(c):
    return safe_div(c[..., 0], c[..., 2])


def f1(c):
    """F1 from summed (true positives, predicted, gold): 2 tp / (predicted + gold)."""
    return safe_div(2 * c[..., 0], c[..., 1] + c[..., 2])


def ratio(c):
    """Accuracy from summed (right, total)."""
    return safe_div(c[..., 0], c[..., 1])


def macro_f1(c):
    """Macro-F1 from summed per-class counts ``(..., n_classes, 3)`` (tp, predicted, gold);
    classes with neither predictions nor gold are left out, as scikit-learn's ``labels``
    are the classes present."""
    per = safe_div(2 * c[..., 0], c[..., 1] + c[..., 2])
    present = (c[..., 1] + c[..., 2]) > 0
    return safe_div((per * present).sum(axis=-1), present.sum(axis=-1))


def prf_figures(prefix: str, counts) -> dict[str, float]:
    """Precision, recall and F1 with their intervals, from per-document (tp, predicted, gold)."""
    counts = np.asarray(counts, dtype=float).reshape(-1, 3)
    out: dict[str, float] = {}
    total = counts.sum(axis=0)
    for name, fn in (("precision", precision), ("recall", recall), ("f1", f1)):
        out.update(with_interval(f"{prefix}_{name}", float(fn(total)), counts_interval(counts, fn)))
    return out


def ratio_figures(name: str, counts) -> dict[str, float]:
    """An accuracy (right / total) with its interval, from per-document (right, total)."""
    counts = np.asarray(counts, dtype=float).reshape(-1, 2)
    return with_interval(name, float(ratio(counts.sum(axis=0))), counts_interval(counts, ratio))


def macro_f1_figures(name: str, labels_true: Sequence, labels_pred: Sequence, groups: Sequence[Hashable],
                     classes: Iterable | None = None) -> dict[str, float]:
    """Macro-F1 over classes with its interval, resampling ``groups`` (one per row)."""
    classes = sorted(set(labels_true) | set(labels_pred)) if classes is None else list(classes)
    keys = {g: i for i, g in enumerate(dict.fromkeys(groups))}
    counts = np.zeros((len(keys), len(classes), 3))
    col = {c: i for i, c in enumerate(classes)}
    for t, p, g in zip(labels_true, labels_pred, groups):
        d = keys[g]
        counts[d, col[p], 1] += 1
        counts[d, col[t], 2] += 1
        if t == p:
            counts[d, col[t], 0] += 1
    return with_interval(name, float(macro_f1(counts.sum(axis=0))), counts_interval(counts, macro_f1))


def with_interval(name: str, value: float, interval: tuple[float, float]) -> dict[str, float]:
    return {name: value, f"{name}_ci_low": interval[0], f"{name}_ci_high": interval[1]}


def fmt(figures: dict, name: str, digits: int = 3) -> str:
    """``"0.771 [0.752, 0.790]"``: a figure and its interval, when it has one."""
    value = f"{figures[name]:.{digits}f}"
    low, high = figures.get(f"{name}_ci_low"), figures.get(f"{name}_ci_high")
    if low is None or high is None:
        return value
    return f"{value} [{low:.{digits}f}, {high:.{digits}f}]"


INTERVAL_NOTE = (f"[low, high]: {int(LEVEL * 100)}% percentile bootstrap interval over documents "
                 f"({N_BOOT} resamples, seed {SEED})")


class DocCounts:
    """Counts per document (``k`` columns), documents in order of first appearance."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.rows: dict[Hashable, np.ndarray] = {}

    def add(self, doc: Hashable, *values: float) -> None:
        if len(values) != self.k:
            raise ValueError(f"{len(values)} counts for {self.k} columns")
        row = self.rows.setdefault(doc, np.zeros(self.k))
        row += values

    def array(self) -> np.ndarray:
        return np.array(list(self.rows.values()), dtype=float).reshape(-1, self.k)

    def __len__(self) -> int:
        return len(self.rows)
