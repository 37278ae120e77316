"""The interface's translations: the .po catalogues in locale/ and their compiled .mo files.

The compiled .mo files are committed, so a fresh machine has them without GNU gettext. They are
compiled here in Python (polib), and a test compiles every .po again and compares, so a .po and
its .mo never drift apart. `make messages` updates the catalogues (docs/translations.md).
"""

from pathlib import Path

import polib
from django.conf import settings


def catalogues():
    """Every django.po under LOCALE_PATHS."""
    return sorted(po for folder in settings.LOCALE_PATHS for po in Path(folder).glob("*/*/*.po"))


def compiled(po_path):
    """The .mo file's bytes for a .po file."""
    return polib.pofile(str(po_path)).to_binary()


def compile_catalogues():
    """Writes each catalogue's .mo beside it; returns the .mo paths."""
    written = []
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        mo_path.write_bytes(compiled(po_path))
        written.append(mo_path)
    return written
