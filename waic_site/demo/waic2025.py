"""Load WAIC 2025 as it happened, from the readable data file `waic2025.toml` beside this one.

Only missing records are created, matched by slug (halls by code): running it again changes
nothing, and a record an organizer already has under that slug is left exactly as it is.
Translated fields are read in both languages: `name` is the English text, `name_zh` its
Simplified Chinese twin.

Products get a drawn image each, so the demo shows uploads and their renditions. Exhibitors and
speakers get no logo or portrait: pages show their initials (directory/templatetags/images.py)
in the page's language, 李 on a Chinese page and LQ on an English one, which a drawn image
could not.
"""

import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from directory.admin import CREATED_BY_DEMO_LOADER, record_versions
from directory.images.processing import placeholder
from exhibitors.models import Booth, Category, Exhibitor, Hall, Product
from speakers.models import Session, SessionSpeaker, Speaker, Track, Venue

from . import plans

DATA_FILE = Path(__file__).with_name("waic2025.toml")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def read_data(path=DATA_FILE):
    with open(path, "rb") as file:
        return tomllib.load(file)


def shanghai_time(value):
    """TOML local date-times in the data file are Shanghai wall-clock times."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=SHANGHAI)
    return value


def pick(model, record, *keys):
    """The record's values for these keys, skipping keys it leaves out.

    A field the model has in two languages is read from `key` (English) and `key_zh` (Chinese):
    {"name": "Huawei", "name_zh": "华为"} gives {"name_en": "Huawei", "name_zh_hans": "华为"}.
    """
    translated = translator.get_options_for_model(model).all_fields
    values = {}
    for key in keys:
        if key not in translated:
            if key in record:
                values[key] = record[key]
            continue
        for suffix, language in (("", "en"), ("_zh", "zh-hans")):
            if key + suffix in record:
                values[build_localized_fieldname(key, language)] = record[key + suffix]
    return values


class Loader:
    """Creates what is missing and counts what it created, per model."""

    def __init__(self, data):
        self.data = data
        self.created = {}
        self.new_records = []  # for their first version in the history

    def create_missing(self, model, lookup, fields, after_create=None):
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **fields)
            if after_create:
                after_create(obj)
            obj.save()
            label = str(model._meta.verbose_name_plural)
            self.created[label] = self.created.get(label, 0) + 1
            self.new_records.append(obj)
            obj._just_created = True
        return obj

    def place_booths(self, exhibitors):
        """A booth on its hall's plan for each exhibitor with a booth code the plan knows, in
        one insert; booths already there are kept."""
        taken = set(Booth.objects.values_list("hall_id", "code"))
        new = [
            Booth(hall_id=exhibitor.hall_id, code=exhibitor.booth, exhibitor=exhibitor, **where)
            for exhibitor in exhibitors
            if exhibitor.hall_id
            and (exhibitor.hall_id, exhibitor.booth) not in taken
            and (where := plans.demo_booth(exhibitor.booth))
        ]
        plans.corner_booths(new)
        Booth.objects.bulk_create(new)
        self.new_records += new
        if new:
            label = str(Booth._meta.verbose_name_plural)
            self.created[label] = self.created.get(label, 0) + len(new)

    def run(self):
        halls = {
            hall["code"]: self.create_missing(
                Hall,
                {"code": hall["code"]},
                {
                    **pick(Hall, hall, "name", "building", "description", "order"),
                    **dict(
                        zip(
                            ("plan_width", "plan_height", "plan_areas"),
                            plans.hall_plan(hall.get("themes", [])),
                            strict=True,
                        )
                    ),
                },
            )
            for hall in self.data["halls"]
        }
        categories = {
            category["slug"]: self.create_missing(
                Category, {"slug": category["slug"]}, pick(Category, category, "name", "order")
            )
            for category in self.data["categories"]
        }
        tracks = {
            track["slug"]: self.create_missing(
                Track,
                {"slug": track["slug"]},
                pick(Track, track, "name", "description", "colour", "order"),
            )
            for track in self.data["tracks"]
        }
        venues = {
            venue["slug"]: self.create_missing(
                Venue,
                {"slug": venue["slug"]},
                {
                    **pick(Venue, venue, "name", "building", "room", "floor", "capacity", "order"),
                    "hall": halls.get(venue.get("hall")),
                },
            )
            for venue in self.data["venues"]
        }
        exhibitors = {}
        for record in self.data["exhibitors"]:
            exhibitor = self.create_missing(
                Exhibitor,
                {"slug": record["slug"]},
                {
                    **pick(
                        Exhibitor, record, "name", "tagline", "description", "website", "country"
                    ),
                    "hall": halls.get(record.get("hall")),
                    "booth": record.get("booth", ""),
                    "is_featured": record.get("featured", False),
                    "sponsor_level": record.get("sponsor_level", ""),
                    "is_published": True,
                },
            )
            if getattr(exhibitor, "_just_created", False):
                exhibitor.categories.set(categories[slug] for slug in record.get("categories", []))
            exhibitors[record["slug"]] = exhibitor
            for order, product in enumerate(record.get("products", [])):
                self.create_missing(
                    Product,
                    {"slug": product["slug"]},
                    {
                        **pick(Product, product, "name", "description", "premiere"),
                        "exhibitor": exhibitor,
                        "order": order,
                        "is_published": True,
                    },
                    after_create=lambda obj: obj.image.save(
                        f"{obj.slug}.png", placeholder(obj.name, (480, 360)), save=False
                    ),
                )
        self.place_booths(exhibitors.values())
        speakers = {
            record["slug"]: self.create_missing(
                Speaker,
                {"slug": record["slug"]},
                {
                    **pick(
                        Speaker,
                        record,
                        "name",
                        "position",
                        "organization",
                        "country",
                        "bio",
                        "website",
                    ),
                    "exhibitor": exhibitors.get(record.get("exhibitor")),
                    "is_keynote": record.get("keynote", False),
                    "is_published": True,
                },
            )
            for record in self.data["speakers"]
        }
        for record in self.data["sessions"]:
            session = self.create_missing(
                Session,
                {"slug": record["slug"]},
                {
                    **pick(Session, record, "title", "type", "language", "abstract", "status"),
                    "track": tracks.get(record.get("track")),
                    "venue": venues.get(record.get("venue")),
                    "starts_at": shanghai_time(record["start"]),
                    "ends_at": shanghai_time(record["end"]),
                    "is_published": True,
                },
            )
            if getattr(session, "_just_created", False):
                SessionSpeaker.objects.bulk_create(
                    SessionSpeaker(
                        session=session,
                        speaker=speakers[slot["speaker"]],
                        role=slot.get("role", "speaker"),
                        order=order,
                    )
                    for order, slot in enumerate(record.get("speakers", []))
                )
        Speaker.objects.update_schedules()  # bulk_create sends no signals (speakers/signals.py)
        return self.created


def load_waic2025(data=None):
    """Create the WAIC 2025 records that are missing; return {"speakers": number created, …}."""
    with transaction.atomic():
        loader = Loader(data or read_data())
        created = loader.run()
        # Their history starts "Created by the demo loader", each with its related rows.
        record_versions(loader.new_records, CREATED_BY_DEMO_LOADER)
        return created
