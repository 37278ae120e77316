"""Show how the database answers every query of the listings, and whether any reads a big
table in full: run it on a database loaded with `load_demo --scale 10` after changing a
filter, a facet or an index (waic_site/query_plans.py says what is checked, and why). The
search page and the listings searched for texts the search indexes answer come after them."""

from django.core.management.base import BaseCommand, CommandError

from waic_site.query_plans import listing_plans, search_plans


class Command(BaseCommand):
    help = (
        "Print the query plans of the listings and searches and fail if one reads a big table "
        "in full."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sql", action="store_true", help="Print each query's SQL too.")

    def handle(self, *args, sql, **options):
        plans = listing_plans() + search_plans()
        for plan in plans:
            self.stdout.write(f"\n{plan.language} {plan.path}")
            if sql:
                self.stdout.write(plan.sql)
            for line in plan.plan:
                self.stdout.write(f"    {line}")
        full_scans = [plan for plan in plans if plan.full_scans]
        if full_scans:
            raise CommandError(
                "Full scans of big tables: "
                + "; ".join(
                    f"{p.path} ({p.language}): {', '.join(p.full_scans)}" for p in full_scans
                )
            )
        self.stdout.write(f"\n{len(plans)} queries, none reads a big table in full.")
