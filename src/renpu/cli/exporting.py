"""`renpu export tables`: the 一套表 to Excel."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from .common import boot


@click.group(name="export")
def export_group() -> None:
    """Export the 一套表 and other lists to Excel."""


@export_group.command("tables")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="输出 .xlsx 文件")
@click.pass_context
def export_tables(ctx: click.Context, out: Path) -> None:
    """Write the nine tables, one sheet each, Chinese headers, IDs as text."""
    boot(ctx)
    from renpu.exporters import write_tables
    from renpu.web.canvass import queries, summaries
    from renpu.web.canvass.models import Person

    summary = summaries.summary_tables()
    records: dict[str, Any] = {name: queries.table_records(name) for name in
                               ("family_person", "collective_person", "household", "vacant_dwelling",
                                "absent_household", "complex", "person_away")}
    records["group_summary"] = summary.groups
    records["village_summary"] = summary.villages
    with tqdm(total=Person.objects.count(), desc="导出", unit="行", file=sys.stderr) as bar:
        written = write_tables(out, records, on_row=lambda: bar.update(1))
    click.echo(f"已写出 {out}：" + "，".join(f"{k} {v} 行" for k, v in written.items()))
