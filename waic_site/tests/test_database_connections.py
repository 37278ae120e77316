"""Connections kept open between requests survive the database dropping them (a restart)."""

import io
import runpy
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

from waic_site import settings as settings_module


def test_kept_connections_are_checked_before_reuse(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    monkeypatch.setenv("DJANGO_DB_CONN_MAX_AGE", "60")

    database = runpy.run_path(settings_module.__file__)["DATABASES"]["default"]

    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (60, True)


def serve(path):
    """A request through the WSGI handler as gunicorn calls it, on this thread's connection:
    request_started and request_finished decide whether a kept connection is reused."""
    environ = {"PATH_INFO": path, "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    environ["HTTP_HOST"] = "localhost"
    statuses = []
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    b"".join(response)
    response.close()
    return int(statuses[0].split()[0])


@pytest.fixture
def kept_connections(settings):
    """Connections kept for a minute between requests, as DJANGO_DB_CONN_MAX_AGE=60 does."""
    settings.WAIC_PAGE_CACHE_SECONDS = 0
    saved = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 60
    connection.close()
    yield
    connection.settings_dict["CONN_MAX_AGE"] = saved
    connection.close()


def terminate(pid):
    """Drop the server side of a connection, as a PostgreSQL restart does, from another one."""
    import psycopg

    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL drops connections")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/healthz", "/speakers/"])
def test_a_request_after_the_database_dropped_the_kept_connection_succeeds(kept_connections, path):
    assert serve(path) == 200
    pid = connection.connection.info.backend_pid
    terminate(pid)

    assert serve(path) == 200
    assert connection.connection.info.backend_pid != pid
