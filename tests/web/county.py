"""A small synthetic county loaded into the test database, shared by a module's tests."""

from __future__ import annotations

from pathlib import Path

from renpu import synth
from renpu.web.canvass.importing import import_canvass_file, import_geography_file
from renpu.web.sources.importing import import_source_file

SOURCES = ("police", "pension", "medical", "grid", "education", "health", "civil", "mapping")


def generate(folder: Path, persons: int = 4_000, seed: int = 11, profile: str = "default") -> Path:
    county = folder / "county"
    synth.generate(county, persons=persons, seed=seed, processes=1, profile=profile)
    return county


def load(county: Path, with_sources: bool = True) -> None:
    assert import_geography_file(county / "区划代码.xlsx").ok
    for path in sorted((county / "canvass").rglob("*.xlsx")):
        outcome = import_canvass_file(path, "test")
        assert outcome.ok, outcome.message
    if with_sources:
        for name in SOURCES:
            for path in sorted((county / "sources").glob(f"{name}_*")):
                outcome = import_source_file(name, path, "test")
                assert outcome.ok, outcome.message


def wipe() -> None:
    """Every row loaded, and the county figures counted from them (kept in the shared cache,
    which outlives the test's transaction: the next module's dashboard would show this county)."""
    from django.apps import apps
    from django.core.cache import caches

    caches["shared"].clear()

    for label in ("verification", "sources"):
        for model in reversed(list(apps.get_app_config(label).get_models())):
            model.objects.all().delete()
    for model in reversed(list(apps.get_app_config("canvass").get_models())):
        model.objects.all().delete()
