"""`make bench`: WAIC at ten times its size, served by the production stack, under load.

Builds a fresh SQLite database with `load_demo --scale 10` (timed), serves it with gunicorn and
whitenoise, debug off, on 127.0.0.1 only, and drives every kind of page with wrk for a few
seconds each: first with the page cache off and one connection (what a page costs to render),
then with the cache on and 8 connections (what the site serves on opening day), /healthz in
the same run as the yardstick. The table goes into docs/benchmarks.md between its markers.

Run from the project with the virtualenv's Python: `.venv/bin/python bench/run.py`.
Environment: BENCH_SECONDS (per page and mode, default 5), BENCH_SCALE (default 10).
"""

import json
import os
import platform
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
LUA = ROOT / "bench" / "latency.lua"
REPORT = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
SCALE = int(os.environ.get("BENCH_SCALE", "10"))
LISTINGS = ("/exhibitors/", "/speakers/", "/sessions/")
# Hall H1 holds the most booths at --scale 10 (2,021): its map is held to the listings' budget.
HALL_MAP = "/exhibitors/halls/H1/"
BUDGETED = (*LISTINGS, HALL_MAP)

# Synthetic records have fixed slugs (waic_site/demo/synthetic.py): the same pages every run.
# Each `q` is a word a visitor might search for that matches a part of the records, as a name
# or topic does: "harbor" and "vision" one speaker or session in seven, "robot" one exhibitor in
# three. (Texts found in every record, such as "son" in every synthetic speaker's name, measure
# the cost of listing everything through the search index instead.)
PAGES = [
    ("Home", "/"),
    ("Exhibitors", "/exhibitors/"),
    ("Exhibitors: category + hall + q", "/exhibitors/?category=robotics&hall=H1&q=robot"),
    ("Speakers", "/speakers/"),
    ("Speakers: track + country + q", "/speakers/?track=embodied-ai&country=CN&q=harbor"),
    ("Sessions", "/sessions/"),
    ("Sessions: day + track + q", "/sessions/?day=2025-07-27&track=embodied-ai&q=vision"),
    ("Exhibitor page with its hall's map", "/exhibitors/synthetic-exhibitor-000123/"),
    ("Hall map: every booth", HALL_MAP),
    ("Speaker page", "/speakers/synthetic-speaker-000123/"),
    ("Session page", "/sessions/synthetic-session-000123/"),
    ("Search", "/search/?q=quantum"),
    ("Search (Chinese)", "/search/?q=%E6%99%BA%E8%83%BD"),
    ("Search (Chinese, 机器)", "/search/?q=%E6%9C%BA%E5%99%A8"),
    ("Search (Chinese, one character)", "/search/?q=%E6%99%BA"),
    ("Exhibitors: q (Chinese)", "/exhibitors/?q=%E6%99%BA%E8%83%BD"),
    ("API: sessions", "/api/v1/sessions/"),
    ("Speaker calendar", "/speakers/synthetic-speaker-000123/calendar.ics"),
    ("Schedule XML", "/schedule.xml"),
    ("Schedule JSON", "/schedule.json"),
    ("Agenda calendar", "/sessions/calendar.ics"),
    ("Health check", "/healthz"),
]
MODES = [
    ("cache off, 1 connection", {"WAIC_PAGE_CACHE_SECONDS": "0"}, 1),
    ("cache on, 8 connections", {"WAIC_PAGE_CACHE_SECONDS": "60"}, 8),
]


def main():
    wrk = find_wrk()
    with tempfile.TemporaryDirectory(prefix="waic-bench-") as folder:
        env = bench_environment(Path(folder))
        load_seconds = build_database(env)
        results = {
            mode: run_mode(wrk, env, extra, connections) for mode, extra, connections in MODES
        }
    report = render(results, load_seconds)
    write_report(report)
    print(report)


def find_wrk():
    """wrk from PATH, installed from Debian's packages if missing and allowed."""
    if path := shutil.which("wrk"):
        return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk (apt-get install wrk) …", flush=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=False)
        if path := shutil.which("wrk"):
            return path
    sys.exit("make bench needs the wrk load generator: install it with `apt-get install wrk`.")


def bench_environment(folder):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "WAIC_", "DATABASE_", "REDIS_"))
    }
    return env | {
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "WAIC_BENCH_QUERY_COUNT": "1",
        # As the production environment in docs/deploy.md: each worker keeps its connection, and
        # with it SQLite's page cache, between requests (Django's default opens one per request).
        "DJANGO_DB_CONN_MAX_AGE": "60",
    }


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def build_database(env):
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    started = time.perf_counter()
    manage(env, "load_demo", "--scale", str(SCALE))
    seconds = time.perf_counter() - started
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    return seconds


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_mode(wrk, env, extra, connections):
    with gunicorn(env | extra) as base:
        return {path: measure(wrk, base + path, connections) for _label, path in PAGES}


@contextmanager
def gunicorn(env, project=ROOT):
    """gunicorn serving `project`'s code with one worker per core on a free port of
    127.0.0.1, until the block ends; yields its base URL once it answers."""
    workers = os.cpu_count() or 2
    command = [VENV_BIN / "gunicorn", "waic_site.wsgi"]
    with serving(command, free_port(), workers, env, project, "/healthz") as (base, _pid):
        yield base


@contextmanager
def serving(gunicorn, port, workers, env, cwd, probe, options=()):
    """Runs `gunicorn` (its command and WSGI module, then `options`) with `workers` sync workers
    on 127.0.0.1, yields its base URL and its process id once `probe` answers, and stops it
    afterwards."""
    server = subprocess.Popen(
        [*gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
        + ["--no-control-socket", "--log-level", "warning", *options],
        cwd=cwd,
        env=env | {"WEB_CONCURRENCY": str(workers)},
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + probe)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_up(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"The server did not answer {url} within {seconds} s.")


def fetch(url):
    """Status, body size and X-Queries of one GET (the first, which also warms the page cache)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, len(response.read()), response.headers.get("X-Queries")
    except urllib.error.HTTPError as error:
        return error.code, len(error.read()), error.headers.get("X-Queries")


def measure(wrk, url, connections):
    status, size, queries = fetch(url)
    row = {"status": status, "bytes": size, "queries": queries}
    if status != 200:
        return row
    # Later requests of a cached page show the cache's query count; each gunicorn worker has a
    # cache of its own unless REDIS_URL is set, so ask a few times and keep the least.
    row["cached_queries"] = min((fetch(url)[2] for _ in range(4)), key=int)
    row |= run_wrk(wrk, url, connections, SECONDS)
    print(f"{url} c={connections}: {row}", flush=True)
    return row


def run_wrk(wrk, url, connections, seconds, timeout=30):
    """wrk with two threads at most against `url`: requests/s, p50 and p95 in ms, errors."""
    threads = str(min(connections, 2))
    output = subprocess.run(
        [wrk, "-t", threads, "-c", str(connections), "-d", f"{seconds}s"]
        + ["--timeout", f"{timeout}s", "-s", LUA, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    summary = json.loads(re.search(r"^BENCH (.*)$", output, re.MULTILINE).group(1))
    return {
        "requests": summary["requests"],
        "rps": summary["requests"] / (summary["duration_us"] / 1e6),
        "p50": summary["p50_us"] / 1000,
        "p95": summary["p95_us"] / 1000,
        "errors": summary["errors"],
    }


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} CPU cores ({cpu}), {kib / 1024 / 1024:.1f} GiB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; load average at the end: {load}"
    )


def render(results, load_seconds):
    off, on = (results[mode] for mode, _extra, _connections in MODES)
    healthz_rps = on["/healthz"].get("rps", 0)
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}.",
        "",
        f"`load_demo --scale {SCALE}` took **{load_seconds:.1f} s**. "
        f"Each page was loaded for {SECONDS} s per mode with wrk; gunicorn ran "
        f"{os.cpu_count()} workers. *Queries*: SQL queries per request when rendered "
        "(and, after the slash, when served from the page cache).",
        "",
        "| Page | Path | Queries | Bytes | Cache off, 1 conn.: req/s | p50 ms | p95 ms "
        "| Cache on, 8 conn.: req/s | p50 ms | p95 ms | Budget |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, path in PAGES:
        cold, warm = off[path], on[path]
        if cold["status"] != 200:
            lines.append(f"| {label} | `{path}` | n/a (HTTP {cold['status']}) | | | | | | | | |")
            continue
        lines.append(
            f"| {label} | `{path}` | {cold['queries']} / {warm.get('cached_queries')} "
            f"| {cold['bytes']:,} | {speed(cold)} | {speed(warm)} "
            f"| {budget(path, cold, warm, healthz_rps)} |"
        )
    return "\n".join(lines)


def speed(row):
    """req/s, p50 and p95 as three table cells; none when no request finished in time."""
    if not row.get("rps"):
        return f"none finished in {SECONDS} s | | "
    return f"{row['rps']:.1f} | {row['p50']:.1f} | {row['p95']:.1f}"


def budget(path, cold, warm, healthz_rps):
    """The listings' budgets, and the hall map's: p50 ≤ 50 ms uncached, ≥ 50 % of /healthz's
    req/s cached."""
    if path.split("?")[0] not in BUDGETED:
        return ""
    fast = "✓" if cold["p50"] <= 50 else "✗"
    share = warm["rps"] / healthz_rps if healthz_rps else 0
    enough = "✓" if share >= 0.5 else "✗"
    return f"p50 ≤ 50 ms {fast}; {share:.0%} of /healthz {enough}"


def write_report(table, start=START, end=END):
    """Replaces what docs/benchmarks.md has between the markers `start` and `end`."""
    text = REPORT.read_text() if REPORT.exists() else "# Benchmarks\n"
    if start not in text:
        text = f"{text.rstrip()}\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    _old, after = rest.split(end, 1)
    REPORT.write_text(f"{before}{start}\n{table}\n{end}{after}")


if __name__ == "__main__":
    main()
