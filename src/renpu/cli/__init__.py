"""The `renpu` command: a thin edge over the core, the importers and the store.

Every command exits 0 on success and non-zero with a one-line reason on failure.
The commands live in one module each by what they do (``importing``,
``comparing``, ``reports`` …); this module makes the ``renpu`` group of them.
"""

from __future__ import annotations

import click

from .admin import init, serve, users
from .comparing import compare, evaluate, findings
from .demo import demo, synth
from .exporting import export_group
from .importing import import_group
from .province import export_province, province_group, synth_province
from .reports import report_group, snapshot


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="RENPU_DB", help="SQLite 文件路径，或数据库 URL（也可用 RENPU_DATABASE_URL）。")
@click.option("--home", envvar="RENPU_HOME", help="数据目录：原件、问题清单（默认 ./var）。")
@click.version_option(package_name="renpu")
def main(db: str | None, home: str | None) -> None:
    """人普 renpu: the county census office's canvassing database and comparisons."""


# In the order `renpu --help` lists them (click sorts them by name).
for command in (init, import_group, compare, findings, evaluate, export_group, report_group, snapshot,
                synth, synth_province, province_group, users, serve, demo):
    main.add_command(command)
export_group.add_command(export_province)
