"""Loaders of the entity-role corpora: SemEval-2025 Task 10 (English) and the Narrative
Frames Corpus. Counts from each corpus's SOURCE.md; offsets checked against the texts."""

from __future__ import annotations

import pytest

from framing.datasets import load_narrative_framing, load_semeval2025_roles
from framing.datasets._narrative_framing import locate, outlet_key
from framing.datasets._semeval2025_roles import FINE_ROLES, _repair
from tests.conftest import requires_data

semeval = requires_data("semeval2025_task10_entity_framing_en")
narrative = requires_data("narrative_framing")


def test_unknown_split_and_missing_corpus(tmp_path):
    with pytest.raises(ValueError, match="split must be one of"):
        load_semeval2025_roles("test")
    with pytest.raises(OSError, match="semeval2025_task10_entity_framing_en"):
        load_semeval2025_roles(data_home=tmp_path)
    with pytest.raises(OSError, match="narrative_framing"):
        load_narrative_framing(data_home=tmp_path)


def test_repair_finds_the_nearest_occurrence_only_within_the_window():
    text = "Russia and Russia."
    assert _repair(text, "Russia", 12) == 11
    assert _repair(text, "Russia", 1) == 0
    assert _repair(text, "Ukraine", 3) is None
    assert _repair("x" * 20 + "Putin", "Putin", 0) is None  # 20 characters away: not repaired


def test_repair_in_a_tiny_corpus(tmp_path):
    root = tmp_path / "semeval2025_task10_entity_framing_en" / "train" / "EN"
    (root / "raw-documents").mkdir(parents=True)
    (root / "raw-documents" / "EN_UA_1.txt").write_text("Title\n\nPutin met Zelensky in Kyiv.", encoding="utf-8")
    (root / "subtask-1-annotations.txt").write_text(
        "EN_UA_1.txt\tPutin\t7\t11\tAntagonist\tTyrant\n"       # correct, inclusive end
        "EN_UA_1.txt\tZelensky\t18\t25\tProtagonist\tGuardian\tVirtuous\n",  # one character off
        encoding="utf-8")
    d = load_semeval2025_roles(data_home=tmp_path)
    assert list(d.mention) == ["Putin", "Zelensky"]
    assert [t[a:b] for t, a, b in zip(d.text, d.start, d.end)] == ["Putin", "Zelensky"]
    assert list(d.repaired) == [False, True]
    assert d.attrs["offsets_repaired"] == 1
    assert d.fine_roles[1] == ("Guardian", "Virtuous")
    assert list(d.main_role) == ["antagonist", "protagonist"]
    (root / "subtask-1-annotations.txt").write_text("EN_UA_1.txt\tBiden\t7\t11\tAntagonist\tTyrant\n",
                                                    encoding="utf-8")
    with pytest.raises(ValueError, match="'Biden' is not at 7..12"):
        load_semeval2025_roles(data_home=tmp_path)


@semeval
def test_semeval_counts_and_offsets():
    train = load_semeval2025_roles("train")
    assert len(train) == 686 and train.doc_id.nunique() == 202
    assert train.attrs["offsets_repaired"] == 11
    assert int(train.repaired.sum()) == 11
    assert set(train[train.repaired].doc_id) == {"EN_UA_002668", "EN_UA_024050", "EN_UA_001032"}
    assert train.main_role.value_counts().to_dict() == {"antagonist": 477, "protagonist": 130, "innocent": 79}
    dev = load_semeval2025_roles("dev")
    assert len(dev) == 91 and dev.doc_id.nunique() == 27 and dev.attrs["offsets_repaired"] == 0
    assert dev.main_role.value_counts().to_dict() == {"antagonist": 73, "protagonist": 9, "innocent": 9}
    for d in (train, dev):
        assert all(t[a:b] == m for t, a, b, m in zip(d.text, d.start, d.end, d.mention))
        for main, fine in zip(d.main_role, d.fine_roles):
            assert fine and set(fine) <= set(FINE_ROLES[main])
    assert int((train.fine_roles.map(len) > 1).sum()) == 60


def test_locate_and_outlet_key():
    assert locate("The EPA’s rule", "EPA's") == (4, 7, "exact")
    assert locate("CLIMATE activists", "climate activists") == (0, 17, "exact")
    assert locate("the of the", "the of") == (0, 6, "exact")
    assert locate("nothing of the sort", "head of the agency") == (-1, -1, "none")
    assert outlet_key("The Daily Caller") == outlet_key("thedailycaller") == "thedailycaller"


@narrative
def test_narrative_framing_counts():
    arts, roles = load_narrative_framing()
    assert len(arts) == 428 and arts.id.is_unique
    assert arts.mbfc.value_counts().to_dict() == {
        "left_bias": 132, "right_bias": 114, "left_center_bias": 108, "questionable_source": 74}
    # SOURCE.md counts 191 resolution frames in the metadata; article 405's flags come from
    # the annotation table (its metadata row has none) and it has resolution
    assert arts[["conflict", "resolution", "economic", "human_interest", "moral"]].sum().to_dict() == {
        "conflict": 268, "resolution": 192, "economic": 127, "human_interest": 49, "moral": 44}
    assert bool(arts.set_index("id").loc[405, "resolution"])
    assert arts.test_fold.value_counts().sort_index().tolist() == [85, 86, 86, 86, 85]
    assert arts.outlet.nunique() < arts.source.nunique()  # "breitbart" and "Breitbart" are one outlet
    assert len(roles) == 1944
    assert roles.role.value_counts().to_dict() == {"villain": 754, "victim": 642, "hero": 548}
    assert set(roles.main_role) == {"antagonist", "innocent", "protagonist"}
    located = roles[roles.start >= 0]
    assert len(located) / len(roles) > 0.95
    text_of = dict(zip(arts.id, arts.text))
    exact = located[located.located == "exact"]
    assert all(text_of[i][a:b].lower() in e.lower() for i, a, b, e in zip(exact.id, exact.start, exact.end, exact.entity.str.replace("’", "'")))
