"""The data home shared by every corpus loader, and the bundled sample.

Corpora are read from a data home: the ``data_home=`` argument, else the ``FRAMING_DATA``
environment variable, else a per-user cache directory (``~/.cache/framing`` or
``$XDG_CACHE_HOME/framing``). Inside it every corpus has the folder layout its original
repository publishes. Nothing is downloaded: the library runs offline, so a missing corpus
raises an :class:`OSError` that says where to put which files and where they come from.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

from framing.corpus import Corpus
from framing.io.jsonl import read_jsonl

__all__ = [
    "get_data_home",
    "dataset_path",
    "load_sample",
    "load_sample_gold",
    "load_sample_actors",
]

DATA_HOME_ENV = "FRAMING_DATA"

MISSING_DATASET = (
    "{name} not found: expected {expected}. framing never downloads corpora at run time; "
    "get the files from {source} and put them there in the original layout, or point "
    "data_home= or the FRAMING_DATA environment variable at a folder that holds {folder}/."
)


def get_data_home(data_home: str | os.PathLike[str] | None = None) -> Path:
    """The folder the corpus loaders read from.

    ``data_home`` if given, else ``$FRAMING_DATA``, else ``$XDG_CACHE_HOME/framing``
    (``~/.cache/framing`` when ``XDG_CACHE_HOME`` is unset). The folder is not created.

    Examples
    --------
    >>> get_data_home("/tmp/corpora")
    PosixPath('/tmp/corpora')
    """
    if data_home is not None:
        return Path(data_home).expanduser()
    env = os.environ.get(DATA_HOME_ENV)
    if env:
        return Path(env).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "framing"


def dataset_path(
    folder: str,
    *required: str,
    name: str,
    source: str,
    data_home: str | os.PathLike[str] | None = None,
) -> Path:
    """The folder of one corpus in the data home, after checking its files exist.

    Parameters
    ----------
    folder : str
        The corpus folder inside the data home (``"polnear"``, ``"newsmtsc"``, ...).
    *required : str
        Paths inside the folder that must exist.
    name, source : str
        The corpus name and its original source, for the error message.

    Raises
    ------
    OSError
        When the folder or a required path is missing; the message names the expected
        path and the original source.

    Examples
    --------
    >>> dataset_path("nothing_here", name="Demo", source="example.org", data_home="/nonexistent")
    Traceback (most recent call last):
    ...
    OSError: Demo not found: expected /nonexistent/nothing_here. framing never downloads ...
    """
    root = get_data_home(data_home) / folder
    for rel in ("", *required):
        p = root / rel if rel else root
        if not p.exists():
            raise OSError(MISSING_DATASET.format(name=name, expected=p, source=source, folder=folder))
    return root


def _sample_file(name: str):
    return resources.files("framing").joinpath("data").joinpath("sample").joinpath(name)


def load_sample() -> Corpus:
    """The bundled sample: original articles on several stories by four fictional outlets.

    Written by the project for demonstration, doctests and golden tests (see
    ``datasets/sample/README.md``): a careful wire service, two partisan outlets that mirror
    each other, and a tabloid, each covering the same stories.

    Examples
    --------
    >>> corpus = load_sample()
    >>> corpus.outlets
    ['Liberty Ledger', 'Meridian Wire', 'The Daily Beacon', 'The Morning Blast']
    """
    with resources.as_file(_sample_file("articles.jsonl")) as path:
        return read_jsonl(path)


def load_sample_gold() -> list[dict]:
    """Gold annotations of the sample in the record format of the annotation guidelines.

    Examples
    --------
    >>> gold = load_sample_gold()
    >>> sorted(gold[0])  # doctest: +NORMALIZE_WHITESPACE
    ['actor_sentiment', 'attributions', 'boosters', 'evaluative', 'hedges', 'id', 'mentions',
     'outlet', 'story', 'text', 'vague']
    """
    text = _sample_file("gold.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def load_sample_actors(story: str | None = None) -> dict:
    """The actor table of the sample: ``{story: {canonical name: [aliases]}}``, or one story's.

    Examples
    --------
    >>> table = load_sample_actors()
    >>> sorted(table) == load_sample().stories
    True
    """
    table = json.loads(_sample_file("actors.json").read_text(encoding="utf-8"))
    return table if story is None else table[story]
