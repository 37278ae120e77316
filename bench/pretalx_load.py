"""Loads pretalx with an event of the same size as ours at `load_demo --scale 1` (bench/pretalx.py).

Run by bench/pretalx.py with pretalx's own virtualenv's Python, after `migrate`, with pretalx's
configuration in the environment (PRETALX_CONFIG_FILE). It creates one public event, `waic`,
from 26 to 28 July 2025 in Asia/Shanghai, with 1,000 speakers and 1,000 confirmed talks of one
hour, each with three speakers (as our synthetic sessions; BENCH_PEER_SPEAKERS changes that), in
34 rooms, ten talks a day per room, and releases the schedule as version 1.0 without notifying
anyone. Texts are short and English, as ours. Codes are derived from the record's number, so
every run builds the same pages; it prints one line of JSON describing talk 123 and its
speakers (`sample`).
"""

import datetime as dt
import json
import os
import sys
from zoneinfo import ZoneInfo

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pretalx.settings")
django.setup()

from django.db import transaction  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402
from pretalx.event.models import Event, Organiser  # noqa: E402
from pretalx.person.models import SpeakerProfile, User  # noqa: E402
from pretalx.schedule.models import Room, TalkSlot  # noqa: E402
from pretalx.submission.models import Submission, Track  # noqa: E402
from pretalx.submission.models.submission import SpeakerRole  # noqa: E402

SLUG = "waic"
SPEAKERS = 1000
TALKS = 1000
# As ours' synthetic sessions; BENCH_PEER_SPEAKERS=1 gives the lighter talks of issue 17's run.
SPEAKERS_PER_TALK = int(os.environ.get("BENCH_PEER_SPEAKERS", "3"))
DAYS = 3
SLOTS_PER_DAY = 10  # one-hour talks from 08:30
ROOMS = -(-TALKS // (DAYS * SLOTS_PER_DAY))
TRACKS = ["Embodied AI", "Foundation Models", "AI for Science", "Safety", "Industry"]
WORDS = ["Quantum", "Neural", "Vision", "Cloud", "Robot", "Data", "Edge", "Deep", "Smart", "Open"]
SHANGHAI = ZoneInfo("Asia/Shanghai")
CHARSET = "ABCDEFGHJKLMNPQRSTUVWXYZ3789"  # pretalx's code alphabet


def code(prefix, n):
    """A fixed six-character code in pretalx's alphabet: the prefix, then n in base 28."""
    digits = ""
    for _ in range(5):
        n, digit = divmod(n, len(CHARSET))
        digits = CHARSET[digit] + digits
    return prefix + digits


def main():
    with scopes_disabled():
        if Event.objects.filter(slug=SLUG).exists():
            sys.exit(f"pretalx already has an event {SLUG!r}: load into a fresh database.")
    with transaction.atomic():
        event = build_event()
        with scope(event=event):
            build_talks(event)
            event.wip_schedule.freeze("1.0", notify_speakers=False)
    print(json.dumps(sample(123)))


def sample(n):
    """What bench/pretalx.py checks pages against: talk n's and its first speaker's codes, the
    talk's title and its speakers' names."""
    return {
        "event": SLUG,
        "speaker": code("S", n),
        "talk": code("T", n),
        "title": title(n),
        "speakers": [speaker_name((n + k) % SPEAKERS) for k in range(SPEAKERS_PER_TALK)],
    }


def title(n):
    return f"{WORDS[n % 10]} {WORDS[(n // 10) % 10]} systems {n:06d}"


def speaker_name(n):
    return f"{WORDS[n % 10]} {WORDS[(n * 3) % 10]}son {n:06d}"


def build_event():
    organiser = Organiser.objects.create(name="WAIC", slug="waicorg")
    with scopes_disabled():
        event = Event.objects.create(
            name="WAIC 2025",
            slug=SLUG,
            organiser=organiser,
            is_public=True,
            date_from=dt.date(2025, 7, 26),
            date_to=dt.date(2025, 7, 26) + dt.timedelta(days=DAYS - 1),
            timezone="Asia/Shanghai",
            email="orga@example.org",
            locale_array="en",
            locale="en",
            landing_page_text="World Artificial Intelligence Conference (benchmark data).",
        )
    with scope(event=event):
        event.build_initial_data()
        event.cfp.deadline = dt.datetime(2025, 5, 1, tzinfo=SHANGHAI)
        event.cfp.save()
    return event


def build_talks(event):
    talk_type = event.cfp.default_type
    talk_type.default_duration = 60
    talk_type.save()
    tracks = [
        Track.objects.create(event=event, name=name, color="#1f5fa8", position=index)
        for index, name in enumerate(TRACKS)
    ]
    rooms = [
        Room.objects.create(event=event, name=f"Synthetic room {n:04d}", position=n)
        for n in range(ROOMS)
    ]
    speakers = []
    for n in range(SPEAKERS):
        user = User(
            code=code("S", n),
            name=speaker_name(n),
            email=f"speaker{n:06d}@example.org",
            locale="en",
            timezone="Asia/Shanghai",
        )
        user.set_unusable_password()
        speakers.append(user)
    User.objects.bulk_create(speakers, batch_size=500)
    speakers = list(User.objects.filter(email__endswith="@example.org").order_by("email"))
    SpeakerProfile.objects.bulk_create(
        [
            SpeakerProfile(
                user=user, event=event, biography=f"Synthetic speaker number {n} for benchmarks."
            )
            for n, user in enumerate(speakers)
        ],
        batch_size=500,
    )
    first = dt.datetime(2025, 7, 26, 8, 30, tzinfo=SHANGHAI)
    submissions = [
        Submission(
            code=code("T", n),
            event=event,
            title=title(n),
            submission_type=talk_type,
            track=tracks[n % len(tracks)],
            state="confirmed",
            abstract=f"Synthetic session number {n}.",
            description=f"Synthetic session number {n} for benchmarks.",
            content_locale="en",
        )
        for n in range(TALKS)
    ]
    Submission.objects.bulk_create(submissions, batch_size=500)
    by_code = dict(Submission.objects.filter(event=event).values_list("code", "id"))
    SpeakerRole.objects.bulk_create(
        [
            SpeakerRole(submission_id=by_code[code("T", n)], user=speakers[(n + k) % SPEAKERS])
            for n in range(TALKS)
            for k in range(SPEAKERS_PER_TALK)
        ],
        batch_size=500,
    )
    slots = []
    for n in range(TALKS):
        day, rest = divmod(n, ROOMS * SLOTS_PER_DAY)
        hour, room = divmod(rest, ROOMS)
        start = first + dt.timedelta(days=day, hours=hour)
        slots.append(
            TalkSlot(
                submission_id=by_code[code("T", n)],
                schedule=event.wip_schedule,
                room=rooms[room],
                start=start,
                end=start + dt.timedelta(hours=1),
            )
        )
    TalkSlot.objects.bulk_create(slots, batch_size=500)


if __name__ == "__main__":
    main()
