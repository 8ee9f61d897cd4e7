"""Start Django from the CLI or a notebook: choose the database, then set up."""

from __future__ import annotations

import os
from pathlib import Path


def setup(db: str | None = None, home: str | None = None, migrate: bool = False) -> None:
    """``db`` is an SQLite file path or a database URL (postgres://…)."""
    if home:
        os.environ["RENPU_HOME"] = str(Path(home).resolve())
    if db:
        if "://" in db:
            os.environ["RENPU_DATABASE_URL"] = db
        else:
            os.environ["RENPU_DB_PATH"] = str(Path(db).resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renpu.web.settings")
    import django

    django.setup()
    if migrate:
        from django.conf import settings
        from django.core.management import call_command

        db_name = settings.DATABASES["default"]["NAME"]
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            Path(db_name).parent.mkdir(parents=True, exist_ok=True)
        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)  # the "shared" cache (settings.CACHES)
