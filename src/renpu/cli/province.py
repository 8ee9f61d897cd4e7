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


@click.group("province")
def province_group() -> None:
    """The province's comparisons across counties (DuckDB on one machine, or Apache Spark)."""


@province_group.command("compare")
@click.argument("folder")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help="duckdb：一台机器；spark：Apache Spark（本机 local[2] 或集群，见 --master）")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="输出目录：每县一个 county=<代码>/findings.csv")
@click.option("--deaths", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="全省死亡登记（.csv/.xlsx，列：姓名、身份证号、性别、死亡日期）")
@click.option("--master", default="local[2]", show_default=True, help="Spark master：local[N]、spark://主机:7077、yarn、k8s://…")
@click.option("--conf", "confs", multiple=True, metavar="KEY=VALUE", help="Spark 设置（可多次给出），如 spark.executor.memory=8g")
def province_compare(folder: str, engine: str, out: Path, deaths: Path | None, master: str,
                     confs: tuple[str, ...]) -> None:
    """Cross-county duplicates, 人户分离 and the provincial death register; findings per county.

    FOLDER holds the counties' `renpu export province` output (a local path, or hdfs://… / s3a://… for Spark).
    """
    from renpu.core.province_data import ProvinceDataError
    from renpu.province.comparing import compare
    from renpu.province.engines import open_engine

    conf = dict(_pair(c) for c in confs)
    if engine == "duckdb" and "://" in folder:
        raise click.ClickException(f"{folder}：duckdb 引擎只读本机目录；HDFS/S3 上的数据请用 --engine spark")
    opened = open_engine(engine, master, conf)
    try:
        compared = compare(opened, folder, out, deaths)
    except ProvinceDataError as error:
        raise click.ClickException(str(error)) from error
    finally:
        opened.close()
    for county, counts in compared.findings.items():
        text = "，".join(f"{code} {n}" for code, n in sorted(counts.items())) or "无"
        click.echo(f"{county} {province_name(county)}：{text}")
    for name, blocks in compared.blocks.items():
        text = "，".join(f"{rule} {b['pairs']} 对（最大块 {b['largest_block']}）" for rule, b in blocks.items())
        click.echo(f"{name} 分块：{text}")
    click.echo(f"已写出 {out}（引擎 {engine}，{sum(compared.seconds.values()):.1f} 秒）")


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise click.ClickException(f"--conf {text!r}：应为 KEY=VALUE")
    return key.strip(), value.strip()


def province_name(code: str) -> str:
    from renpu.core.province_data import county_name

    return county_name(code)


@province_group.command("evaluate")
@click.argument("truth_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--findings", "findings_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="renpu province compare 的输出目录")
@click.option("--misses", default=5, show_default=True, help="每类列出的漏报/误报条数")
def province_evaluate(truth_dir: Path, findings_dir: Path, misses: int) -> None:
    """Score a province's findings against synth-province's truth/ (precision, recall per cross-county code)."""
    from renpu.province.evaluate import format_table, score_province

    scores = score_province(truth_dir, findings_dir)
    click.echo(format_table(scores))
    for entry in scores.values():
        for label, keys in (("漏报", entry.misses), ("误报", entry.false_alarms)):
            for key in sorted(keys)[:misses]:
                click.echo(f"  {label} {key[0]} {key[1]} {key[2]}")
