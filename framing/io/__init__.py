"""Readers: files and folders in, a :class:`~framing.Corpus` out.

:func:`read_csv` and :func:`read_jsonl` read tables (one article per row), :func:`read_html`
web pages, :func:`read_folder` a folder of pages and text files, :func:`read_path` whichever
of these a path is. Readers build the data model only; they run no analysis.
"""

from framing.io.csv import read_csv
from framing.io.folder import read_file, read_folder, read_path
from framing.io.html import read_html
from framing.io.jsonl import read_jsonl

__all__ = ["read_csv", "read_file", "read_folder", "read_html", "read_jsonl", "read_path"]
