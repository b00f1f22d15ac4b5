"""Journeys in a real browser: Debian's Chromium driven by Playwright against the live server."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"

# Playwright's sync API keeps an event loop running in the test's thread, which makes Django
# refuse ORM calls from the test body. The calls are synchronous and on their own thread, so
# they are safe; this is the documented switch for exactly this case.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or make browser)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # No sandbox as root in CI; no background traffic on a machine without a network.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
        ],
    }


@pytest.fixture
def site(live_server):
    """The live server's base URL."""
    return live_server.url


@pytest.fixture
def screenshot():
    """Save a screenshot of the page under tests/e2e/screenshots/ (shown in the README)."""

    def take(page, name):
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return take
