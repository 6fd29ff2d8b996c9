"""What the file readers share: opening a text file in its encoding, and rows -> Corpus."""

from __future__ import annotations

import codecs
from pathlib import Path

from framing.corpus import (
    MISSING_COLUMN,
    Corpus,
    Problem,
    ReadError,
    _clean_value,
    _text_problem,
)
from framing.document import Document


NOT_A_FILE = "{path} is a folder, not a file (give the {kind} file inside it)"
NO_BOM_UTF16 = ("{path} looks like {encoding} without a byte-order mark (NUL bytes between "
                "the letters); save it as UTF-8 (or UTF-16 with a byte-order mark) and read it again")
FALLBACK = "not valid UTF-8; this line was decoded as cp1252 (check its accented letters)"


def _read_lines(path: Path, kind: str) -> tuple[list[str], list[int]]:
    """The lines of a text file (line ends kept), decoded one line at a time, and the
    numbers (from 1) of the lines that were not valid UTF-8.

    A byte-order mark decides the encoding (UTF-8, UTF-16, UTF-32). Without one, each line is
    decoded as UTF-8 and, when that fails, as cp1252 (what "latin-1" files from spreadsheets
    and Windows tools usually are), so one stray byte never garbles the valid lines around
    it; the caller reports the fallback lines. UTF-16 or UTF-32 without a byte-order mark
    (NUL bytes between the letters) is an error naming the encoding.
    """
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if path.is_dir():
        raise ReadError(NOT_A_FILE.format(path=path, kind=kind))
    data = path.read_bytes()
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            if enc == "utf-8-sig":
                data = data[len(bom):]
                break
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise ReadError(f"{path}: not valid {enc.upper()} despite its byte-order mark "
                                f"({exc.reason} at byte {exc.start})") from None
            # split on line ends only (str.splitlines also splits on U+2028, form feeds, ...)
            return [ln.decode("utf-8") for ln in text.encode("utf-8").splitlines(keepends=True)], []
    nul = _nul_encoding(data[:4096])
    if nul is not None:
        raise ReadError(NO_BOM_UTF16.format(path=path, encoding=nul))
    lines: list[str] = []
    fallback: list[int] = []
    for i, raw in enumerate(data.splitlines(keepends=True), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
            fallback.append(i)
    return lines, fallback


def _nul_encoding(head: bytes) -> str | None:
    """``"UTF-16"`` or ``"UTF-32"`` when NUL bytes sit between the letters of ``head``."""
    if head.count(0) < max(2, len(head) // 8):
        return None
    if head[1:4] == b"\x00\x00\x00" or head[0:3] == b"\x00\x00\x00":
        return "UTF-32"
    return "UTF-16"


def _fallback_notes(path: Path, fallback: list[int]) -> list[Problem]:
    return [Problem(str(path), line, None, FALLBACK) for line in fallback]


DUPLICATE_ID = "id {id!r} is also the id of the article on line {first}"


def _corpus_from_rows(rows, path, problems, errors, *, columns=None, notes=(), **names) -> Corpus:
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
    warnings: list[Problem] = list(notes)
    seen: dict = {}
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
        doc_id = fields.get("id")
        if doc_id is not None:
            try:
                first = seen.setdefault(doc_id, r["__line__"])
            except TypeError:  # an unhashable id (a JSON list or object)
                first = r["__line__"]
            if first != r["__line__"]:
                warnings.append(Problem(str(path), r["__line__"], names.get("id"),
                                        DUPLICATE_ID.format(id=doc_id, first=first), str(doc_id)))
        docs.append(Document(r[text_col], meta=meta, **fields))
    warnings.sort(key=lambda p: (p.line or 0))
    return Corpus(docs, problems=problems, warnings=warnings)
