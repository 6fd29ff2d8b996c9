"""Corpus and its readers: tables, JSONL, CSV, grouping, and every kind of bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import framing
from framing import Corpus, Document, Problem, ReadError, read_csv, read_jsonl
from framing.corpus import EMPTY_TEXT, MISSING_COLUMN, NOT_A_STRING

ROWS = [
    {"id": "a1", "outlet": "Wire", "story": "s1", "title": "Talks", "date": "2026-02-02",
     "url": "https://example.org/1", "text": "Russia said talks stalled.", "section": "World"},
    {"id": "a2", "outlet": "Blast", "story": "s1", "title": "Row", "date": "2026-02-02",
     "url": "https://example.org/2", "text": "Kyiv blasted the Kremlin.", "section": "World"},
    {"id": "a3", "outlet": "Wire", "story": "s2", "title": "Rent", "date": "2026-03-01",
     "url": "https://example.org/3", "text": "The council capped rents.", "section": "City"},
]


# -- the sample and the sequence protocol ---------------------------------------------------


def test_sample_repr_grouping_filtering_slicing(sample):
    assert repr(sample) == "Corpus(16 articles, 4 outlets, 4 stories)"
    by_outlet = sample.groupby("outlet")
    assert sorted(by_outlet) == sample.outlets
    assert all(len(c) == 4 for c in by_outlet.values())
    by_story = sample.groupby("story")
    assert sorted(by_story) == sample.stories == ["s1", "s2", "s3", "s4"]
    for story, sub in by_story.items():
        assert {d.story for d in sub} == {story} and len(sub.outlets) == 4
    wire = sample.filter(outlet="Meridian Wire")
    assert len(wire) == 4 and {d.outlet for d in wire} == {"Meridian Wire"}
    two = sample.filter(story=["s1", "s2"], outlet={"Meridian Wire", "Liberty Ledger"})
    assert sorted((d.story, d.outlet) for d in two) == [
        ("s1", "Liberty Ledger"), ("s1", "Meridian Wire"),
        ("s2", "Liberty Ledger"), ("s2", "Meridian Wire"),
    ]
    assert len(sample.filter(lambda d: "Kremlin" in d.text, story="s1")) >= 1
    assert isinstance(sample[:3], Corpus) and len(sample[:3]) == 3
    assert sample[0] is list(sample)[0] and isinstance(sample[-1], Document)


def test_groupby_missing_field_and_meta_field():
    corpus = Corpus([Document("One.", outlet="X", meta={"lang": "en"}), Document("Two.")])
    groups = corpus.groupby("outlet")
    assert set(groups) == {"X", None}
    assert set(corpus.groupby("lang")) == {"en", None}
    assert len(corpus.filter(lang="en")) == 1
    assert repr(corpus) == "Corpus(2 articles, 1 outlets, 0 stories)"


def test_corpus_holds_only_documents():
    with pytest.raises(TypeError):
        Corpus(["a text"])  # type: ignore[list-item]


# -- DataFrames ---------------------------------------------------------------------------


def test_dataframe_round_trip():
    df = pd.DataFrame(ROWS)
    corpus = Corpus.from_dataframe(df)
    assert repr(corpus) == "Corpus(3 articles, 2 outlets, 2 stories)"
    first = corpus[0]
    assert (first.id, first.outlet, first.story, first.title, first.date, first.url) == (
        "a1", "Wire", "s1", "Talks", "2026-02-02", "https://example.org/1")
    assert first.meta == {"section": "World"}
    back = corpus.to_dataframe()
    assert list(back.columns) == ["id", "outlet", "story", "title", "date", "url", "text", "section"]
    pd.testing.assert_frame_equal(
        back.astype(object), df[list(back.columns)].astype(object), check_dtype=False
    )


def test_dataframe_other_column_names_and_types():
    df = pd.DataFrame({
        "body": ["A text.", "Another text."],
        "source": ["X", "Y"],
        "published": pd.to_datetime(["2026-02-02", None]),
        "n": [1, 2],
    })
    corpus = Corpus.from_dataframe(df, text="body", outlet="source", date="published")
    assert [d.outlet for d in corpus] == ["X", "Y"]
    assert corpus[0].date == "2026-02-02T00:00:00" and corpus[1].date is None
    assert corpus[0].meta == {"n": 1}
    assert Corpus().to_dataframe().empty


def test_dataframe_missing_text_column_lists_columns():
    df = pd.DataFrame({"body": ["A."], "outlet": ["X"]})
    with pytest.raises(ReadError) as info:
        Corpus.from_dataframe(df)
    assert str(info.value) == MISSING_COLUMN.format(
        column="text", where=" in DataFrame", present="body, outlet")


def test_dataframe_explicit_metadata_column_must_exist():
    df = pd.DataFrame({"text": ["A."]})
    assert Corpus.from_dataframe(df)[0].outlet is None  # default name may be absent
    with pytest.raises(ReadError, match="column 'source' not found"):
        Corpus.from_dataframe(df, outlet="source")


def test_dataframe_empty_and_non_string_texts_are_reported():
    df = pd.DataFrame({"text": ["A.", "", "   ", None, 5, float("nan")], "id": list("abcdef")})
    with pytest.raises(ReadError) as info:
        Corpus.from_dataframe(df)
    assert str(info.value) == "DataFrame, line 1, column 'text': empty text"
    corpus = Corpus.from_dataframe(df, errors="report")
    assert [d.id for d in corpus] == ["a"]
    assert [(p.line, p.id, p.reason) for p in corpus.problems] == [
        (1, "b", EMPTY_TEXT), (2, "c", EMPTY_TEXT), (3, "d", EMPTY_TEXT),
        (4, "e", NOT_A_STRING.format(type="int")), (5, "f", EMPTY_TEXT),
    ]
    # nothing is dropped silently: every row is a document or a problem
    assert len(corpus) + len(corpus.problems) == len(df)


def test_errors_argument_is_checked(tmp_path):
    with pytest.raises(ValueError):
        Corpus.from_dataframe(pd.DataFrame({"text": ["A."]}), errors="ignore")  # type: ignore[arg-type]


# -- JSONL ----------------------------------------------------------------------------------


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_read_jsonl(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", ROWS)
    corpus = read_jsonl(path)
    assert [d.id for d in corpus] == ["a1", "a2", "a3"]
    assert corpus[2].meta == {"section": "City"}
    assert framing.read_jsonl is read_jsonl


def test_jsonl_malformed_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "One."}\n\n{"text": "Two.",\n[1, 2]\n{"text": "Five."}\n', encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_jsonl(path)
    assert str(info.value).startswith(f"{path}, line 3: malformed JSON")
    corpus = read_jsonl(path, errors="report")
    assert [d.text for d in corpus] == ["One.", "Five."]
    assert [(p.source, p.line) for p in corpus.problems] == [(str(path), 3), (str(path), 4)]
    assert corpus.problems[1].reason == "expected a JSON object, got list"


def test_jsonl_bad_texts_are_reported_with_their_lines(tmp_path):
    path = write_jsonl(tmp_path / "t.jsonl", [
        {"text": "Fine.", "id": "1"}, {"text": ["a list"], "id": "2"}, {"text": None, "id": "3"},
        {"outlet": "no text", "id": "4"}, {"text": "", "id": "5"},
    ])
    with pytest.raises(ReadError) as info:
        read_jsonl(path)
    assert str(info.value) == f"{path}, line 2, column 'text': text is not a string (got list)"
    corpus = read_jsonl(path, errors="report")
    assert [d.id for d in corpus] == ["1"]
    assert [(p.line, p.id) for p in corpus.problems] == [(2, "2"), (3, "3"), (4, "4"), (5, "5")]


def test_jsonl_missing_text_column(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [{"body": "A.", "outlet": "X"}])
    with pytest.raises(ReadError) as info:
        read_jsonl(path)
    assert str(info.value) == MISSING_COLUMN.format(
        column="text", where=f" in {path}", present="body, outlet")
    assert len(read_jsonl(path, text="body")) == 1


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_jsonl(tmp_path / "none.jsonl")
    with pytest.raises(FileNotFoundError):
        read_csv(tmp_path / "none.csv")


# -- CSV --------------------------------------------------------------------------------------


def test_read_csv_round_trip_and_delimiters(tmp_path):
    df = pd.DataFrame(ROWS)
    df.to_csv(tmp_path / "a.csv", index=False)
    df.to_csv(tmp_path / "a.tsv", index=False, sep="\t")
    for name in ("a.csv", "a.tsv"):
        corpus = read_csv(tmp_path / name)
        assert [d.text for d in corpus] == [r["text"] for r in ROWS]
        assert corpus[1].outlet == "Blast" and corpus[1].meta == {"section": "World"}


def test_csv_user_story_column_names(tmp_path):
    path = tmp_path / "election.csv"
    path.write_text("outlet,date,headline,body,story\nX,2026-01-01,Vote,\"Polls opened, early.\",s1\n",
                    encoding="utf-8")
    (doc,) = read_csv(path, text="body", title="headline", story="story")
    assert (doc.title, doc.text, doc.story, doc.date) == ("Vote", "Polls opened, early.", "s1", "2026-01-01")


def test_csv_multiline_cells_keep_physical_line_numbers(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes(b'text,outlet\r\n"One\r\ntwo.",X\r\nThree.,Y,extra\r\n"Four.",\r\n')
    with pytest.raises(ReadError) as info:
        read_csv(path)
    assert str(info.value) == f"{path}, line 4: expected 2 fields, found 3"
    corpus = read_csv(path, errors="report")
    assert [d.text for d in corpus] == ["One\r\ntwo.", "Four."]
    assert corpus[1].outlet is None  # an empty cell is a missing value


def test_csv_malformed_quote_names_file_and_line(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('text,outlet\n"One.",X\n"Two, never closed,Y\nThree.,Z\n', encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_csv(path)
    assert str(info.value).startswith(f"{path}, line 3: malformed CSV")
    corpus = read_csv(path, errors="report")
    # the unclosed quotation mark costs its own row only: the rows after it are read
    assert [d.text for d in corpus] == ["One.", "Three."] and corpus.problems[0].line == 3


def test_csv_missing_text_column_and_empty_texts(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("body,outlet\nOne.,X\n", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_csv(path)
    assert str(info.value) == MISSING_COLUMN.format(
        column="text", where=f" in {path}", present="body, outlet")
    empty = tmp_path / "e.csv"
    empty.write_text('text,outlet\n"",X\n   ,Y\nok.,Z\n', encoding="utf-8")
    corpus = read_csv(empty, errors="report")
    assert [d.outlet for d in corpus] == ["Z"]
    assert [(p.line, p.reason) for p in corpus.problems] == [(2, EMPTY_TEXT), (3, EMPTY_TEXT)]
    none = tmp_path / "n.csv"
    none.write_text("", encoding="utf-8")
    with pytest.raises(ReadError, match="no header row"):
        read_csv(none)


# -- encodings ----------------------------------------------------------------------------


def test_latin1_file_is_decoded(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes('text,outlet\n"Café owners in Genève said “no”.",Le Monde\n'.encode("cp1252"))
    (doc,) = read_csv(path)
    assert doc.text == "Café owners in Genève said “no”."
    plain = tmp_path / "latin1.jsonl"
    plain.write_bytes('{"text": "Zürich à côté."}\n'.encode("latin-1"))
    assert read_jsonl(plain)[0].text == "Zürich à côté."


def test_byte_order_marks(tmp_path):
    bom8 = tmp_path / "bom.csv"
    bom8.write_bytes("\ufefftext;outlet\nHallo.;X\n".encode("utf-8"))
    (doc,) = read_csv(bom8)
    assert doc.text == "Hallo." and doc.outlet == "X"  # the header's first name is clean
    bom16 = tmp_path / "excel.tsv"
    bom16.write_bytes("text\toutlet\nKyiv said no.\tY\n".encode("utf-16"))
    assert read_csv(bom16)[0].text == "Kyiv said no."
    jsonl = tmp_path / "bom.jsonl"
    jsonl.write_bytes('\ufeff{"text": "One."}\n'.encode("utf-8"))
    assert read_jsonl(jsonl)[0].text == "One."


def test_nul_bytes_do_not_crash(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b'text,outlet\n"Hello\x00 there.",X\n')
    assert read_csv(path)[0].text == "Hello\x00 there."
    jsonl = tmp_path / "nul.jsonl"
    jsonl.write_bytes(b'{"text": "escaped \\u0000 nul"}\n{"text": "raw \x00 nul"}\n')
    corpus = read_jsonl(jsonl, errors="report")
    assert [d.text for d in corpus] == ["escaped \x00 nul"]
    # a raw control character is invalid JSON: reported with its line, never dropped
    assert corpus.problems[0].line == 2 and "malformed JSON" in corpus.problems[0].reason


def test_problem_str():
    p = Problem("f.csv", 3, "text", EMPTY_TEXT, "x")
    assert str(p) == "f.csv, line 3, column 'text': empty text"
    assert str(Problem("page.html", None, None, "no text")) == "page.html: no text"
