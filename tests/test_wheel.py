"""The built wheel works on its own: installed in a fresh venv, outside the repository.

The wheel is built from a copy of the package sources (so the shared working tree gets no
``build/`` or ``*.egg-info``), installed with ``--no-deps`` into a venv that sees the system's
site-packages (numpy, pandas, ... need no network), and run from a temporary folder with the
repository off ``sys.path``: the bundled sample must load from the installed package, and
``framing.analyze`` must run. Build, install and run take about 13 s here (2-core AMD EPYC),
so the test stays in the default run; the build needs ``build``, ``setuptools>=68`` and
``wheel`` (the ``test`` extra).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
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
    venv.EnvBuilder(system_site_packages=True, with_pip=False, symlinks=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
          "--quiet", str(wheel)], cwd=tmp_path, env=env)

    work = tmp_path / "elsewhere"
    work.mkdir()
    out = json.loads(_run([str(python), "-I", "-c", PROBE], cwd=work, env=env).strip().splitlines()[-1])

    site = Path(out["site"]).resolve()
    assert site.is_relative_to(env_dir.resolve())
    assert Path(out["framing"]).resolve().is_relative_to(site), out["framing"]
    assert Path(out["sample"]).resolve().is_relative_to(site / "framing" / "data" / "sample")
    assert str(ROOT) not in out["sys_path"]
    assert out["repr"] == "Corpus(16 articles, 4 outlets, 4 stories)"
    assert out["sentences"] > 3
    assert {"attributions", "hedges", "evaluative", "mentions", "clutter"} <= set(out["record_keys"])
    assert out["dateline"] == "MOSCOW, Feb 2 (Reuters)"
