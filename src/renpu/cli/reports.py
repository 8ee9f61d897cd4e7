"""`renpu report …` and `renpu snapshot`: registers, summaries, hard cases, monthly changes.

Every report writes .xlsx (printable: A4 landscape, header rows repeated,
page numbers); the register and the summaries also .pdf (by the file's suffix).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import click

from renpu.core import census

from .common import boot, out_suffix

_OUT = click.Path(dir_okay=False, path_type=Path)
_DATE = click.DateTime(["%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m"])


@click.group(name="report")
def report_group() -> None:
    """Derived reports: summaries (and registers)."""


@report_group.command("summaries")
@click.option("--out", type=_OUT, help="输出 .xlsx 或 .pdf（不给则打印分村汇总）")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=lambda: census.year_before_census().isoformat(),
              show_default=f"{census.year_before_census()}，普查标准时点前一年", help="出生、死亡自何日起计")
@click.option("--age-at", type=click.DateTime(["%Y-%m-%d"]), default=lambda: census.census_day().isoformat(),
              show_default=f"{census.census_day()}，普查标准时点", help="年龄计算时点")
@click.option("--tables", "one_set", is_flag=True, help="只写一套表中的表8、表9（与导入格式相同）")
@click.pass_context
def report_summaries(ctx: click.Context, out: Path | None, since: dt.datetime,
                     age_at: dt.datetime | None = None, one_set: bool = False) -> None:
    """Group, village, township and county summaries (分小组/分村(居)/乡镇/全县人口汇总表), with pyramids."""
    boot(ctx, migrate=True)
    if out is None:
        from renpu.web.canvass.summaries import summary_tables

        print_village_summary(summary_tables(since.date()))
        return
    if one_set:
        from renpu.exporters import write_tables
        from renpu.web.canvass.summaries import summary_tables

        out_suffix(out, (".xlsx",))
        summary = summary_tables(since.date())
        write_tables(out, {"group_summary": summary.groups, "village_summary": summary.villages})
        click.echo(f"已写出 {out}")
        return
    suffix = out_suffix(out, (".xlsx", ".pdf"))
    from renpu.web.canvass.summaries import level_summary

    levels = level_summary(since.date(), age_at.date() if age_at else None)
    if suffix == ".pdf":
        from renpu.exporters import pdf

        pages = _pdf(lambda: pdf.write_summaries_pdf(out, levels))
        click.echo(f"已写出 {out}：{pages} 页")
    else:
        from renpu.exporters.summaries import write_summaries

        written = write_summaries(out, levels)
        click.echo(f"已写出 {out}：乡镇 {len(levels.townships)} 个，村(居) {len(levels.villages)} 个，"
                   f"小组 {len(levels.groups)} 个（{sum(written.values())} 行）")


def print_village_summary(summary: Any) -> None:
    from renpu.core.tables import VILLAGE_SUMMARY

    shown = ["persons", "registered", "resident", "away", "separated", "family_households",
             "collective_households", "vacant_dwellings", "absent_households", "births", "deaths"]
    labels = {c.field: c.label for c in VILLAGE_SUMMARY.columns}
    click.echo("村(居)委会".ljust(14) + "".join(labels[f].rjust(8) for f in shown))
    for row in summary.villages:
        click.echo(f"{row['township_name'][:4]}{row['village_name']}".ljust(14) + "".join(str(row[f]).rjust(10) for f in shown))
    total = summary.county.as_dict()
    click.echo("合计".ljust(14) + "".join(str(total[f]).rjust(10) for f in shown))


def _pdf(write: Any) -> int:
    from renpu.exporters import pdf

    try:
        return int(write())
    except pdf.FontMissing as error:
        raise click.ClickException(str(error)) from error


@report_group.command("register")
@click.option("--area", required=True, help="15位普查小区代码，或12位村(居)代码（该村每个小区一页）")
@click.option("--out", required=True, type=_OUT, help="输出 .xlsx 或 .pdf")
@click.option("--preview", is_flag=True, help="只预览：新户的户编号不保存")
@click.pass_context
def report_register(ctx: click.Context, area: str, out: Path, preview: bool) -> None:
    """户主姓名底册: every building and dwelling in walking order with household numbers."""
    suffix = out_suffix(out, (".xlsx", ".pdf"))
    boot(ctx, migrate=True)
    from renpu.core.registers import RegisterFull
    from renpu.web.registers.household_heads import UnknownArea, area_registers

    try:
        registers = area_registers(area, save=not preview)
    except (UnknownArea, RegisterFull) as error:
        raise click.ClickException(str(error)) from error
    if suffix == ".pdf":
        from renpu.exporters import pdf

        pages = _pdf(lambda: pdf.write_register_pdf(out, registers))
        click.echo(f"已写出 {out}：{len(registers)} 个普查小区，{pages} 页")
    else:
        from renpu.exporters.register import write_register

        written = write_register(out, registers)
        click.echo(f"已写出 {out}：{len(registers)} 个普查小区，{sum(written.values())} 行")
    fresh = sum(r.new_numbers for r in registers)
    if fresh and not preview:
        click.echo(f"新编户编号 {fresh} 个（已保存，以后保持不变）")


def _villages_option(village: tuple[str, ...]) -> list[str] | None:
    return list(village) if village else None


@report_group.command("hardcases")
@click.option("--case", "case_names", multiple=True,
              type=click.Choice(["absent_household", "separated", "away_unknown", "multiple_dwellings",
                                 "no_fixed_abode", "unregistered_child", "special_area", "unmapped_building"]),
              help="只导出某类（可重复）；不给则八类全部")
@click.option("--village", multiple=True, help="只含某村（12位代码，可重复）")
@click.option("--out", required=True, type=_OUT, help="输出 .xlsx（每类一个工作表）")
@click.option("--split", is_flag=True, help="每类单独一个文件：OUT 的文件名加类别名")
@click.pass_context
def report_hardcases(ctx: click.Context, case_names: tuple[str, ...], village: tuple[str, ...], out: Path,
                     split: bool) -> None:
    """The eight hard cases (空挂户, 人户分离, 外出地址不详, 一户多宅, 居无定所, 未落户儿童, 特殊地域, 建筑物漏绘)."""
    out_suffix(out, (".xlsx",))
    boot(ctx, migrate=True)
    from renpu.core.hardcases import CASES
    from renpu.exporters.hardcases import write_hardcases
    from renpu.web.registers.hardcases import count_rows, hardcase_rows

    villages = _villages_option(village)
    wanted = [c for c in CASES if not case_names or c.name in case_names]
    rows = {c.name: hardcase_rows(c.name, villages) for c in wanted}
    counts = count_rows(rows)
    scope = "、".join(village) if village else "全县"
    if split:
        for case in wanted:
            target = out.with_name(f"{out.stem}_{case.label}{out.suffix}")
            write_hardcases(target, {case.name: rows[case.name]}, counts, scope)
            click.echo(f"已写出 {target}：{counts[case.name]} {case.unit}")
    else:
        write_hardcases(out, rows, counts, scope)
        click.echo(f"已写出 {out}：" + "，".join(f"{c.label} {counts[c.name]} {c.unit}" for c in wanted))


@report_group.command("missed-dwellings")
@click.option("--village", multiple=True, help="只含某村（12位代码，可重复）")
@click.option("--out", required=True, type=_OUT, help="输出 .xlsx")
@click.pass_context
def report_missed_dwellings(ctx: click.Context, village: tuple[str, ...], out: Path) -> None:
    """查漏房: dwellings with no mapped building, mapped buildings with no record, per area side by side."""
    out_suffix(out, (".xlsx",))
    boot(ctx, migrate=True)
    from renpu.exporters.hardcases import write_missed_dwellings
    from renpu.web.canvass.models import Village
    from renpu.web.registers.missed_dwellings import missed_dwellings

    result = missed_dwellings(_villages_option(village))
    if not any(a.mapped_buildings for a in result.areas):
        click.echo("注意：还没有导入标绘系统建筑物清单（renpu import buildings 文件），所有住房都会列为未标绘", err=True)
    write_missed_dwellings(out, result, dict(Village.objects.values_list("code", "name")),
                           "、".join(village) if village else "全县")
    click.echo(f"已写出 {out}：未标绘的户和空宅 {len(result.unmapped)} 个，有标绘无摸排记录的建筑物 {len(result.unlisted)} 栋")


_EXAMPLES = (f"{census.STANDARD_TIME_POINT:%Y-%m-%d %H:%M}、{census.census_day() - dt.timedelta(days=1)} "
             f"或 {census.STANDARD_TIME_POINT - dt.timedelta(days=1):%Y-%m}（月末）")


def _as_of(value: str | None) -> dt.datetime | None:
    """'2020-11-01 00:00', '2020-10-31' (that day, 00:00) or '2020-10' (the month's last minute)."""
    if not value:
        return None
    value = value.strip()
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, pattern)
        except ValueError:
            pass
    try:
        month = dt.datetime.strptime(value, "%Y-%m")
    except ValueError as error:
        raise click.BadParameter(f"{value}：请写 {_EXAMPLES}") from error
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(minutes=1)  # the month's last minute


@click.command("snapshot")
@click.option("--as-of", "as_of", help=f"快照时点：{census.STANDARD_TIME_POINT:%Y-%m-%d %H:%M}（普查标准时点）、"
                                        f"{census.census_day() - dt.timedelta(days=1)}，或 {census.STANDARD_TIME_POINT - dt.timedelta(days=1):%Y-%m}"
                                        "（月末）；默认现在")
@click.option("--label", default="", help="快照名称（默认“YYYY-MM 月度快照”）")
@click.option("--list", "list_only", is_flag=True, help="列出已有快照")
@click.option("--user", default=lambda: os.environ.get("USER", ""), help="生成人")
@click.pass_context
def snapshot(ctx: click.Context, as_of: str | None, label: str, list_only: bool, user: str) -> None:
    """Freeze the canvass tables (月度快照) as compressed Parquet under RENPU_HOME/snapshots.

    The snapshot holds the store as it is when the command runs, labelled with
    --as-of: run it at the month end (or at the standard time point).
    """
    boot(ctx, migrate=True)
    from renpu.web.snapshots import monthly as snapshots
    from renpu.web.snapshots.models import Snapshot

    if list_only:
        from django.utils.timezone import localtime

        for s in Snapshot.objects.order_by("as_of"):
            click.echo(f"#{s.pk:<4} {localtime(s.as_of):%Y-%m-%d %H:%M}  {s.label}  {s.rows.get('person', 0)} 人  "
                       f"{s.size_bytes / 1e6:.1f} MB  {s.folder}")
        return
    when = _as_of(as_of)
    taken = snapshots.take_snapshot(label, when, user)
    size = snapshots.database_size()
    ratio = f"，为数据库的 {taken.size_bytes / size:.1%}" if size else ""
    click.echo(f"快照 #{taken.pk}「{taken.label}」：{taken.rows.get('person', 0)} 人，"
               f"{taken.size_bytes / 1e6:.1f} MB{ratio}；存放于 {taken.folder}")


@report_group.command("changes")
@click.option("--from", "from_ref", required=True, help="较早的快照：编号、名称或日期")
@click.option("--to", "to_ref", help="较晚的快照（不给则与当前数据比较）")
@click.option("--village", multiple=True, help="只含某村（12位代码，可重复）")
@click.option("--out", type=_OUT, help="输出 .xlsx（按村汇总 + 变动明细）；不给则打印按村汇总")
@click.pass_context
def report_changes(ctx: click.Context, from_ref: str, to_ref: str | None, village: tuple[str, ...],
                   out: Path | None) -> None:
    """核变动: persons added and removed (birth, death, moved in/out, found, duplicate removed), went away, came back, education."""
    boot(ctx, migrate=True)
    from renpu.core import changes
    from renpu.web.snapshots import changes as change_report
    from renpu.web.snapshots import monthly as snapshots

    try:
        before = snapshots.find_snapshot(from_ref)
        after = snapshots.find_snapshot(to_ref) if to_ref else None
    except LookupError as error:
        raise click.ClickException(str(error)) from error
    report = change_report.changes_between(before, after, _villages_option(village))
    if out:
        out_suffix(out, (".xlsx",))
        from renpu.exporters.changes import write_changes

        write_changes(out, report)
        click.echo(f"已写出 {out}：{len(report.rows)} 条变动")
        return
    counts = report.by_village()
    names = {r.change.village_code: r.village_name for r in report.rows}
    click.echo(f"{before} → {report.after_label}")
    click.echo("村(居)委会".ljust(12) + "".join(k.rjust(6) for k in changes.KINDS))
    for code in sorted(counts):
        click.echo(names.get(code, code)[:10].ljust(12) + "".join(str(counts[code][k]).rjust(8) for k in changes.KINDS))
