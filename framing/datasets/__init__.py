"""Corpus loaders: the bundled sample, and the public corpora read from a data home.

Every loader takes ``data_home=`` (else ``$FRAMING_DATA``, else a user cache folder, see
:func:`get_data_home`) and reads the files in the layout the original repository publishes.
"""

from framing.datasets._babe import load_babe, load_mbic
from framing.datasets._polnear import load_polnear, read_brat_attributions
from framing.datasets._base import (
    dataset_path,
    get_data_home,
    load_sample,
    load_sample_actors,
    load_sample_gold,
)
from framing.datasets._szeged import load_szeged_uncertainty
from framing.datasets._newsmtsc import load_newsmtsc
from framing.datasets._semeval2025_roles import load_semeval2025_roles
from framing.datasets._narrative_framing import load_narrative_framing
from framing.datasets._ptc import load_ptc
from framing.datasets._semeval2023_persuasion import load_semeval2023_persuasion
from framing.datasets._newswcl50 import load_newswcl50
from framing.datasets._same_story import load_abp_story_triples, load_allsides_neus, load_article_bias_prediction
from framing.datasets._basil import load_basil, load_basil_corpus
from framing.datasets._multidimnews import load_multidimnews
from framing.datasets._semeval2023_frames import SEMEVAL_FRAMES, load_semeval2023_frames
from framing.datasets._frac import FRAC_LABELS, FRAC_TO_SEMEVAL, load_frac
from framing.datasets._gvfc import GVFC_FRAMES, gvfc_split, load_gvfc

__all__ = [
    "dataset_path",
    "load_babe",
    "load_mbic",
    "get_data_home",
    "load_sample",
    "load_sample_actors",
    "load_sample_gold",
    "load_szeged_uncertainty",
    "load_polnear",
    "read_brat_attributions",
    "load_newsmtsc",
    "load_semeval2025_roles",
    "load_narrative_framing",
    "load_ptc",
    "load_semeval2023_persuasion",
    "load_newswcl50",
    "load_allsides_neus",
    "load_article_bias_prediction",
    "load_abp_story_triples",
    "load_basil",
    "load_basil_corpus",
    "load_multidimnews",
    "load_semeval2023_frames",
    "load_frac",
    "load_gvfc",
    "SEMEVAL_FRAMES",
    "FRAC_LABELS",
    "FRAC_TO_SEMEVAL",
    "GVFC_FRAMES",
    "gvfc_split",
]
