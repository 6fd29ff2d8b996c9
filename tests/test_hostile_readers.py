"""Hostile input for the readers (issue 16): nothing lost behind a bad row, nothing garbled,
clear errors instead of tracebacks. Every reader keeps each good row and reports each bad
one: rows in = documents + problems."""

from __future__ import annotations

import json
import math

import pytest

import framing
from framing import Corpus, Document, ReadError
from framing.io import read_csv, read_html, read_jsonl


def _strict(obj) -> str:
    return json.dumps(obj, allow_nan=False)


# -- CSV: a bad row costs only itself ------------------------------------------------------

def test_csv_field_longer_than_csv_limit_is_read(tmp_path):
    path = tmp_path / "b.csv"
    long = "x " * 70000  # 140,000 characters, over csv's default 131,072
    path.write_text(f'id,text\n1,ok said.\n2,"{long}"\n3,ok said.\n4,ok said.\n', encoding="utf-8")
    corpus = read_csv(path, errors="report")
    assert [d.id for d in corpus] == ["1", "2", "3", "4"]
    assert corpus[1].text == long and corpus.problems == []
    assert len(corpus) + len(corpus.problems) == 4  # rows in


def test_csv_unclosed_quote_costs_only_its_row(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('id,text\n1,ok said.\n2,"never closed said.\n3,ok said.\n4,also ok.\n',
                    encoding="utf-8")
    corpus = read_csv(path, errors="report")
    assert [d.id for d in corpus] == ["1", "3", "4"]
    assert [p.line for p in corpus.problems] == [3]
    assert "not closed" in corpus.problems[0].reason
    assert len(corpus) + len(corpus.problems) == 4
    with pytest.raises(ReadError, match="line 3"):
        read_csv(path)


def test_csv_rows_in_equals_documents_plus_problems(tmp_path):
    path = tmp_path / "mixed.csv"
    rows = ['1,ok said.', '2,"x', '3,ok', '4,"a","b"', '5,', '6,fine', '7,"y " z"', '8,last']
    path.write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    corpus = read_csv(path, errors="report")
    assert len(corpus) + len(corpus.problems) == len(rows)
    assert "8" in [d.id for d in corpus]  # the last row survives every bad one before it


def test_csv_one_bad_byte_does_not_garble_the_file(tmp_path):
    path = tmp_path / "enc.csv"
    good = "id,text\n1,Café au lait said.\n".encode("utf-8")
    bad = b"2,Caf\xe9 cr\xe8me said.\n"  # cp1252 bytes in an otherwise UTF-8 file
    path.write_bytes(good + bad + "3,Naïve ‘quotes’ said.\n".encode("utf-8"))
    corpus = read_csv(path, errors="report")
    assert [d.text for d in corpus] == ["Café au lait said.", "Café crème said.",
                                        "Naïve ‘quotes’ said."]
    assert [(w.line, "UTF-8" in w.reason) for w in corpus.warnings] == [(3, True)]


def test_jsonl_one_bad_byte_does_not_garble_the_file(tmp_path):
    path = tmp_path / "enc.jsonl"
    path.write_bytes('{"text": "Café said."}\n'.encode("utf-8") + b'{"text": "Caf\xe9 said."}\n'
                     + '{"text": "Zoë said."}\n'.encode("utf-8"))
    corpus = read_jsonl(path, errors="report")
    assert [d.text for d in corpus] == ["Café said.", "Café said.", "Zoë said."]
    assert [w.line for w in corpus.warnings] == [2]


@pytest.mark.parametrize("encoding, name", [("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
                                            ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32")])
@pytest.mark.parametrize("reader, suffix, content", [
    (read_csv, "csv", "id,text\n1,Officials said so.\n"),
    (read_jsonl, "jsonl", '{"id": "1", "text": "Officials said so."}\n'),
])
def test_utf16_utf32_without_bom_is_a_clear_error(tmp_path, reader, suffix, content, encoding, name):
    path = tmp_path / f"a.{suffix}"
    path.write_bytes(content.encode(encoding))
    with pytest.raises(ReadError, match=f"looks like {name} without a byte-order mark"):
        reader(path, errors="report")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_files_with_a_bom_are_read(tmp_path, encoding):
    path = tmp_path / "a.csv"
    path.write_bytes("id,text\n1,Zoë said so.\n".encode(encoding))
    assert [d.text for d in read_csv(path)] == ["Zoë said so."]


def test_duplicate_ids_are_reported(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text('{"id": "a", "text": "One said."}\n{"id": "b", "text": "Two said."}\n'
                    '{"id": "a", "text": "Three said."}\n', encoding="utf-8")
    corpus = read_jsonl(path)
    assert len(corpus) == 3  # kept: the user decides
    assert [(w.line, w.id) for w in corpus.warnings] == [(3, "a")]
    assert "line 1" in corpus.warnings[0].reason


def test_folder_given_as_csv_is_a_clear_error(tmp_path):
    with pytest.raises(ReadError, match="is a folder, not a file"):
        read_csv(tmp_path)
    with pytest.raises(ReadError, match="is a folder, not a file"):
        read_jsonl(tmp_path)


def test_read_html_long_string_is_not_taken_for_a_path():
    pytest.importorskip("trafilatura")
    with pytest.raises(ReadError, match="neither HTML nor a path"):
        read_html("x" * 5000)


# -- JSON Lines ---------------------------------------------------------------------------

DEEP = "[" * 100_000 + "]" * 100_000


def test_jsonl_deep_nesting_is_a_problem_of_its_line(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "One said."}\n' + DEEP + '\n{"text": "Two said."}\n', encoding="utf-8")
    corpus = read_jsonl(path, errors="report")
    assert [d.text for d in corpus] == ["One said.", "Two said."]
    assert [(p.line, "nested too deeply" in p.reason) for p in corpus.problems] == [(2, True)]
    assert len(corpus) + len(corpus.problems) == 3
    with pytest.raises(ReadError, match="line 2: malformed JSON: nested too deeply"):
        read_jsonl(path)


def test_jsonl_nan_and_infinity_become_null_and_output_is_strict(tmp_path):
    path = tmp_path / "nan.jsonl"
    path.write_text('{"text": "Officials said so.", "score": NaN, "big": 1e999, '
                    '"low": -Infinity, "ok": 1.5}\n', encoding="utf-8")
    corpus = read_jsonl(path)
    doc = corpus[0]
    assert doc.meta == {"score": None, "big": None, "low": None, "ok": 1.5}
    assert [w.line for w in corpus.warnings] == [1]
    framing.analyze  # the analysed document's record format is strict JSON
    analysis = corpus.analyze(progress=False)
    _strict(analysis.documents[0].to_dict())


def test_jsonl_rows_in_equals_documents_plus_problems(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = ['{"text": "ok said."}', "{broken", "[1, 2]", '{"text": 3}', '{"text": ""}',
             DEEP, '{"text": "last said."}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = read_jsonl(path, errors="report")
    assert len(corpus) + len(corpus.problems) == len(lines)
    assert [d.text for d in corpus] == ["ok said.", "last said."]


# -- the comparison says who was left out ------------------------------------------------

def test_comparison_names_articles_without_a_group():
    docs = [Document("Officials said the talks may resume.", outlet="A", story="s", id="a1"),
            Document("Critics said the plan failed.", outlet="B", story="s", id="b1"),
            Document("He said it was fine.", outlet=math.nan, story="s", id="nan-outlet")]
    analysis = Corpus(docs).analyze(progress=False)
    notes = framing.compare(analysis, n_boot=10).notes
    assert any("left out" in n and "nan-outlet" in n and "'outlet'" in n for n in notes), notes
