"""The walls of the package layout, checked on the import graph of every module in framing/.

The graph is read with ``ast`` from the source (no import runs), and holds every import
statement of a module, at module level or inside a function (a late import is still a
dependency). Each contract is written over module-name prefixes, so it applies to the
packages that are being created (``framing.io``, ``framing.analysis``, ``framing.viz``,
``framing.report``) as soon as they exist.

Contracts (see docs/architecture-internal.md):

1. the text layer (``framing.text``) imports only itself, the records and the resources;
2. an extractor (``framing.extract``) imports only the text layer, the data model, the
   resources and the extractors, and never another extractor's private (underscored) names
   or modules;
3. the data model (``framing.records``, ``framing.document``) imports only the text layer,
   the records, the resources and ``framing._gc`` (the collector pause, which imports nothing
   of framing);
4. dataset loaders (``framing.datasets``) import only the data model, ``framing.io`` and the
   resources;
5. plots and reports (``framing.viz``, ``framing.report`` and today's ``plot``, ``display``,
   ``reporting``) never import the pipeline, the package root (which imports the pipeline)
   or the CLI;
6. the CLI imports only public names of public modules;
7. no import cycle between modules.

A breach that another branch is removing at the same time is listed in ``PENDING`` with the
reason; the lead empties it at merge. A breach not listed fails the test.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "framing"

# (contract, importing module, imported module) triples that break a wall today and that
# another branch (named) removes; the lead empties this at merge. Never add an entry to make
# a new breach pass: fix the import instead.
PENDING: set[tuple[str, str, str]] = set()

TEXT = ("framing.text",)
RECORDS = ("framing.records",)
RESOURCES = ("framing.resources",)
UTILS = ("framing._gc",)  # process-level helpers with no framing imports
DATA_MODEL = ("framing.records", "framing.document")
EXTRACT = ("framing.extract",)
IO = ("framing.io",)
CORPUS = ("framing.corpus", "framing.problems")  # the corpus container and its input problems
VIZ_REPORT = ("framing.viz", "framing.report", "framing.plot", "framing.display", "framing.reporting")


def _under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _private(dotted: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in dotted.split("."))


def module_name(path: Path, root: Path = ROOT) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def build_graph(root: Path = ROOT) -> dict[str, list[tuple[str, str, int]]]:
    """module -> [(imported module, imported name or "", line)] for every framing import.

    ``from a.b import c`` is an import of the module ``a.b.c`` when that module exists,
    else of the name ``c`` of ``a.b``; relative imports are resolved.
    """
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, list[tuple[str, str, int]]] = {}
    for mod, path in files.items():
        is_pkg = path.name == "__init__.py"
        edges = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name == "framing" or a.name.startswith("framing."):
                        edges.append((a.name, "", node.lineno))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    pkg = mod.split(".") if is_pkg else mod.split(".")[:-1]
                    pkg = pkg[: len(pkg) - (node.level - 1)]
                    base = ".".join(pkg + ([base] if base else []))
                if not (base == "framing" or base.startswith("framing.")):
                    continue
                for a in node.names:
                    sub = f"{base}.{a.name}"
                    if sub in files:
                        edges.append((sub, "", node.lineno))
                    else:
                        edges.append((base, a.name, node.lineno))
        graph[mod] = edges
    return graph


def violations(graph: dict[str, list[tuple[str, str, int]]]) -> set[tuple[str, str, str]]:
    """(contract, importing module, imported module or module.name) for every breach."""
    out: set[tuple[str, str, str]] = set()
    for mod, edges in graph.items():
        for target, name, _ in edges:
            full = f"{target}.{name}" if name else target
            if _under(mod, TEXT) and not _under(target, TEXT + RECORDS + RESOURCES):
                out.add(("text", mod, target))
            if _under(mod, EXTRACT):
                if not _under(target, TEXT + DATA_MODEL + RESOURCES + EXTRACT):
                    out.add(("extract", mod, target))
                own = ".".join(mod.split(".")[:3])  # framing.extract.<extractor>
                if _under(target, EXTRACT) and not _under(target, (own,)) and _private(full):
                    out.add(("extract private", mod, full))
            if _under(mod, DATA_MODEL) and not _under(target, TEXT + RECORDS + RESOURCES + DATA_MODEL + UTILS):
                out.add(("data model", mod, target))
            if _under(mod, ("framing.datasets",)) and not _under(
                target, DATA_MODEL + CORPUS + IO + RESOURCES + ("framing.datasets",)
            ):
                out.add(("datasets", mod, target))
            if _under(mod, VIZ_REPORT) and (
                target == "framing" or _under(target, ("framing.pipeline", "framing.cli"))
            ):
                out.add(("viz/report", mod, target))
            if mod == "framing.cli" and _private(full):
                out.add(("cli", mod, full))
    for a, b in _cycle_edges(graph):
        out.add(("cycle", a, b))
    return out


def _cycle_edges(graph: dict[str, list[tuple[str, str, int]]]) -> set[tuple[str, str]]:
    """The edges (a, b) that lie on an import cycle (both ends in one strongly connected
    component of two or more modules, or a module importing itself)."""
    nodes = set(graph)
    adj = {m: sorted({t for t, _, _ in edges if t in nodes}) for m, edges in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    comp: dict[str, int] = {}
    stack: list[str] = []
    counter = [0]

    def strongconnect(v: str) -> None:  # Tarjan, iterative over the successors
        work = [(v, iter(adj[v]))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on = set(stack)
        while work:
            node, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(adj[w])))
                    break
                if w in on:
                    low[node] = min(low[node], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp[w] = index[node]
                        if w == node:
                            break

    for v in sorted(nodes):
        if v not in index:
            strongconnect(v)
    return {(a, b) for a in adj for b in adj[a] if comp[a] == comp[b] and (a != b or b in adj[b])}


def test_the_walls_hold():
    found = violations(build_graph())
    new = sorted(found - PENDING)
    assert not new, "imports that break a wall of the layout:\n" + "\n".join(map(str, new))


def test_pending_entries_are_still_breaches():
    """An entry of PENDING whose breach is gone must leave the list (so it cannot hide a
    later breach of the same wall)."""
    found = violations(build_graph())
    stale = sorted(PENDING - found)
    assert not stale, "PENDING lists breaches that are fixed: remove\n" + "\n".join(map(str, stale))


def test_the_graph_sees_function_level_and_relative_imports(tmp_path):
    pkg = tmp_path / "framing"
    (pkg / "text").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "text" / "__init__.py").write_text("from .tokens import tokenize\n")
    (pkg / "text" / "tokens.py").write_text(
        "def tokenize():\n    from framing.extract.attribution import extract_attributions\n"
    )
    graph = build_graph(pkg)
    assert graph["framing.text"] == [("framing.text.tokens", "tokenize", 1)]
    assert graph["framing.text.tokens"] == [("framing.extract.attribution", "extract_attributions", 2)]
    assert ("text", "framing.text.tokens", "framing.extract.attribution") in violations(graph)


def _graph(**edges: list[str]) -> dict[str, list[tuple[str, str, int]]]:
    """A synthetic graph: module (dots as "__") -> imported "module" or "module:name"."""
    out = {}
    for mod, targets in edges.items():
        out[mod.replace("__", ".")] = [
            (t.split(":")[0], t.split(":")[1] if ":" in t else "", 1) for t in targets
        ]
    return out


@pytest.mark.parametrize(
    "graph, breach",
    [
        (_graph(framing__text__tokens=["framing.extract.hedging"]),
         ("text", "framing.text.tokens", "framing.extract.hedging")),
        (_graph(framing__extract__hedging__rules=["framing.features"]),
         ("extract", "framing.extract.hedging.rules", "framing.features")),
        (_graph(framing__extract__hedging__rules=["framing.models._rows"]),
         ("extract", "framing.extract.hedging.rules", "framing.models._rows")),
        (_graph(framing__extract__actors__prior=["framing.pipeline"]),
         ("extract", "framing.extract.actors.prior", "framing.pipeline")),
        (_graph(framing__extract__actors__prior=["framing.analysis.tables"]),
         ("extract", "framing.extract.actors.prior", "framing.analysis.tables")),
        (_graph(framing__extract__actors__prior=["framing"]),
         ("extract", "framing.extract.actors.prior", "framing")),
        (_graph(framing__extract__actors__prior=["framing.extract.evaluative.rules:_modify"]),
         ("extract private", "framing.extract.actors.prior", "framing.extract.evaluative.rules._modify")),
        (_graph(framing__extract__actors__prior=["framing.extract.evaluative._shared"]),
         ("extract private", "framing.extract.actors.prior", "framing.extract.evaluative._shared")),
        (_graph(framing__records=["framing.extract.attribution"]),
         ("data model", "framing.records", "framing.extract.attribution")),
        (_graph(framing__document=["framing.viz.display"]),
         ("data model", "framing.document", "framing.viz.display")),
        (_graph(framing__datasets___babe=["framing.pipeline"]),
         ("datasets", "framing.datasets._babe", "framing.pipeline")),
        (_graph(framing__viz__plot=["framing.pipeline"]),
         ("viz/report", "framing.viz.plot", "framing.pipeline")),
        (_graph(framing__report__html=["framing"]),
         ("viz/report", "framing.report.html", "framing")),
        (_graph(framing__cli=["framing.analysis:_actors_for"]),
         ("cli", "framing.cli", "framing.analysis._actors_for")),
        (_graph(framing__cli=["framing.io._folder"]),
         ("cli", "framing.cli", "framing.io._folder")),
        (_graph(framing__a=["framing.b"], framing__b=["framing.c"], framing__c=["framing.a"]),
         ("cycle", "framing.c", "framing.a")),
    ],
)
def test_a_broken_wall_is_found(graph, breach):
    assert breach in violations(graph)


def test_allowed_imports_are_not_breaches():
    graph = _graph(
        framing__text__parse=["framing.text.tokens", "framing.records"],
        framing__text__tokens=["framing.records"],
        framing__extract__hedging__rules=["framing.extract.attribution:reporting_verbs",
                                          "framing.extract.hedging.words:_BE",
                                          "framing.text", "framing.resources", "framing.document"],
        framing__extract__attribution=[],
        framing__extract__hedging__words=[],
        framing__datasets___base=["framing.io.jsonl", "framing.document"],
        framing__viz__plot=["framing.analysis"],
        framing__cli=["framing.report:report", "framing.io"],
    )
    assert violations(graph) == set()


# --------------------------------------------------------------------------- scripts

REPO = ROOT.parent

# Underscored framing names the evaluation scripts still use, and the branch removing them.
# scripts/actor_sentiment_ablations.py records what was tried on the actor sentiment model by
# patching its private feature functions in place (an ablation needs the internals); the
# documented training path, scripts/train_actor_sentiment.py, uses none of them
PENDING_SCRIPTS: set[tuple[str, str]] = {
    ("scripts/actor_sentiment_ablations.py", "framing.models._actor_sentiment"),
    ("scripts/actor_sentiment_ablations.py", "framing.models._actor_sentiment._Facts"),
    ("scripts/actor_sentiment_ablations.py", "framing.models._actor_sentiment._features"),
}


def private_uses(path: Path) -> set[str]:
    """The underscored framing names a script uses: imported (``from framing.x import _y``,
    ``framing._x``) or reached through an imported framing module (``A._y``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    modules: dict[str, str] = {}  # local name -> framing module
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("framing"):
                    if _private(a.name):
                        out.add(a.name)
                    modules[a.asname or a.name.split(".")[0]] = a.name if a.asname else "framing"
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("framing"):
            if _private(node.module):
                out.add(node.module)
            for a in node.names:
                if _private(a.name):
                    out.add(f"{node.module}.{a.name}")
                else:
                    modules.setdefault(a.asname or a.name, f"{node.module}.{a.name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr) and not node.attr.startswith("__"):
            base = node.value
            if isinstance(base, ast.Name) and base.id in modules:
                out.add(f"{modules[base.id]}.{node.attr}")
    return out


@pytest.mark.parametrize("folder", ["scripts", "evaluation"])
def test_scripts_use_no_underscored_framing_names(folder):
    found = {(f"{folder}/{p.name}", name) for p in sorted((REPO / folder).glob("*.py"))
             for name in private_uses(p)}
    pending = {x for x in PENDING_SCRIPTS if x[0].startswith(folder + "/")}
    assert not sorted(found - pending), "see docs/architecture-internal.md for the internal API"
    assert not sorted(pending - found), "PENDING_SCRIPTS lists uses that are gone: remove them"


def test_private_uses_are_found(tmp_path):
    script = tmp_path / "train.py"
    script.write_text(
        "import framing.extract.attribution as A\n"
        "from framing.extract.hedging import _index, cue_lexicon\n"
        "from framing.models._rows import span_rows\n"
        "s = A._Sent(1)\nt = A.SentenceView(1)\nx = A.__name__\n"
    )
    assert private_uses(script) == {
        "framing.extract.attribution._Sent",
        "framing.extract.hedging._index",
        "framing.models._rows",
    }
