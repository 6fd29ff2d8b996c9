"""Reading and validating the project's JSON model files, with one clear error.

A model file is one JSON object: a ``format`` string (``"framing.<Model>/<version>"``),
the estimator's ``params``, its ``classes``, and the fitted arrays (``vocabulary``, ``idf``,
``coef``, ``intercept``), plus a free ``meta`` object. Loading runs no code (no pickle).

Every file is checked before anything is built from it, and any problem raises one
:class:`ModelFileError` (a ``ValueError``) that names the file and the bad field:

- the bytes are UTF-8 and valid JSON nested at most :data:`MAX_DEPTH` deep (checked before
  parsing, so a 100,000-deep file is an error, not a ``RecursionError``); ``NaN`` and
  ``Infinity`` are refused;
- the top level is an object with the required keys, each of the right type;
- arrays are rectangular, numeric, finite and at most :data:`MAX_ABS_WEIGHT` in absolute
  value, with the shapes the vocabulary and classes imply;
- the class list is unique and, where a model fixes it, exactly the expected one;
- each parameter has its type and lies in its range (:class:`Param`).

This module imports nothing from ``framing`` but the records, so every model (and any
extractor) may use it. :func:`load_linear_model` validates the common shape of a linear
model file (the actor-sentiment, loaded-word, frame, role, bias and persuasion models).

Examples
--------
>>> import json, tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "m.json")
>>> with open(path, "w") as fh:
...     json.dump({"format": "framing.Demo/1", "params": {"C": 1.0}, "classes": ["a", "b"],
...                "vocabulary": ["w=good"], "coef": [[0.5]], "intercept": [0.1]}, fh)
>>> m = load_linear_model(path, format="framing.Demo/1", params={"C": Param("float", low=0, low_open=True)})
>>> m.coef.shape, m.classes
((1, 1), ['a', 'b'])
>>> with open(path, "w") as fh:
...     json.dump({"format": "framing.Demo/1", "params": {"C": -1}, "classes": ["a", "b"],
...                "vocabulary": ["w=good"], "coef": [[0.5]], "intercept": [0.1]}, fh)
>>> load_linear_model(path, format="framing.Demo/1", params={"C": Param("float", low=0, low_open=True)})
Traceback (most recent call last):
...
framing.model_files.ModelFileError: m.json: params.C: must be > 0, got -1
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "MAX_ABS_WEIGHT",
    "MAX_BYTES",
    "MAX_DEPTH",
    "LinearModelFile",
    "ModelFileError",
    "Param",
    "check_classes",
    "check_params",
    "float_array",
    "load_linear_model",
    "read_model_file",
    "validate_linear_model",
]

MAX_DEPTH = 32
"""Deepest nesting of arrays and objects a model file may have (the formats need 3)."""
MAX_BYTES = 200_000_000
"""Largest model file read (the shipped ones are under 2.1 MB)."""
MAX_ABS_WEIGHT = 1e6
"""Largest absolute value of a coefficient, intercept or idf weight. A regularised linear
model on scaled features stays far below (the shipped actor-sentiment model: 2.4); a larger
value is a damaged or hostile file, and would overflow the probabilities to 0/1 or NaN."""

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)


class ModelFileError(ValueError):
    """A model file that cannot be used: names the file, the field and the problem.

    Attributes
    ----------
    source : str
        The file (its name), or ``"<model>"`` for a payload given in memory.
    field : str
        Dotted path of the bad field (``"coef[2]"``, ``"params.window"``), or ``"<file>"``
        when the file as a whole is unreadable.
    problem : str

    Examples
    --------
    >>> str(ModelFileError("m.json", "params.window", "must be an integer, got 'x'"))
    "m.json: params.window: must be an integer, got 'x'"
    """

    def __init__(self, source: str, field: str, problem: str):
        self.source, self.field, self.problem = source, field, problem
        super().__init__(f"{source}: {field}: {problem}")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _source_name(path: Any) -> str:
    return os.path.basename(os.fspath(path)) if isinstance(path, (str, os.PathLike)) else "<model>"


def _nesting_depth(raw: bytes) -> int:
    """Deepest bracket nesting of a JSON text, outside strings (linear, no recursion)."""
    stripped = _STRING.sub(b'""', raw)
    arr = np.frombuffer(stripped, dtype=np.uint8)
    opens = (arr == ord("[")) | (arr == ord("{"))
    closes = (arr == ord("]")) | (arr == ord("}"))
    if not opens.any():
        return 0
    return int(np.cumsum(opens.astype(np.int64) - closes.astype(np.int64)).max())


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"non-finite number {name} (JSON has no NaN or Infinity)")


def parse_model_bytes(raw: bytes, source: str = "<model>") -> dict:
    """Parse the bytes of a model file into its top-level object (checks of :func:`read_model_file`).

    Examples
    --------
    >>> parse_model_bytes(b'{"format": "x"}')
    {'format': 'x'}
    >>> parse_model_bytes(b"[" * 100_000 + b"]" * 100_000, "deep.json")
    Traceback (most recent call last):
    ...
    framing.model_files.ModelFileError: deep.json: <file>: nested 100000 deep; a model file nests at most 32
    """
    if len(raw) > MAX_BYTES:
        raise ModelFileError(source, "<file>", f"{len(raw):,} bytes; a model file has at most {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ModelFileError(source, "<file>", f"not UTF-8 text (byte {raw[err.start]:#04x} at offset {err.start})") from None
    depth = _nesting_depth(raw)
    if depth > MAX_DEPTH:
        raise ModelFileError(source, "<file>", f"nested {depth} deep; a model file nests at most {MAX_DEPTH}")
    try:
        payload = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise ModelFileError(source, "<file>", f"not valid JSON ({err.msg} at line {err.lineno} column {err.colno})") from None
    except (ValueError, RecursionError) as err:
        raise ModelFileError(source, "<file>", str(err)) from None
    if not isinstance(payload, dict):
        raise ModelFileError(source, "<file>", f"the top level must be a JSON object, got {type(payload).__name__}")
    return payload


def read_model_file(path: str | os.PathLike[str]) -> dict:
    """Read a model file's top-level JSON object safely.

    Checks the size, UTF-8, nesting depth (before parsing), JSON syntax, no ``NaN`` or
    ``Infinity``, and a top-level object; any problem is a :class:`ModelFileError`.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    dict
    """
    source = _source_name(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as err:
        raise ModelFileError(source, "<file>", f"cannot be read ({err.strerror or err})") from None
    return parse_model_bytes(raw, source)


# -- field checks ------------------------------------------------------------------------------
def require(payload: Mapping, key: str, types: type | tuple[type, ...], source: str, where: str = "") -> Any:
    """``payload[key]``, which must exist and be of ``types`` (``bool`` is never a number)."""
    name = f"{where}{key}"
    if key not in payload:
        raise ModelFileError(source, name, "missing")
    value = payload[key]
    types = types if isinstance(types, tuple) else (types,)
    if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
        want = " or ".join("array" if t is list else "object" if t is dict else t.__name__ for t in types)
        raise ModelFileError(source, name, f"must be {want}, got {type(value).__name__} {_short(value)}")
    return value


def float_array(value: Any, field: str, source: str, *, ndim: int, shape: tuple | None = None,
                max_abs: float = MAX_ABS_WEIGHT, positive: bool = False) -> np.ndarray:
    """A rectangular array of finite numbers (not booleans) with ``ndim`` dimensions and,
    where given, ``shape`` (``None`` entries are free), every value within ``max_abs``."""
    def walk(v: Any, depth: int, name: str) -> None:
        if depth < ndim:
            if not isinstance(v, list):
                raise ModelFileError(source, name, f"must be an array, got {type(v).__name__} {_short(v)}")
            for i, item in enumerate(v):
                walk(item, depth + 1, f"{name}[{i}]")
        elif isinstance(v, bool) or not isinstance(v, (int, float)):
            raise ModelFileError(source, name, f"must be a number, got {type(v).__name__} {_short(v)}")

    if ndim == 2 and isinstance(value, list) and value and all(isinstance(r, list) for r in value):
        lengths = {len(r) for r in value}
        if len(lengths) > 1:
            raise ModelFileError(source, field, f"rows of different lengths {sorted(lengths)[:5]} (a ragged array)")
    if ndim == 1 and isinstance(value, list) and all(type(v) is float or type(v) is int for v in value):
        pass  # fast path for the common case: flat list of plain numbers
    else:
        walk(value, 0, field)
    try:
        arr = np.asarray(value, dtype=float)
    except (OverflowError, ValueError) as err:
        raise ModelFileError(source, field, f"not a numeric array ({err})") from None
    if arr.ndim != ndim:
        raise ModelFileError(source, field, f"must have {ndim} dimensions, got shape {arr.shape}")
    if shape is not None:
        for axis, (got, want) in enumerate(zip(arr.shape, shape)):
            if want is not None and got != want:
                raise ModelFileError(source, field, f"has shape {arr.shape}; expected {tuple('*' if w is None else w for w in shape)}")
    bad = ~np.isfinite(arr)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ModelFileError(source, f"{field}{list(idx)}", f"must be finite, got {arr[idx]}")
    big = np.abs(arr) > max_abs
    if big.any():
        idx = tuple(int(i) for i in np.argwhere(big)[0])
        raise ModelFileError(source, f"{field}{list(idx)}", f"{arr[idx]:g} is larger than {max_abs:g} in absolute value")
    if positive and arr.size and not (arr > 0).all():
        idx = tuple(int(i) for i in np.argwhere(~(arr > 0))[0])
        raise ModelFileError(source, f"{field}{list(idx)}", f"must be > 0, got {arr[idx]:g}")
    return arr


def string_list(value: Any, field: str, source: str, *, unique: bool = True) -> list[str]:
    """A list of strings, without repeats when ``unique``."""
    if not isinstance(value, list):
        raise ModelFileError(source, field, f"must be an array of strings, got {type(value).__name__}")
    for i, v in enumerate(value):
        if not isinstance(v, str):
            raise ModelFileError(source, f"{field}[{i}]", f"must be a string, got {type(v).__name__} {_short(v)}")
    if unique and len(set(value)) != len(value):
        seen: set[str] = set()
        dup = next(v for v in value if v in seen or seen.add(v))  # type: ignore[func-returns-value]
        raise ModelFileError(source, field, f"repeats {dup!r}")
    return list(value)


def check_classes(value: Any, source: str, *, expected: Sequence | None = None,
                  n: int | None = None, field: str = "classes") -> list:
    """The class list: unique strings, booleans or integers of one type; exactly
    ``expected`` (in that order) when given, else ``n`` of them when given."""
    if not isinstance(value, list) or not value:
        raise ModelFileError(source, field, f"must be a non-empty array, got {_short(value)}")
    kinds = {bool if isinstance(v, bool) else int if isinstance(v, int) else str if isinstance(v, str) else None
             for v in value}
    if None in kinds or len(kinds) != 1:
        raise ModelFileError(source, field, f"must hold labels of one type (strings, booleans or integers), got {_short(value)}")
    if len(set(value)) != len(value):
        raise ModelFileError(source, field, f"repeats a class: {_short(value)}")
    if expected is not None and list(value) != list(expected):
        raise ModelFileError(source, field, f"must be {list(expected)!r}, got {_short(value)}")
    if n is not None and len(value) != n:
        raise ModelFileError(source, field, f"must hold {n} classes, got {len(value)}: {_short(value)}")
    if kinds == {str} or kinds == {int}:
        if list(value) != sorted(value):
            raise ModelFileError(source, field, f"must be sorted (as scikit-learn orders classes), got {_short(value)}")
    return list(value)


@dataclass(frozen=True)
class Param:
    """The type and range of one estimator parameter in a model file.

    Parameters
    ----------
    kind : {"int", "float", "str", "bool", "class_weight", "str_list", "label"}
        ``"int"`` takes integers only (``1e9`` is a float and is refused), ``"float"`` any
        finite number, ``"class_weight"`` ``"balanced"``, ``null`` or an object of positive
        numbers, ``"str_list"`` an array of strings (each one of ``choices`` when given),
        ``"label"`` a class label (a string, boolean or integer).
    low, high : float or None
        Inclusive bounds (exclusive with ``low_open`` / ``high_open``).
    choices : tuple or None
        The allowed values (for ``"str"``, or the items of ``"str_list"``).
    none : bool
        ``null`` is allowed.
    required : bool
        The file must have it (else the estimator's default is used).
    """

    kind: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple | None = None
    none: bool = False
    required: bool = True

    def check(self, value: Any, field: str, source: str) -> Any:
        """``value`` if it fits, else :class:`ModelFileError`."""
        if value is None:
            if self.none or self.kind == "class_weight":
                return None
            raise ModelFileError(source, field, "must not be null")
        if self.kind == "class_weight":
            if value == "balanced":
                return value
            if isinstance(value, dict) and all(
                not isinstance(v, bool) and isinstance(v, (int, float)) and math.isfinite(v) and v > 0
                for v in value.values()
            ):
                return value
            raise ModelFileError(source, field, f"must be 'balanced', null or an object of positive weights, got {_short(value)}")
        if self.kind == "str_list":
            items = string_list(value, field, source)
            bad = [v for v in items if self.choices is not None and v not in self.choices]
            if bad:
                raise ModelFileError(source, field, f"{bad[0]!r} is not one of {list(self.choices or ())}")
            return tuple(items)
        if self.kind == "str":
            if not isinstance(value, str):
                raise ModelFileError(source, field, f"must be a string, got {type(value).__name__} {_short(value)}")
        elif self.kind == "label":
            if not isinstance(value, (str, bool, int)):
                raise ModelFileError(source, field, f"must be a label (string, boolean or integer), got {_short(value)}")
        elif self.kind == "bool":
            if not isinstance(value, bool):
                raise ModelFileError(source, field, f"must be true or false, got {_short(value)}")
        elif self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ModelFileError(source, field, f"must be an integer, got {type(value).__name__} {_short(value)}")
        elif self.kind == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ModelFileError(source, field, f"must be a finite number, got {_short(value)}")
        else:  # pragma: no cover - a programming error in a schema
            raise ValueError(f"unknown parameter kind {self.kind!r}")
        if self.choices is not None and value not in self.choices:
            raise ModelFileError(source, field, f"must be one of {list(self.choices)}, got {_short(value)}")
        if self.low is not None and (value <= self.low if self.low_open else value < self.low):
            raise ModelFileError(source, field, f"must be {'>' if self.low_open else '>='} {self.low:g}, got {_short(value)}")
        if self.high is not None and (value >= self.high if self.high_open else value > self.high):
            raise ModelFileError(source, field, f"must be {'<' if self.high_open else '<='} {self.high:g}, got {_short(value)}")
        return value


def check_params(value: Any, schema: Mapping[str, Param], source: str, field: str = "params") -> dict:
    """The parameters named in ``schema``, each checked; unknown keys are refused."""
    if not isinstance(value, dict):
        raise ModelFileError(source, field, f"must be an object, got {type(value).__name__}")
    unknown = sorted(set(value) - set(schema))
    if unknown:
        raise ModelFileError(source, f"{field}.{unknown[0]}", f"unknown parameter (known: {sorted(schema)})")
    out = {}
    for name, spec in schema.items():
        if name not in value:
            if spec.required:
                raise ModelFileError(source, f"{field}.{name}", "missing")
            continue
        out[name] = spec.check(value[name], f"{field}.{name}", source)
    return out


# -- the common shape of a linear model file ---------------------------------------------------
@dataclass
class LinearModelFile:
    """A validated linear model file: the arrays ready to be set on scikit-learn objects.

    ``coef`` has one row per class, or one row for two classes (scikit-learn's binary
    convention); its columns are the ``vocabulary`` then ``numeric`` features.
    """

    format: str
    params: dict
    classes: list
    vocabulary: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    idf: np.ndarray | None = None
    meta: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def validate_linear_model(
    payload: Any,
    *,
    format: str,
    params: Mapping[str, Param],
    source: str = "<model>",
    classes: Sequence | None = None,
    n_classes: int | None = None,
    n_numeric: int = 0,
    idf: bool = False,
    extra: Mapping[str, Any] | None = None,
) -> LinearModelFile:
    """Check a parsed linear model file against its schema; return its arrays.

    Parameters
    ----------
    payload : object
        The parsed JSON (:func:`read_model_file`).
    format : str
        The exact ``format`` string the loader accepts.
    params : mapping of str to Param
        Schema of the ``params`` object.
    source : str
        The file's name, for the error message.
    classes : sequence or None
        The exact class list, when the model fixes it.
    n_classes : int or None
        The number of classes, when the model fixes only that.
    n_numeric : int
        Numeric feature columns after the vocabulary columns of ``coef``.
    idf : bool
        The file has an ``idf`` array (one positive weight per vocabulary entry).
    extra : mapping of str to callable or None
        Further required keys: ``key -> check(value, field, source)`` returning the
        checked value or raising :class:`ModelFileError`.

    Returns
    -------
    LinearModelFile

    Raises
    ------
    ModelFileError
        On the first problem found, naming the file and the field.
    """
    if not isinstance(payload, dict):
        raise ModelFileError(source, "<file>", f"the top level must be a JSON object, got {type(payload).__name__}")
    got = require(payload, "format", str, source)
    if got != format:
        raise ModelFileError(source, "format", f"must be {format!r}, got {_short(got)}")
    checked_params = check_params(require(payload, "params", dict, source), params, source)
    cls = check_classes(require(payload, "classes", list, source), source, expected=classes, n=n_classes)
    if len(cls) < 2:
        raise ModelFileError(source, "classes", f"a classifier needs at least two classes, got {_short(cls)}")
    vocab = string_list(require(payload, "vocabulary", list, source), "vocabulary", source)
    n_rows = 1 if len(cls) == 2 else len(cls)
    n_cols = len(vocab) + n_numeric
    coef = float_array(require(payload, "coef", list, source), "coef", source, ndim=2)
    if coef.shape != (n_rows, n_cols):
        raise ModelFileError(
            source, "coef",
            f"has shape {coef.shape}; {len(cls)} classes and {len(vocab)} vocabulary + {n_numeric} numeric "
            f"features need ({n_rows}, {n_cols})")
    intercept = float_array(require(payload, "intercept", list, source), "intercept", source, ndim=1, shape=(n_rows,))
    idf_arr = None
    if idf:
        idf_arr = float_array(require(payload, "idf", list, source), "idf", source, ndim=1,
                              shape=(len(vocab),), positive=True)
    meta = payload.get("meta", {})
    if not isinstance(meta, dict):
        raise ModelFileError(source, "meta", f"must be an object, got {type(meta).__name__}")
    extras = {}
    for key, check in (extra or {}).items():
        if key not in payload:
            raise ModelFileError(source, key, "missing")
        extras[key] = check(payload[key], key, source)
    return LinearModelFile(format=got, params=checked_params, classes=cls, vocabulary=vocab, coef=coef,
                           intercept=intercept, idf=idf_arr, meta=meta, extra=extras)


def load_linear_model(path: str | os.PathLike[str], **schema: Any) -> LinearModelFile:
    """:func:`read_model_file` then :func:`validate_linear_model` (keyword arguments as there)."""
    return validate_linear_model(read_model_file(path), source=_source_name(path), **schema)
