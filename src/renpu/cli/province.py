"""The province's commands: a synthetic province, a county's export for it, the cross-county comparisons.

    renpu synth-province OUT --counties 3 --persons 6000 --seed 1
    renpu export province --out DIR            (in each county)
    renpu province compare DIR --engine duckdb|spark --out FINDINGS_DIR
    renpu province evaluate TRUTH_DIR --findings FINDINGS_DIR
    renpu import province-findings FILE        (in each county: findings → village tasks)
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from .common import boot


@click.command("synth-province")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--counties", default=3, show_default=True, help="县的个数（湖北省真实县代码，蕲春县在先）")
@click.option("--persons", default=6_000, show_default=True, help="全省摸排表中的人数（约，各县平分）")
@click.option("--seed", default=2020, show_default=True, help="随机种子：同一种子生成同样的文件")
def synth_province(outdir: Path, counties: int, persons: int, seed: int) -> None:
    """Generate a synthetic province: N counties, people across county lines, a death register, truth/."""
    from renpu.synth.province import generate_province

    try:
        summary = generate_province(outdir, counties=counties, persons=persons, seed=seed)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    cases = "，".join(f"{k} {v}" for k, v in summary.cases.items())
    click.echo(f"已生成模拟省：{outdir}（{len(summary.counties)} 个县，{summary.persons_listed} 人；跨县人员：{cases}）")


@click.command("province")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="输出目录（各县导出到同一目录即成全省数据）")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="数据截止日期（不给则为今天）")
@click.pass_context
def export_province(ctx: click.Context, out: Path, as_of: dt.datetime | None) -> None:
    """Write this county's canvass, department batches and open findings for the province (Parquet + manifest)."""
    boot(ctx)
    from renpu.web.province.exporting import ExportError
    from renpu.web.province.exporting import export_province as export

    try:
        exported = export(out, as_of.date() if as_of else None, os.environ.get("USER", ""))
    except ExportError as error:
        raise click.ClickException(str(error)) from error
    rows = "，".join(f"{name} {count}" for name, count in exported.rows.items())
    click.echo(f"已导出 {exported.county} 县到 {out}：{rows}；清单 {exported.manifest}")
