"""What the file readers share: opening a text file in its encoding, and rows -> Corpus."""

from __future__ import annotations

import codecs
from pathlib import Path

from framing.corpus import (
    MISSING_COLUMN,
    Corpus,
    ReadError,
    _clean_value,
    _text_problem,
)
from framing.document import Document


def _open_text(path: Path):
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    # utf-8-sig drops a byte-order mark; undecodable bytes become U+FFFD instead of failing
    # the whole file (the replacement characters stay visible in the text).
    return open(path, encoding=_detect_encoding(path), errors="replace", newline="")


def _detect_encoding(path: Path) -> str:
    """``utf-16`` when the file starts with its byte-order mark; ``utf-8-sig`` when the whole
    file decodes as UTF-8 (one linear pass, constant memory); else ``cp1252``, what "latin-1"
    files from spreadsheets and Windows tools usually are (it agrees with latin-1 on every
    letter, and reads curly quotes that latin-1 maps to control characters)."""
    with open(path, "rb") as fh:
        if fh.read(2) in (b"\xff\xfe", b"\xfe\xff"):
            return "utf-16"
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for block in iter(lambda: fh.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def _corpus_from_rows(rows, path, problems, errors, *, columns=None, **names) -> Corpus:
    text_col = names["text"]
    present = list(columns) if columns is not None else sorted({k for r in rows for k in r} - {"__line__"})
    if rows and not any(text_col in r for r in rows) or (columns is not None and text_col not in columns):
        raise ReadError(MISSING_COLUMN.format(column=text_col, where=f" in {path}",
                                              present=", ".join(present) or "none"))
    mapping = {f: c for f, c in names.items() if f != "text" and c is not None}
    for f, c in mapping.items():
        if c != f and not any(c in r for r in rows):
            raise ReadError(MISSING_COLUMN.format(column=c, where=f" in {path}",
                                                  present=", ".join(present)))
    used = {text_col, *mapping.values(), "__line__"}
    docs: list[Document] = []
    for r in rows:
        fields = {f: _clean_value(r.get(c)) for f, c in mapping.items()}
        if columns is not None:  # CSV: empty cells are missing values
            fields = {f: (v if v != "" else None) for f, v in fields.items()}
        p = _text_problem(r.get(text_col), str(path), r["__line__"], text_col, fields.get("id"))
        if p is not None:
            if errors == "raise":
                raise ReadError(str(p))
            problems.append(p)
            continue
        meta = {k: v for k, v in r.items() if k not in used}
        docs.append(Document(r[text_col], meta=meta, **fields))
    return Corpus(docs, problems=problems)
