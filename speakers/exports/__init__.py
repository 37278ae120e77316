"""The programme in the formats other software reads: iCalendar for calendar apps (ical.py),
frab's schedule.xml and schedule.json for schedule apps and video tooling (frab.py). Both read
the sessions as rows (rows.py: two queries, no model instances) and write their text themselves;
what they write the same way is in common.py; their views are in speakers/views.py."""
