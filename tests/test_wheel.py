"""The built wheel works on its own: installed in a fresh venv, outside the repository.

The wheel is built from a copy of the package sources (so the shared working tree gets no
``build/`` or ``*.egg-info``), installed with ``--no-deps`` into a fresh venv, and run from a
temporary folder with the repository off ``sys.path``: the bundled sample must load from the
installed package, and ``framing.analyze`` must run.

The dependencies (numpy, pandas, ...) come from the interpreter running the tests, with no
network: a ``.pth`` file in the test venv lists that interpreter's site-packages folders,
after the venv's own. (``system_site_packages=True`` would not do: it gives the *base*
interpreter's packages, so the test failed when the suite ran inside a virtualenv whose base
Python has no pandas.) Plain folder lines in a ``.pth`` file are added to ``sys.path``
without processing the ``.pth`` files inside them, so an editable install of framing in the
running interpreter cannot shadow the wheel. Build, install and run take about 13 s here (2-core AMD EPYC),
so the test stays in the default run; the build needs ``build``, ``setuptools>=68`` and
``wheel`` (the ``test`` extra).
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import json, sys, sysconfig
from pathlib import Path
import framing
from framing.datasets import load_sample
from framing.datasets._base import _sample_file
corpus = load_sample()
doc = framing.analyze(corpus[0].text)
page = "MOSCOW, Feb 2 (Reuters) - Russia said talks stalled.\n\nAdvertisement\n"
paged = framing.analyze(page)
print(json.dumps({
    "framing": framing.__file__,
    "sample": str(_sample_file("articles.jsonl")),
    "site": sysconfig.get_paths()["purelib"],
    "repr": repr(corpus),
    "sentences": len(doc.sentences),
    "record_keys": sorted(doc.to_dict()),
    "dateline": paged.dateline,
    "sys_path": sys.path,
}))
"""


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _running_site_packages() -> list[str]:
    """The site-packages folders of the interpreter running the tests (a venv's own, and the
    base's when that venv was made with system site packages), existing ones, in order."""
    paths = [*site.getsitepackages(), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    return [p for p in dict.fromkeys(paths) if Path(p).is_dir() and Path(p).resolve() != ROOT]


def test_wheel_installs_and_runs_outside_the_repository(tmp_path):
    pytest.importorskip("build", reason="the wheel test needs the 'build' package")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PIP_NO_INDEX"] = "1"  # never reach a registry
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "framing", src / "framing",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist")],
         cwd=src, env=env)
    (wheel,) = (tmp_path / "dist").glob("framing_analysis-*.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=False, with_pip=False, symlinks=True).create(env_dir)
    python = env_dir / "bin" / "python"
    venv_site = Path(_run([str(python), "-I", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          cwd=tmp_path, env=env).strip())
    venv_site.mkdir(parents=True, exist_ok=True)
    (venv_site / "_running_interpreter_site.pth").write_text("\n".join(_running_site_packages()) + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
          "--quiet", str(wheel)], cwd=tmp_path, env=env)

    work = tmp_path / "elsewhere"
    work.mkdir()
    out = json.loads(_run([str(python), "-I", "-c", PROBE], cwd=work, env=env).strip().splitlines()[-1])

    site = Path(out["site"]).resolve()
    assert site.is_relative_to(env_dir.resolve())
    assert Path(out["framing"]).resolve().is_relative_to(site), out["framing"]
    assert Path(out["sample"]).resolve().is_relative_to(site / "framing" / "data" / "sample")
    assert (site / "framing" / "py.typed").is_file()  # PEP 561 marker ships in the wheel
    assert str(ROOT) not in out["sys_path"]
    assert out["repr"] == "Corpus(16 articles, 4 outlets, 4 stories)"
    assert out["sentences"] > 3
    assert {"attributions", "hedges", "evaluative", "mentions", "clutter"} <= set(out["record_keys"])
    assert out["dateline"] == "MOSCOW, Feb 2 (Reuters)"
