"""One loader for every file that ships in ``framing/data``: lexicons (TSV) and models (JSON).

Every extractor reads its packaged tables through these functions, so there is one TSV
format and one reader:

- a lexicon is a tab-separated file under ``framing/data/lexicons/`` (the gazetteer,
  ``gazetteer.tsv``, sits in ``framing/data/``); lines starting with ``#`` and blank lines
  are comments; the first other line holds the column names; fields are split on tabs with
  no quoting (a ``"`` is an ordinary character);
- a model is a JSON object under ``framing/data/models/`` (plain data: loading runs no code).

Functions
---------
:func:`lexicon_rows`
    the rows of a lexicon as lists of strings, in file order (the one TSV reader);
:func:`load_lexicon`
    the rows of a lexicon as ``dict`` (column name -> string), cached;
:func:`load_model`
    a packaged model as the ``dict`` its JSON holds (a fresh object on every call, so the
    caller may index it in place and cache the result).

The extractors build their own indexes on top (``framing.extract.hedging.cue_lexicon``,
``framing.extract.evaluative.evaluative_lexicon``, ``framing.extract.attribution.reporting_verbs``,
``framing.extract.actors.gazetteer``).

Examples
--------
>>> rows = load_lexicon("boosters.tsv")
>>> rows[0]["cue"], rows[0]["category"]
('clearly', 'booster')
>>> next(lexicon_rows("boosters.tsv"))[:3]
['clearly', 'booster', 'adverb']
>>> sorted(load_model("hedging.json"))[:2]
['C', 'bias']
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

__all__ = ["data_text", "lexicon_rows", "load_lexicon", "load_model", "model_exists"]

_OUTSIDE_LEXICONS = frozenset({"gazetteer.tsv"})  # lexicons that sit in framing/data itself


def data_text(*parts: str) -> str:
    """The text (UTF-8) of the packaged file ``framing/data/<parts...>``.

    Examples
    --------
    >>> data_text("lexicons", "hedges.tsv").split("\\t")[0]
    'cue'
    """
    return resources.files("framing").joinpath("data", *parts).read_text(encoding="utf-8")


def _lexicon_parts(name: str) -> tuple[str, ...]:
    if "/" in name or "\\" in name or not name.endswith(".tsv"):
        raise ValueError(f"a lexicon is named by its file name ending in .tsv, got {name!r}")
    return (name,) if name in _OUTSIDE_LEXICONS else ("lexicons", name)


def lexicon_rows(name: str, *, with_header: bool = False) -> Iterator[list[str]]:
    """The rows of the packaged lexicon ``name`` (a file name such as ``"hedges.tsv"``).

    Comment lines (``#``) and blank lines are left out; the first remaining line (the
    column names) is left out too unless ``with_header``. Each row is ``line.split("\\t")``.

    Returns
    -------
    iterator of list of str
    """
    text = data_text(*_lexicon_parts(name))
    header = not with_header
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:  # the column names
            header = False
            continue
        yield line.split("\t")


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> tuple[dict[str, str], ...]:
    """The rows of the packaged lexicon ``name`` keyed by its column names.

    A row shorter than the header lacks the missing columns' keys; extra fields are dropped.
    The rows are cached: treat the dicts as read-only.

    Returns
    -------
    tuple of dict (column name -> str)
    """
    rows = lexicon_rows(name, with_header=True)
    header = next(rows, None)
    if header is None:
        return ()
    return tuple(dict(zip(header, row)) for row in rows)


def model_exists(name: str) -> bool:
    """True when ``framing/data/models/<name>`` ships with the package."""
    return resources.files("framing").joinpath("data").joinpath("models").joinpath(name).is_file()


def load_model(name: str) -> dict[str, Any]:
    """The packaged model ``framing/data/models/<name>`` (JSON), as a new ``dict``.

    Raises
    ------
    FileNotFoundError
        When the package holds no such model (the message names the path).
    ValueError
        When the file does not hold a JSON object.
    """
    if not model_exists(name):
        raise FileNotFoundError(f"framing/data/models/{name} is not in the installed package")
    value = json.loads(data_text("models", name))
    if not isinstance(value, dict):
        raise ValueError(f"framing/data/models/{name} must hold a JSON object, got {type(value).__name__}")
    return value
