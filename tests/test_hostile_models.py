"""Model files the other issues added, loaded through the same checks (issue 16): a tampered
persuasion model file is one clear ``ModelFileError`` (a ``ValueError``), never a
RecursionError, a UnicodeDecodeError or a model that loads and fails on use."""

from __future__ import annotations

import json

import pytest

from framing.model_files import ModelFileError
from framing.models import PersuasionSpanTagger

TEXTS = ["They are traitors. Traitors, all of them! The vote is on Monday.",
         "The committee meets on Monday. These traitors must go!"]
SPANS = [[(9, 17, "Name_Calling,Labeling"), (19, 41, "Loaded_Language")],
         [(37, 45, "Name_Calling,Labeling")]]


@pytest.fixture(scope="module")
def payload(tmp_path_factory):
    path = tmp_path_factory.mktemp("m") / "m.json"
    PersuasionSpanTagger(min_df=1).fit(TEXTS, SPANS).to_json(path)
    return json.loads(path.read_text(encoding="utf-8"))


def _ragged(p):
    p["technique_coef"][0] = p["technique_coef"][0][:-1]


def _missing(p):
    p.pop("intercept")


def _string_coef(p):
    p["coef"][0] = "0.5"


@pytest.mark.parametrize("raw, message", [
    (b"[" * 100_000 + b"]" * 100_000, "nested"),
    (b'{"format": "framing.PersuasionSpanTagger/1", "params": \xff}', "UTF-8"),
    (b'["not", "an", "object"]', "JSON object"),
    (b'{"coef": [NaN]}', "NaN"),
])
def test_unreadable_persuasion_file(tmp_path, raw, message):
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(ModelFileError, match=message):
        PersuasionSpanTagger.from_json(path)


@pytest.mark.parametrize("edit, message", [(_ragged, "technique_coef"), (_missing, "intercept"),
                                           (_string_coef, r"coef\[0\]: must be a number")])
def test_tampered_persuasion_file(tmp_path, payload, edit, message):
    bad = json.loads(json.dumps(payload))
    edit(bad)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ModelFileError, match=message):
        PersuasionSpanTagger.from_json(path)
