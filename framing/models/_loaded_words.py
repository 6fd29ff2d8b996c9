"""LoadedWordClassifier: is this word of a sentence loaded (bias-inducing) language?

A word-level model trained by the user on word annotations in their own data home (for
example BABE's ``biased_words``); framing ships no weights for it, because the only word-level
bias annotations available (BABE/MBIC) are under the GNU AGPL.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, NamedTuple, Sequence

import numpy as np
from sklearn.utils.validation import check_is_fitted

from framing.records import Span
from framing.document import Document
from framing.extract.evaluative import LOADED_CUE_STANCES, word_polarity
from framing.extract.run import annotate_evidence
from framing.resources import lexicon_rows
from framing.model_files import ModelFileError, Param
from framing.models._linear import SpanLinearClassifier
from framing.models._rows import span_rows
from framing.text import CLOSING_QUOTES, OPENING_QUOTES, split_sentences

__all__ = ["LoadedWordClassifier", "word_rows", "word_labels", "loaded_word_spans"]

WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
"""What counts as one word (the unit of BABE/MBIC's word-level scoring)."""
BARE_STRING = (
    "LoadedWordClassifier takes rows of (sentence, start, end) (see word_rows) or a DataFrame "
    "with columns sentence, start, end; got a bare string"
)
FEATURE_SETS = ("evidence", "lexicon", "context", "word")
MODEL_FORMAT = "framing.LoadedWordClassifier/1"
MAX_WINDOW = 10
"""Largest ``window`` (context tokens either side of the word)."""
PARAMS = {
    "C": Param("float", low=0, low_open=True, high=1e6),
    "threshold": Param("float", low=0, high=1, low_open=True, high_open=True),
    "window": Param("int", low=0, high=MAX_WINDOW),
    "feature_sets": Param("str_list", choices=FEATURE_SETS),
    "min_df": Param("int", low=1, high=1e6),
    "class_weight": Param("class_weight"),
    "max_iter": Param("int", low=1, high=1e6),
    "pos_label": Param("label", none=True),
}
"""Schema of the parameters, in a model file and in ``fit``."""
NUMERIC = (
    "num__ev_intensity",
    "num__tb_polarity",
    "num__tb_abs_polarity",
    "num__tb_subjectivity",
    "num__vader_mean",
    "num__vader_abs_mean",
    "num__vader_sd",
    "num__ctx_subjectivity",
    "num__sentence_loaded",
)


def word_rows(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text`` as rows ``(text, start, end)``, the input of the classifier.

    Examples
    --------
    >>> word_rows("A so-called reform.")
    [('A so-called reform.', 0, 1), ('A so-called reform.', 2, 11), ('A so-called reform.', 12, 18)]
    """
    return [(text, m.start(), m.end()) for m in WORD_RE.finditer(text)]


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


def word_labels(text: str, words: Iterable[str]) -> list[bool]:
    """Gold label of every word of ``text`` (in the order of :func:`word_rows`): True when
    the word, lower-cased, is one of ``words`` (entries of several words are split).

    Examples
    --------
    >>> word_labels("The radical left's plan.", ["radical", "left's"])
    [False, True, True, False]
    """
    wanted = {_fold(w) for entry in words for w in WORD_RE.findall(entry)}
    return [_fold(m.group()) in wanted for m in WORD_RE.finditer(text)]


# -- the project's evidence, once per sentence -------------------------------------------------
class _Lex(NamedTuple):
    tb_polarity: float
    tb_subjectivity: float
    vader_mean: float
    vader_sd: float


@lru_cache(maxsize=1)
def _lexicon_scores() -> dict[str, _Lex]:
    """textblob and VADER scores of each word, from the package's ``evaluative.tsv``."""
    rows = lexicon_rows("evaluative.tsv", with_header=True)
    header = next(rows)
    out: dict[str, _Lex] = {}
    for row in rows:
        rec = dict(zip(header, row))
        out[rec["word"]] = _Lex(*(float(rec[k]) if rec.get(k) else 0.0 for k in _Lex._fields))
    return out


_NO_LEX = _Lex(0.0, 0.0, 0.0, 0.0)


class _Word(NamedTuple):
    start: int
    end: int
    lower: str
    tag: str
    loaded: tuple | None  # (kind, polarity, intensity, voice, role) of its loaded-language span
    quoted: bool  # inside quotation marks or inside an attribution's (reported) content


_OPEN_DOUBLE = (OPENING_QUOTES - {"‘"}) | {"``"}
_CLOSE_DOUBLE = (CLOSING_QUOTES - {"’"}) | {"''"}


class _Evidence(NamedTuple):
    words: tuple[_Word, ...]
    starts: tuple[int, ...]  # of the words, for bisect (tokens do not overlap: both sorted)
    ends: tuple[int, ...]
    n_loaded: int


@lru_cache(maxsize=2048)
def _sentence_evidence(sentence: str) -> _Evidence:
    """Per token of ``sentence``: tag, loaded-language span (default pipeline's evidence
    steps) and whether it stands inside quotation marks or reported content; plus the
    number of loaded spans. Linear in the tokens, spans and contents (one sweep each)."""
    doc = annotate_evidence(Document(sentence))
    toks = [t for s in doc.sentences for t in s.tokens]
    spans = [(e.span, e.kind, e.polarity, e.intensity, e.voice) for e in doc.evaluative]
    spans += [(a.cue, "cue_" + a.cue_stance, -1, 0.5, "author")
              for a in doc.attributions if a.cue_stance in LOADED_CUE_STANCES]
    # (start, list position, end): the first span in list order wins among those overlapping
    by_start = sorted((sp_[0].start, k, sp_[0].end) for k, sp_ in enumerate(spans))
    contents = sorted((a.content.start, a.content.end) for a in doc.attributions)
    words = []
    active: list[tuple[int, int, int]] = []  # spans started before the token's end, not yet ended
    j = c = 0
    content_end = -1  # furthest end of the contents starting at or before the token
    in_double = in_single = False  # "‘ ... ’" may nest inside double quotation marks
    for t in toks:
        if t.text == "‘" or (t.text == "’" and in_single):
            in_single = t.text == "‘"
            continue
        if t.text in _OPEN_DOUBLE:  # opening marks open, closing marks close
            in_double = True
            continue
        if t.text in _CLOSE_DOUBLE:
            in_double = False
            continue
        if t.text == '"':  # a straight mark has no direction: it toggles
            in_double = not in_double
            continue
        # "'" and a "’" with no open "‘" are apostrophes (or unmatched): ordinary tokens
        while j < len(by_start) and by_start[j][0] < t.end:
            active.append(by_start[j])
            j += 1
        if active:
            active = [a for a in active if a[2] > t.start]  # later tokens start later still
        loaded = None
        if active:
            kind_, pol, inten, voice = spans[min(a[1] for a in active)][1:]
            role = "head" if word_polarity(t.text, t.tag) is not None or kind_.startswith("cue_") else "modifier"
            loaded = (kind_, pol, inten, voice, role)
        while c < len(contents) and contents[c][0] <= t.start:
            content_end = max(content_end, contents[c][1])
            c += 1
        quoted = in_double or in_single or content_end >= t.end
        words.append(_Word(t.start, t.end, _fold(t.text), t.tag, loaded, quoted))
    return _Evidence(tuple(words), tuple(w.start for w in words), tuple(w.end for w in words),
                     len(spans))


def _bucket(x: float) -> str:
    return "0" if x <= 0 else "low" if x < 0.4 else "mid" if x < 0.7 else "high"


def row_features(sentence: str, start: int, end: int, *, window: int = 1,
                 feature_sets: Sequence[str] = FEATURE_SETS) -> tuple[Counter, list[float]]:
    """String features (counts) and numeric features of one word ``sentence[start:end]``."""
    words, starts, ends, n_loaded = _sentence_evidence(sentence)
    # the tokens overlapping the word: from the first ending after ``start`` to the last
    # starting before ``end`` (a word such as "left's" or "isn’t" is several tokens)
    i = bisect_right(ends, start)
    idx = range(i, max(i, bisect_left(starts, end)))
    lower = _fold(sentence[start:end])
    if idx:
        last = idx[-1]
        tag = words[i].tag
        loaded = next((words[k].loaded for k in idx if words[k].loaded), None)
        quoted = words[i].quoted
    else:  # not a token of the tokenizer (rare): no evidence, position by offset
        last = i - 1
        tag, loaded, quoted = "?", None, False
    feats: Counter = Counter()
    num = [0.0] * len(NUMERIC)
    if "evidence" in feature_sets:
        if loaded:
            kind, pol, inten, voice, role = loaded
            feats["loaded"] += 1
            feats["ev_kind=" + kind] += 1
            feats[f"ev_polarity={pol:+d}"] += 1
            feats["ev_voice=" + voice] += 1
            feats["ev_role=" + role] += 1
            feats[f"ev_role_kind={role}_{kind}"] += 1
            num[0] = inten
        if quoted:
            feats["quoted_or_reported"] += 1
        num[8] = np.log1p(n_loaded) / 2
    if "lexicon" in feature_sets:
        lex = _lexicon_scores().get(lower, _NO_LEX)
        wp = word_polarity(lower, tag)
        if wp is not None:
            feats["lex_kind=" + wp.kind] += 1
            feats[f"lex_polarity={wp.polarity:+d}"] += 1
            feats["lex_intensity=" + _bucket(wp.intensity)] += 1
        num[1] = lex.tb_polarity
        num[2] = abs(lex.tb_polarity)
        num[3] = lex.tb_subjectivity
        num[4] = lex.vader_mean / 4
        num[5] = abs(lex.vader_mean) / 4
        num[6] = lex.vader_sd / 4
        around = [words[k].lower for k in (i - 1, last + 1) if 0 <= k < len(words)]
        num[7] = max((_lexicon_scores().get(w, _NO_LEX).tb_subjectivity for w in around), default=0.0)
    if "context" in feature_sets:
        feats["tag=" + tag] += 1
        for d in range(1, window + 1):
            for k, side in ((i - d, "L"), (last + d, "R")):
                if 0 <= k < len(words):
                    feats[f"{side}{d}={words[k].lower}"] += 1
                    feats[f"{side}{d}_tag={words[k].tag}"] += 1
                else:
                    feats[f"{side}{d}=<edge>"] += 1
        if i == 0:
            feats["sentence_initial"] += 1
        if sentence[start:start + 1].isupper() and i > 0:
            feats["capitalised"] += 1
    if "word" in feature_sets:
        feats["w=" + lower] += 1
        if len(lower) > 4:
            feats["suffix=" + lower[-3:]] += 1
        feats[f"w_tag={lower}/{tag[:2]}"] += 1
    return feats, num


class LoadedWordClassifier(SpanLinearClassifier):
    """Whether a word of a sentence is loaded language, learnt from word annotations.

    A logistic regression over the project's own evidence for each word: whether the default
    pipeline puts it in a loaded-language span (:func:`framing.extract.evaluative.loaded_language`)
    and that span's kind, polarity, intensity, voice and the word's role in it (head or
    modifier); its scores in the package's lexicon (textblob polarity and subjectivity, VADER
    mean and standard deviation, from ``evaluative.tsv``) and the subjectivity of its
    neighbours; its tag; the words and tags ``window`` tokens either side; whether it stands
    in quotation marks or in reported content (an attribution's content, indirect speech
    included); and the word itself (lower-cased), its suffix and tag. Each row is one word:
    ``(sentence, start, end)``, as :func:`word_rows` makes them.

    The string features are present/absent columns of a
    :class:`~sklearn.feature_extraction.DictVectorizer` (those in at least ``min_df`` rows),
    the numeric ones are appended, and a :class:`~sklearn.linear_model.LogisticRegression`
    is fitted on "is it ``pos_label_``" (the same implementation as
    :class:`framing.models.ActorSentimentClassifier`, without tf-idf). :meth:`to_json` /
    :meth:`from_json` keep a fitted model as validated plain JSON.

    framing ships **no fitted model**: the word annotations that exist (BABE/MBIC) are under
    the GNU AGPL, so a model trained on them may not enter the package. Fit it on the data in
    your own data home (see the docs page "Evaluative language").

    Parameters
    ----------
    C : float, default=1.0
        Inverse regularisation strength of the logistic regression.
    threshold : float, default=0.2
        :meth:`predict` says True when the probability of a loaded word is at least this.
        The defaults of ``C``, ``threshold`` and ``window`` were chosen by cross-validation on
        BABE's dev split grouped by article (``evaluation/evaluative.py --tune-loaded-words``).
    window : int, default=1
        Context tokens either side that become features (0 to 10).
    feature_sets : tuple of str, default=("evidence", "lexicon", "context", "word")
        Which groups of features to use (for ablations).
    min_df : int, default=2
        Keep string features seen in at least this many training rows.
    class_weight : dict, "balanced" or None, default=None
    max_iter : int, default=2000
    pos_label : label or None, default=None
        The label of a loaded word. None takes the larger of the two labels when they are
        booleans or numbers (True, 1); string labels need it (fitting raises otherwise).

    Attributes
    ----------
    classes_ : ndarray
        The two labels, sorted (as scikit-learn orders them).
    pos_label_ : label
        The loaded one of ``classes_``; :meth:`predict_proba` gives its probability in its
        column and :func:`loaded_word_spans` reports the words predicted as it.
    vectorizer_ : sklearn.feature_extraction.DictVectorizer
    estimator_ : sklearn.linear_model.LogisticRegression
        Fitted on booleans (is it ``pos_label_``): ``coef_`` and ``intercept_`` are the
        log-odds of a loaded word.
    vocabulary_ : dict of str to int
    coef_, intercept_ : ndarray

    Examples
    --------
    >>> sents = ["The radical mob stormed the peaceful town.",
    ...          "The senator spoke to reporters on Tuesday.",
    ...          "A shameful and disastrous plan was unveiled.",
    ...          "The committee met in the capital."]
    >>> gold = [["radical", "mob", "stormed"], [], ["shameful", "disastrous"], []]
    >>> X = [row for s in sents for row in word_rows(s)]
    >>> y = [lab for s, g in zip(sents, gold) for lab in word_labels(s, g)]
    >>> clf = LoadedWordClassifier(C=10.0, min_df=1, threshold=0.5).fit(X, y)
    >>> test = "Critics called the plan shameful on Monday."
    >>> [test[s.start:s.end] for s in loaded_word_spans(clf, [test])[0]]
    ['shameful']
    """

    _bare_string = BARE_STRING
    _numeric = NUMERIC
    _weighting = "binary"
    _format = MODEL_FORMAT
    _param_schema = PARAMS

    def __init__(
        self,
        *,
        C: float = 1.0,
        threshold: float = 0.2,
        window: int = 1,
        feature_sets: tuple[str, ...] = FEATURE_SETS,
        min_df: int = 2,
        class_weight: Any = None,
        max_iter: int = 2000,
        pos_label: Any = None,
    ):
        self.C = C
        self.threshold = threshold
        self.window = window
        self.feature_sets = feature_sets
        self.min_df = min_df
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.pos_label = pos_label

    def _featurize(self, rows):
        return [row_features(s, a, b, window=self.window, feature_sets=self.feature_sets)
                for s, a, b in rows]

    def _check_params(self) -> None:
        unknown = set(self.feature_sets) - set(FEATURE_SETS)
        if unknown:
            raise ValueError(f"unknown feature sets {sorted(unknown)}; choose from {FEATURE_SETS}")
        super()._check_params()

    def _check_y(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        classes = np.unique(y)
        if len(classes) != 2:
            raise ValueError(f"LoadedWordClassifier needs two classes in y, got {classes.tolist()}")
        if self.pos_label is not None:
            if self.pos_label not in classes.tolist():
                raise ValueError(f"pos_label={self.pos_label!r} is not one of the labels {classes.tolist()}")
            pos = classes[classes.tolist().index(self.pos_label)]
        elif classes.dtype.kind in "biuf":
            pos = classes[1]
        else:
            raise ValueError(
                f"string labels {classes.tolist()}: say which one marks a loaded word with "
                "pos_label (the larger label is taken only for booleans and numbers)")
        self.pos_label_ = pos
        # fitted on "is it pos_label": coef_ and intercept_ are the log-odds of a loaded word
        return classes, y == pos

    def _lr_class_weight(self, classes: np.ndarray):
        cw = self.class_weight
        if isinstance(cw, dict):
            cw = {k == self.pos_label_: v for k, v in cw.items()}
        return cw

    def _lr_classes(self, classes: np.ndarray) -> np.ndarray:
        return np.array([False, True])

    def _extra_payload(self) -> dict:
        return {"pos_label": _plain(self.pos_label_)}

    @classmethod
    def _file_schema(cls) -> dict:
        return {**super()._file_schema(), "n_classes": 2, "extra": {"pos_label": _check_pos_label}}

    def _set_from_file(self, model, source: str) -> None:
        pos = model.extra["pos_label"]
        if type(pos) is not type(model.classes[0]) or pos not in model.classes:
            raise ModelFileError(source, "pos_label", f"{pos!r} is not one of the classes {model.classes!r}")
        self.pos_label_ = self.classes_[model.classes.index(pos)]

    def fit(self, X: Any, y: Iterable[Any]) -> LoadedWordClassifier:
        """Fit on word rows ``(sentence, start, end)`` and their labels (two classes)."""
        self._check_threshold()
        return super().fit(X, y)

    def _check_threshold(self) -> None:
        if not 0 < self.threshold < 1:
            raise ValueError(f"0 < threshold < 1 is required, got {self.threshold!r}")

    def _loaded_logodds(self, X: Any) -> np.ndarray:
        return self._scores(X)

    def _pos_index(self) -> int:
        return int(self.classes_.tolist().index(self.pos_label_))

    def decision_function(self, X: Any) -> np.ndarray:
        """Log-odds of ``classes_[1]`` (scikit-learn's convention): of a loaded word when
        ``pos_label_`` is ``classes_[1]``, of a word that is not loaded otherwise."""
        z = self._loaded_logodds(X)
        return z if self._pos_index() == 1 else -z

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities of ``classes_[0]`` and ``classes_[1]``; the loaded label's column
        is ``pos_label_``'s."""
        p = self._proba(X)[:, 1]
        return np.column_stack([1.0 - p, p] if self._pos_index() == 1 else [p, 1.0 - p])

    def predict(self, X: Any) -> np.ndarray:
        """``pos_label_`` where the probability of a loaded word reaches ``threshold``,
        the other label elsewhere."""
        check_is_fitted(self, "estimator_")
        self._check_threshold()  # also after set_params
        k = self._pos_index()
        loaded = self.predict_proba(X)[:, k] >= self.threshold
        return np.where(loaded, self.classes_[k], self.classes_[1 - k])


def _plain(label: Any) -> Any:
    """A numpy scalar label as the plain Python value JSON can hold."""
    return label.item() if isinstance(label, np.generic) else label


def _check_pos_label(value: Any, field: str, source: str) -> Any:
    return Param("label").check(value, field, source)


def loaded_word_spans(model: LoadedWordClassifier, texts: Iterable[str]) -> list[list[Span]]:
    """Spans of the words a fitted model predicts loaded, per text; neighbouring loaded
    words (separated by white space only) form one span.

    Each text is split into sentences (:func:`framing.text.split_sentences`) and each word
    is classified within its sentence, as the model was fitted (one row per word of one
    sentence); offsets are shifted back into the text. The work is linear in the text's
    length for sentences of bounded length.

    Parameters
    ----------
    model : LoadedWordClassifier
        Fitted.
    texts : iterable of str

    Returns
    -------
    list of list of Span
        One sorted list per text; offsets point into that text.
    """
    if isinstance(texts, str):
        raise ValueError("loaded_word_spans takes a list of texts, got a bare string")
    texts = list(texts)
    per_text = [_sentence_rows(t) for t in texts]
    rows = [(sent, a - off, b - off) for rs in per_text for sent, off, a, b in rs]
    flags = iter(model.predict(rows) == model.pos_label_) if rows else iter(())
    out = []
    for text, rs in zip(texts, per_text):
        spans: list[list[int]] = []
        for _, _, a, b in rs:
            if next(flags):
                if spans and not text[spans[-1][1]:a].strip():
                    spans[-1][1] = b
                else:
                    spans.append([a, b])
        out.append([Span(a, b) for a, b in spans])
    return out


def _sentence_rows(text: str) -> list[tuple[str, int, int, int]]:
    """The words of ``text`` (:func:`word_rows`) as ``(sentence, offset, start, end)``:
    ``start`` and ``end`` in ``text``, ``sentence`` the piece of ``text`` from ``offset``.

    A piece runs from one sentence start to the next (the first from 0, the last to the
    end), so every word falls in one piece; a sentence start inside a word (which the
    splitter should not give) is ignored.

    Examples
    --------
    >>> _sentence_rows("It failed. Critics slammed it.")[1:3]
    [('It failed. ', 0, 3, 9), ('Critics slammed it.', 11, 11, 18)]
    """
    words = word_rows(text)
    cuts = [0] + [s.start for s in split_sentences(text) if s.start > 0] + [len(text)]
    if not words:
        return []
    out = []
    c = 0  # the piece [cuts[c], cuts[c + 1]) holds the word's start
    pieces = []
    for _, a, b in words:
        while cuts[c + 1] <= a:
            c += 1
        pieces.append(c)
    # a piece must hold its words whole: merge a piece into the next when a word crosses
    keep = [True] * (len(cuts) - 1)
    for (_, a, b), c in zip(words, pieces):
        k = c + 1
        while k < len(cuts) - 1 and cuts[k] < b:
            keep[k] = False
            k += 1
    starts = [cuts[k] for k in range(len(cuts) - 1) if keep[k]] + [len(text)]
    p = 0
    piece = text[starts[0]:starts[1]]  # one string per piece, shared by its words
    for _, a, b in words:
        if starts[p + 1] <= a:
            while starts[p + 1] <= a:
                p += 1
            piece = text[starts[p]:starts[p + 1]]
        out.append((piece, starts[p], a, b))
    return out
