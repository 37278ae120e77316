"""Deterministic synthetic data, N times WAIC 2025's size, for benchmarks.

Per unit of scale: 800 exhibitors, 3,000 products, 1,200 speakers and 1,500 sessions, with
categories, booths, session speakers and venues, all published. Records are numbered, so the same
N always gives the same rows; rows that already exist (by slug) are skipped, which makes it safe to
run again or to grow from --scale 1 to --scale 10. Sessions never clash: each synthetic venue runs
one session an hour, and no speaker is in two sessions of the same hour. Texts are English only
(pages fall back to English in Chinese); bulk inserts skip save(), so sort names are set here.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from exhibitors.models import Booth, Category, Exhibitor, Hall, Premiere, Product
from speakers.models import (
    Session,
    SessionLanguage,
    SessionRole,
    SessionSpeaker,
    SessionType,
    Speaker,
    Track,
    Venue,
)

from .plans import SYNTHETIC_AREA, hall_plan, synthetic_booth, synthetic_top

PER_UNIT = {"exhibitors": 800, "products": 3000, "speakers": 1200, "sessions": 1500}
SLOTS_PER_DAY = 10  # one-hour sessions from 08:30 to 18:30
DAYS = (26, 27, 28)
SPEAKERS_PER_SESSION = 3
COUNTRIES = ["CN", "CN", "CN", "US", "DE", "FR", "GB", "JP", "KR", "SG", "AE", "CA"]
WORDS = [
    "Quantum", "Neural", "Vision", "Cloud", "Robot", "Data", "Edge", "Deep", "Smart", "Open",
    "Photon", "Silicon", "Agent", "Swift", "Harbor", "Lotus", "Dragon", "Pearl", "River", "Summit",
]  # fmt: skip
BATCH = 2000
SHANGHAI = ZoneInfo("Asia/Shanghai")


def word_name(n):
    return f"{WORDS[n % len(WORDS)]} {WORDS[(n // len(WORDS)) % len(WORDS)]}"


def missing(model, slugs):
    """The slugs from `slugs` that have no row yet."""
    existing = set(
        model.objects.filter(slug__startswith="synthetic-").values_list("slug", flat=True)
    )
    return [slug for slug in slugs if slug not in existing]


def load_synthetic(scale, progress=print):
    """Add `scale` units of synthetic data; return {"exhibitors": number created, …}."""
    created = {}
    with transaction.atomic():
        created["exhibitors"], created["products"] = _exhibitors(scale, progress)
        created["speakers"] = _speakers(scale, progress)
        created["sessions"] = _sessions(scale, progress)
    return created


def _exhibitors(scale, progress):
    halls = list(Hall.objects.order_by("order", "code"))
    categories = list(Category.objects.order_by("order", "slug"))
    if not halls or not categories:
        halls = halls or [Hall.objects.create(code="SX", name="Synthetic hall")]
        categories = categories or [Category.objects.create(name="Synthetic", slug="synthetic")]
    total = scale * PER_UNIT["exhibitors"]
    wanted = {f"synthetic-exhibitor-{n:06d}": n for n in range(total)}
    new = []
    for slug in missing(Exhibitor, wanted):
        n = wanted[slug]
        hall = halls[n % len(halls)]
        exhibitor = Exhibitor(
            slug=slug,
            name_en=f"{word_name(n)} Technologies {n:06d}",
            tagline_en=f"{WORDS[n % len(WORDS)]} AI systems for industry",
            description_en=f"Synthetic exhibitor number {n} for benchmarks.",
            country=COUNTRIES[n % len(COUNTRIES)],
            hall=hall,
            booth=f"{hall.code}-X{n:06d}",
            is_featured=n % 40 == 0,
            is_published=True,
        )
        exhibitor.fill_sort_names()
        new.append(exhibitor)
    Exhibitor.objects.bulk_create(new, batch_size=BATCH)
    progress(f"  exhibitors: {len(new)} created")
    by_slug = dict(
        Exhibitor.objects.filter(slug__in=[e.slug for e in new]).values_list("slug", "id")
    )
    links = [
        Exhibitor.categories.through(
            exhibitor_id=by_slug[exhibitor.slug],
            category_id=categories[(wanted[exhibitor.slug] + offset) % len(categories)].id,
        )
        for exhibitor in new
        for offset in {0, 3 % len(categories)}
    ]
    Exhibitor.categories.through.objects.bulk_create(links, batch_size=BATCH)
    _booths(halls, total, progress)

    exhibitor_ids = dict(
        Exhibitor.objects.filter(slug__startswith="synthetic-").values_list("slug", "id")
    )
    total = scale * PER_UNIT["products"]
    per_exhibitor = PER_UNIT["products"] / PER_UNIT["exhibitors"]
    wanted = {f"synthetic-product-{n:06d}": n for n in range(total)}
    premieres = [Premiere.WORLD, Premiere.CHINA] + [Premiere.NONE] * 28
    products = []
    for slug in missing(Product, wanted):
        n = wanted[slug]
        owner = f"synthetic-exhibitor-{int(n / per_exhibitor):06d}"
        products.append(
            Product(
                slug=slug,
                name_en=f"{word_name(n * 7)} {n:06d}",
                description_en=f"Synthetic exhibit number {n}.",
                exhibitor_id=exhibitor_ids[owner],
                premiere=premieres[n % len(premieres)],
                is_published=True,
            )
        )
    Product.objects.bulk_create(products, batch_size=BATCH)
    progress(f"  products: {len(products)} created")
    return len(new), len(products)


def _booths(halls, total, progress):
    """A small booth for each synthetic exhibitor, in a block behind its hall's own rows; the
    hall's plan grows to hold them (waic_site/demo/plans.py)."""
    ids = dict(
        Exhibitor.objects.filter(slug__startswith="synthetic-exhibitor-").values_list("booth", "id")
    )
    taken = set(Booth.objects.filter(code__contains="-X").values_list("code", flat=True))
    new = []
    for position, hall in enumerate(halls):
        count = len(range(position, total, len(halls)))
        themes = [
            area
            for area in hall.plan_areas or []
            if area.get("kind") == "area" and area.get("label") != SYNTHETIC_AREA
        ]
        width, height, areas = hall_plan(themes, synthetic=count)
        top = synthetic_top(len(themes))
        if (hall.plan_width or 0) < width or (hall.plan_height or 0) < height:
            hall.plan_width, hall.plan_height, hall.plan_areas = width, height, areas
            hall.save(update_fields=["plan_width", "plan_height", "plan_areas"])
        for index, n in enumerate(range(position, total, len(halls))):
            code = f"{hall.code}-X{n:06d}"
            if code in taken or code not in ids:
                continue
            new.append(
                Booth(hall=hall, code=code, exhibitor_id=ids[code], **synthetic_booth(index, top))
            )
    Booth.objects.bulk_create(new, batch_size=BATCH)
    progress(f"  booths: {len(new)} created")


def _speakers(scale, progress):
    exhibitor_ids = list(
        Exhibitor.objects.filter(slug__startswith="synthetic-")
        .order_by("slug")
        .values_list("id", flat=True)
    )
    total = scale * PER_UNIT["speakers"]
    wanted = {f"synthetic-speaker-{n:06d}": n for n in range(total)}
    new = []
    for slug in missing(Speaker, wanted):
        n = wanted[slug]
        speaker = Speaker(
            slug=slug,
            name_en=f"{WORDS[n % len(WORDS)]} {WORDS[(n * 3) % len(WORDS)]}son {n:06d}",
            position_en="Chief Scientist" if n % 3 == 0 else "Research Director",
            organization_en=f"{word_name(n)} Institute",
            exhibitor_id=exhibitor_ids[n % len(exhibitor_ids)] if n % 2 == 0 else None,
            country=COUNTRIES[n % len(COUNTRIES)],
            bio_en=f"Synthetic speaker number {n} for benchmarks.",
            is_keynote=n % 100 == 0,
            is_published=True,
        )
        speaker.fill_sort_names()
        new.append(speaker)
    Speaker.objects.bulk_create(new, batch_size=BATCH)
    progress(f"  speakers: {len(new)} created")
    return len(new)


def _sessions(scale, progress):
    tracks = list(Track.objects.order_by("order", "slug")) or [
        Track.objects.create(name="Synthetic", slug="synthetic")
    ]
    speaker_ids = list(
        Speaker.objects.filter(slug__startswith="synthetic-")
        .order_by("slug")
        .values_list("id", flat=True)
    )
    total = scale * PER_UNIT["sessions"]
    slots = SLOTS_PER_DAY * len(DAYS)
    venue_count = -(-total // slots)
    venue_slugs = {f"synthetic-venue-{v:04d}": v for v in range(venue_count)}
    rooms = [
        Venue(
            slug=slug,
            name_en=f"Synthetic room {venue_slugs[slug]:04d}",
            building_en="Synthetic Center",
            order=900,
        )
        for slug in missing(Venue, venue_slugs)
    ]
    for room in rooms:
        room.fill_sort_names()
    Venue.objects.bulk_create(rooms)
    venues = dict(Venue.objects.filter(slug__startswith="synthetic-").values_list("slug", "id"))
    wanted = {f"synthetic-session-{n:06d}": n for n in range(total)}
    types = list(SessionType)
    languages = list(SessionLanguage)
    new = []
    for slug in missing(Session, wanted):
        n = wanted[slug]
        venue, slot = divmod(n, slots)
        day, hour = divmod(slot, SLOTS_PER_DAY)
        starts_at = datetime(2025, 7, DAYS[day], 8, 30, tzinfo=SHANGHAI) + timedelta(hours=hour)
        new.append(
            Session(
                slug=slug,
                title_en=f"{word_name(n)} session {n:06d}",
                type=types[n % len(types)],
                track_id=tracks[n % len(tracks)].id,
                venue_id=venues[f"synthetic-venue-{venue:04d}"],
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=50),
                language=languages[n % len(languages)],
                abstract_en=f"Synthetic session number {n} for benchmarks.",
                is_published=True,
            )
        )
    Session.objects.bulk_create(new, batch_size=BATCH)
    progress(f"  sessions: {len(new)} created")
    session_ids = dict(
        Session.objects.filter(slug__in=[s.slug for s in new]).values_list("slug", "id")
    )
    roles = [SessionRole.MODERATOR, SessionRole.SPEAKER, SessionRole.PANELIST]
    slots_rows = []
    for session in new:
        n = wanted[session.slug]
        venue, slot = divmod(n, slots)
        for order in range(SPEAKERS_PER_SESSION):
            # Within one hour every venue gets its own block of speakers: no double booking.
            index = (venue * SPEAKERS_PER_SESSION + order + slot * 7) % len(speaker_ids)
            slots_rows.append(
                SessionSpeaker(
                    session_id=session_ids[session.slug],
                    speaker_id=speaker_ids[index],
                    role=roles[order],
                    order=order,
                )
            )
    SessionSpeaker.objects.bulk_create(slots_rows, batch_size=BATCH)
    progress(f"  session speakers: {len(slots_rows)} created")
    Speaker.objects.update_schedules()  # bulk_create sends no signals (speakers/signals.py)
    return len(new)
