"""Fixtures every app's tests share, and the rule for browser tests without a browser."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pytest_collection_modifyitems(config, items):
    """Without Chromium, browser tests are skipped on a laptop (loudly, see below) but fail
    in CI (CI=true), where a skip would hide that nothing was tested in a browser."""
    if CHROMIUM.exists() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: browser tests not run")
    browser_tests = [item for item in items if "browser" in item.keywords]
    for item in browser_tests:
        item.add_marker(skip)
    config.stash[skipped_browser_tests] = len(browser_tests)


skipped_browser_tests = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, config):
    skipped = config.stash.get(skipped_browser_tests, 0)
    if skipped:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(
            f"{skipped} browser test(s) did not run: {CHROMIUM} is missing. "
            "Install it with: apt-get install -y chromium",
            red=True,
            bold=True,
        )
