"""Production configuration: security headers, the guarded admin login, settings from the env."""

import json
import re
import secrets

import pytest
from axes.helpers import get_client_ip_address
from django.contrib.auth.models import User

from directory.testing import BASE_DIR, run_manage
from speakers.tests.factories import make_session, make_speaker

pytestmark = pytest.mark.django_db

EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def csp_directives(header):
    return sorted(part.strip() for part in header.split(";"))


@pytest.mark.parametrize("url", ["/", "/speakers/", "/speakers/nobody/", "/admin/login/"])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)

    assert csp_directives(response["Content-Security-Policy"]) == csp_directives(EXPECTED_CSP)
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Permissions-Policy"] == (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=()"
    )


def test_security_headers_are_on_cached_pages_too(client):
    client.get("/")

    response = client.get("/")

    assert csp_directives(response["Content-Security-Policy"]) == csp_directives(EXPECTED_CSP)
    assert response["X-Frame-Options"] == "DENY"


def log_in(client, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "mei", "password": password, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.7",
    )


def test_organizer_logs_in_through_the_guarded_form_and_edits_under_the_csp(client):
    User.objects.create_superuser("mei", "mei@example.org", "correct horse battery")
    speaker = make_speaker(name="Ada Lovelace")
    session = make_session(speakers=[speaker])

    login = log_in(client, "correct horse battery")
    pages = [
        client.get(f"/admin/speakers/speaker/{speaker.pk}/change/"),
        client.get(f"/admin/speakers/session/{session.pk}/change/"),
        client.get("/admin/speakers/speaker/"),
    ]

    assert login.status_code == 302
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert csp_directives(page["Content-Security-Policy"]) == csp_directives(EXPECTED_CSP)
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []  # no inline script
        assert re.findall(r"\sstyle=|\son[a-z]+=", html) == []  # no inline style or handler


def test_admin_login_is_locked_after_five_wrong_passwords(client):
    User.objects.create_superuser("mei", "mei@example.org", "correct horse battery")
    wrong = [log_in(client, f"guess-{n}").status_code for n in range(5)]

    locked = log_in(client, "correct horse battery")

    assert wrong == [200, 200, 200, 200, 429]
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client):
    User.objects.create_superuser("mei", "mei@example.org", "correct horse battery")
    for n in range(5):
        log_in(client, f"guess-{n}")

    elsewhere = client.post(
        "/admin/login/?next=/admin/",
        {"username": "mei", "password": "correct horse battery", "next": "/admin/"},
        REMOTE_ADDR="198.51.100.20",
    )

    assert elsewhere.status_code == 302


@pytest.mark.slow
def test_missing_secret_key_with_debug_off_stops_start_up_with_a_clear_message():
    result = run_manage("check")

    assert result.returncode == 1
    assert result.stderr.startswith("manage.py: DJANGO_SECRET_KEY is not set.")
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_bad_number_in_the_environment_stops_start_up_with_a_clear_message():
    result = run_manage("check", DJANGO_DEBUG="1", DJANGO_HSTS_SECONDS="a year")

    assert result.returncode == 1
    assert result.stderr == "manage.py: DJANGO_HSTS_SECONDS must be a whole number, not 'a year'.\n"


@pytest.mark.slow
def test_admin_url_comes_from_the_environment():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.urls import reverse; print(reverse('admin:index'))",
        DJANGO_DEBUG="1",
        DJANGO_ADMIN_URL="backstage/",
    )

    assert result.stdout.strip() == "/backstage/"


def documented_production_environment():
    """The block under docs/deploy.md's "Production environment", as a dict of variables."""
    deploy = (BASE_DIR / "docs" / "deploy.md").read_text()
    block = re.search(r"### Production environment.*?```sh\n(.*?)```", deploy, re.S).group(1)
    return dict(line.split("=", 1) for line in block.splitlines() if line.strip())


@pytest.mark.slow
def test_check_deploy_reports_nothing_with_the_documented_production_environment():
    env = documented_production_environment()
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)  # docs/deploy.md says how to make one

    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", **env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.slow
def test_documented_production_environment_turns_on_every_https_setting():
    env = documented_production_environment() | {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}
    names = [
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "TRUSTED_PROXY_COUNT",
        "ADMIN_URL",
    ]
    script = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps([getattr(s, n) for n in {names}]))"
    )

    result = run_manage("shell", "--no-imports", "-c", script, **env)

    assert dict(zip(names, json.loads(result.stdout), strict=True)) == {
        "ALLOWED_HOSTS": ["directory.example.org"],
        "CSRF_TRUSTED_ORIGINS": ["https://directory.example.org"],
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "TRUSTED_PROXY_COUNT": 1,
        "ADMIN_URL": "backstage/",
    }


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "", "10.0.0.2"),
        (0, "6.6.6.6", "10.0.0.2"),  # no proxy: the header is the visitor's own invention
        (1, "198.51.100.9", "198.51.100.9"),
        (1, "6.6.6.6, 198.51.100.9", "198.51.100.9"),  # a forged entry is ignored
        (2, "6.6.6.6, 198.51.100.9, 10.0.0.5", "198.51.100.9"),
        (1, "", "10.0.0.2"),
    ],
)
def test_login_guard_sees_the_address_our_own_proxies_saw(
    rf, settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)

    assert get_client_ip_address(request) == expected


def test_https_behind_the_load_balancer_gets_hsts_and_no_redirect(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    secure = client.get("/", headers={"x-forwarded-proto": "https"})
    plain = client.get("/speakers/?page=2")

    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/speakers/?page=2"
