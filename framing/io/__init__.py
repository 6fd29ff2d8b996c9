"""Readers: files and folders in, a :class:`~framing.Corpus` out.

:func:`read_csv`, :func:`read_jsonl` and :func:`read_parquet` read tables (one article per
row), :func:`read_html` web pages, :func:`read_folder` a folder of pages and text files,
:func:`read_path` whichever of these a path is. Each table reader has a lazy twin
(:func:`iter_jsonl`, :func:`iter_csv`, :func:`iter_parquet`, and :func:`iter_path`) that
yields the corpus in chunks of ``chunk_size`` rows, for files of any size. Readers build the
data model only; they run no analysis.
"""

from framing.io.csv import iter_csv, read_csv
from framing.io.folder import iter_path, read_file, read_folder, read_path
from framing.io.html import read_html
from framing.io.jsonl import iter_jsonl, read_jsonl
from framing.io.parquet import iter_parquet, read_parquet

__all__ = ["iter_csv", "iter_jsonl", "iter_parquet", "iter_path", "read_csv", "read_file",
           "read_folder", "read_html", "read_jsonl", "read_parquet", "read_path"]
