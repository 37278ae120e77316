"""The guide installs as an app (issue 15), as Chromium itself judges it: Lighthouse 12 dropped
its PWA category, so the test asks Chromium's own check (the one behind its install prompt)
through the DevTools protocol, once the service worker is active."""

import pytest

from directory.testing import wait_for_service_worker

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("path", "manifest"),
    [("/", "/manifest.webmanifest"), ("/zh-hans/", "/manifest.zh-hans.webmanifest")],
)
def test_chromium_finds_the_home_page_installable_in_both_languages(
    profile_context, live_server, path, manifest
):
    context = profile_context  # (an incognito window never installs an app)
    page = context.new_page()
    page.goto(live_server.url + path)
    wait_for_service_worker(page)
    devtools = context.new_cdp_session(page)

    app_manifest = devtools.send("Page.getAppManifest")
    installability = devtools.send("Page.getInstallabilityErrors")

    assert (app_manifest["url"], app_manifest["errors"]) == (live_server.url + manifest, [])
    assert installability["installabilityErrors"] == []
