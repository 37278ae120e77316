"""`make faults`: the site under load on two app servers while Redis dies and PostgreSQL restarts.

A PostgreSQL cluster and a Redis server of the run's own are started on free ports (so nothing
else on the machine is disturbed), the demo data is loaded into them (`load_demo`, WAIC's size),
and two gunicorn servers (two workers each, debug off, page cache on, persistent database
connections) serve it. Eight clients then load a mix of pages, with a visitor's Save now and
then, across both servers for the whole run, while:

1. Redis is killed (the cache every server shares), and started again later;
2. PostgreSQL is restarted (fast shutdown: every open connection dies) while the clients pause,
   so that every server still holds persistent connections that the restart closed.

Each request's start time and status are recorded. The report counts requests and errors
(5xx, or no answer) before the faults, while each fault lasts, and **after recovery** (from a
few seconds after each service is back), which must be 0.

Needs Debian's PostgreSQL (pg_createcluster, run as root) and redis-server. Run from the
project with the virtualenv's Python: `.venv/bin/python bench/faults.py`.
Environment: FAULTS_SECONDS (length of each phase, default 10).
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHASE = int(os.environ.get("FAULTS_SECONDS", "10"))
# Requests started once a service accepts connections again count as "after recovery": a
# stale connection that fails then is an error after recovery.
SETTLE = 0
CLIENTS = 8
PAGES = [
    "/",
    "/exhibitors/",
    "/exhibitors/?hall=H1",
    "/speakers/",
    "/sessions/",
    "/search/?q=robot",
    "/healthz",
    "/api/v1/sessions/",
    "/zh-hans/exhibitors/",
]


def free_port():
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*command, **options):
    return subprocess.run(command, check=True, capture_output=True, text=True, **options)


@contextmanager
def private_postgres():
    """A PostgreSQL cluster of this run's own; yields (DATABASE_URL, restart function)."""
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    name, port = f"faults{secrets.token_hex(3)}", free_port()
    run("pg_createcluster", version, name, "--port", str(port), "--", "--auth=trust")
    try:
        run("pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start")
        run("psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-c",
            "CREATE DATABASE waic")  # fmt: skip

        def stop():
            run("pg_ctlcluster", "--skip-systemctl-redirect", version, name, "stop",
                "--", "-m", "fast")  # fmt: skip

        def start():
            run("pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start")

        yield f"postgres://postgres@127.0.0.1:{port}/waic", stop, start
    finally:
        subprocess.run(["pg_dropcluster", "--stop", version, name], check=False)


@contextmanager
def private_redis():
    """A redis-server of this run's own; yields (REDIS_URL, stop, start)."""
    port = free_port()
    command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
               "--appendonly", "no"]  # fmt: skip
    state = {"server": None}

    def start():
        state["server"] = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        time.sleep(0.5)

    def stop():
        state["server"].kill()
        state["server"].wait()

    start()
    try:
        yield f"redis://127.0.0.1:{port}/0", stop, start
    finally:
        if state["server"].poll() is None:
            stop()


@contextmanager
def app_server(env):
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "waic_site.wsgi", "--workers", "2",
               "--threads", "4", "--bind", f"127.0.0.1:{port}", "--no-control-socket"]  # fmt: skip
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


class Load:
    """CLIENTS threads fetching PAGES round-robin across `bases` until stopped."""

    def __init__(self, bases):
        self.bases, self.results, self.running = bases, [], True
        self.resume = threading.Event()
        self.resume.set()
        self.threads = [threading.Thread(target=self.client, args=(n,)) for n in range(CLIENTS)]

    def client(self, number):
        count = number
        while self.running:
            self.resume.wait()
            base = self.bases[count % len(self.bases)]
            path = PAGES[count % len(PAGES)]
            started = time.monotonic()
            try:
                if count % 25 == 0:  # now and then a visitor saves something
                    data = urllib.parse.urlencode(
                        {"kind": "exhibitor", "slug": self.slug, "action": "add", "next": "/"}
                    ).encode()
                    request = urllib.request.Request(base + "/my/star/", data=data)
                    request.add_header("Accept", "application/json")
                    status = urllib.request.urlopen(request, timeout=30).status
                else:
                    status = urllib.request.urlopen(base + path, timeout=30).status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0  # no answer at all
            self.results.append((started, status, path))
            count += CLIENTS

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        for thread in self.threads:
            thread.join()


def count(results, start, end):
    inside = [status for started, status, _path in results if start <= started < end]
    errors = [status for status in inside if status == 0 or status >= 500]
    return len(inside), len(errors)


def main():
    for tool in ("pg_createcluster", "redis-server"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: the fault run needs Debian's PostgreSQL and Redis")
    with (
        private_postgres() as (database_url, stop_pg, start_pg),
        private_redis() as (
            redis_url,
            stop_redis,
            start_redis,
        ),
    ):
        env = os.environ | {
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_DEBUG": "0",
            "DJANGO_DB_CONN_MAX_AGE": "600",
            "WAIC_PAGE_CACHE_SECONDS": "60",
            "DJANGO_STATIC_ROOT": tempfile.mkdtemp(prefix="faults-static-"),
            "DJANGO_MEDIA_ROOT": tempfile.mkdtemp(prefix="faults-media-"),
        }
        for step in (["collectstatic", "--no-input"], ["migrate", "--no-input"], ["load_demo"]):
            run(sys.executable, "manage.py", *step, cwd=ROOT, env=env)
        with app_server(env) as one, app_server(env) as two:
            load = Load([one, two])
            load.slug = "unitree"
            marks = {}
            with load:
                marks["start"] = time.monotonic()
                time.sleep(PHASE)
                marks["redis killed"] = time.monotonic()
                stop_redis()
                time.sleep(PHASE)
                start_redis()
                marks["redis back"] = time.monotonic()
                time.sleep(PHASE)
                # Quiet while PostgreSQL restarts, as at night: every server keeps its
                # persistent connections, which the restart has closed underneath.
                load.resume.clear()
                time.sleep(2)
                marks["postgres stopped"] = time.monotonic()
                stop_pg()
                start_pg()
                marks["postgres back"] = time.monotonic()
                load.resume.set()
                time.sleep(PHASE)
                marks["end"] = time.monotonic()
    results = load.results
    phases = [
        ("before the faults", marks["start"], marks["redis killed"]),
        ("Redis down", marks["redis killed"], marks["redis back"]),
        ("after Redis is back", marks["redis back"] + SETTLE, marks["postgres stopped"]),
        ("PostgreSQL restarting", marks["postgres stopped"], marks["postgres back"] + SETTLE),
        ("after PostgreSQL is back", marks["postgres back"] + SETTLE, marks["end"]),
    ]
    print(f"| Phase ({CLIENTS} clients, two servers) | requests | errors (5xx or none) |")
    print("| --- | ---: | ---: |")
    after_recovery = 0
    for name, start, end in phases:
        requests, errors = count(results, start, end)
        if name.startswith("after"):
            after_recovery += errors
        print(f"| {name} | {requests} | {errors} |")
        if name.startswith("after") and errors:
            failed = [
                f"{status} {path} at +{started - start:.1f} s"
                for started, status, path in results
                if start <= started < end and (status == 0 or status >= 500)
            ]
            print(f"|   failed: {', '.join(failed[:10])} | | |")
    print(f"\nErrors after recovery: {after_recovery}")
    return 1 if after_recovery else 0


if __name__ == "__main__":
    sys.exit(main())
