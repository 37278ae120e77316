"""`make bench-peer` (and the last part of `make bench`): ours beside pretalx, uncached, one run.

Issue 17 measures WAIC Directory against pretalx 2025.2.2, the leading conference tool, on the
same machine in the same run. This script:

1. makes or reuses a virtualenv for pretalx in `.bench/pretalx-venv/` (git-ignored) with
   `python3.11 -m venv` and `pip install pretalx==2025.2.2 gunicorn==27.0.1` (the same gunicorn
   as ours). When that cannot be done, or BENCH_PEER=0, ours is measured alone and the table says
   why the pretalx column is empty;
2. gives pretalx a data folder of its own with a fresh SQLite database (`migrate`), debug off,
   no mail, Redis or Celery (so no cache: pretalx caches only in Redis), its static files
   collected once into `.bench/pretalx-static-<version>/`, and loads it with
   bench/pretalx_load.py: 1,000 speakers and 1,000 confirmed one-hour talks with three speakers
   each, over three days in 34 rooms, schedule released;
3. builds ours into a fresh SQLite database with `load_demo --scale 1` (about 1,250 speakers and
   1,570 sessions, three speakers each);
4. serves both with gunicorn, 2 sync workers, debug off, on 127.0.0.1; ours with the page cache
   off (WAIC_PAGE_CACHE_SECONDS=0) and its production database settings (bench/run.py);
5. checks that each page answers 200 with the real content (names, titles, every talk in an
   export) and stops loudly otherwise, then loads each pair with wrk, 2 threads and 8
   connections, ours first, for BENCH_SECONDS or, for slow pages, long enough that about
   BENCH_PEER_REQUESTS requests finish (see `duration`);
6. writes the table into docs/benchmarks.md between `<!-- bench-peer:start -->` and
   `<!-- bench-peer:end -->`, with the machine, the versions and the issue's targets.

Run from the project with the virtualenv's Python: `.venv/bin/python bench/pretalx.py`.
Environment: BENCH_SECONDS (shortest load per page, default 5), BENCH_PEER_REQUESTS (requests
a slow page is loaded for, default 60), BENCH_PEER_SPEAKERS (speakers per pretalx talk, default
3), BENCH_PEER (0 skips pretalx).
"""

import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from run import (
    ROOT,
    VENV_BIN,
    bench_environment,
    find_wrk,
    free_port,
    machine,
    manage,
    run_wrk,
    serving,
    write_report,
)

PRETALX = "2025.2.2"
GUNICORN = "27.0.1"
PEER_VENV = ROOT / ".bench" / "pretalx-venv"
PEER_STATIC = ROOT / ".bench" / f"pretalx-static-{PRETALX}"
LOADER = ROOT / "bench" / "pretalx_load.py"
START, END = "<!-- bench-peer:start -->", "<!-- bench-peer:end -->"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = 8
WORKERS = 2
# Slow pages are loaded until about this many requests finish (≤ 90 s).
TARGET_REQUESTS = int(os.environ.get("BENCH_PEER_REQUESTS", "60"))


# A request may take this long (gunicorn's worker timeout, wrk's): an export waits behind three
# others for each worker with 8 connections, longer on a busy machine. Gunicorn's default of
# 30 s killed pretalx's workers rendering schedule.json at a load average of 9.
TIMEOUT = 300
SLOW = ("--timeout", str(TIMEOUT))


class Skip(Exception):
    """pretalx cannot be installed or run here: the column is left out, with this reason."""


class BadPage(Exception):
    """A page answered, but not with what it should show: a ratio against it would be worthless."""


def main():
    wrk = find_wrk()
    load_before = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="waic-bench-peer-") as folder:
        folder = Path(folder)
        peer, skipped = None, None
        try:
            peer = prepare_pretalx(folder / "pretalx")
        except Skip as reason:
            skipped = str(reason)
            print(f"pretalx column skipped: {skipped}", flush=True)
        ours = prepare_ours(folder / "ours")
        results = measure_all(wrk, ours, peer)
    report = render(results, skipped, load_before)
    write_report(report, START, END)
    print(report)


# pretalx: install, configure, load


def prepare_pretalx(folder):
    """pretalx's interpreter, environment and data folder, loaded; raises Skip if it can't."""
    if os.environ.get("BENCH_PEER") == "0":
        raise Skip("BENCH_PEER=0 was set.")
    python = install_pretalx()
    data = folder / "data"
    data.mkdir(parents=True)
    config = folder / "pretalx.cfg"
    config.write_text(
        "\n".join(
            [
                "[filesystem]",
                f"data = {data}",
                f"static = {PEER_STATIC}",
                "[site]",
                "debug = False",
                "url = http://127.0.0.1",
                "[database]",
                "backend = sqlite3",
                f"name = {data / 'db.sqlite3'}",
                "[mail]",
                "from = orga@example.org",
                "host = 127.0.0.1",
                "port = 9",
                "[redis]",
                "location = False",
                "[celery]",
                "broker =",
                "",
            ]
        )
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "WAIC_", "DATABASE_", "REDIS_", "PRETALX_"))
    } | {"PRETALX_CONFIG_FILE": str(config), "DJANGO_SETTINGS_MODULE": "pretalx.settings"}
    pretalx_command(python, env, folder, "-m", "pretalx", "migrate", "--no-input", "-v", "0")
    if not (PEER_STATIC / "staticfiles.json").exists():
        print(f"Collecting pretalx's static files into {PEER_STATIC} …", flush=True)
        pretalx_command(python, env, folder, "-m", "pretalx", "collectstatic", "--no-input")
        # `rebuild` would also build the organisers' schedule editor with npm; only organisers'
        # pages use its manifest, and an empty one saves each worker a warning.
        (PEER_STATIC / "pretalx-manifest.json").write_text("{}")
    started = time.perf_counter()
    # -P: not the script's folder first on sys.path, where bench/pretalx.py would hide pretalx.
    output = pretalx_command(python, env, folder, "-P", LOADER)
    seconds = time.perf_counter() - started
    codes = json.loads(output.strip().splitlines()[-1])
    return {"python": python, "env": env, "folder": folder, "load_seconds": seconds} | codes


def install_pretalx():
    """The pretalx virtualenv's Python, made if missing; Skip when pip or Python fails."""
    python = PEER_VENV / "bin" / "python"
    probe = "import pretalx, gunicorn; print(pretalx.__version__, gunicorn.__version__)"
    if python.exists():
        found = subprocess.run([python, "-c", probe], capture_output=True, text=True)
        if found.stdout.split() == [PRETALX, GUNICORN]:
            return python
    interpreter = shutil.which("python3.11")
    if not interpreter:
        raise Skip(f"pretalx {PRETALX} needs Python ≥ 3.10 and python3.11 is not on PATH.")
    print(f"Installing pretalx {PRETALX} into {PEER_VENV} …", flush=True)
    steps = [
        [interpreter, "-m", "venv", PEER_VENV],
        [python, "-m", "pip", "install", "--quiet", f"pretalx=={PRETALX}", f"gunicorn=={GUNICORN}"],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode:
            last = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise Skip(f"`{' '.join(map(str, step))}` failed: {' / '.join(last)}")
    return python


def pretalx_command(python, env, folder, *args):
    done = subprocess.run([python, *args], cwd=folder, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"pretalx: `{' '.join(map(str, args))}` failed:\n{done.stderr[-3000:]}")
    return done.stdout


# Ours


def prepare_ours(folder):
    folder.mkdir(parents=True)
    env = bench_environment(folder)
    # The X-Queries header costs a little on every request; this comparison has no use for it.
    env.pop("WAIC_BENCH_QUERY_COUNT")
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    started = time.perf_counter()
    manage(env, "load_demo", "--scale", "1")
    seconds = time.perf_counter() - started
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    return {"env": env | {"WAIC_PAGE_CACHE_SECONDS": "0"}, "load_seconds": seconds}


# Pages, their checks and the targets of issue 17


def detail(*texts):
    """A check that an HTML page shows each of `texts`."""

    def check(body):
        missing = [text for text in texts if text not in body]
        if missing:
            raise BadPage(f"does not show {missing}")
        return f"shows {', '.join(texts)}"

    return check


def talks_in_json(least):
    """A check that a c3voc schedule.json (both sides write that format) has `least` talks."""

    def check(body):
        days = json.loads(body)["schedule"]["conference"]["days"]
        count = sum(len(talks) for day in days for talks in day["rooms"].values())
        if count < least:
            raise BadPage(f"has {count} talks, fewer than {least}")
        return f"{count:,} talks"

    return check


def counted(marker, least, what):
    def check(body):
        count = body.count(marker)
        if count < least:
            raise BadPage(f"has {count} {what}, fewer than {least}")
        return f"{count:,} {what}"

    return check


def api_page(body):
    data = json.loads(body)
    if data["count"] < 1500 or not data["results"]:
        raise BadPage(f"lists {data['count']} sessions")
    return f"{len(data['results'])} of {data['count']:,} sessions"


def titled(text):
    """A check that an HTML page's <title> names `text`: a detail page, not a list or an error."""

    def check(body):
        found = re.search(r"<title>([^<]*)", body)
        if not found or text not in found.group(1):
            raise BadPage(f"has the title {found and found.group(1)!r}, without {text!r}")
        return f"titled {found.group(1).strip()!r}"

    return check


def pretalx_pages(peer):
    """pretalx's pages: path, content type, check. Its talk 123 and that talk's first speaker,
    as ours' speaker and session 000123 (bench/pretalx_load.py's `sample`)."""
    event = f"/{peer['event']}"
    return {
        "speaker": (
            f"{event}/speaker/{peer['speaker']}/",
            "text/html",
            detail(peer["speakers"][0], peer["title"]),
        ),
        "talk": (
            f"{event}/talk/{peer['talk']}/",
            "text/html",
            detail(peer["title"], *peer["speakers"]),
        ),
        "json": (f"{event}/schedule/export/schedule.json", "application/json", talks_in_json(1000)),
        "xml": (f"{event}/schedule.xml", "text/xml", counted("<event ", 1000, "talks")),
    }


# label, ours (path, content type, check), pretalx page, what the target compares with, minimum
ROWS = [
    (
        "Speaker detail",
        ("/speakers/synthetic-speaker-000123/", "text/html", titled("000123")),
        "speaker",
        "speaker",
        20,
    ),
    (
        "Session detail vs talk detail",
        ("/sessions/synthetic-session-000123/", "text/html", titled("000123")),
        "talk",
        "talk",
        10,
    ),
    (
        "`/schedule.json`",
        ("/schedule.json", "application/json", talks_in_json(1500)),
        "json",
        "json",
        10,
    ),
    (
        "`/schedule.xml`",
        ("/schedule.xml", "application/xml", counted("<event ", 1500, "sessions")),
        "xml",
        "json",
        10,
    ),
    (
        "Agenda calendar `/sessions/calendar.ics`",
        ("/sessions/calendar.ics", "text/calendar", counted("BEGIN:VEVENT", 1500, "sessions")),
        "json",
        "json",
        10,
    ),
    (
        "API: `/api/v1/sessions/`",
        ("/api/v1/sessions/", "application/json", api_page),
        "json",
        "json",
        10,
    ),
]


# Measuring


def measure_all(wrk, ours, peer):
    """Serves both sides at once (an idle server costs nothing) and loads one page at a time."""
    results = {"ours": {}, "peer": {}, "ours_load": ours["load_seconds"], "peer_info": None}
    ours_port = free_port()
    with serving(
        [VENV_BIN / "gunicorn", "waic_site.wsgi"],
        ours_port,
        WORKERS,
        ours["env"],
        ROOT,
        "/healthz",
        SLOW,
    ) as ours_server:
        if peer is None:
            for _label, page, _key, _target, _minimum in ROWS:
                results["ours"][page[0]] = load(wrk, ours_server, page)
            return results
        peer_base_port = free_port()
        pages = pretalx_pages(peer)
        with serving(
            [peer["python"].parent / "gunicorn", "pretalx.wsgi"],
            peer_base_port,
            WORKERS,
            peer["env"],
            peer["folder"],
            pages["talk"][0],
            SLOW,
        ) as peer_server:
            for _label, page, key, _target, _minimum in ROWS:
                results["ours"][page[0]] = load(wrk, ours_server, page)
                if key not in results["peer"]:
                    results["peer"][key] = load(wrk, peer_server, pages[key])
            results["peer"]["paths"] = {key: page[0] for key, page in pages.items()}
        results["peer_info"] = peer | {"versions": versions(peer)}
    return results


def load(wrk, server, page):
    """Checks one page, then loads it with wrk; exits on an error page or a failed request.
    Besides wrk's figures: the CPU time the server's workers spent per request."""
    base, pid = server
    path, content_type, check = page
    url = base + path
    status, kind, body, seconds = fetch_timed(url)
    if status != 200 or not kind.startswith(content_type):
        sys.exit(f"{url} answered {status} {kind!r}, not 200 {content_type}:\n{body[:2000]}")
    try:
        content = check(body)
    except (BadPage, ValueError, KeyError) as problem:
        sys.exit(f"{url}: {problem}\n{body[:2000]}")
    row = {"bytes": len(body.encode()), "content": content, "single_ms": seconds * 1000}
    cpu = workers_cpu_seconds(pid)
    row |= run_wrk(wrk, url, CONNECTIONS, duration(seconds), timeout=TIMEOUT)
    if row["errors"] or not row["rps"]:
        sys.exit(f"{url}: {row['errors']} failed requests under load ({row}).")
    # Requests still rendering when wrk stops count here but not in wrk's total: a few percent.
    row["cpu_ms"] = (workers_cpu_seconds(pid) - cpu) * 1000 / row["requests"]
    print(f"{url}: {row}", flush=True)
    wait_until_idle(pid)
    return row


def wait_until_idle(pid):
    """Waits while the workers still render what wrk asked for before it stopped: sync workers
    finish every request they accepted, and the next page's load must not share the CPU with
    them (a pretalx export's leftovers ran for a minute into ours' next page)."""
    deadline = time.monotonic() + TIMEOUT
    before = workers_cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = workers_cpu_seconds(pid)
        if now - before < 0.02:
            return
        before = now


def workers_cpu_seconds(parent):
    """User and system CPU seconds of the processes whose parent is `parent` (gunicorn's
    workers), from /proc: unlike requests/s, this hardly changes with the machine's load."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == parent:  # fields after the name: state, ppid, …, utime, stime
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def fetch_timed(url):
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            body = response.read()
            status, kind = response.status, response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        body, status, kind = error.read(), error.code, error.headers.get("Content-Type", "")
    return status, kind, body.decode("utf-8", "replace"), time.perf_counter() - started


def duration(single_seconds):
    """Seconds of load: BENCH_SECONDS, or for a slow page long enough that about
    TARGET_REQUESTS finish with 8 connections on 2 workers (capped at 90 s), so that the
    requests cut off at the end weigh little."""
    wanted = single_seconds * TARGET_REQUESTS / WORKERS
    return max(SECONDS, min(90, math.ceil(wanted)))


def versions(peer):
    probe = "import django, pretalx; print(pretalx.__version__, django.__version__)"
    done = subprocess.run([peer["python"], "-c", probe], capture_output=True, text=True)
    pretalx, django = done.stdout.split()
    return f"pretalx {pretalx} (Django {django})"


# The table


def render(results, skipped, load_before):
    ours_django = subprocess.run(
        [sys.executable, "-c", "import django; print(django.__version__)"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    peer = results["peer_info"]
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()} "
        f"(at the start: {load_before}).",
        "",
        f"Ours: WAIC Directory (Django {ours_django}), `load_demo --scale 1` "
        f"({results['ours_load']:.1f} s), page cache off. "
        + (
            f"Peer: {peer['versions']}, 1,000 speakers and 1,000 talks with "
            f"{len(peer['speakers'])} speakers each "
            f"(loaded in {peer['load_seconds']:.1f} s), no cache. "
            if peer
            else ""
        )
        + f"Both on SQLite, gunicorn {GUNICORN} with {WORKERS} sync workers, debug off; wrk "
        f"with 2 threads and {CONNECTIONS} connections, each page for at least {SECONDS} s "
        f"(slow ones until about {TARGET_REQUESTS} requests finish). *CPU ms*: CPU time the "
        "workers spent per request, which the machine's load changes far less than req/s. "
        "*Ratio*: ours' req/s over pretalx's for the page beside it; *CPU ratio*: pretalx's CPU "
        "time per request over ours; *target*: issue 17's, in req/s, against the page it names.",
        "",
    ]
    if skipped:
        lines += [f"**pretalx column skipped:** {skipped}", ""]
    lines += [
        "| Page | ours req/s | p50 ms | CPU ms | bytes | pretalx page | req/s | p50 ms | CPU ms "
        "| bytes | ratio | CPU ratio | target (req/s) |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, page, key, target_key, minimum in ROWS:
        ours = results["ours"][page[0]]
        cells = [label, *side(ours)]
        if skipped:
            cells += ["n/a", "", "", "", "", "", "", f"≥ {minimum}× (not measured)"]
        else:
            theirs = results["peer"][key]
            target_ratio = ours["rps"] / results["peer"][target_key]["rps"]
            reference = (
                "" if target_key == key else f" {PEER_NAMES[target_key]}: {figure(target_ratio)}×"
            )
            mark = "✓" if target_ratio >= minimum else "✗"
            cells += [
                f"`{results['peer']['paths'][key]}`",
                *side(theirs),
                f"{figure(ours['rps'] / theirs['rps'])}×",
                f"{figure(theirs['cpu_ms'] / ours['cpu_ms'])}×",
                f"≥ {minimum}×{reference} {mark}",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def side(row):
    """req/s, p50, CPU ms per request and bytes: one side's cells."""
    return [figure(row["rps"]), figure(row["p50"]), figure(row["cpu_ms"]), f"{row['bytes']:,}"]


def figure(value):
    """Three significant digits, never in exponent form: 190, 13.2, 0.0666."""
    if value <= 0:
        return "0"
    return f"{value:.{max(0, 2 - math.floor(math.log10(value)))}f}"


PEER_NAMES = {"json": "schedule.json", "xml": "schedule.xml", "talk": "talk", "speaker": "speaker"}


if __name__ == "__main__":
    main()
