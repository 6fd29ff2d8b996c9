"""SemEval-2025 Task 10, subtask 1 (English): entity framing roles in news articles.

Mahmoud et al. (2025), "Entity Framing and Role Portrayal in the News"; Piskorski et al.
(2025), the SemEval-2025 Task 10 overview. Each entity mention carries one main role
(protagonist, antagonist, innocent) and one or more of 22 fine roles.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from framing.datasets._base import dataset_path

__all__ = ["load_semeval2025_roles", "FINE_ROLES", "MAIN_ROLES"]

SEMEVAL_SOURCE = (
    "the SemEval-2025 Task 10 organisers (propaganda.math.unipd.it/semeval2025task10/): the "
    "English training release (train/EN/raw-documents/, train/EN/subtask-1-annotations.txt) and "
    "the cleaned dev release with gold (dev/EN/subtask-1-documents/, dev/EN/subtask-1-annotations.txt)"
)
FOLDER = "semeval2025_task10_entity_framing_en"
MAIN_ROLES = ("protagonist", "antagonist", "innocent")
FINE_ROLES = {
    "protagonist": ("Guardian", "Martyr", "Peacemaker", "Rebel", "Underdog", "Virtuous"),
    "antagonist": ("Instigator", "Conspirator", "Tyrant", "Foreign Adversary", "Traitor", "Spy",
                   "Saboteur", "Corrupt", "Incompetent", "Terrorist", "Deceiver", "Bigot"),
    "innocent": ("Forgotten", "Exploited", "Victim", "Scapegoat"),
}
"""The role taxonomy of the official scorer: main role -> its fine roles."""
_SPLITS = {
    "train": ("train/EN/raw-documents", "train/EN/subtask-1-annotations.txt"),
    "dev": ("dev/EN/subtask-1-documents", "dev/EN/subtask-1-annotations.txt"),
}
UNKNOWN_SPLIT = "split must be one of {splits}, got {split!r}"
COLUMNS = ["doc_id", "topic", "text", "start", "end", "mention", "main_role", "fine_roles", "repaired"]
# How far (characters) a misplaced offset is searched for the mention text.
REPAIR_WINDOW = 5


def _repair(text: str, mention: str, start: int) -> int | None:
    """The start of the occurrence of ``mention`` nearest ``start`` within
    :data:`REPAIR_WINDOW` characters, or ``None``."""
    for d in range(0, REPAIR_WINDOW + 1):
        for s in (start - d, start + d):
            if 0 <= s and text[s : s + len(mention)] == mention:
                return s
    return None


def load_semeval2025_roles(
    split: str = "train", *, data_home: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """Load the English entity-framing mentions of SemEval-2025 Task 10 (subtask 1).

    Parameters
    ----------
    split : {"train", "dev"}
        ``train`` is the organisers' training release (686 mentions in 202 documents);
        ``dev`` is the cleaned dev release with gold labels (91 mentions in 27 documents),
        which is the test set of Mahmoud et al. (2025): treat it as the test split (tune by
        cross-validation on ``train``, grouped by document).
    data_home : path, optional
        Folder holding ``semeval2025_task10_entity_framing_en/`` in the published layout
        (see :func:`framing.datasets.get_data_home`).

    Returns
    -------
    pandas.DataFrame
        One row per annotated mention: ``doc_id`` (file name without ``.txt``), ``topic``
        (``UA`` or ``CC``), ``text`` (the whole article), ``start``, ``end`` (end-exclusive:
        ``text[start:end] == mention``), ``mention``, ``main_role`` (``protagonist``,
        ``antagonist`` or ``innocent``), ``fine_roles`` (tuple of fine role names as the
        scorer spells them) and ``repaired`` (the published offset did not match the mention
        and was moved to the nearest occurrence of the mention text within 5 characters).
        ``df.attrs["offsets_repaired"]`` is the number of repaired rows (11 in ``train``).

    Raises
    ------
    OSError
        When the corpus is not in the data home.
    ValueError
        For an unknown split, or an offset that cannot be repaired (named in the message).

    Examples
    --------
    >>> load_semeval2025_roles("test")
    Traceback (most recent call last):
    ...
    ValueError: split must be one of ['train', 'dev'], got 'test'
    """
    if split not in _SPLITS:
        raise ValueError(UNKNOWN_SPLIT.format(splits=list(_SPLITS), split=split))
    docs_dir, ann = _SPLITS[split]
    root = dataset_path(FOLDER, docs_dir, ann, name="SemEval-2025 Task 10 (English)",
                        source=SEMEVAL_SOURCE, data_home=data_home)
    texts: dict[str, str] = {}
    rows = []
    repaired = 0
    with open(root / ann, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) < 6:
                raise ValueError(f"{root / ann}, line {n}: expected at least 6 tab-separated fields, got {len(parts)}")
            fname, mention, start_field, end_field, main, *fine = parts
            if fname not in texts:
                texts[fname] = Path(root / docs_dir / fname).read_text(encoding="utf-8")
            text = texts[fname]
            start, end = int(start_field), int(end_field) + 1  # the file's end offset is inclusive
            fixed = False
            if text[start:end] != mention:
                new = _repair(text, mention, start)
                if new is None:
                    raise ValueError(
                        f"{root / ann}, line {n}: {mention!r} is not at {start}..{end} of {fname} "
                        f"nor within {REPAIR_WINDOW} characters of it"
                    )
                start, end, fixed = new, new + len(mention), True
                repaired += 1
            main = main.strip().lower()
            if main not in FINE_ROLES:
                raise ValueError(f"{root / ann}, line {n}: unknown main role {main!r}")
            rows.append({
                "doc_id": fname.removesuffix(".txt"),
                "topic": fname.split("_")[1],
                "text": text,
                "start": start,
                "end": end,
                "mention": mention,
                "main_role": main,
                "fine_roles": tuple(f.strip() for f in fine if f.strip()),
                "repaired": fixed,
            })
    out = pd.DataFrame(rows, columns=COLUMNS)
    out.attrs["offsets_repaired"] = repaired
    return out
