"""read_html: files, folders and strings of HTML into a Corpus, with metadata and errors."""

from __future__ import annotations

import sys

import pytest

import framing
from framing.corpus import ReadError
from framing.io.html import INSTALL_HINT, NO_HTML_FILES, NO_TEXT, read_html

pytest.importorskip("trafilatura", reason="the html extra is not installed")

BODY = (
    "<p>MOSCOW, Feb 2 (Reuters) - Russia's Foreign Ministry said on Friday that talks in "
    "Geneva had stalled, blaming Kyiv for what it called a refusal to compromise.</p>"
    "<p>\"We will follow the process closely,\" the ministry said in a statement, adding that "
    "its delegation would stay in Geneva until the end of the week.</p>"
    "<p>Ukrainian officials said the Kremlin had simply stonewalled and that no agreement on "
    "monitoring was in sight.</p>"
)
PAGE = f"""<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8"><title>Russia says Geneva talks stalled | Meridian Wire</title>
<meta property="og:title" content="Russia says Geneva talks stalled">
<meta property="og:site_name" content="Meridian Wire">
<meta property="og:url" content="https://example.org/world/geneva-talks">
<meta property="article:published_time" content="2026-02-02T10:00:00Z">
<meta name="author" content="Jane Doe">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Russia says Geneva talks stalled</h1>{BODY}</article>
<footer>Contact us</footer></body></html>"""
EMPTY_PAGE = "<html><head><title>Nothing</title></head><body><script>var x = 1;</script></body></html>"


@pytest.fixture()
def page_file(tmp_path):
    path = tmp_path / "geneva.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_file_with_metadata(page_file):
    corpus = read_html(page_file)
    assert len(corpus) == 1 and corpus.problems == []
    doc = corpus[0]
    assert doc.title == "Russia says Geneva talks stalled"
    assert doc.outlet == "Meridian Wire"
    assert doc.url == "https://example.org/world/geneva-talks"
    assert doc.date == "2026-02-02"
    assert doc.id == "geneva.html"
    assert doc.meta["source"] == str(page_file)
    assert doc.meta["author"] == "Jane Doe"
    # one paragraph per block, no navigation or footer text
    assert "Home" not in doc.text and "Contact us" not in doc.text
    assert "\n\n\"We will follow the process closely,\"" in doc.text


def test_page_clutter_is_found_in_extracted_text(page_file):
    doc = framing.analyze(read_html(page_file)[0].text)
    assert doc.dateline == "MOSCOW, Feb 2 (Reuters)"
    first = [s.text for s in doc.sentences if "Foreign Ministry" in s.text]
    assert first and first[0].startswith("Russia's Foreign Ministry said")


def test_string_of_html():
    corpus = read_html(PAGE)
    assert len(corpus) == 1
    assert corpus[0].id is None and "source" not in corpus[0].meta
    assert corpus[0].outlet == "Meridian Wire"


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b.html").write_text(PAGE.replace("Geneva talks stalled", "B talks"), encoding="utf-8")
    (tmp_path / "a.HTM").write_text(PAGE.replace("Geneva talks stalled", "A talks"), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a page", encoding="utf-8")
    corpus = read_html(tmp_path)
    assert [d.id for d in corpus] == ["a.HTM", "b.html", "sub/c.htm"]
    assert [d.title for d in corpus][:2] == ["Russia says A talks", "Russia says B talks"]


def test_latin1_page_declared_in_meta(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(
        "Ukrainian officials", "Café owners in Genève"
    )
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("latin-1"))
    (doc,) = read_html(path)
    assert "Café owners in Genève" in doc.text


def test_page_without_text_names_the_file(tmp_path):
    bad = tmp_path / "empty.html"
    bad.write_text(EMPTY_PAGE, encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_html(bad)
    assert str(info.value) == f"{bad}: {NO_TEXT}"


def test_errors_report_collects_bad_pages(tmp_path):
    (tmp_path / "good.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "empty.html").write_text(EMPTY_PAGE, encoding="utf-8")
    corpus = read_html(tmp_path, errors="report")
    assert [d.id for d in corpus] == ["good.html"]
    (problem,) = corpus.problems
    assert problem.source == str(tmp_path / "empty.html")
    assert problem.reason == NO_TEXT and problem.id == "empty.html"
    assert repr(corpus).endswith("1 problems)")


def test_empty_folder_and_missing_path(tmp_path):
    with pytest.raises(ReadError) as info:
        read_html(tmp_path)
    assert str(info.value) == NO_HTML_FILES.format(folder=tmp_path)
    with pytest.raises(FileNotFoundError):
        read_html(tmp_path / "missing.html")


def test_bad_errors_argument(page_file):
    with pytest.raises(ValueError):
        read_html(page_file, errors="ignore")  # type: ignore[arg-type]


def test_missing_extra_names_the_install_command(monkeypatch, page_file):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes `import trafilatura` fail
    with pytest.raises(ImportError) as info:
        read_html(page_file)
    assert str(info.value).startswith(INSTALL_HINT)
    assert 'pip install "framing-analysis[html]"' in str(info.value)


def test_exported_at_top_level():
    assert framing.read_html is read_html
    assert "read_html" in framing.__all__
