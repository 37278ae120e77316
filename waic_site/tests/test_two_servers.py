"""Two gunicorn app servers sharing PostgreSQL and Redis: an edit on one is what the other serves.

Skipped (with the reason) where PostgreSQL or Redis cannot be reached; in CI (CI=true) that is a
failure instead on the run whose DATABASE_URL is PostgreSQL, so the test always runs there.
"""

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from typing import NamedTuple

import psycopg
import pytest
import redis

from directory.testing import BASE_DIR, form_values, run_manage

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
POSTGRES_URL = (
    os.environ["DATABASE_URL"] if ON_POSTGRES else "postgres://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

pytestmark = pytest.mark.slow

SET_UP = """
from django.contrib.auth.models import User
from speakers.tests.factories import make_speaker
User.objects.create_superuser("mei", "mei@example.org", "correct horse battery")
make_speaker(name="Ada Lovelace", slug="ada")
"""


def unreachable(reason):
    if os.environ.get("CI") == "true" and ON_POSTGRES:
        pytest.fail(f"{reason}; CI must run the two-server test")
    pytest.skip(reason)


@pytest.fixture
def shared_database():
    """A fresh PostgreSQL database on the server DATABASE_URL names, dropped afterwards."""
    name = f"waic_two_servers_{secrets.token_hex(4)}"
    server = urllib.parse.urlsplit(POSTGRES_URL)
    maintenance = server._replace(path="/postgres").geturl()  # the URL's database need not exist
    try:
        admin = psycopg.connect(maintenance, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        unreachable(f"PostgreSQL is not reachable at {server.netloc}: {error}")
    with closing(admin):
        admin.execute(f'CREATE DATABASE "{name}"')
        yield server._replace(path=f"/{name}").geturl()
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def shared_redis():
    """The environment for the Redis REDIS_URL names, with a key prefix of this test's own:
    its keys are deleted afterwards."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        unreachable(f"Redis is not reachable at {REDIS_URL}: {error}")
    prefix = f"two-servers-{secrets.token_hex(4)}"
    yield {"REDIS_URL": REDIS_URL, "DJANGO_CACHE_KEY_PREFIX": prefix}
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def servers_env(database_url, redis_env, tmp_path, **more):
    """The production environment both app servers share: one database, one Redis."""
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        **redis_env,
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        **more,
    }


def free_port():
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args):
    result = run_manage(*args, **env)
    assert result.returncode == 0, result.stderr


@contextmanager
def app_server(env):
    """A production gunicorn (two workers) on a free port; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "waic_site.wsgi", "--workers", "2"]
    command += ["--bind", f"127.0.0.1:{port}", "--no-control-socket"]
    server = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


class Browser:
    """Keeps cookies between requests, like a browser."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url):
        with self.opener.open(url, timeout=30) as response:
            return response.read().decode()

    def submit(self, url, form_id, **changes):
        """Posts the form as the page at `url` shows it, with `changes` typed in."""
        data = form_values(self.get(url), form_id) | changes
        request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode())
        with self.opener.open(request, timeout=30) as response:
            return response.geturl()


def test_speaker_renamed_in_the_admin_of_one_server_is_served_by_the_other(
    shared_database, shared_redis, tmp_path
):
    env = servers_env(shared_database, shared_redis, tmp_path)
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "shell", "--no-imports", "-c", SET_UP)
    attendee, organizer = Browser(), Browser()

    with app_server(env) as server_a, app_server(env) as server_b:
        before = [attendee.get(server_b + "/speakers/ada/") for _ in range(3)]
        organizer.submit(
            server_a + "/admin/login/?next=/admin/",
            "login-form",
            username="mei",
            password="correct horse battery",
        )
        change_form = server_a + "/admin/speakers/speaker/1/change/"
        landed = organizer.submit(change_form, "speaker_form", name_en="Countess of Lovelace")
        after = attendee.get(server_b + "/speakers/ada/")
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', after).group(1)
        static = urllib.request.urlopen(server_b + stylesheet, timeout=30)

    assert all("Ada Lovelace" in page for page in before)
    assert landed == server_a + "/admin/speakers/speaker/"
    assert "Countess of Lovelace" in after
    assert "Ada Lovelace" not in after
    assert static.headers["Cache-Control"] == "max-age=315360000, public, immutable"


def test_a_crowd_on_two_servers_renders_an_export_once(shared_database, shared_redis, tmp_path):
    """Twelve requests for /schedule.xml?x=<random> at once, half on each server: one of them
    renders it (its X-Queries header counts the SQL it ran), the others wait for that render
    through the lock in Redis, or get its copy."""
    env = servers_env(shared_database, shared_redis, tmp_path, WAIC_BENCH_QUERY_COUNT="1")
    manage(env, "migrate", "--no-input")
    manage(env, "shell", "--no-imports", "-c", SET_UP)

    with app_server(env) as server_a, app_server(env) as server_b:
        urls = [f"{(server_a, server_b)[i % 2]}/schedule.xml?x={i}" for i in range(12)]
        with ThreadPoolExecutor(max_workers=12) as pool:
            answers = list(pool.map(queries_and_body, urls))

    assert sum(1 for queries, body in answers if queries) == 1
    assert len({body for queries, body in answers}) == 1


def queries_and_body(url):
    # One site name for both, as behind their load balancer: the page cache keys it.
    request = urllib.request.Request(url, headers={"Host": "127.0.0.1"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return int(response.headers["X-Queries"]), response.read()


SESSION_SET_UP = """
from speakers.models import Speaker
from speakers.tests.factories import make_session
make_session(title="Opening", slug="opening", speakers=[Speaker.objects.get(slug="ada")])
"""
RETITLE = """
from speakers.models import Session
session = Session.objects.get(slug="opening")
session.title = "Keynote"
session.save()
"""


def test_after_an_edit_an_export_is_rebuilt_once_and_both_servers_serve_the_new_one(
    shared_database, shared_redis, tmp_path
):
    """Twelve requests for /schedule.xml right after an edit, half on each server and half of
    them revalidating the copy from before: one renders the new copy; the others get the
    previous one with its own ETag (304 to those holding it) or the new one; then both servers
    serve the new one from the cache."""
    env = servers_env(shared_database, shared_redis, tmp_path, WAIC_BENCH_QUERY_COUNT="1")
    manage(env, "migrate", "--no-input")
    manage(env, "shell", "--no-imports", "-c", SET_UP + SESSION_SET_UP)

    with app_server(env) as server_a, app_server(env) as server_b:
        old = answer(f"{server_a}/schedule.xml")
        cached = answer(f"{server_b}/schedule.xml")
        manage(env, "shell", "--no-imports", "-c", RETITLE)
        requests = [
            (f"{(server_a, server_b)[i % 2]}/schedule.xml", old.etag if i % 4 < 2 else None)
            for i in range(12)
        ]
        with ThreadPoolExecutor(max_workers=12) as pool:
            answers = list(pool.map(lambda request: answer(*request), requests))
        after = [answer(f"{server}/schedule.xml") for server in (server_a, server_b)]

    new = next(a for a in answers if a.queries)
    assert (old.status, cached.status, cached.queries, cached.body) == (200, 200, 0, old.body)
    assert sum(1 for a in answers if a.queries) == 1
    assert "Keynote" in new.body.decode() and new.etag != old.etag
    for (_url, etag), a in zip(requests, answers, strict=True):
        if a.status == 304:
            assert (etag, a.etag) == (old.etag, old.etag)
        else:
            assert (a.status, a.etag) in {(200, old.etag), (200, new.etag)}
            assert a.body == (old.body if a.etag == old.etag else new.body)
    assert [(a.queries, a.etag, a.body) for a in after] == [(0, new.etag, new.body)] * 2


class Answer(NamedTuple):
    status: int
    queries: int
    etag: str
    body: bytes


def answer(url, etag=None):
    """Status, X-Queries, ETag and body of a GET, revalidating `etag` if given."""
    headers = {"Host": "127.0.0.1"} | ({"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
            return Answer(r.status, int(r.headers["X-Queries"]), r.headers["ETag"], r.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, int(error.headers["X-Queries"]), error.headers["ETag"], b"")
