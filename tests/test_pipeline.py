"""framing.Pipeline: named steps, checked dependencies, swappable models (the scorer protocol),
and the layers around it (models reach the report, Document.from_dict, the import walls)."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import numpy as np
import pytest

import framing
from framing import Document, Pipeline, Step
from framing.datasets import load_sample, load_sample_actors
from framing.models import ActorSentimentClassifier
from framing.pipeline import MISSING_READ, NO_MODEL, STILL_READ

TEXT = ("Critics slammed Mayor Dana Whitfield over the budget. "
        "Whitfield praised the council for its brave work.")
LABELS = ["negative", "neutral", "positive"]


class KeywordScorer:
    """A pure-Python scorer: the scorer protocol without scikit-learn.

    Rows are ``(sentence, start, end)``; a sentence with a word of ``neg`` is negative toward
    its target, one with a word of ``pos`` positive, else neutral. ``classes_`` is given in an
    unusual order, so that the pipeline must map labels through it.
    """

    classes_ = ["positive", "negative", "neutral"]

    def __init__(self, neg=("slammed",), pos=("praised",)):
        self.neg, self.pos = set(neg), set(pos)

    def predict_proba(self, rows):
        out = []
        for sentence, start, end in rows:
            assert 0 <= start < end <= len(sentence)  # offsets into the sentence
            words = set(sentence.lower().replace(".", " ").split())
            if words & self.neg:
                out.append([0.1, 0.8, 0.1])
            elif words & self.pos:
                out.append([0.7, 0.1, 0.2])
            else:
                out.append([0.2, 0.2, 0.6])
        return np.asarray(out)


class AlwaysNegative:
    classes_ = LABELS

    def predict_proba(self, rows):
        return np.tile([1.0, 0.0, 0.0], (len(rows), 1))


# -- construction and changes -----------------------------------------------------------------

def test_default_steps_and_table():
    p = Pipeline.default()
    assert p.names == ["clutter", "text", "attribution", "hedging", "evaluative", "actors",
                       "actor_sentiment", "roles", "frames", "sentence_bias", "persuasion"]
    t = p.describe()
    assert list(t.columns) == ["name", "reads", "writes", "model"]
    assert t.set_index("name").loc["actors", "writes"] == "mentions, attributions.actor"
    assert t.set_index("name").loc["hedging", "model"] == "default (no training)"
    assert "actor_sentiment: sentences, mentions -> actor_sentiment" in repr(p)


def test_reads_must_be_written_earlier():
    needs_mentions = Step("late", lambda doc, model: None, ("mentions",), ("x",))
    with pytest.raises(ValueError) as e:
        Pipeline.default().add(needs_mentions, after="text")
    assert str(e.value).startswith(MISSING_READ.format(step="late", field="mentions", have="")[:40])
    assert "'late' reads 'mentions'" in str(e.value)
    ok = Pipeline.default().add(needs_mentions, after="actors")
    assert ok.names.index("late") == ok.names.index("actors") + 1
    with pytest.raises(ValueError, match="already in the pipeline"):
        ok.add(needs_mentions)


def test_without_checks_later_reads():
    with pytest.raises(ValueError) as e:
        Pipeline.default().without("actors")
    assert str(e.value) == STILL_READ.format(name="actors", step="actor_sentiment",
                                             field="mentions")
    p = Pipeline.default().without("actor_sentiment", "roles", "persuasion", "evaluative", "sentence_bias")
    assert "evaluative" not in p and "actor_sentiment" not in p
    doc = p.run(TEXT)
    assert doc.mentions and not doc.actor_sentiment and not doc.evaluative
    with pytest.raises(KeyError, match="no step named 'nosuch'"):
        Pipeline.default().without("nosuch")


def test_replace_validates_models(tmp_path):
    p = Pipeline.default()
    with pytest.raises(ValueError, match=NO_MODEL.format(name="hedging")):
        p.replace("hedging", KeywordScorer())
    with pytest.raises(TypeError, match="scorer protocol"):
        p.replace("actor_sentiment", object())
    wrong = KeywordScorer()
    wrong.classes_ = ["bad", "good", "meh"]
    with pytest.raises(ValueError, match="must have the classes"):
        p.replace("actor_sentiment", wrong)
    # a JSON model file, read by the step's loader
    path = tmp_path / "m.json"
    ActorSentimentClassifier.pretrained().to_json(path)
    from_file = p.replace("actor_sentiment", path)
    assert isinstance(from_file["actor_sentiment"].model, ActorSentimentClassifier)
    assert p["actor_sentiment"].model is not from_file["actor_sentiment"].model  # p unchanged


def test_pipeline_pickles_small():
    p = Pipeline.default()
    blob = pickle.dumps(p)
    assert pickle.loads(blob) == p
    assert len(blob) < 5000  # the shipped model travels as a reference, not its coefficients


# -- models reach the results -----------------------------------------------------------------

def test_default_uses_the_shipped_trained_model():
    from framing.extract.actors import sentence_sentiment

    doc = framing.analyze(TEXT)
    assert doc.actor_sentiment == sentence_sentiment(
        doc, model=ActorSentimentClassifier.pretrained())
    untrained = framing.analyze(TEXT, pipeline=Pipeline.default().replace("actor_sentiment", None))
    assert untrained.actor_sentiment == sentence_sentiment(doc, model=None)
    assert [a.score for a in doc.actor_sentiment] != [a.score for a in untrained.actor_sentiment]


def test_scorer_protocol_pure_python():
    p = Pipeline.default().replace("actor_sentiment", KeywordScorer())
    doc = framing.analyze(TEXT, pipeline=p)
    got = [(a.actor, a.label, a.score) for a in doc.actor_sentiment]
    # labels through classes_ (not column order); score = P(positive) - P(negative)
    assert got == [("Dana Whitfield", "negative", -0.7), ("Dana Whitfield", "positive", 0.6)]
    assert [doc.text[slice(*a.sentence)].split()[0] for a in doc.actor_sentiment] == [
        "Critics", "Whitfield"]


def test_model_passed_through_pipeline_reaches_the_report():
    corpus = load_sample().filter(story="s1")
    kw = dict(by="outlet", n_boot=50, n_perm=50, figures=False)
    negative = framing.report(corpus, pipeline=Pipeline.default().replace(
        "actor_sentiment", AlwaysNegative()), **kw)
    default = framing.report(load_sample().filter(story="s1"), **kw)

    def balances(rep):
        return [r["value"] for r in rep.summary["by_actor"] if r["metric"] == "sentiment_balance"
                and r["value"] is not None]

    assert balances(negative) and set(balances(negative)) == {-1.0}
    assert set(balances(default)) != {-1.0}
    with pytest.raises(ValueError, match="pipeline= applies when"):
        framing.report(corpus.analyze(progress=False), pipeline=Pipeline.default())


# -- Document.from_dict -------------------------------------------------------------------------

def test_from_dict_round_trips_the_sample():
    for d in load_sample()[:4]:
        framing.pipeline.annotate(d, actors=load_sample_actors(d.story))
        record = d.to_dict()
        back = Document.from_dict(record)
        assert back.to_dict() == record
        assert back.attributions == d.attributions and back.hedges == d.hedges
        assert back.evaluative == d.evaluative and back.mentions == d.mentions
        assert back.frames == d.frames
        assert [s.span for s in back.sentences] == [s.span for s in d.sentences]
    with pytest.raises(TypeError, match="takes a mapping with a 'text'"):
        Document.from_dict({"id": "x"})


# -- the import walls of the outer layers ---------------------------------------------------------

ROOT = Path(framing.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every framing module a file imports, at module level or inside functions."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("framing"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("framing"):
            if node.module != "framing":  # `from framing import x` names framing.x only
                out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _under(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


OUTER = ("framing.io", "framing.analysis", "framing.viz", "framing.reporting", "framing.api",
         "framing.cli", "framing.pipeline", "framing.corpus", "framing.document", "framing.plot")


def test_import_walls():
    graph = {_module(p): _imports(p) for p in ROOT.rglob("*.py")}
    for mod, deps in graph.items():
        if _under(mod, "framing.document", "framing.corpus"):  # the data model
            # one upward call: Corpus.analyze, a convenience, imports the corpus run
            deps = {d for d in deps if not _under(d, "framing.analysis.run")}
            assert not any(_under(d, "framing.io", "framing.analysis", "framing.viz",
                                  "framing.reporting", "framing.api", "framing.cli") for d in deps), mod
        if _under(mod, "framing.io"):  # readers build the data model only
            assert all(_under(d, "framing.io", "framing.corpus", "framing.document",
                              "framing.problems")
                       for d in deps), (mod, deps)
        reads_tables = _under(mod, "framing.viz", "framing.reporting", "framing.analysis")
        corpus_runs = ("framing.analysis.run", "framing.analysis.stream", "framing.analysis.dask_run")
        if reads_tables and mod not in corpus_runs:  # the corpus runs: in memory, streamed, on Dask
            assert not any(_under(d, "framing.pipeline", "framing.api", "framing.cli", "framing.io")
                           for d in deps), (mod, deps)
            assert not any(d.count(".") == 1 and d.split(".")[1] in dir(framing)
                           and not (ROOT / d.split(".")[1]).exists()
                           and not (ROOT / f"{d.split('.')[1]}.py").exists()
                           for d in deps), mod  # never a name of the package root
        if mod == "framing.cli":  # a thin face over public functions
            names = [d.rsplit(".", 1)[-1] for d in deps]
            assert all(not n.startswith("_") or n.startswith("__") for n in names), deps


def test_no_import_cycles_among_the_outer_layers():
    graph = {_module(p): _imports(p) for p in ROOT.rglob("*.py")}
    mods = {m for m in graph if _under(m, *OUTER)}
    edges = {m: {d for d in mods if d != m and any(x == d or x.startswith(d + ".")
                                                      for x in graph[m])
                 and not m.startswith(d + ".")}  # a module may import its own package
             for m in mods}
    state: dict[str, int] = {}

    def visit(m, stack):
        state[m] = 1
        for d in edges[m]:
            if state.get(d) == 1:
                raise AssertionError(" -> ".join(stack[stack.index(d):] + [d]) if d in stack
                                     else f"{m} -> {d}")
            if d not in state:
                visit(d, stack + [d])
        state[m] = 2

    for m in sorted(mods):
        if m not in state:
            visit(m, [m])


# -- the command line: --model and --without ----------------------------------------------------

def _cli_json(capsys, *argv):
    import json

    from framing.cli import main

    code = main(list(argv))
    out = capsys.readouterr()
    return code, ([json.loads(line) for line in out.out.splitlines()] if code == 0 else None), out.err


def test_cli_model_and_without(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    code, (shipped,), _ = _cli_json(capsys, "analyze", str(f), "--json")
    assert code == 0 and shipped["actor_sentiment"] == framing.analyze(TEXT).to_dict()["actor_sentiment"]
    untrained = framing.analyze(TEXT, pipeline=Pipeline.default().replace("actor_sentiment", None))
    code, (d,), _ = _cli_json(capsys, "analyze", str(f), "--json", "--model", "actor_sentiment=default")
    assert d["actor_sentiment"] == untrained.to_dict()["actor_sentiment"] != shipped["actor_sentiment"]
    model = tmp_path / "m.json"
    ActorSentimentClassifier.pretrained().to_json(model)
    code, (d,), _ = _cli_json(capsys, "analyze", str(f), "--json", "--model", f"actor_sentiment={model}")
    assert d["actor_sentiment"] == shipped["actor_sentiment"]
    code, (d,), _ = _cli_json(capsys, "analyze", str(f), "--json", "--without", "actor_sentiment",
                              "--without", "roles", "--without", "persuasion", "--without", "evaluative", "--without", "sentence_bias")
    assert d["actor_sentiment"] == [] and d["evaluative"] == [] and d["mentions"]


@pytest.mark.parametrize("argv, code, message", [
    (["--model", "nosuch=m.json"], 2, "unknown pipeline step 'nosuch'"),
    (["--without", "nosuch"], 2, "unknown pipeline step 'nosuch'"),
    (["--without", "attribution"], 2, "step 'hedging' reads 'attributions'"),
    (["--model", "actor_sentiment"], 2, "--model takes STEP=PATH"),
    (["--model", "hedging=m.json"], 2, "step 'hedging' takes no model"),
    (["--model", "actor_sentiment=missing.json"], 1, "cannot read the model file missing.json"),
])
def test_cli_pipeline_usage_errors(tmp_path, capsys, argv, code, message):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    got, _, err = _cli_json(capsys, "analyze", str(f), *argv)
    assert got == code and message in err


def test_evaluative_is_the_one_name_and_evaluations_is_a_deprecated_alias():
    doc = framing.analyze("Critics called the plan a disgraceful failure.")
    assert doc.evaluative and doc.to_dict()["evaluative"] == [e.to_dict() for e in doc.evaluative]
    with pytest.warns(DeprecationWarning, match="Document.evaluative"):
        assert doc.evaluations is doc.evaluative
    with pytest.raises(AttributeError):
        doc.evaluations = []  # read-only: the list is set through the new name
    assert "evaluative" in framing.Pipeline.default()["evaluative"].writes


_GC_SEEN: list[bool] = []


def _record_gc(doc, model):
    import gc

    _GC_SEEN.append(gc.isenabled())


def test_run_pauses_the_collector_and_restores_it():
    import gc

    from framing._gc import gc_paused

    p = Pipeline.default().add(Step("probe", _record_gc, (), ()))
    _GC_SEEN.clear()
    assert gc.isenabled()
    p.run("Critics said the plan was a disaster.")
    assert _GC_SEEN == [False] and gc.isenabled()
    gc.disable()  # a caller that disabled the collector keeps it disabled
    try:
        with gc_paused():
            pass
        p.run("The vote is on Monday.")
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(RuntimeError):  # restored on an error too
        with gc_paused():
            raise RuntimeError("step failed")
    assert gc.isenabled()
    # once models and tables are loaded, an article leaves no reference cycles behind:
    # pausing the collector while it is analysed keeps nothing alive
    p, tables = Pipeline.default(), load_sample_actors()
    for d in load_sample():
        p.run(Document(d.text, story=d.story), actors=tables.get(d.story)).to_dict()
    gc.collect()
    gc.disable()
    try:
        for d in load_sample()[:4]:
            doc = p.run(Document(d.text, story=d.story), actors=tables.get(d.story))
            doc.to_dict()
            del doc
            assert gc.collect() == 0
    finally:
        gc.enable()
