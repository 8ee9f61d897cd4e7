"""WSGI entry point (served by waitress in `renpu serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renpu.web.settings")
application = get_wsgi_application()
