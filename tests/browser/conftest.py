"""Playwright (Python) driving Debian's Chromium; never a downloaded browser.

Screenshots of failing tests land in ``test-results/`` (pytest-playwright's
``--screenshot only-on-failure``, set in pyproject).
"""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ru-RU", "timezone_id": "Europe/Moscow"}


@pytest.fixture
def demo_server(transactional_db, live_server):
    """The live server with the demo cluster loaded."""
    from edcluster.core.demo_loader import load_demo

    load_demo()
    return live_server


@pytest.fixture
def login(page):
    def do(server, username: str, password: str = "demo-edcluster"):
        page.goto(f"{server.url}/accounts/login/")
        page.get_by_label("Логин").fill(username)
        page.get_by_label("Пароль").fill(password)
        page.get_by_role("button", name="Войти").click()
        page.wait_for_url(f"{server.url}/")

    return do
