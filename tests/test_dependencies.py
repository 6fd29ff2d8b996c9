"""Dependencies are declared exactly as imported.

Every third-party module that ``framing/`` imports (read with ``ast``, function-level imports
included) must be a declared distribution: a core dependency, or an optional extra when the
import is guarded (inside a ``try`` that catches ``ImportError``, so a missing extra gives a
clear message). Every core dependency must be imported somewhere, except the few listed in
``DECLARED_NOT_IMPORTED`` with the reason.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli", reason="reading pyproject.toml on Python 3.10 needs tomli")

ROOT = Path(__file__).resolve().parents[1]

# Import name -> distribution name, where they differ (the rest: the same name).
DISTRIBUTION = {
    "sklearn": "scikit-learn",
    "vaderSentiment": "vaderSentiment",
    "yaml": "PyYAML",
    "bs4": "beautifulsoup4",
    "PIL": "Pillow",
    "dateutil": "python-dateutil",
}

# Core dependencies that no module of framing imports today, with the reason they stay.
DECLARED_NOT_IMPORTED = {
    "nltk": "kept for the agreement statistics (Krippendorff's alpha, kappa) of the reproductions issue",
}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(req: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", req)
    assert match, f"cannot read a distribution name from {req!r}"
    return _norm(match.group(1))


def declared(pyproject: Path = ROOT / "pyproject.toml") -> tuple[set[str], dict[str, set[str]]]:
    """Core dependencies and each optional extra, as normalised distribution names."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    core = {_requirement_name(r) for r in project.get("dependencies", [])}
    extras = {k: {_requirement_name(r) for r in v} for k, v in project.get("optional-dependencies", {}).items()}
    return core, extras


def _guards_import_error(node: ast.Try) -> bool:
    for handler in node.handlers:
        names = []
        if handler.type is None:
            return True
        for t in handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]:
            if isinstance(t, ast.Name):
                names.append(t.id)
        if {"ImportError", "ModuleNotFoundError", "Exception"} & set(names):
            return True
    return False


def third_party_imports(package: Path) -> dict[str, dict[str, bool]]:
    """``{top-level module: {file: guarded}}`` for every absolute import under ``package``
    that is not the standard library or the package itself; ``guarded`` when every import of
    the module in that file sits in a ``try`` that catches ``ImportError``."""
    own = package.name
    found: dict[str, dict[str, bool]] = {}

    def visit(node: ast.AST, guarded: bool, path: str) -> None:
        if isinstance(node, ast.Try):
            inner = guarded or _guards_import_error(node)
            for child in node.body:
                visit(child, inner, path)
            for child in [*node.handlers, *node.orelse, *node.finalbody]:
                visit(child, guarded, path)
            return
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name.split(".")[0] for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module.split(".")[0]]
        for name in names:
            if name in sys.stdlib_module_names or name in (own, "__future__"):
                continue
            files = found.setdefault(name, {})
            files[path] = files.get(path, True) and guarded
        for child in ast.iter_child_nodes(node):
            visit(child, guarded, path)

    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        visit(tree, False, str(path.relative_to(package.parent)))
    return found


def problems(package: Path, core: set[str], extras: dict[str, set[str]]) -> list[str]:
    """Imports not declared (or only in an extra while unguarded), and core dependencies
    never imported (outside ``DECLARED_NOT_IMPORTED``)."""
    optional = set().union(*extras.values()) if extras else set()
    out = []
    imports = third_party_imports(package)
    for module, files in sorted(imports.items()):
        dist = _norm(DISTRIBUTION.get(module, module))
        if dist in core:
            continue
        unguarded = sorted(f for f, g in files.items() if not g)
        if dist in optional and not unguarded:
            continue
        where = ", ".join(unguarded or sorted(files))
        if dist in optional:
            out.append(f"{module} ({dist}) is only an optional extra but imported unguarded in {where}")
        else:
            out.append(f"{module} ({dist}) is imported in {where} but not declared in pyproject.toml")
    imported = {_norm(DISTRIBUTION.get(m, m)) for m in imports}
    for dist in sorted(core - imported - {_norm(d) for d in DECLARED_NOT_IMPORTED}):
        out.append(f"{dist} is a core dependency that framing never imports")
    return out


def test_every_import_of_framing_is_declared_and_every_core_dependency_used():
    core, extras = declared()
    assert problems(ROOT / "framing", core, extras) == []


def test_the_scan_sees_the_known_imports():
    imports = third_party_imports(ROOT / "framing")
    # a scanner that missed everything would pass the test above: it must see these
    assert {"numpy", "pandas", "sklearn", "scipy", "joblib", "vaderSentiment"} <= set(imports)
    assert all(imports["trafilatura"].values()), "trafilatura (html extra) is imported inside try/except ImportError"
    assert not any(m in imports for m in ("os", "json", "framing", "__future__"))


def test_declared_not_imported_entries_are_declared_and_really_unimported():
    core, _ = declared()
    imports = {_norm(DISTRIBUTION.get(m, m)) for m in third_party_imports(ROOT / "framing")}
    for dist in DECLARED_NOT_IMPORTED:
        assert _norm(dist) in core, f"{dist} is listed as declared but is not a core dependency"
        assert _norm(dist) not in imports, f"{dist} is imported now: remove it from DECLARED_NOT_IMPORTED"


def test_problems_names_an_undeclared_an_unguarded_optional_and_an_unused_dependency(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(
        "import os\nimport numpy as np\nfrom sklearn.base import clone\nimport yaml\n"
        "from . import sub\n"
        "def f():\n    import trafilatura\n"
        "try:\n    import lxml\nexcept ImportError:\n    lxml = None\n",
        encoding="utf-8",
    )
    (pkg / "sub.py").write_text("import pkg.other\n", encoding="utf-8")
    core = {"numpy", "scikit-learn", "pandas"}
    extras = {"html": {"trafilatura", "lxml"}}
    found = problems(pkg, core, extras)
    assert any(p.startswith("yaml (pyyaml) is imported in pkg/__init__.py") for p in found), found
    assert any(p.startswith("trafilatura (trafilatura) is only an optional extra") for p in found), found
    assert "pandas is a core dependency that framing never imports" in found
    assert not any(p.startswith(("lxml", "numpy", "sklearn", "os", "pkg")) for p in found), found
    assert len(found) == 3
