"""scikit-learn transformers that count evidence in raw texts.

Each transformer takes an iterable of strings (a bare string raises ``ValueError``) or of
already-analysed :class:`framing.Document` objects, runs the extractors once per distinct
text (a bounded per-process cache, so a grid search does not re-analyse per fold), and
returns one row of counts or rates per text, with readable column names from
``get_feature_names_out`` (so ``set_output(transform="pandas")`` works).
"""

from framing.features._attribution import AttributionFeatures
from framing.features._evaluative import EvaluativeFeatures
from framing.features._framing import FramingFeatures
from framing.features._hedging import HedgingFeatures

__all__: list[str] = [
    "AttributionFeatures",
    "EvaluativeFeatures",
    "FramingFeatures",
    "HedgingFeatures",
]
