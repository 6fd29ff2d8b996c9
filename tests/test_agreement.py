"""Agreement statistics: equal to nltk's and to scikit-learn's where both define them."""

import numpy as np
import pandas as pd
import pytest
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import interval_distance
from sklearn.metrics import cohen_kappa_score

from framing.analysis.agreement import _alpha_from, _unit_coincidences, agreement


def _table(n=200, seed=0):
    rng = np.random.default_rng(seed)
    gold = rng.choice(["negative", "neutral", "positive"], n)
    lib = np.where(rng.random(n) < 0.7, gold, rng.choice(["negative", "neutral", "positive"], n))
    return pd.DataFrame({"gold": gold, "library": lib, "outlet": rng.choice(["A", "B"], n)})


def test_kappa_matches_scikit_learn_and_alpha_matches_nltk():
    t = _table()
    row = agreement(t, n_boot=0).iloc[0]
    assert row.cohen_kappa == pytest.approx(cohen_kappa_score(t.gold, t.library))
    task = AnnotationTask(data=[(c, str(i), v) for i, r in t.iterrows() for c, v in (("g", r.gold), ("l", r.library))])
    assert row.krippendorff_alpha == pytest.approx(task.alpha())
    assert row.percent_agreement == pytest.approx((t.gold == t.library).mean())


def test_fast_alpha_used_by_the_bootstrap_equals_nltk_interval_with_missing_values():
    rng = np.random.default_rng(1)
    x = pd.DataFrame({"a": rng.normal(size=40).round(1), "b": rng.normal(size=40).round(1),
                      "c": rng.normal(size=40).round(1)})
    x.loc[[3, 7], "c"] = None
    O, D = _unit_coincidences(x, ["a", "b", "c"], "interval")
    data = [(c, str(i), v) for i, r in x.iterrows() for c, v in r.items() if not pd.isna(v)]
    assert _alpha_from(O, D, np.ones(len(x))) == pytest.approx(AnnotationTask(data=data, distance=interval_distance).alpha())


def test_per_group_rows_and_an_interval_around_alpha():
    t = _table(400)
    out = agreement(t, by="outlet", n_boot=300)
    assert out.outlet.tolist() == ["A", "B"]
    assert (out.n_units.sum()) == 400
    assert ((out.alpha_ci_low < out.krippendorff_alpha) & (out.krippendorff_alpha < out.alpha_ci_high)).all()


def test_perfect_and_undefined_agreement():
    same = pd.DataFrame({"gold": ["x", "y", "x"], "library": ["x", "y", "x"]})
    assert agreement(same, n_boot=0).krippendorff_alpha[0] == pytest.approx(1.0)
    one_category = pd.DataFrame({"gold": ["x", "x"], "library": ["x", "x"]})
    row = agreement(one_category, n_boot=0).iloc[0]
    assert row.percent_agreement == 1.0 and np.isnan(row.krippendorff_alpha)


def test_bad_arguments_name_the_problem():
    t = _table(10)
    with pytest.raises(ValueError, match="needs the column 'human'"):
        agreement(t, ["human", "library"])
    with pytest.raises(ValueError, match="level must be one of"):
        agreement(t, level="ordinal-ish")
    with pytest.raises(ValueError, match="at least two coder columns"):
        agreement(t, ["gold"])


def test_group_ratios_value_and_interval():
    from framing.analysis import group_ratios

    t = pd.DataFrame({"outlet": ["A"] * 50 + ["B"] * 50,
                      "quotes": [2] * 50 + [1, 3] * 25, "words": [100] * 100})
    out = group_ratios(t, "quotes", "words", by="outlet", scale=1000, n_boot=500)
    assert out.value.tolist() == [20.0, 20.0]
    a, b = out.iloc[0], out.iloc[1]
    assert a.ci_low == a.ci_high == 20.0          # no spread in A
    assert b.ci_low < 20.0 < b.ci_high             # spread in B
    with pytest.raises(ValueError, match="needs the column 'claims'"):
        group_ratios(t, "claims")


def test_classification_scores_match_scikit_learn_and_resample_clusters():
    from sklearn.metrics import f1_score

    from framing.analysis import classification_scores

    t = _table(300).assign(sentence=np.repeat(np.arange(100), 3))
    out = classification_scores(t, by=None, cluster="sentence", n_boot=400).iloc[0]
    assert out.macro_f1 == pytest.approx(f1_score(t.gold, t.library, average="macro"))
    assert out.accuracy == pytest.approx((t.gold == t.library).mean())
    assert out.macro_f1_ci_low < out.macro_f1 < out.macro_f1_ci_high
    per = classification_scores(t, by="outlet", n_boot=0)
    assert per.n.sum() == 300 and per.macro_f1_ci_low.isna().all()
    with pytest.raises(ValueError, match="needs the column 'human'"):
        classification_scores(t, "human")
