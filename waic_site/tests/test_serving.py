"""Serving: the health check, static files through whitenoise, media storage from the env."""

import gzip
import json
import re

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection

from directory.testing import run_manage
from speakers.tests.factories import make_session

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_with_one_query_that_reads_no_table(client, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert captured.captured_queries[0]["sql"] == "SELECT 1"
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_healthz_is_never_cached(client, django_assert_num_queries):
    client.get("/healthz")

    with django_assert_num_queries(1):
        client.get("/healthz")


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "database unreachable"}


def test_healthz_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_static_files_are_hashed_compressed_and_cached_for_a_year(client, settings):
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', client.get("/").text)

    response = client.get(stylesheet.group(1), headers={"accept-encoding": "gzip"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"


def storage_settings(**env):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "import json; from django.conf import settings; from django.core.files.storage import"
        " storages; print(json.dumps([settings.STORAGES['default'],"
        " storages['default'].url('speakers/ada.png'),"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))",
        DJANGO_DEBUG="1",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.slow
def test_a_sqlite_database_is_tuned_for_serving(tmp_path):
    """Readers are not blocked by a writer, writers lock when they begin, and each connection
    caches 64 MiB of the database instead of SQLite's 2 MiB."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "import json; from django.db import connection; cursor = connection.cursor();"
        " print(json.dumps([connection.transaction_mode] + [cursor.execute(f'PRAGMA {name}')"
        ".fetchone()[0] for name in ('journal_mode', 'synchronous', 'cache_size', 'temp_store')]))",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
    )

    assert result.returncode == 0, result.stderr
    # synchronous 1 is NORMAL, temp_store 2 is MEMORY
    assert json.loads(result.stdout) == ["IMMEDIATE", "wal", 1, -65536, 2]


@pytest.mark.slow
def test_media_is_stored_in_local_files_by_default():
    storage, url, images_from = storage_settings()

    assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert url == "/media/speakers/ada.png"
    assert images_from == ["'self'", "data:"]


@pytest.mark.slow
def test_media_goes_to_s3_compatible_storage_when_a_bucket_is_configured():
    storage, url, images_from = storage_settings(
        DJANGO_MEDIA_S3_BUCKET="waic-media",
        DJANGO_MEDIA_S3_ENDPOINT_URL="https://oss-cn-shanghai.aliyuncs.com",
        DJANGO_MEDIA_S3_REGION="cn-shanghai",
        DJANGO_MEDIA_S3_CUSTOM_DOMAIN="media.example.org",
    )

    assert storage == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "waic-media",
            "endpoint_url": "https://oss-cn-shanghai.aliyuncs.com",
            "region_name": "cn-shanghai",
            "custom_domain": "media.example.org",
            "location": "media",
            "file_overwrite": False,
            "querystring_auth": False,
            "default_acl": None,
        },
    }
    assert url == "https://media.example.org/media/speakers/ada.png"
    assert images_from == ["'self'", "data:", "https://media.example.org"]


def test_local_media_is_served_by_the_app(client, media_root):
    (media_root / "speakers").mkdir(parents=True)
    (media_root / "speakers" / "ada.png").write_bytes(b"\x89PNG\r\n\x1a\n")

    response = client.get("/media/speakers/ada.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"\x89PNG\r\n\x1a\n"


def test_missing_media_is_a_404(client, media_root):
    media_root.mkdir(parents=True)

    assert client.get("/media/missing.png").status_code == 404


@pytest.mark.parametrize("url", ["/media/../manage.py", "/media/%2e%2e/settings.py"])
def test_media_path_outside_the_media_folder_is_a_400(client, media_root, url):
    media_root.mkdir(parents=True)
    client.raise_request_exception = False

    assert client.get(url).status_code == 400


@pytest.mark.slow
def test_static_files_can_come_through_a_cdn_named_in_the_environment():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; from django.templatetags.static import static;"
        " print(static('css/site.css'), s.CONTENT_SECURITY_POLICY['DIRECTIVES']['style-src'])",
        DJANGO_DEBUG="1",
        DJANGO_STATIC_HOST="https://static.example.org/",
    )

    assert result.stdout.strip() == (
        "https://static.example.org/static/css/site.css [\"'self'\", 'https://static.example.org']"
    )


def test_the_bench_query_count_header_counts_the_queries_of_a_request(client, settings):
    settings.MIDDLEWARE = ["waic_site.querycount.QueryCountMiddleware", *settings.MIDDLEWARE]

    response = client.get("/healthz")

    assert response["X-Queries"] == "1"


def test_responses_carry_no_query_count_outside_the_bench(client):
    response = client.get("/healthz")

    assert "X-Queries" not in response


def test_a_page_is_gzipped_for_browsers_that_accept_it(client):
    response = client.get("/speakers/", headers={"accept-encoding": "gzip, deflate, br"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Vary"] == "Accept-Language, Accept-Encoding"
    assert "<h1>Speakers</h1>" in gzip.decompress(response.content).decode()


def test_a_page_stays_plain_for_clients_that_do_not_accept_gzip(client):
    response = client.get("/speakers/")

    assert "Content-Encoding" not in response
    assert "<h1>Speakers</h1>" in response.text


def test_two_gzipped_answers_of_one_cached_page_differ_against_breach(client, settings):
    settings.WAIC_PAGE_CACHE_SECONDS = 60

    first = client.get("/speakers/", headers={"accept-encoding": "gzip"})
    second = client.get("/speakers/", headers={"accept-encoding": "gzip"})

    assert gzip.decompress(first.content) == gzip.decompress(second.content)
    assert first.content != second.content  # random bytes in each gzip header


@pytest.mark.parametrize("cache_seconds", [0, 60])
def test_a_gzipped_page_answers_304_to_its_etag(client, settings, cache_seconds):
    settings.WAIC_PAGE_CACHE_SECONDS = cache_seconds
    first = client.get("/exhibitors/", headers={"accept-encoding": "gzip"})

    again = client.get(
        "/exhibitors/", headers={"accept-encoding": "gzip", "if-none-match": first["ETag"]}
    )

    assert first["ETag"].startswith('W/"')  # weak: the compressed bytes differ every time
    assert again.status_code == 304
    assert again.content == b""


def test_a_gzipped_api_answer_keeps_its_own_etag_weakened_and_answers_304(client):
    make_session(title="Opening ceremony", abstract="Welcome. " * 40)
    first = client.get("/api/v1/sessions/", headers={"accept-encoding": "gzip"})

    again = client.get(
        "/api/v1/sessions/", headers={"accept-encoding": "gzip", "if-none-match": first["ETag"]}
    )

    assert first["Content-Encoding"] == "gzip"
    assert first["ETag"].startswith('W/"')
    assert again.status_code == 304
