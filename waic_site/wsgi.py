"""WSGI entry point, used by gunicorn: `gunicorn waic_site.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waic_site.settings")

application = get_wsgi_application()
