"""The evaluation scripts' shared plumbing (evaluation/_common.py): --split (dev by default),
--json (a flat object of numbers), the ledger of test readings, and the bootstrap over
documents. The scripts run here on the bundled sample only (no corpus), or with their loader
swapped for the sample's gold, so no held-out split is read by the tests."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import f1_score, roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
EVALUATION = ROOT / "evaluation"
if str(EVALUATION) not in sys.path:
    sys.path.insert(0, str(EVALUATION))

import _common as C  # noqa: E402


def _script(name: str):
    """Import evaluation/<name>.py as a module (not run as __main__)."""
    spec = importlib.util.spec_from_file_location(f"_evaluation_{name}", EVALUATION / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ledger_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


# --- bootstrap ------------------------------------------------------------------------


def test_f1_is_pooled_from_counts_not_an_average_of_document_f1s():
    # doc 1: one cue, found; doc 2: ten false positives, no gold
    figs = C.prf_figures("x", [[1, 1, 1], [0, 10, 0]])
    assert figs["x_f1"] == pytest.approx(2 / 12)  # averaged per-document F1 would be 0.5
    assert figs["x_precision"] == pytest.approx(1 / 11)
    assert figs["x_recall"] == 1.0
    assert figs["x_f1_ci_low"] <= figs["x_f1"] <= figs["x_f1_ci_high"]


def test_interval_is_degenerate_for_identical_documents_and_wide_for_unequal_ones():
    same = C.prf_figures("x", [[3, 4, 5]] * 20)
    assert same["x_f1_ci_low"] == pytest.approx(same["x_f1"]) == pytest.approx(same["x_f1_ci_high"])
    rng = np.random.default_rng(0)
    gold = rng.integers(1, 20, 50)
    tp = rng.integers(0, gold + 1)
    pred = tp + rng.integers(0, 10, 50)
    counts = np.stack([tp, pred, gold], axis=1)
    figs = C.prf_figures("y", counts)
    assert figs["y_f1_ci_low"] < figs["y_f1"] < figs["y_f1_ci_high"]
    assert 0.01 < figs["y_f1_ci_high"] - figs["y_f1_ci_low"] < 0.3
    # fewer documents, wider interval
    few = C.prf_figures("y", counts[:10])
    assert few["y_f1_ci_high"] - few["y_f1_ci_low"] > figs["y_f1_ci_high"] - figs["y_f1_ci_low"]


def test_bootstrap_is_seeded_and_resamples_documents():
    w = C.bootstrap_weights(7)
    assert w.shape == (C.N_BOOT, 7)
    assert (w.sum(axis=1) == 7).all()
    assert np.array_equal(w, C.bootstrap_weights(7))
    assert not np.array_equal(w, C.bootstrap_weights(7, seed=C.SEED + 1))
    with pytest.raises(ValueError):
        C.bootstrap_weights(0)


def test_macro_f1_matches_scikit_learn_and_resamples_groups():
    rng = np.random.default_rng(1)
    labels = ["negative", "neutral", "positive"]
    y = list(rng.choice(labels, 300))
    p = [t if rng.random() < 0.6 else rng.choice(labels) for t in y]
    groups = [i // 3 for i in range(300)]
    figs = C.macro_f1_figures("m", y, p, groups)
    assert figs["m"] == pytest.approx(f1_score(y, p, average="macro"))
    assert figs["m_ci_low"] < figs["m"] < figs["m_ci_high"]


def test_groups_interval_for_auc_uses_resample_weights():
    rng = np.random.default_rng(2)
    y = rng.random(200) < 0.5
    score = y + rng.normal(0, 1, 200)
    groups = [i // 4 for i in range(200)]
    low, high = C.groups_interval(groups, lambda w: roc_auc_score(y, score, sample_weight=w), n_boot=200)
    assert low < roc_auc_score(y, score) < high


# --- --json and the ledger -------------------------------------------------------------


def test_json_is_a_flat_object_of_numbers(tmp_path):
    path = tmp_path / "out" / "figs.json"
    C.write_json(path, {"a_f1": np.float64(0.5), "n": np.int64(3), "b": 1})
    assert json.loads(path.read_text()) == {"a_f1": 0.5, "n": 3, "b": 1}
    for bad in ({"a": "0.5"}, {"a": [1]}, {"a": {"b": 1}}, {"a": True}, {"a": float("nan")}):
        with pytest.raises((TypeError, ValueError)):
            C.write_json(tmp_path / "bad.json", bad)


def test_ledger_line_only_for_a_test_reading(tmp_path):
    import argparse

    ap = C.add_arguments(argparse.ArgumentParser())
    ledger = tmp_path / "ledger.jsonl"
    dev = ap.parse_args(["--ledger", str(ledger)])
    assert dev.split == "dev"  # never test unless asked
    C.finish(dev, "evaluation/x.py", {"f1": 0.5})
    assert not ledger.exists()
    test = ap.parse_args(["--split", "test", "--ledger", str(ledger)])
    C.finish(test, "evaluation/x.py", {"f1": 0.5}, read_test=False)  # e.g. --sample-only
    assert not ledger.exists()
    C.finish(test, "evaluation/x.py", {"f1": 0.5}, ["--split", "test"])
    C.finish(test, "evaluation/x.py", {"f1": 0.25}, ["--split", "test"])
    lines = _ledger_lines(ledger)
    assert [line["figures"] for line in lines] == [{"f1": 0.5}, {"f1": 0.25}]
    line = lines[0]
    assert set(line) == {"date", "commit", "dirty", "script", "split", "argv", "figures"}
    assert (line["script"], line["split"], line["argv"]) == ("evaluation/x.py", "test", ["--split", "test"])
    assert line["date"][:2] == "20" and line["date"].endswith("+00:00")
    if (ROOT / ".git").exists():
        assert len(line["commit"]) == 40 and int(line["commit"], 16) >= 0
    with pytest.raises(SystemExit):
        ap.parse_args(["--split", "train"])


def test_the_repository_ledger_is_json_lines_of_test_readings():
    for line in _ledger_lines(C.LEDGER):
        assert line["split"] == "test"
        assert line["script"].startswith("evaluation/")
        assert all(isinstance(v, (int, float)) for v in line["figures"].values())


# --- the scripts ---------------------------------------------------------------------


def test_attribution_reads_dev_by_default_and_ledgers_a_test_run(tmp_path, monkeypatch, sample_gold):
    attribution = _script("attribution")
    read = []

    def fake_load(split):  # the sample's gold stands in for PolNeAR: no held-out split is read
        read.append(split)
        return sample_gold[:4]

    monkeypatch.setattr(attribution, "load", fake_load)
    ledger, out = tmp_path / "ledger.jsonl", tmp_path / "dev.json"
    assert attribution.main(["--no-sample", "--json", str(out), "--ledger", str(ledger)]) == 0
    assert read == ["dev"] and not ledger.exists()
    figs = json.loads(out.read_text())
    assert figs["polnear_dev_documents"] == 4
    assert all(isinstance(v, (int, float)) for v in figs.values())
    for name in ("cue_precision", "cue_recall", "cue_f1", "source_accuracy", "content_match", "kind_accuracy"):
        key = f"polnear_dev_{name}"
        assert figs[f"{key}_ci_low"] <= figs[key] <= figs[f"{key}_ci_high"]

    out = tmp_path / "test.json"
    attribution.main(["--split", "test", "--no-sample", "--json", str(out), "--ledger", str(ledger)])
    assert read == ["dev", "test"]
    (line,) = _ledger_lines(ledger)
    assert line["script"] == "evaluation/attribution.py" and line["split"] == "test"
    assert line["figures"] == json.loads(out.read_text())
    assert line["figures"]["polnear_test_cue_f1"] == figs["polnear_dev_cue_f1"]  # same four documents


def test_evaluative_sample_only_writes_json_and_reads_no_split(tmp_path):
    evaluative = _script("evaluative")
    ledger, out = tmp_path / "ledger.jsonl", tmp_path / "ev.json"
    evaluative.main(["--split", "test", "--sample-only", "--json", str(out), "--ledger", str(ledger)])
    assert not ledger.exists()  # --sample-only reads no BABE/MBIC split: not a test reading
    figs = json.loads(out.read_text())
    assert figs["sample_span_f1"] > 0.8  # docs/evaluative.md: 0.897 on the sample
    assert figs["sample_span_f1_ci_low"] < figs["sample_span_f1"] < figs["sample_span_f1_ci_high"]
    assert figs["sample_polarity_accuracy"] <= 1.0
    assert all(isinstance(v, (int, float)) for v in figs.values())


def test_scripts_refuse_what_would_read_test_data_by_the_back_door():
    hedging = _script("hedging")
    with pytest.raises(SystemExit):
        hedging.main(["--ood"])  # out-of-domain evaluation data only with --split test
    with pytest.raises(SystemExit):
        hedging.main(["--split", "test", "--errors"])  # errors on the development part only
    with pytest.raises(SystemExit):
        _script("evaluative").main(["--split", "test", "--tune-loaded-words"])


def test_every_evaluation_script_defaults_to_dev(monkeypatch):
    """Each script's parser: --split dev by default, test only when asked, --json present."""
    import argparse

    seen = {}
    real = argparse.ArgumentParser.parse_args

    def capture(self, args=None, namespace=None):
        ns = real(self, args, namespace)
        seen["ns"] = ns
        raise SystemExit(0)

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", capture)
    for name in ("attribution", "hedging", "evaluative", "actors", "attribution_errors"):
        with pytest.raises(SystemExit):
            _script(name).main([])
        assert seen.pop("ns").split == "dev", name
        with pytest.raises(SystemExit):
            _script(name).main(["--json", "x.json"])
        assert str(seen.pop("ns").json) == "x.json", name
