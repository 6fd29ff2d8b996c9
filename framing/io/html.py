"""Read web pages into a corpus: the article text and its metadata, extracted by trafilatura.

trafilatura is the ``html`` extra (``pip install "framing-analysis[html]"``); it is imported
only when a page is read. The extracted text keeps one paragraph per block (blocks are
separated by a blank line, as the text layer expects); page clutter that survives extraction
(datelines, credits, "Next In World" lists) is left in the text for :mod:`framing.text.page`
to mark, so offsets always point into the text the Document holds. Photo captions
(``<figcaption>``), which trafilatura leaves out, are put back as blocks where the page has
them, so that a saved page and the same page pasted as text give the same structure.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from framing.corpus import Corpus, Errors, Problem, ReadError
from framing.document import Document

__all__ = ["read_html", "INSTALL_HINT", "NO_TEXT", "NO_HTML_FILES"]

INSTALL_HINT = (
    'reading HTML needs trafilatura, the "html" extra: pip install "framing-analysis[html]"'
)
NO_TEXT = "no article text found in the page"
NO_HTML_FILES = "no .html or .htm files in {folder}"
NOT_FOUND = "no such file or folder: {path}"
NOT_HTML = ("read_html takes HTML (a string with tags), a file or a folder; got a string that "
            "is neither HTML nor a path: {start!r}...")

_SUFFIXES = (".html", ".htm")
# Conservative date finding: a date the page states, never one guessed from its text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _trafilatura():
    try:
        import trafilatura
    except ImportError as exc:
        raise ImportError(f"{INSTALL_HINT} ({exc})") from exc
    return trafilatura


def _looks_like_html(source: str) -> bool:
    head = source.lstrip()[:1000].lower()
    return head.startswith("<") or "<html" in head or "<body" in head or "<p>" in head


def read_html(
    source: str | os.PathLike[str],
    *,
    errors: Errors = "raise",
) -> Corpus:
    """Read HTML pages into a :class:`~framing.Corpus`, one document per page.

    Parameters
    ----------
    source : str or path
        A ``.html``/``.htm`` file, a folder (every ``.html`` and ``.htm`` file under it,
        recursively, in sorted path order), or a string of HTML.
    errors : {"raise", "report"}
        What to do with a page that cannot be read or has no article text: raise a
        :class:`~framing.ReadError` naming the file, or list it in ``Corpus.problems``.

    Returns
    -------
    Corpus
        Documents with ``title``, ``date``, ``url`` and ``outlet`` (the site name) when the
        page states them; ``id`` is the file's path relative to the folder (or its name), and
        ``meta`` holds ``source`` (the file), ``author``, ``hostname``, ``description`` and
        ``language`` when present.

    Raises
    ------
    ImportError
        When trafilatura is not installed; the message says how to install it.

    Examples
    --------
    >>> import framing
    >>> page = ("<html><head><title>Talks stall</title></head><body><article>"
    ...         "<p>Russia's Foreign Ministry said on Friday that talks in Geneva had stalled "
    ...         "and blamed Kyiv for the lack of progress on the buffer zone.</p>"
    ...         "<p>Ukrainian officials said the Kremlin had simply stonewalled and that no "
    ...         "agreement on monitoring was in sight.</p></article></body></html>")
    >>> corpus = framing.read_html(page)
    >>> corpus[0].title
    'Talks stall'
    >>> [s.text for s in corpus[0].sentences][-1]
    'Ukrainian officials said the Kremlin had simply stonewalled and that no agreement on monitoring was in sight.'
    """
    if errors not in ("raise", "report"):
        raise ValueError(f"errors must be 'raise' or 'report', got {errors!r}")
    trafilatura = _trafilatura()
    if isinstance(source, str) and _looks_like_html(source):
        pages: list[tuple[str, str | None, Path | None]] = [("<string>", None, None)]
        strings = {"<string>": source}
    else:
        path = Path(source)
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
        except (OSError, ValueError):  # a long or odd string is no path ("File name too long")
            is_dir = is_file = False
        if not (is_dir or is_file) and isinstance(source, str) and (
                len(source) > 255 or "\n" in source or "\x00" in source):
            raise ReadError(NOT_HTML.format(start=source[:40]))
        if is_dir:
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in _SUFFIXES and p.is_file())
            if not files:
                raise ReadError(NO_HTML_FILES.format(folder=path))
            pages = [(str(p), p.relative_to(path).as_posix(), p) for p in files]
        elif is_file:
            pages = [(str(path), path.name, path)]
        else:
            raise FileNotFoundError(NOT_FOUND.format(path=path))
        strings = {}

    docs: list[Document] = []
    problems: list[Problem] = []
    for name, doc_id, page in pages:
        try:
            content: str | bytes = strings[name] if page is None else page.read_bytes()
            doc = _extract(trafilatura, content, doc_id, name if page is not None else None)
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            doc = None
            reason = f"could not read the page: {type(exc).__name__}: {exc}"
        else:
            reason = NO_TEXT
        if doc is None:
            problem = Problem(name, None, None, reason, doc_id)
            if errors == "raise":
                raise ReadError(str(problem))
            problems.append(problem)
            continue
        docs.append(doc)
    return Corpus(docs, problems=problems)


_BLOCK_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote figcaption".split())
_MAX_CAPTIONS = 50


def _norm(text: str) -> str:
    return " ".join(text.split())


def _with_captions(content: str | bytes, blocks: list[str]) -> list[str]:
    """The extracted blocks with the page's photo captions (``<figcaption>``) put back where
    the page has them: trafilatura leaves them out, but a caption and its credit are part
    of the page's structure (:mod:`framing.text.page` marks them, and every extractor
    skips them), so that a saved page and the same page pasted as text give the same parts.
    A caption goes before the first extracted block that follows it in the page."""
    try:
        import lxml.html
    except ImportError:  # pragma: no cover - a dependency of trafilatura
        return blocks
    try:
        tree = lxml.html.fromstring(content)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return blocks
    index: dict[str, int] = {}
    for k, b in enumerate(blocks):
        index.setdefault(_norm(b), k)
    present = set(index)
    before: dict[int, list[str]] = {}
    pending: list[str] = []
    n_captions = 0
    for el in tree.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag not in _BLOCK_TAGS:
            continue
        text = _norm(el.text_content())
        if not text:
            continue
        if tag == "figcaption":
            if text not in present and n_captions < _MAX_CAPTIONS:
                pending.append(text)
                present.add(text)
                n_captions += 1
            continue
        at = index.get(text)
        if at is not None and pending:
            before.setdefault(at, []).extend(pending)
            pending = []
    if not before and not pending:
        return blocks
    out: list[str] = []
    for k, b in enumerate(blocks):
        out.extend(before.get(k, ()))
        out.append(b)
    return out


def _extract(trafilatura: Any, content: str | bytes, doc_id: str | None, source: str | None) -> Document | None:
    result = trafilatura.bare_extraction(
        content,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    if result is None:
        return None
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    raw = data.get("text") or ""
    blocks = [line.strip() for line in raw.splitlines()]
    blocks = _with_captions(content, [b for b in blocks if b])
    text = "\n\n".join(blocks)
    if not text:
        return None
    meta: dict[str, Any] = {}
    if source is not None:
        meta["source"] = source
    for key in ("author", "hostname", "description", "language"):
        if data.get(key):
            meta[key] = data[key]
    return Document(
        text,
        id=doc_id,
        outlet=data.get("sitename") or None,
        title=data.get("title") or None,
        date=data.get("date") or None,
        url=data.get("url") or None,
        meta=meta,
    )
