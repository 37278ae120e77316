"""`make bench`, second part: a crowd asking for the heaviest export at once, as in issue 16.

Serves a fresh `load_demo --scale N` SQLite database as `make serve` does (gunicorn, one worker
with WEB_THREADS threads, the page cache on, local memory), sends CROWD requests for
`/schedule.xml?x=<random>` at the same moment and meanwhile asks /healthz every 0.2 s. Prints
how long each took, and how many of the crowd's answers were rendered rather than served from
the cache (by their X-Queries header: a rendered export reads the database). Everything goes to
127.0.0.1 only, and every loop is bounded.

Run from the project with the virtualenv's Python: `.venv/bin/python bench/crowd.py`.
Environment: BENCH_SCALE (default 10), BENCH_CROWD (default 8), WEB_THREADS (default 16, as
`make serve`).
"""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SCALE = int(os.environ.get("BENCH_SCALE", "10"))
CROWD = int(os.environ.get("BENCH_CROWD", "8"))
THREADS = os.environ.get("WEB_THREADS", "16")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def timed_get(url, timeout=300):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        queries = int(response.headers.get("X-Queries") or 0)
        return response.status, time.perf_counter() - started, queries


def main():
    folder = Path(tempfile.mkdtemp(prefix="waic-crowd-"))
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "WAIC_BENCH_QUERY_COUNT": "1",
        "WAIC_PAGE_CACHE_SECONDS": "60",
    }
    env.pop("REDIS_URL", None)
    for args in (["migrate", "--no-input"], ["load_demo", "--scale", str(SCALE)]):
        args += ["--verbosity", "0"]
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [VENV_BIN / "gunicorn", "waic_site.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "1", "--threads", THREADS, "--no-control-socket"]
        + ["--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                timed_get(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        run(base)
    finally:
        server.terminate()
        server.wait(timeout=30)


def run(base):
    results, health = [None] * CROWD, []
    barrier = threading.Barrier(CROWD + 1)
    done = threading.Event()

    def visit(i):
        barrier.wait()
        results[i] = timed_get(f"{base}/schedule.xml?x={secrets.token_hex(4)}")

    def probe():
        barrier.wait()
        for _ in range(3000):  # at most 10 minutes
            if done.is_set():
                return
            health.append(timed_get(base + "/healthz", timeout=60)[1])
            time.sleep(0.2)

    crowd = [threading.Thread(target=visit, args=(i,)) for i in range(CROWD)]
    prober = threading.Thread(target=probe)
    for thread in [*crowd, prober]:
        thread.start()
    for thread in crowd:
        thread.join()
    done.set()
    prober.join()

    rendered = sum(1 for status, seconds, queries in results if queries)
    times = sorted(seconds for status, seconds, queries in results)
    print(f"\nA crowd of {CROWD} asking for /schedule.xml?x=<random> at --scale {SCALE}:")
    print(f"- statuses: {sorted({status for status, _s, _q in results})}")
    print(f"- rendered: {rendered} of {CROWD} (the others from the cache)")
    print(f"- seconds each: {', '.join(f'{t:.2f}' for t in times)}")
    if health:
        health.sort()
        print(
            f"- /healthz meanwhile: {len(health)} answers, median {health[len(health) // 2]:.3f} s,"
            f" slowest {health[-1]:.3f} s"
        )


if __name__ == "__main__":
    main()
