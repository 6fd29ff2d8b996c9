"""The records' faster ``__init__`` (framing.records._fast_init) builds the same objects as
the dataclass-generated one: same signature, fields, equality, hashing, repr, immutability,
pickling and ``dataclasses.replace``."""

import dataclasses
import inspect
import pickle

import pytest

from framing import records
from framing.records import Span

RECORDS = [getattr(records, name) for name in records.__all__
           if dataclasses.is_dataclass(getattr(records, name))]


def _plain(cls):
    """The class as ``@dataclass(frozen=True, slots=True)`` alone makes it."""
    ns = {"__annotations__": {f.name: f.type for f in dataclasses.fields(cls)}}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            ns[f.name] = f.default
    return dataclasses.dataclass(frozen=True, slots=True)(type(cls.__name__, (), ns))


def _values(cls, salt: int) -> dict:
    out = {}
    for k, f in enumerate(dataclasses.fields(cls)):
        kind = str(f.type)
        if "Span" in kind and "tuple" not in kind:
            out[f.name] = Span(salt + k, salt + k + 3)
        elif kind in ("float",):
            out[f.name] = salt + k + 0.5
        elif kind in ("int", "bool"):
            out[f.name] = salt + k
        elif "tuple" in kind:
            out[f.name] = (Span(salt, salt + k),)
        else:
            out[f.name] = f"{f.name}{salt}"
    return out


def test_every_frozen_record_has_the_fast_init():
    assert len(RECORDS) >= 11
    for cls in RECORDS:
        assert cls.__init__.__qualname__ == f"{cls.__name__}.__init__"


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_same_object_as_the_generated_init(cls):
    plain = _plain(cls)
    assert inspect.signature(cls) == inspect.signature(plain)
    values = _values(cls, 7)
    required = {f.name: values[f.name] for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING}
    for kwargs in (values, required):
        r, p = cls(**kwargs), plain(**kwargs)
        assert dataclasses.astuple(r) == dataclasses.astuple(p)
        assert cls(*kwargs.values()) == r  # positional
        assert repr(r) == repr(p).replace(plain.__qualname__, cls.__qualname__)
        assert hash(r) == hash(cls(**kwargs)) and r == cls(**kwargs)
        assert r != cls(**_values(cls, 8))
        assert pickle.loads(pickle.dumps(r)) == r
        first = dataclasses.fields(cls)[0].name
        changed = dataclasses.replace(r, **{first: values[first] if first not in required else _values(cls, 9)[first]})
        assert type(changed) is cls
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(r, first, None)
        assert not hasattr(r, "__dict__")
    with pytest.raises(TypeError):
        cls()
    with pytest.raises(TypeError):
        cls(*values.values(), "one too many")
    with pytest.raises(TypeError):
        cls(**values, not_a_field=1)
