"""`renpu report …` and `renpu snapshot`: registers, summaries and monthly changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from renpu.cli import _boot, report_group


@report_group.command("summaries")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="输出 .xlsx（不给则打印分村汇总）")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default="2019-11-01", show_default=True,
              help="出生、死亡自何日起计")
@click.pass_context
def report_summaries(ctx: click.Context, out: Path | None, since: dt.datetime) -> None:
    """分小组 and 分村(居) population summaries, computed from the canvass."""
    _boot(ctx)
    from renpu.exporters import write_tables
    from renpu.web.canvass import queries

    summary = queries.summary_tables(since.date())
    if out:
        write_tables(out, {"group_summary": summary.groups, "village_summary": summary.villages})
        click.echo(f"已写出 {out}")
    else:
        print_village_summary(summary)


def print_village_summary(summary: Any) -> None:
    from renpu.core.tables import VILLAGE_SUMMARY

    shown = ["persons", "registered", "resident", "away", "separated", "family_households",
             "collective_households", "vacant_dwellings", "absent_households", "births", "deaths"]
    labels = {c.field: c.label for c in VILLAGE_SUMMARY.columns}
    click.echo(_pad("村(居)委会", 16) + "".join(_pad(labels[f], 13, right=True) for f in shown))
    for row in summary.villages:
        name = f"{row['township_name'][:3]}{row['village_name']}"
        click.echo(_pad(name, 16) + "".join(_pad(str(row[f]), 13, right=True) for f in shown))
    total = summary.county.as_dict()
    click.echo(_pad("合计", 16) + "".join(_pad(str(total[f]), 13, right=True) for f in shown))


def _pad(text: str, width: int, right: bool = False) -> str:
    """Pad to a terminal width where a Chinese character takes two columns."""
    shown = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
    space = " " * max(width - shown, 1)
    return space + text if right else text + space
