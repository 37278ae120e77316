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
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from run import SCALE, VENV_BIN, bench_environment, build_database, free_port, serving

ROOT = Path(__file__).resolve().parent.parent
CROWD = int(os.environ.get("BENCH_CROWD", "8"))
THREADS = os.environ.get("WEB_THREADS", "16")


def timed_get(url, timeout=300):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        queries = int(response.headers.get("X-Queries") or 0)
        return response.status, time.perf_counter() - started, queries


def main():
    folder = Path(tempfile.mkdtemp(prefix="waic-crowd-"))
    env = bench_environment(folder) | {"WAIC_PAGE_CACHE_SECONDS": "60"}
    build_database(env)
    command = [VENV_BIN / "gunicorn", "waic_site.wsgi"]
    threads = ["--threads", THREADS]
    with serving(command, free_port(), 1, env, ROOT, "/healthz", threads) as (base, _pid):
        run(base)


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
