"""What the file readers share: opening a text file in its encoding, and rows -> Corpus."""

from __future__ import annotations

import codecs
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

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


#: Bytes read from a file at a time by the streaming readers.
BLOCK_SIZE = 1 << 20


def _read_lines(path: Path, kind: str) -> tuple[list[str], list[int]]:
    """The lines of a text file (line ends kept), decoded one line at a time, and the
    numbers (from 1) of the lines that were not valid UTF-8: :func:`_iter_lines`, all at once."""
    lines: list[str] = []
    fallback: list[int] = []
    for i, (line, fell_back) in enumerate(_iter_lines(path, kind), start=1):
        lines.append(line)
        if fell_back:
            fallback.append(i)
    return lines, fallback


def _iter_lines(path: Path, kind: str,
                block_size: int = BLOCK_SIZE) -> Generator[tuple[str, bool], None, None]:
    """The lines of a text file (line ends kept), read lazily: ``(line, fell_back)`` pairs,
    ``fell_back`` true for a line that was not valid UTF-8 (decoded as cp1252).

    A byte-order mark decides the encoding (UTF-8, UTF-16, UTF-32). Without one, each line is
    decoded as UTF-8 and, when that fails, as cp1252 (what "latin-1" files from spreadsheets
    and Windows tools usually are), so one stray byte never garbles the valid lines around
    it; the caller reports the fallback lines. UTF-16 or UTF-32 without a byte-order mark
    (NUL bytes between the letters) is an error naming the encoding. Lines end at ``\\n``,
    ``\\r\\n`` or ``\\r`` (as :meth:`bytes.splitlines`). A missing file, a folder, or a file
    without a byte-order mark that looks like UTF-16 is an error when this is called, before
    the first line.
    """
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if path.is_dir():
        raise ReadError(NOT_A_FILE.format(path=path, kind=kind))
    with open(path, "rb") as fh:
        head = fh.read(4096 + 4)
    encoding, skip = _encoding_of(head)
    if encoding is None:
        nul = _nul_encoding(head[skip:skip + 4096])
        if nul is not None:
            raise ReadError(NO_BOM_UTF16.format(path=path, encoding=nul))
    return _lines_of(path, encoding, skip, block_size)


def _encoding_of(head: bytes) -> tuple[str | None, int]:
    """The encoding a byte-order mark names (``None``: none, or UTF-8) and the bytes to skip."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return (None, len(bom)) if enc == "utf-8-sig" else (enc, 0)
    return None, 0


def _lines_of(path: Path, encoding: str | None, skip: int,
              block_size: int) -> Generator[tuple[str, bool], None, None]:
    """The generator behind :func:`_iter_lines`; the file is open only while it runs (close
    the generator to close the file early)."""
    with open(path, "rb") as fh:
        fh.seek(skip)
        blocks: Iterator[bytes] = _blocks(fh, b"", block_size)
        if encoding is not None:  # UTF-16/32 with a byte-order mark: re-encoded as UTF-8
            blocks = _transcoded(blocks, path, encoding)
            for raw in _split_lines(blocks):
                yield raw.decode("utf-8"), False
            return
        for raw in _split_lines(blocks):
            try:
                yield raw.decode("utf-8"), False
            except UnicodeDecodeError:
                yield raw.decode("cp1252", errors="replace"), True


def _blocks(fh: BinaryIO, first: bytes, block_size: int) -> Iterator[bytes]:
    if first:
        yield first
    while True:
        block = fh.read(block_size)
        if not block:
            return
        yield block


def _transcoded(blocks: Iterable[bytes], path: Path, encoding: str) -> Iterator[bytes]:
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0  # bytes handed to the decoder before this block
    for block in _with_end(blocks):
        final = not block
        buffered = len(decoder.getstate()[0])
        try:
            text = decoder.decode(block, final=final)
        except UnicodeDecodeError as exc:
            at = offset - buffered + exc.start
            raise ReadError(f"{path}: not valid {encoding.upper()} despite its byte-order mark "
                            f"({exc.reason} at byte {at})") from None
        offset += len(block)
        if text:
            yield text.encode("utf-8")


def _with_end(blocks: Iterable[bytes]) -> Iterator[bytes]:
    yield from blocks
    yield b""


def _split_lines(blocks: Iterable[bytes]) -> Iterator[bytes]:
    """Lines (ends kept) of a byte stream given in blocks, split as :meth:`bytes.splitlines`
    splits the whole: a ``\\r`` at the end of a block waits for the next block (it may start
    ``\\r\\n``), and a line longer than a block is joined once, not block by block."""
    pending: list[bytes] = []  # pieces of the line not ended yet
    for block in blocks:
        cut = max(block.rfind(b"\n"), block.rfind(b"\r"))
        if cut == len(block) - 1 and block.endswith(b"\r"):
            cut = max(block.rfind(b"\n", 0, cut), block.rfind(b"\r", 0, cut))
        if cut < 0:
            pending.append(block)
            continue
        head = b"".join(pending) + block[:cut + 1] if pending else block[:cut + 1]
        pending = [block[cut + 1:]]
        yield from head.splitlines(keepends=True)
    tail = b"".join(pending)
    if tail:
        yield from tail.splitlines(keepends=True)


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
    """All rows of a file as one :class:`Corpus` (the eager readers)."""
    return _Rows(path, errors, columns=columns, **names).corpus(rows, problems, notes, last=True)


class _Rows:
    """Rows of one file -> documents, chunk by chunk, with the state that spans chunks: the
    ids seen (an id used twice is a warning) and whether the columns were checked.

    The columns are checked on the first chunk that has rows (on all rows when the file is
    read in one chunk, as the eager readers do): the text column, and every column named
    explicitly, must be in some row. ``columns`` is the header of a CSV file (then an empty
    cell is a missing value) or the schema of a Parquet file.
    """

    def __init__(self, path, errors, *, columns=None, empty_is_missing=None, **names):
        self.path, self.errors, self.columns, self.names = path, errors, columns, names
        self.empty_is_missing = columns is not None if empty_is_missing is None else empty_is_missing
        self.mapping = {f: c for f, c in names.items() if f != "text" and c is not None}
        self.seen: dict = {}
        self.checked = False

    def _check(self, rows) -> None:
        text_col, path = self.names["text"], self.path
        columns = self.columns
        present = list(columns) if columns is not None else sorted({k for r in rows for k in r} - {"__line__"})
        if rows and not any(text_col in r for r in rows) or (columns is not None and text_col not in columns):
            raise ReadError(MISSING_COLUMN.format(column=text_col, where=f" in {path}",
                                                  present=", ".join(present) or "none"))
        for f, c in self.mapping.items():
            if c != f and not any(c in r for r in rows):
                raise ReadError(MISSING_COLUMN.format(column=c, where=f" in {path}",
                                                      present=", ".join(present)))
        self.checked = True

    def corpus(self, rows, problems, notes=(), *, last: bool = False) -> Corpus:
        """The documents of ``rows`` with the chunk's ``problems`` and warnings (``notes``,
        and an id used twice), both sorted by line."""
        if not self.checked and (rows or last):
            self._check(rows)
        text_col, path, names = self.names["text"], self.path, self.names
        used = {text_col, *self.mapping.values(), "__line__"}
        docs: list[Document] = []
        warnings: list[Problem] = list(notes)
        seen = self.seen
        for r in rows:
            fields = {f: _clean_value(r.get(c)) for f, c in self.mapping.items()}
            if self.empty_is_missing:  # CSV: empty cells are missing values
                fields = {f: (v if v != "" else None) for f, v in fields.items()}
            p = _text_problem(r.get(text_col), str(path), r["__line__"], text_col, fields.get("id"))
            if p is not None:
                if self.errors == "raise":
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
        # in file order (rows that are not JSON objects or not CSV are found before the
        # rows without text), so that the problems of a file read in chunks come in the
        # same order as the problems of the file read at once
        problems.sort(key=lambda p: (p.line or 0))
        warnings.sort(key=lambda p: (p.line or 0))
        return Corpus(docs, problems=problems, warnings=warnings)


def _check_chunk_size(chunk_size: int | None) -> None:
    if chunk_size is not None and (not isinstance(chunk_size, int) or isinstance(chunk_size, bool)
                                   or chunk_size < 1):
        raise ValueError(f"chunk_size must be a positive int or None, got {chunk_size!r}")
