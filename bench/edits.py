"""`make bench`, third part: an organizer saving all day while visitors load pages (issue 17).

Serves a `load_demo --scale N` SQLite database with the page cache on in Redis, as production
does (gunicorn, one worker per core; pages kept longer than the run, so that every render is
one a save caused), saves one exhibitor every second from a side process (through the ORM, so
the save expires cached pages as an admin save does) and loads a mix of pages with wrk over 8
connections for `BENCH_EDIT_SECONDS` (default 60; `PAGES`, picked at random for each request
by bench/mix.lua). Reports the share of answers served from the page cache (fresh, or the
previous copy while the new one renders), how many were rendered, and the latency. With
`BENCH_BEFORE=/path/to/another/checkout` (e.g. main's) it serves that code too, on a copy of
the same database with keys of its own, and loads the two servers in alternating turns, so
that the machine's other load falls on both alike. The table goes into docs/benchmarks.md
between its own markers.

Needs Redis (the saving process and the servers must share the cache): `BENCH_REDIS_URL`, else
`REDIS_URL`, else redis://127.0.0.1:6379/0; its keys get a prefix of their own, deleted after.
Without Redis it says so and skips. Everything goes to 127.0.0.1 only.

Run from the project with the virtualenv's Python: `.venv/bin/python bench/edits.py`.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import redis
from run import (
    ROOT,
    SCALE,
    bench_environment,
    build_database,
    find_wrk,
    gunicorn,
    machine,
    write_report,
)

SECONDS = int(os.environ.get("BENCH_EDIT_SECONDS", "60"))
CONNECTIONS = 8
SLICES = 4
CACHE_SECONDS = 900
REDIS_URL = (
    os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
)
BEFORE = os.environ.get("BENCH_BEFORE")
LUA = ROOT / "bench" / "mix.lua"
START, END = "<!-- bench-edits:start -->", "<!-- bench-edits:end -->"
EDITED = "synthetic-exhibitor-000123"

# What visitors load: listings, detail pages of every kind (the edited exhibitor's among them),
# search, the API and calendars, a few in Chinese. Synthetic slugs are fixed, so every run asks
# for the same pages.
PAGES = [
    *("/", "/", "/search/?q=quantum", "/exhibitors/", "/speakers/", "/sessions/"),
    *("/sessions/?day=2025-07-27", "/zh-hans/sessions/", "/zh-hans/speakers/"),
    *(f"/speakers/synthetic-speaker-{n:06d}/" for n in range(100, 120)),
    *(f"/sessions/synthetic-session-{n:06d}/" for n in range(100, 120)),
    *(f"/exhibitors/synthetic-exhibitor-{n:06d}/" for n in range(115, 135)),
    *(f"/speakers/synthetic-speaker-{n:06d}/calendar.ics" for n in range(100, 105)),
    *("/exhibitors/halls/H1/", "/api/v1/sessions/", "/api/v1/exhibitors/"),
]

SAVER = """
import time
from exhibitors.models import Exhibitor
print("ready", flush=True)
started = time.monotonic()
n = 0
while time.monotonic() < started + {seconds}:
    exhibitor = Exhibitor.objects.get(slug="{slug}")
    exhibitor.tagline = f"Edited {{n}}"
    exhibitor.save()
    n += 1
    time.sleep(max(0, started + n - time.monotonic()))
print("saves", n, flush=True)
"""


def main():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:  # skipped, not failed: the rest of make bench stands
        print(f"Skipped bench/edits.py: it needs Redis for the servers and the saver: {error}")
        return
    wrk = find_wrk()
    with tempfile.TemporaryDirectory(prefix="waic-edits-") as folder:
        folder = Path(folder)
        # Kept longer than the run: every render counted is one a save caused.
        env = bench_environment(folder) | {"WAIC_PAGE_CACHE_SECONDS": str(CACHE_SECONDS)}
        build_database(env)
        paths = folder / "paths.txt"
        paths.write_text("\n".join(PAGES) + "\n")
        checkouts = [("after: this checkout", env, ROOT)]
        if BEFORE:
            copy = folder / "before.sqlite3"
            shutil.copy(folder / "bench.sqlite3", copy)
            before_env = env | {"DATABASE_URL": f"sqlite:///{copy}"}
            checkouts.insert(0, (f"before: `{BEFORE}`", before_env, Path(BEFORE)))
        runs = measure(wrk, checkouts, paths)
    report = render(runs)
    write_report(report, START, END)
    print(report)


def measure(wrk, checkouts, paths):
    """Each checkout served on its own copy of the database, with its own keys in Redis and an
    exhibitor saved every second all along, loaded in turns of SECONDS / SLICES, so that a
    change in the machine's other load falls on all of them alike. [(label, totals)]."""
    prefixes = [f"bench-edits-{secrets.token_hex(4)}" for _checkout in checkouts]
    with ExitStack() as stack:
        stack.callback(forget, prefixes)
        servers = []
        for (_label, env, project), prefix in zip(checkouts, prefixes, strict=True):
            env = env | {"REDIS_URL": REDIS_URL, "DJANGO_CACHE_KEY_PREFIX": prefix}
            if project != ROOT:  # its own migrations, on its own copy
                manage_in(project, env, "migrate", "--no-input", "--verbosity", "0")
            base = stack.enter_context(gunicorn(env, project))
            for path in PAGES:  # every page cached once, as on a site that has been up a while
                fetch(base + path)
            servers.append((base, env, project))
        savers = [
            subprocess.Popen(
                [sys.executable, "manage.py", "shell", "--no-imports", "-c"]
                + [SAVER.format(seconds=SECONDS * len(servers) + 5, slug=EDITED)],
                cwd=project,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _base, env, project in servers
        ]
        for saver in savers:
            assert saver.stdout.readline().strip() == "ready"
        slices = [[] for _server in servers]
        for _turn in range(SLICES):
            for (base, _env, _project), results in zip(servers, slices, strict=True):
                results.append(load(wrk, base, paths, SECONDS // SLICES))
        saves = [
            int(re.search(r"saves (\d+)", s.communicate(timeout=120)[0]).group(1)) for s in savers
        ]
    runs = []
    for (label, _env, _project), results, count in zip(checkouts, slices, saves, strict=True):
        totals = {key: sum(r[key] for r in results) for key in results[0]}
        # Percentiles of the turns, weighted by their requests.
        for key in ("p50_us", "p95_us"):
            totals[key] = sum(r[key] * r["requests"] for r in results) / totals["requests"]
        totals["saves"] = count
        print(f"{label}: {totals}", flush=True)
        runs.append((label, totals))
    return runs


def load(wrk, base, paths, seconds):
    output = subprocess.run(
        [wrk, "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout", "30s"]
        + ["-s", LUA, base, "--", str(paths)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(re.search(r"^BENCH (.*)$", output, re.MULTILINE).group(1))


def manage_in(project, env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=project, env=env, check=True)


def forget(prefixes):
    client = redis.Redis.from_url(REDIS_URL)
    for prefix in prefixes:
        if keys := list(client.scan_iter(match=f"{prefix}:*")):
            client.delete(*keys)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
    except urllib.error.HTTPError as error:
        sys.exit(f"{url} answered {error.code}")


def render(runs):
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}.",
        "",
        f"`load_demo --scale {SCALE}`, the page cache on in Redis (pages kept "
        f"{CACHE_SECONDS} s, longer than the run: renders come from saves), gunicorn with "
        f"{os.cpu_count()} workers; an exhibitor (`{EDITED}`) is saved every second while wrk "
        f"loads {len(PAGES)} pages at random over {CONNECTIONS} connections for {SECONDS} s, "
        f"in {SLICES} turns taken in alternation with the other row's server (latencies: the "
        "turns' own, weighted by their requests). "
        "*From the cache*: answers without a query (fresh, or the previous copy while the new "
        "one renders); *rendered*: answers that read the database.",
        "",
        "| Code | Saves (whole run) | Requests | req/s | From the cache | Rendered | p50 ms "
        "| p95 ms | Errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, row in runs:
        answered = row["hits"] + row["rendered"] + row["failed"]
        share = row["hits"] / answered if answered else 0
        rps = row["requests"] / (row["duration_us"] / 1e6)
        lines.append(
            f"| {label} | {row['saves']} | {row['requests']:,} | {rps:.0f} | {share:.1%} "
            f"| {row['rendered']:,} | {row['p50_us'] / 1000:.1f} | {row['p95_us'] / 1000:.1f} "
            f"| {row['errors'] + row['failed']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
