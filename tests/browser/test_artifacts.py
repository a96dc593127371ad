"""A failing browser test leaves a screenshot in ``test-results/`` (the project's pytest options):
a failing journey is run in a separate pytest with exactly those options, and the picture of the
page at the failure must be there."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

FAILING = """
from playwright.sync_api import expect


def test_journey_that_fails(page):
    page.set_content("<h1>Мероприятия</h1>")
    expect(page.get_by_text("Этого на странице нет")).to_be_visible(timeout=500)
"""


def test_a_failing_browser_test_saves_a_screenshot(tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "conftest.py").write_text("from tests.browser.conftest import *  # noqa: F403\n")
    (suite / "test_failing_journey.py").write_text(FAILING)
    out = tmp_path / "test-results"
    project_options = ["-c", str(ROOT / "pyproject.toml"), "--rootdir", str(suite)]
    isolated = ["-p", "no:randomly", "-p", "no:cacheprovider", "-n", "0", "-q", "--output", str(out)]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", *project_options, *isolated, str(suite)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1, run.stdout[-2000:] + run.stderr[-2000:]
    shots = list(out.rglob("*.png"))
    assert len(shots) == 1, (shots, run.stdout[-2000:])
    assert shots[0].name == "test-failed-1.png" and "test-journey-that-fails" in shots[0].parent.name
    assert shots[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shots[0].stat().st_size > 1000
