"""Estimator checks for estimators over raw text: our own small suite, and scikit-learn's.

scikit-learn's ``check_estimator`` skips estimators that take raw text, so every public
estimator of the project runs through the checks below (style.md), and through
scikit-learn's own checks with :func:`sklearn_checks` (see the comment there).
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import parametrize_with_checks

from framing.features import AttributionFeatures, EvaluativeFeatures, FramingFeatures, HedgingFeatures
from framing.models import ActorSentimentClassifier, LoadedWordClassifier


def check_text_transformer(estimator, texts, y=None):
    """Clone, repr, params, fit returns self, not-fitted error, shape, names, pickle."""
    est = clone(estimator)
    assert repr(est)
    params = est.get_params()
    assert clone(est).get_params().keys() == params.keys()
    est.set_params(**params)
    with pytest.raises(NotFittedError):
        est.transform(texts)
    with pytest.raises(ValueError):
        clone(estimator).fit("a bare string is not a corpus")
    assert est.fit(texts, y) is est
    X = est.transform(texts)
    X = X.toarray() if hasattr(X, "toarray") else np.asarray(X)
    assert X.shape[0] == len(texts)
    names = est.get_feature_names_out()
    assert len(names) == X.shape[1]
    assert len(set(names)) == len(names)
    X2 = clone(estimator).fit_transform(texts, y)
    X2 = X2.toarray() if hasattr(X2, "toarray") else np.asarray(X2)
    np.testing.assert_allclose(X, X2)
    restored = pickle.loads(pickle.dumps(est))
    X3 = restored.transform(texts)
    X3 = X3.toarray() if hasattr(X3, "toarray") else np.asarray(X3)
    np.testing.assert_allclose(X, X3)
    with pytest.raises(ValueError):
        est.transform("a bare string")
    df = clone(estimator).set_output(transform="pandas").fit(texts, y).transform(texts)
    assert list(df.columns) == list(names)
    return X


def check_text_classifier(estimator, X, y):
    """Clone, params, fit returns self, not-fitted error, predict/predict_proba, pickle."""
    est = clone(estimator)
    assert repr(est)
    with pytest.raises(NotFittedError):
        est.predict(X)
    assert est.fit(X, y) is est
    pred = est.predict(X)
    assert len(pred) == len(X)
    assert set(pred) <= set(est.classes_)
    if hasattr(est, "predict_proba"):
        proba = est.predict_proba(X)
        assert proba.shape == (len(X), len(est.classes_))
        np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    restored = pickle.loads(pickle.dumps(est))
    assert list(restored.predict(X)) == list(pred)
    return pred


# -- scikit-learn's own checks ----------------------------------------------------------------
# scikit-learn yields no check at all for an estimator whose tags say it takes no 2-D array
# (``input_tags.two_d_array = False``, which every text estimator of the project declares),
# and warns instead. To run its checks anyway, each estimator is checked through a subclass
# that claims numeric 2-D input; the checks that then feed it numeric arrays fail by design
# and are declared as expected failures, each with the reason.
class _NumericTagsView:
    """Claims 2-D numeric input so that ``parametrize_with_checks`` runs its checks."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        tags.input_tags.string = False
        return tags


def numeric_view(estimator):
    """The same estimator (same parameters) as an instance of a view class defined here,
    so that it pickles by reference."""
    view = _VIEWS[type(estimator).__name__]
    return view(**estimator.get_params())


class AttributionFeaturesView(_NumericTagsView, AttributionFeatures):
    pass


class HedgingFeaturesView(_NumericTagsView, HedgingFeatures):
    pass


class EvaluativeFeaturesView(_NumericTagsView, EvaluativeFeatures):
    pass


class FramingFeaturesView(_NumericTagsView, FramingFeatures):
    pass


class ActorSentimentClassifierView(_NumericTagsView, ActorSentimentClassifier):
    pass


class LoadedWordClassifierView(_NumericTagsView, LoadedWordClassifier):
    pass


_VIEWS = {cls.__name__[: -len("View")]: cls for cls in (
    AttributionFeaturesView, HedgingFeaturesView, EvaluativeFeaturesView, FramingFeaturesView,
    ActorSentimentClassifierView, LoadedWordClassifierView)}

NUMERIC_INPUT = (
    "feeds random numeric arrays as X; the estimator takes texts (transformers) or rows "
    "(sentence, start, end) (classifiers) and refuses numbers with a ValueError that names the item"
)
# Checks that fail for a reason more specific than (or in addition to) the numeric input.
_SPECIFIC = {
    "check_complex_data": "complex numbers are refused as not texts/rows, with our message, "
                          "not 'Complex data not supported'",
    "check_estimators_empty_data_messages": "an (n, 0) numeric array is refused as not texts/rows, "
                                            "not with scikit-learn's '0 feature(s)' message",
    "check_fit2d_1sample": "the one-sample numeric array is refused as not texts/rows before any "
                           "sample count check, so not with the message the check wants",
    "check_fit2d_1feature": "the one-feature numeric array is refused as not texts/rows, not with "
                            "the 'n_features' message the check wants",
    "check_estimators_nan_inf": "NaN/inf numbers are refused as not texts/rows, not with a message "
                                "about NaN or infinity",
    "check_estimator_sparse_array": "sparse numeric input is refused as not texts/rows, without "
                                    "the word 'sparse' the check wants in the message",
    "check_estimator_sparse_matrix": "sparse numeric input is refused as not texts/rows, without "
                                     "the word 'sparse' the check wants in the message",
    "check_estimator_sparse_tag": "fits on a sparse numeric matrix to compare with the sparse tag; "
                                  "a text transformer refuses the numbers",
    "check_positive_only_tag_during_fit": "fits on (negative) numbers, which are not texts/rows",
    "check_classifiers_one_label": "the one-label numeric data is refused as not rows before the "
                                   "labels are looked at",
    "check_classifiers_regression_target": "the numeric rows are refused before the continuous "
                                           "target is looked at",
    "check_requires_y_none": "the numeric rows are refused before y=None is looked at, so not with "
                             "the 'requires y' message the check wants",
}
_FAILING_TRANSFORMER = (
    "check_complex_data", "check_dict_unchanged", "check_dont_overwrite_parameters",
    "check_dtype_object", "check_estimator_sparse_array", "check_estimator_sparse_matrix",
    "check_estimator_sparse_tag", "check_estimators_dtypes", "check_estimators_empty_data_messages",
    "check_estimators_fit_returns_self", "check_estimators_nan_inf", "check_estimators_overwrite_params",
    "check_estimators_pickle", "check_f_contiguous_array_estimator", "check_fit2d_1feature",
    "check_fit2d_1sample", "check_fit2d_predict1d", "check_fit_check_is_fitted", "check_fit_idempotent",
    "check_fit_score_takes_y", "check_methods_sample_order_invariance", "check_methods_subset_invariance",
    "check_n_features_in", "check_n_features_in_after_fitting", "check_pipeline_consistency",
    "check_positive_only_tag_during_fit", "check_readonly_memmap_input",
    "check_transformer_data_not_an_array", "check_transformer_general", "check_transformer_preserve_dtypes",
)
_FAILING_CLASSIFIER = tuple(
    c for c in _FAILING_TRANSFORMER
    if c not in ("check_estimator_sparse_tag", "check_transformer_data_not_an_array",
                 "check_transformer_general", "check_transformer_preserve_dtypes")
) + (
    "check_class_weight_classifiers", "check_classifier_data_not_an_array", "check_classifiers_classes",
    "check_classifiers_one_label", "check_classifiers_regression_target", "check_classifiers_train",
    "check_decision_proba_consistency", "check_non_transformer_estimators_n_iter",
    "check_requires_y_none", "check_supervised_y_2d",
)


def expected_failed_checks(estimator) -> dict[str, str]:
    """The scikit-learn checks each estimator fails by design, with the reason.

    Every one of them feeds numeric arrays (the input scikit-learn's checks know how to
    make) to an estimator over texts; the checks that pass are the API checks (clone, repr,
    tags, get/set params, parameters set only in ``__init__``, not-fitted errors, mixin
    order, fitting on 1-d data refused).
    """
    names = _FAILING_CLASSIFIER if hasattr(estimator, "predict") else _FAILING_TRANSFORMER
    return {name: _SPECIFIC.get(name, NUMERIC_INPUT) for name in names}


def sklearn_checks(estimators):
    """``parametrize_with_checks`` over the numeric views of ``estimators``, with the
    expected failures declared (strict: a declared failure that passes fails the test)."""
    return parametrize_with_checks([numeric_view(e) for e in estimators],
                                   expected_failed_checks=expected_failed_checks, xfail_strict=True)
