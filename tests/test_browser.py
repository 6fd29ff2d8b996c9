"""The demo report in a real browser: headless Chromium renders it, the screenshot is not
blank and the console shows no error. Skips (with the reason) where Chromium is missing;
``.ci/run`` installs the system package so that CI always runs it."""

from __future__ import annotations

import re
import shutil
import subprocess

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import framing  # noqa: E402
from framing.analysis import Analysis, document_from_record  # noqa: E402

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Chromium (Debian: apt-get install chromium; .ci/run installs it)")

# what Chromium logs for a page's console errors and failed loads
CONSOLE_ERROR = re.compile(r"CONSOLE\(\d+\)|Uncaught|ERR_FILE_NOT_FOUND|Failed to load resource",
                           re.IGNORECASE)


def screenshot(html_path, png_path, height: int = 2000) -> str:
    cmd = [CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
           "--no-first-run", "--disable-extensions", "--enable-logging=stderr", "--v=0",
           f"--screenshot={png_path}", f"--window-size=1280,{height}",
           html_path.resolve().as_uri()]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stderr


def test_demo_report_in_chromium(sample_gold, tmp_path):
    from matplotlib.image import imread

    analysis = Analysis.from_documents([document_from_record(r) for r in sample_gold])
    page = tmp_path / "report.html"
    framing.report(analysis, n_boot=100, n_perm=100).write(page)
    png = tmp_path / "report.png"
    log = screenshot(page, png)
    errors = [line for line in log.splitlines() if CONSOLE_ERROR.search(line)]
    assert not errors, errors
    img = imread(png)
    assert img.shape[0] == 2000 and img.shape[1] == 1280
    gray = img[..., :3].mean(axis=2)
    # not blank: text, tables and figures give the page contrast and many distinct shades
    assert gray.std() > 0.05
    assert (gray < 0.5).mean() > 0.01  # dark pixels: text
    assert len(np.unique((gray * 255).astype(int))) > 50


def test_console_errors_are_caught(tmp_path):
    """The check above can fail: a page whose script throws shows up in the log."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><body><p>x</p>"
                    "<script>console.error('broken'); undefined_call();</script></body></html>",
                    encoding="utf-8")
    log = screenshot(page, tmp_path / "bad.png", height=200)
    assert any(CONSOLE_ERROR.search(line) for line in log.splitlines()), log[-2000:]
