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
@click.option("--check", is_flag=True, help="只检查、不导入：逐表列出识别的表、每列对应的项、前几行的值和问题，什么也不写。")
@click.option("--ignore-column", "ignore_columns", multiple=True, metavar="NAME",
              help="不导入表头为 NAME 的列（可多次给出）；否则像是一套表中某项却未能对应的列是错误。")
@click.pass_context
def import_canvass(ctx: click.Context, files: tuple[Path, ...], user: str, force: bool, check: bool,
                   ignore_columns: tuple[str, ...]) -> None:
    """Import canvass tables (.xlsx, .xls, .csv; folders are searched).

    Each file imports whole or not at all; its original is kept and problems are
    written to an .xlsx report naming file, sheet, row and column.  With --check
    nothing is imported or written: each file is shown as it would be read.
    """
    paths = _expand(files)
    if check:
        _check_canvass(ctx, paths, ignore_columns)
        return
    boot(ctx, migrate=True)
    from renpu.web.bulk import bulk_writing
    from renpu.web.canvass.importing import import_canvass_file, parse_ahead

    with bulk_writing():
        if len(paths) < 4:
            _run_imports(paths, lambda path: import_canvass_file(path, user, force, ignore_columns=ignore_columns))
        else:
            parsed = parse_ahead(paths, ignore_columns=ignore_columns)  # parse in workers while this one loads
            _run_imports(paths, lambda path: _import_next(parsed, path, user, force))


def _import_next(parsed: Any, path: Path, user: str, force: bool) -> Any:
    from renpu.web.canvass.importing import import_canvass_file

    parsed_path, result = next(parsed)
    assert parsed_path == path  # parse_ahead keeps the order
    return import_canvass_file(path, user, force, parsed=result)


def _check_canvass(ctx: click.Context, paths: list[Path], ignore_columns: tuple[str, ...]) -> None:
    """Read each file as the import would and say what it found; writes nothing, not even a database."""
    import secrets

    os.environ.setdefault("RENPU_SECRET_KEY", secrets.token_urlsafe(32))  # signs nothing; keeps RENPU_HOME untouched
    boot(ctx)
    from renpu import importers
    from renpu.importers.check import describe
    from renpu.web.canvass.importing import known_villages

    villages = known_villages()
    if villages is None:
        click.echo("注意：数据库中还没有区划代码，本次未核对村(居)代码（导入前请先 renpu import geography）", err=True)
    refused = 0
    for path in paths:
        result = importers.read_canvass(path, villages, ignore_columns=ignore_columns)
        click.echo("\n".join(describe(result)))
        refused += not result.ok
    if refused:
        raise click.ClickException(f"{refused} 个文件有错误，导入时会被拒绝（以上是检查结果，未导入任何内容）")


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
    columns = f"\n  列：{outcome.columns}" if getattr(outcome, "columns", "") else ""
    if not outcome.ok:
        click.echo(f"✗ {outcome.path}: {outcome.message}{columns}", err=True)
    elif getattr(outcome, "batch", None) is not None or outcome.added or outcome.changed:
        click.echo(f"✓ {outcome.path.name}: 新增 {outcome.added}，修改 {outcome.changed}，未变 {outcome.unchanged}{columns}")
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
