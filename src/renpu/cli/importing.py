"""`renpu import …`: the 区划代码表, canvass workbooks and departments' extracts."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from .common import boot

SOURCE_NAMES = ("police", "pension", "medical", "grid", "education", "health", "civil", "mapping")


@click.group(name="import")
def import_group() -> None:
    """Import files: the 区划代码表, canvass tables."""


@import_group.command("geography")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_geography(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Import the 区划代码表 (townships, villages, enumeration areas)."""
    boot(ctx, migrate=True)
    from renpu.web.canvass.importing import import_geography_file

    _run_imports(files, import_geography_file)


@import_group.command("canvass")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--user", default=lambda: os.environ.get("USER", ""), help="记在修改记录里的导入人。")
@click.option("--force", is_flag=True, help="即使与已导入文件完全相同也再导入一次。")
@click.pass_context
def import_canvass(ctx: click.Context, files: tuple[Path, ...], user: str, force: bool) -> None:
    """Import canvass tables (.xlsx, .xls, .csv; folders are searched).

    Each file imports whole or not at all; its original is kept and problems are
    written to an .xlsx report naming file, sheet, row and column.
    """
    paths = _expand(files)
    boot(ctx, migrate=True)
    from renpu.web.bulk import bulk_writing
    from renpu.web.canvass.importing import import_canvass_file, parse_ahead
    from renpu.web.dashboard.figures import forget_county_figures

    try:
        with bulk_writing():
            if len(paths) < 4:
                _run_imports(paths, lambda path: import_canvass_file(path, user, force))
            else:
                parsed = parse_ahead(paths)  # parse in worker processes while this one loads
                _run_imports(paths, lambda path: _import_next(parsed, path, user, force))
    finally:
        forget_county_figures()  # the county dashboard counts afresh (`renpu compare` does it at once)


def _import_next(parsed: Any, path: Path, user: str, force: bool) -> Any:
    from renpu.web.canvass.importing import import_canvass_file

    parsed_path, result = next(parsed)
    assert parsed_path == path  # parse_ahead keeps the order
    return import_canvass_file(path, user, force, parsed=result)


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in {".xlsx", ".xls", ".csv", ".xlsm", ".ods"})
        else:
            found.append(path)
    if not found:
        raise click.ClickException("没有找到可导入的文件（.xlsx / .xls / .csv）")
    return found


def _run_imports(files: list[Path] | tuple[Path, ...], run_one: Callable[[Path], Any]) -> None:
    refused = 0
    totals = {"added": 0, "changed": 0, "unchanged": 0}
    for path in tqdm(files, desc="导入", unit="个文件", disable=len(files) < 2, file=sys.stderr):
        outcome = run_one(path)
        for name in totals:
            totals[name] += getattr(outcome, name, 0)
        _print_outcome(outcome)
        refused += not outcome.ok
    if len(files) > 1:
        click.echo(f"共 {len(files)} 个文件：新增 {totals['added']}，修改 {totals['changed']}，未变 {totals['unchanged']}")
    if refused:
        raise click.ClickException(f"{refused} 个文件有错误未导入，见上面的问题清单")


def _print_outcome(outcome: Any) -> None:
    if not outcome.ok:
        click.echo(f"✗ {outcome.path}: {outcome.message}", err=True)
    elif getattr(outcome, "batch", None) is not None or outcome.added or outcome.changed:
        click.echo(f"✓ {outcome.path.name}: 新增 {outcome.added}，修改 {outcome.changed}，未变 {outcome.unchanged}")
    else:
        click.echo(f"✓ {outcome.path.name}: {outcome.message}")
    for table, keys in (getattr(outcome, "missing_keys", None) or {}).items():
        click.echo(f"  注意：{table} 中有 {len(keys)} 条记录本次文件里没有（未删除），如 {', '.join(keys[:3])}")
    if outcome.report_path:
        if outcome.ok:
            click.echo(f"  {len(outcome.issues)} 条提示（如身份证号校验不过，已按原样保留并标记），见 {outcome.report_path}")
        else:
            click.echo(f"  问题清单：{outcome.report_path}", err=True)


@import_group.command("source")
@click.argument("name", type=click.Choice(SOURCE_NAMES))
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="数据截止日期（不给则为导入日）")
@click.option("--user", default=lambda: os.environ.get("USER", ""), help="导入人")
@click.option("--force", is_flag=True, help="即使与已导入文件完全相同也再导入一次")
@click.pass_context
def import_source(ctx: click.Context, name: str, files: tuple[Path, ...], as_of: dt.datetime | None,
                  user: str, force: bool) -> None:
    """Import a department's extract (police pension medical grid education health civil mapping) as a dated batch."""
    boot(ctx, migrate=True)
    from renpu.web.bulk import bulk_writing
    from renpu.web.sources.importing import import_source_file

    with bulk_writing():
        _run_imports(files, lambda path: import_source_file(name, path, user, as_of.date() if as_of else None, force))


@import_group.command("buildings")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_buildings(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Import the mapping system's building list (same as `import source mapping`)."""
    ctx.invoke(import_source, name="mapping", files=files, as_of=None, user=os.environ.get("USER", ""), force=False)
