"""Check that a change to ``framing.compare`` leaves its tables as they were.

Saves every table of ``framing.compare`` in a few settings (the bundled sample within stories
and pooled, two seeds; the 1,000-article table of ``bench_compare.py``, within stories and
pooled) with the code on ``PYTHONPATH``, or checks the current code's tables against a saved
set: bit for bit, and, where a float column differs, by how much.

    # the reference, from a checkout of the commit before the change
    git archive <commit> | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base python benchmarks/compare_outputs.py --save /tmp/ref
    # the change
    PYTHONPATH=. python benchmarks/compare_outputs.py --check /tmp/ref

``--sample-only`` leaves out the benchmark table (which needs ``FRAMING_DATA``). ``--changed
TABLE`` names a table a change means to alter (``role_differences`` when its draws changed):
its differences are printed but do not fail the check, and every other table must still be
equal bit for bit.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")
HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import framing  # noqa: E402

TABLES = ("overall", "by_group", "by_actor", "by_story", "differences", "actor_differences",
          "role_differences", "metrics")


def settings(sample_only: bool) -> dict[str, tuple]:
    """Name -> (analysis, keyword arguments of compare)."""
    from framing.datasets import load_sample, load_sample_actors

    sample = load_sample().analyze(actors=load_sample_actors(), progress=False, n_jobs=1)
    out = {
        "sample-story-seed0": (sample, {"random_state": 0}),
        "sample-story-seed1": (sample, {"random_state": 1, "n_boot": 400, "n_perm": 300}),
        "sample-pooled-seed0": (sample, {"within": None, "random_state": 0}),
        "sample-story-min2": (sample, {"random_state": 2, "min_sample": 2}),
    }
    if not sample_only:
        from bench_compare import repeated, source_analysis

        table = repeated(source_analysis("abp"), 1_000)
        out["bench1000-story-seed0"] = (table, {"random_state": 0})
        out["bench1000-pooled-seed3"] = (table, {"within": None, "random_state": 3,
                                                  "n_boot": 200, "n_perm": 200})
    return out


def run(sample_only: bool) -> dict[str, dict]:
    results = {}
    for name, (analysis, kwargs) in settings(sample_only).items():
        cmp = framing.compare(analysis, progress=False, **kwargs)
        results[name] = {t: getattr(cmp, t) for t in TABLES}
        results[name]["notes"] = list(cmp.notes)
        results[name]["parameters"] = dict(cmp.parameters)
        print(f"{name}: {len(cmp.differences)} differences, "
              f"{len(cmp.actor_differences)} actor differences", flush=True)
    return results


def differ(ref: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    """What differs between two tables (empty when they are equal, bit for bit)."""
    try:
        pd.testing.assert_frame_equal(ref, new, check_exact=True)
        return []
    except AssertionError as e:
        problems = [str(e).splitlines()[0]]
    if list(ref.columns) != list(new.columns) or len(ref) != len(new):
        return problems
    for c in ref.columns:
        a, b = ref[c], new[c]
        if a.dtype.kind == "f" and b.dtype.kind == "f":
            x, y = a.to_numpy(), b.to_numpy()
            nan = np.isnan(x) != np.isnan(y)
            diff = np.abs(np.where(np.isnan(x) | np.isnan(y), 0, x - y))
            if nan.any() or diff.max(initial=0) > 0:
                problems.append(f"  {c}: {int(nan.sum())} NaN mismatches, "
                                f"{int((diff > 0).sum())} values differ, max |diff| "
                                f"{diff.max(initial=0):.3g}")
        elif not a.equals(b):
            problems.append(f"  {c}: {int((a.astype(str) != b.astype(str)).sum())} cells differ "
                            f"(dtypes {a.dtype} / {b.dtype})")
    return problems


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--save", type=Path, help="folder to save the tables in")
    what.add_argument("--check", type=Path, help="folder of saved tables to check against")
    p.add_argument("--sample-only", action="store_true")
    p.add_argument("--changed", action="append", default=[], choices=TABLES,
                   help="a table the change means to alter: report its differences, do not "
                        "fail on them (repeatable)")
    args = p.parse_args(argv)
    print(f"framing from {Path(framing.__file__).parent}")
    results = run(args.sample_only)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        with open(args.save / "compare_tables.pkl", "wb") as fh:
            pickle.dump(results, fh)
        print(f"saved to {args.save}")
        return 0
    with open(args.check / "compare_tables.pkl", "rb") as fh:
        ref = pickle.load(fh)
    bad = 0
    for name, tables in results.items():
        if name not in ref:
            print(f"{name}: not in the reference")
            continue
        for key, new in tables.items():
            old = ref[name][key]
            if isinstance(new, pd.DataFrame):
                problems = differ(old, new)
            else:
                problems = [] if old == new else [f"{old!r} != {new!r}"]
            if problems:
                meant = key in args.changed
                bad += not meant
                print(f"{name} {key}: DIFFERS" + (" (meant to: --changed)" if meant else ""))
                print("\n".join(problems))
        print(f"{name}: checked")
    also = f" (apart from the --changed {', '.join(args.changed)})" if args.changed else ""
    print(f"all tables equal, bit for bit{also}" if not bad else f"{bad} table(s) differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
