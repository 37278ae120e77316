"""Make the small WebP renditions of every stored image again.

Pages compute rendition URLs and sizes without looking at files, so images stored before
renditions existed, or stored before a preset in `directory.images.processing.PRESETS` changed
size, need their renditions (and stored dimensions) made once. Safe to run at any time; it
keeps originals.
"""

from django.core.management.base import BaseCommand

from directory.images.fields import remake_renditions


class Command(BaseCommand):
    help = "Make every stored image's renditions and stored dimensions again."

    def handle(self, *args, **options):
        done = remake_renditions(report=self.stderr.write)
        self.stdout.write(f"Images with renditions made: {done}.")
