"""Dates and times as each language writes them, found by Django through FORMAT_MODULE_PATH.

Only the formats the pages use are set here; every other one (the admin's input formats, say)
stays Django's for the language. All of them are shown in Shanghai time (TIME_ZONE).

Django's Chinese catalogue abbreviates weekdays as 星期六; Chinese programmes say 周六. These
msgids put the short forms in our catalogue, which Django reads before its own.
"""

from django.utils.translation import gettext_noop

WEEKDAY_ABBREVIATIONS = [
    gettext_noop("Mon"),
    gettext_noop("Tue"),
    gettext_noop("Wed"),
    gettext_noop("Thu"),
    gettext_noop("Fri"),
    gettext_noop("Sat"),
    gettext_noop("Sun"),
]
