"""The pipeline: named steps, in dependency order, that fill a :class:`~framing.Document`.

Each :class:`Step` declares the ``Document`` fields it reads and the fields it writes, and
may carry a model. :meth:`Pipeline.default` is the pipeline :func:`framing.analyze`,
:meth:`framing.Corpus.analyze` (:func:`framing.analysis.run.analyze_corpus`),
:func:`framing.report` and the command line use::

    clutter -> text -> attribution -> hedging -> evaluative -> actors -> actor_sentiment
    -> roles -> frames -> sentence_bias -> persuasion

Swap a step's model with :meth:`Pipeline.replace`, leave steps out with
:meth:`Pipeline.without`, add one with :meth:`Pipeline.add`. A pipeline is checked when it is
built: every field a step reads must be written by an earlier step (``text`` is there from
the start). Steps are module-level functions, so a pipeline pickles (``n_jobs`` workers).

A step's model follows the scorer protocol: ``classes_`` (the labels) and
``predict_proba(rows) -> array (n_rows, n_classes)``. For ``actor_sentiment`` a row is
``(sentence, start, end)``, the actor's mention as offsets into the sentence; the labels are
``negative``, ``neutral`` and ``positive`` and the score is P(positive) - P(negative).
For ``roles`` a row is ``(document, start, end)``, the analysed document and the actor's
first mention; the labels are ``antagonist``, ``innocent`` and ``protagonist`` (and ``none``
for the rule default, :class:`framing.extract.roles.RoleRules`).
The ``persuasion`` step takes a span model instead: any object with ``predict_spans(texts)
-> [[(start, end, label, score), ...], ...]`` (a fitted
:class:`framing.models.PersuasionSpanTagger`); without one it runs the rules of
:mod:`framing.persuasion`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace as _dc_replace
from functools import lru_cache
from typing import Any

from framing._gc import gc_paused
from framing.document import Document
from framing.extract.run import (  # the evidence run lives below the models (re-exported here)
    add_attributions,
    add_evaluative,
    add_hedges,
    annotate_evidence,
    mark_clutter,
    parse_sentences,
)

__all__ = ["Pipeline", "Step", "analyze", "annotate", "annotate_evidence", "actors_for", "as_pipeline"]

Actors = Mapping[str, Sequence[str]]

#: What a document has before any step runs.
GIVEN = ("text",)

UNKNOWN_STEP = "no step named {name!r} in this pipeline; steps: {names}"
MISSING_READ = ("step {step!r} reads {field!r}, which no earlier step writes "
                "(fields available before it: {have})")
STILL_READ = "cannot remove step {name!r}: step {step!r} reads {field!r}, which it writes"
DUPLICATE = "a step named {name!r} is already in the pipeline"
NO_MODEL = "step {name!r} takes no model"
NOT_A_SCORER = ("the model of step {name!r} must have classes_ and predict_proba(rows) "
                "(the scorer protocol), or be a path to a JSON model file; got {type}")
NOT_A_SPAN_MODEL = ("the model of step {name!r} must have predict_spans(texts) -> "
                    "[[(start, end, label, score), ...], ...], or be a path to a JSON model file; "
                    "got {type}")
#: Steps whose model finds spans (``predict_spans``) instead of scoring given rows.
SPAN_STEPS = frozenset({"persuasion"})
BAD_LABELS = "the model of step {name!r} must have the classes {need}; its classes_ are {got}"


@dataclass(frozen=True)
class Step:
    """One step of a :class:`Pipeline`.

    Parameters
    ----------
    name : str
        Unique within a pipeline (``"actor_sentiment"``).
    func : callable
        ``func(doc, model, **options) -> None``: fills the fields named in ``writes``. A
        module-level function, so that the pipeline pickles.
    reads, writes : tuple of str
        ``Document`` fields the step needs and fills (``"sentences"``, ``"attributions"``,
        ``"attributions.actor"`` for a part of a record, ...).
    model : object, optional
        Passed to ``func``; ``None`` is the step's no-training default.
    options : tuple of str
        Keyword arguments of :meth:`Pipeline.run` the step takes (the actors step takes
        ``actors``, the actor table).
    takes_model : bool, default True
        Whether :meth:`Pipeline.replace` may give the step a model.
    loader : callable, optional
        ``loader(path) -> model``: how :meth:`Pipeline.replace` reads a model file.
    labels : tuple of str
        Classes a model of this step must have (checked by :meth:`Pipeline.replace`).
    """

    name: str
    func: Callable[..., None]
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    model: Any = None
    options: tuple[str, ...] = ()
    takes_model: bool = True
    loader: Callable[[str], Any] | None = field(default=None, repr=False)
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"a step's name must be a non-empty str, got {self.name!r}")
        if not callable(self.func):
            raise TypeError(f"step {self.name!r}: func must be callable")
        for attr in ("reads", "writes", "options", "labels"):
            value = getattr(self, attr)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, attr, tuple(value))


# -- the steps: module-level functions (a pipeline must pickle) -------------------------------

def _clutter(doc: Document, model: Any) -> None:
    mark_clutter(doc)


def _text(doc: Document, model: Any) -> None:
    parse_sentences(doc)


def _attribution(doc: Document, model: Any) -> None:
    add_attributions(doc)


def _hedging(doc: Document, model: Any) -> None:
    add_hedges(doc)


def _evaluative(doc: Document, model: Any) -> None:
    add_evaluative(doc)


def _actors(doc: Document, model: Any, actors: Actors | None = None) -> None:
    from framing.extract.actors import link_actors

    link_actors(doc, actors)


def _actor_sentiment(doc: Document, model: Any) -> None:
    from framing.extract.actors import sentence_sentiment

    doc.actor_sentiment = sentence_sentiment(doc, model=model)


def _persuasion(doc: Document, model: Any) -> None:
    from framing.persuasion import find_persuasion

    find_persuasion(doc, model)


def _load_persuasion(path: str) -> Any:
    from framing.models import PersuasionSpanTagger

    return PersuasionSpanTagger.from_json(path)


def _load_actor_sentiment(path: str) -> Any:
    from framing.models import ActorSentimentClassifier

    return ActorSentimentClassifier.from_json(path)


@lru_cache(maxsize=1)
def _shipped_actor_sentiment() -> Any:
    from framing.models import ActorSentimentClassifier

    return ActorSentimentClassifier.pretrained()


class _Shipped:
    """The shipped actor sentiment model, loaded on first use (once per process).

    It pickles as a reference, not as its coefficients, so ``n_jobs`` workers load it from
    the package data instead of receiving it with every article.
    """

    def __reduce__(self) -> tuple:
        return (_Shipped, ())

    def __repr__(self) -> str:
        return "ActorSentimentClassifier.pretrained()"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Shipped)

    def __hash__(self) -> int:
        return hash(_Shipped)

    accepts_parsed = True  # rows may give a parsed Sentence (see ActorSentimentClassifier)
    accepts_evidence = True  # or a SentenceEvidence: the sentence with its extracted evidence

    @property
    def classes_(self) -> Any:
        return _shipped_actor_sentiment().classes_

    def predict_proba(self, rows: Any) -> Any:
        return _shipped_actor_sentiment().predict_proba(rows)


def _frames(doc: Document, model: Any) -> None:
    from framing.extract.frames import find_frame_sentences

    find_frame_sentences(doc, model)


def _load_frame_model(path: str) -> Any:
    from framing.models import FrameClassifier

    return FrameClassifier.from_json(path)


SENTIMENT_LABELS = ("negative", "neutral", "positive")
ROLE_LABELS = ("antagonist", "innocent", "protagonist")


def _roles(doc: Document, model: Any) -> None:
    from framing.extract.roles import assign_roles

    assign_roles(doc, model)


def _load_roles(path: str) -> Any:
    from framing.models import EntityRoleClassifier

    return EntityRoleClassifier.from_json(path)


def _sentence_bias(doc: Document, model: Any) -> None:
    from framing.extract.sentence_bias import score_sentence_bias

    score_sentence_bias(doc, model)


def _load_bias(path: str) -> Any:
    from framing.models import BiasClassifier

    return BiasClassifier.from_json(path)


def _steps() -> list[Step]:
    return [
        Step("clutter", _clutter, (), ("clutter", "dateline", "byline", "page", "datelines"),
             takes_model=False),
        Step("text", _text, ("clutter",), ("sentences",), takes_model=False),
        Step("attribution", _attribution, ("sentences",), ("attributions",), takes_model=False),
        Step("hedging", _hedging, ("sentences", "attributions"), ("hedges", "boosters", "vague"),
             takes_model=False),
        Step("evaluative", _evaluative, ("sentences", "attributions"), ("evaluative",),
             takes_model=False),
        Step("actors", _actors, ("sentences", "attributions"), ("mentions", "attributions.actor"),
             options=("actors",), takes_model=False),
        Step("actor_sentiment", _actor_sentiment, ("sentences", "mentions"), ("actor_sentiment",),
             model=_Shipped(), loader=_load_actor_sentiment, labels=SENTIMENT_LABELS),
        Step("roles", _roles, ("sentences", "mentions", "attributions", "evaluative"), ("roles",),
             loader=_load_roles, labels=ROLE_LABELS),
        Step("frames", _frames, ("sentences",), ("frames",), loader=_load_frame_model),
        # no shipped weights (BABE is AGPL): the default scores each sentence from the
        # author-voice evidence; replace("sentence_bias", BiasClassifier().fit(...)) to train
        Step("sentence_bias", _sentence_bias, ("sentences", "attributions", "boosters", "evaluative"),
             ("sentence_bias",), loader=_load_bias),
        Step("persuasion", _persuasion, ("sentences", "attributions", "boosters", "evaluative"),
             ("persuasion",), loader=_load_persuasion),
    ]


# -- the pipeline -----------------------------------------------------------------------------

class Pipeline:
    """Named steps in dependency order.

    Parameters
    ----------
    steps : iterable of Step
        Checked: names are unique and every field a step reads is written by an earlier step
        (or is the document's ``text``).

    Examples
    --------
    >>> from framing import Pipeline
    >>> p = Pipeline.default()
    >>> p.names  # doctest: +NORMALIZE_WHITESPACE
    ['clutter', 'text', 'attribution', 'hedging', 'evaluative', 'actors', 'actor_sentiment',
     'roles', 'frames', 'sentence_bias', 'persuasion']
    >>> doc = p.without("actor_sentiment").run("Critics slammed Mayor Dana Whitfield.")
    >>> [m.actor for m in doc.mentions], doc.actor_sentiment
    (['Dana Whitfield'], [])
    >>> p.without("attribution")
    Traceback (most recent call last):
    ...
    ValueError: cannot remove step 'attribution': step 'hedging' reads 'attributions', which it writes
    """

    def __init__(self, steps: Iterable[Step]):
        self.steps: tuple[Step, ...] = tuple(steps)
        seen: set[str] = set()
        have: list[str] = list(GIVEN)
        for s in self.steps:
            if not isinstance(s, Step):
                raise TypeError(f"a Pipeline holds Step objects, got {type(s).__name__}")
            if s.name in seen:
                raise ValueError(DUPLICATE.format(name=s.name))
            seen.add(s.name)
            for f in s.reads:
                if f not in have:
                    raise ValueError(MISSING_READ.format(step=s.name, field=f,
                                                         have=", ".join(have)))
            have.extend(w for w in s.writes if w not in have)

    @classmethod
    def default(cls) -> Pipeline:
        """The default pipeline: every step, with the best shipped model of each (chosen by
        measurement, see the architecture page): today the trained actor sentiment model."""
        return cls(_steps())

    # -- inspection ------------------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        """Step names, in order."""
        return [s.name for s in self.steps]

    def __getitem__(self, name: str) -> Step:
        for s in self.steps:
            if s.name == name:
                return s
        raise KeyError(UNKNOWN_STEP.format(name=name, names=", ".join(self.names)))

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __len__(self) -> int:
        return len(self.steps)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pipeline) and self.steps == other.steps

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        lines = ["Pipeline(["]
        for s in self.steps:
            model = "" if s.model is None else f", model={_model_name(s.model)}"
            lines.append(f"    {s.name}: {', '.join(s.reads) or '-'} -> {', '.join(s.writes)}{model}")
        return "\n".join(lines) + "\n])"

    def describe(self):
        """The steps as a table: name, reads, writes, model.

        Examples
        --------
        >>> from framing import Pipeline
        >>> Pipeline.default().describe().loc[6].tolist()  # doctest: +NORMALIZE_WHITESPACE
        ['actor_sentiment', 'sentences, mentions', 'actor_sentiment',
         'ActorSentimentClassifier.pretrained()']
        """
        import pandas as pd

        return pd.DataFrame(
            [{"name": s.name, "reads": ", ".join(s.reads), "writes": ", ".join(s.writes),
              "model": "default (no training)" if s.model is None else _model_name(s.model)}
             for s in self.steps],
            columns=["name", "reads", "writes", "model"])

    # -- changes: each returns a new pipeline ----------------------------------------------
    def replace(self, name: str, model: Any) -> Pipeline:
        """A copy with step ``name`` using ``model``.

        Parameters
        ----------
        name : str
        model : object, str or path-like, or None
            A fitted estimator or any object with ``classes_`` and ``predict_proba`` (the
            scorer protocol), a path to a JSON model file, or ``None`` for the step's
            no-training default.

        Examples
        --------
        >>> from framing import Pipeline
        >>> p = Pipeline.default().replace("actor_sentiment", None)
        >>> p.describe().loc[6, "model"]
        'default (no training)'
        """
        step = self[name]
        if model is not None:
            if not step.takes_model:
                raise ValueError(NO_MODEL.format(name=name))
            if isinstance(model, (str, os.PathLike)):
                if step.loader is None:
                    raise ValueError(f"step {name!r} cannot read a model file")
                model = step.loader(os.fspath(model))
            if name in SPAN_STEPS:
                if not callable(getattr(model, "predict_spans", None)):
                    raise TypeError(NOT_A_SPAN_MODEL.format(name=name, type=type(model).__name__))
            elif not (hasattr(model, "classes_") and callable(getattr(model, "predict_proba", None))):
                raise TypeError(NOT_A_SCORER.format(name=name, type=type(model).__name__))
            if step.labels and not set(step.labels) <= {str(c) for c in model.classes_}:
                raise ValueError(BAD_LABELS.format(name=name, need=list(step.labels),
                                                   got=[str(c) for c in model.classes_]))
        return Pipeline(_dc_replace(s, model=model) if s.name == name else s for s in self.steps)

    def without(self, *names: str) -> Pipeline:
        """A copy without the named steps; an error if a remaining step reads what they write."""
        for n in names:
            self[n]  # unknown names raise KeyError
        gone = set(names)
        kept = [s for s in self.steps if s.name not in gone]
        have = set(GIVEN)
        for s in kept:
            for f in s.reads:
                if f not in have:
                    by = next(r.name for r in self.steps if r.name in gone and f in r.writes)
                    raise ValueError(STILL_READ.format(name=by, step=s.name, field=f))
            have.update(s.writes)
        return Pipeline(kept)

    def add(self, step: Step, after: str | None = None) -> Pipeline:
        """A copy with ``step`` inserted after the step named ``after`` (default: at the end)."""
        steps = list(self.steps)
        pos = len(steps) if after is None else self.names.index(self[after].name) + 1
        steps.insert(pos, step)
        return Pipeline(steps)

    # -- running ---------------------------------------------------------------------------
    def run(self, doc: Document | str, **options: Any) -> Document:
        """Run every step on ``doc`` in place (a str is wrapped in a Document) and return it.

        ``options`` are passed to the steps that declare them (``actors=`` for the actors
        step: canonical name -> aliases). The steps run with Python's cyclic garbage
        collector paused (:func:`framing._gc.gc_paused`; restored afterwards).
        """
        if isinstance(doc, str):
            doc = Document(doc)
        if not isinstance(doc, Document):
            raise TypeError(f"Pipeline.run() takes a Document or a str, got {type(doc).__name__}")
        known = {o for s in self.steps for o in s.options}
        unknown = set(options) - known
        if unknown:
            raise TypeError(f"no step of this pipeline takes {sorted(unknown)}; "
                            f"options: {sorted(known)}")
        with gc_paused():  # the steps allocate much and leave no cycles (see gc_paused)
            for s in self.steps:
                kwargs = {k: options[k] for k in s.options if k in options}
                s.func(doc, s.model, **kwargs)
        return doc


def _model_name(model: Any) -> str:
    if isinstance(model, _Shipped):
        return repr(model)
    return type(model).__name__


def as_pipeline(pipeline: Pipeline | None) -> Pipeline:
    """``pipeline``, or :meth:`Pipeline.default` when it is ``None`` (a TypeError otherwise)."""
    if pipeline is None:
        return Pipeline.default()
    if not isinstance(pipeline, Pipeline):
        raise TypeError(f"pipeline must be a framing.Pipeline, got {type(pipeline).__name__}")
    return pipeline


# -- the functions the rest of the package calls ---------------------------------------------

def annotate(doc: Document, *, actors: Actors | None = None,
             pipeline: Pipeline | None = None) -> Document:
    """Run ``pipeline`` (default :meth:`Pipeline.default`) on ``doc`` in place and return it."""
    p = as_pipeline(pipeline)
    return p.run(doc, **({"actors": actors} if "actors" in {o for s in p.steps for o in s.options}
                         else {}))


def analyze(text: str, *, actors: Actors | None = None,
            pipeline: Pipeline | None = None) -> Document:
    """Analyse one text.

    Parameters
    ----------
    text : str
        The article text. Offsets in the result point into this string.
    actors : mapping of str to list of str, optional
        Actor table: canonical name -> aliases. It takes precedence over automatic grouping.
    pipeline : Pipeline, optional
        Default :meth:`Pipeline.default`.

    Returns
    -------
    Document
        With its evidence lists filled; ``Document.to_dict()`` gives the record format.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("The minister said talks would resume on May 4.")
    >>> [s.text for s in doc.sentences]
    ['The minister said talks would resume on May 4.']
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze() takes a str, got {type(text).__name__}")
    return annotate(Document(text), actors=actors, pipeline=pipeline)


# -- the actor table of one story ----------------------------------------------------------

BAD_ACTORS = (
    "actors must be a mapping of canonical name to a list of aliases, or of story to such a "
    "mapping; got {type}"
)


def actors_for(actors: Any, story: str | None) -> Actors | None:
    """The actor table of one story: ``actors`` itself, or ``actors[story]`` when ``actors``
    maps stories to tables (the layout of :func:`framing.datasets.load_sample_actors`)."""
    if actors is None:
        return None
    if not isinstance(actors, Mapping):
        raise TypeError(BAD_ACTORS.format(type=type(actors).__name__))
    if actors and all(isinstance(v, Mapping) for v in actors.values()):
        return actors.get(story)
    return actors
