"""End-to-end tests in a real browser (Debian's chromium, driven by Playwright).

Skipped, with the reason, where /usr/bin/chromium or playwright is missing:
`.ci/install-browser` installs the browser; never `playwright install` (no
downloads from an office network).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(os.environ.get("RENPU_SHOTS", "/tmp/renpu-shots"))

missing = (
    "playwright is not installed (pip install playwright)" if importlib.util.find_spec("playwright") is None
    else f"{CHROMIUM} is missing: run .ci/install-browser" if not CHROMIUM.exists()
    else ""
)
needs_browser = pytest.mark.skipif(bool(missing), reason=missing or "browser present")

# Playwright's sync API runs an event loop in this thread; the test's own ORM
# calls (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 900})
    context.set_default_timeout(10_000)
    opened = context.new_page()
    yield opened
    context.close()


def shot(page, name: str, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # A full page at a phone's pixel ratio takes seconds on a busy machine: not a failure.
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page, timeout=60_000)
