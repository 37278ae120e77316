"""Fill the directory with WAIC 2025 as it happened, so a newcomer sees a real site at once.

`--scale N` adds deterministic synthetic data, N times WAIC 2025's size, for benchmarks.
Both are idempotent: running again creates only what is missing and never changes existing rows.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from waic_site.cache import bump_page_version
from waic_site.demo.synthetic import load_synthetic
from waic_site.demo.waic2025 import load_waic2025


class Command(BaseCommand):
    help = "Load WAIC 2025 demo data (idempotent); --scale N adds synthetic data for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Also add N times WAIC 2025's size of synthetic records (for benchmarks).",
        )

    def handle(self, *args, scale, **options):
        if scale < 0:
            raise CommandError("--scale must be 0 or more.")
        started = time.perf_counter()
        created = load_waic2025()
        self.stdout.write(f"WAIC 2025: {describe(created)}")
        if scale:
            self.stdout.write(f"Synthetic data, scale {scale}:")
            created = load_synthetic(scale, progress=self.stdout.write)
            self.stdout.write(f"Synthetic: {describe(created)}")
            refresh_statistics()
        bump_page_version()  # bulk inserts send no signals (waic_site/cache.py)
        self.stdout.write(f"Done in {time.perf_counter() - started:.1f} s.")


def refresh_statistics():
    """Tell the database's query planner how big the tables now are. Without statistics
    SQLite guesses, and after tens of thousands of new rows it picks a partial index that
    does not fit a listing's count (12 ms instead of nothing for the keynote count)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def describe(created):
    counts = [f"{count} {name}" for name, count in created.items() if count]
    return "created " + ", ".join(counts) if counts else "nothing new to create"
