"""The `renpu` command: a thin edge over the core, the importers and the store.

Every command exits 0 on success and non-zero with a one-line reason on failure.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

DEMO_DIR = Path("demo")
DEMO_PASSWORD = "renpu-demo-2020"


def _boot(ctx: click.Context, migrate: bool = False) -> None:
    from renpu.web import boot

    options = ctx.find_root().params
    boot.setup(options.get("db"), options.get("home"), migrate=migrate)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="RENPU_DB", help="SQLite 文件路径，或数据库 URL（也可用 RENPU_DATABASE_URL）。")
@click.option("--home", envvar="RENPU_HOME", help="数据目录：原件、问题清单（默认 ./var）。")
@click.version_option(package_name="renpu")
def main(db: str | None, home: str | None) -> None:
    """人普 renpu: the county census office's canvassing database and comparisons."""


@main.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create or upgrade the database (safe to run again)."""
    _boot(ctx, migrate=True)
    from django.conf import settings

    click.echo(f"数据库已就绪：{settings.DATABASES['default']['NAME']}")


@main.group(name="import")
def import_group() -> None:
    """Import files: the 区划代码表, canvass tables."""


@import_group.command("geography")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_geography(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Import the 区划代码表 (townships, villages, enumeration areas)."""
    _boot(ctx, migrate=True)
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
    _boot(ctx, migrate=True)
    from renpu.web.bulk import bulk_writing
    from renpu.web.canvass.importing import import_canvass_file, parse_ahead
    from renpu.web.platform.figures import forget_county_figures

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


SOURCE_NAMES = ("police", "pension", "medical", "grid", "education", "health", "civil", "mapping")


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
    _boot(ctx, migrate=True)
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


@main.command()
@click.argument("names", nargs=-1)
@click.pass_context
def compare(ctx: click.Context, names: tuple[str, ...]) -> None:
    """Run the comparisons (all, or those named: canvass police insurance grid education health civil mapping)."""
    from renpu.core.comparisons import runner

    try:
        runner.resolve(list(names))
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    _boot(ctx, migrate=True)
    from renpu.web.sources.comparing import run_and_store

    stored = run_and_store(list(names) or None)
    for name, note in stored.notes.items():
        seconds = stored.result.seconds.get(name)
        click.echo(f"{name:10s} {note}" + (f"（{seconds:.1f} 秒）" if seconds is not None else ""))
    click.echo(f"本次比对 #{stored.run.pk}：新发现 {stored.new} 条，再次发现 {stored.seen_again} 条（已处理的保持已处理）")
    from renpu.web.platform.figures import refresh_county_figures

    started = time.perf_counter()
    refresh_county_figures()  # here, once, rather than in a county officer's page view
    click.echo(f"全县首页统计已更新（{time.perf_counter() - started:.1f} 秒）")


@main.command()
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="输出 .csv（UTF-8 带 BOM）或 .xlsx")
@click.option("--code", help="只导出某类，如 police.unlisted_registered 或 police")
@click.option("--village", help="只导出某村（12 位代码）")
@click.pass_context
def findings(ctx: click.Context, out: Path, code: str | None, village: str | None) -> None:
    """Export findings: code, village_code, canvass_key, source, source_file, source_row, id_number, name, method, score, evidence, action."""
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise click.ClickException("--out 须为 .csv 或 .xlsx 文件")
    _boot(ctx)
    from renpu.exporters.findings import write_findings
    from renpu.web.sources.queries import finding_rows

    count = write_findings(out, finding_rows(code, village))
    click.echo(f"已写出 {out}：{count} 行")


@main.command()
@click.argument("truth_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--baseline/--no-baseline", default=True, help="同时计算只按身份证号比对（VLOOKUP）的结果")
@click.option("--misses", default=5, show_default=True, help="每类列出的漏报/误报条数")
@click.pass_context
def evaluate(ctx: click.Context, truth_dir: Path, baseline: bool, misses: int) -> None:
    """Score stored findings against a synthetic county's truth/ (precision, recall per code)."""
    _boot(ctx)
    from renpu.core import evaluate as scoring
    from renpu.web.sources import evaluation

    truth = scoring.truth_keys(truth_dir)
    scores = scoring.score(evaluation.stored_keys(), truth)
    baseline_scores = scoring.score(evaluation.baseline_keys(), truth) if baseline else {}
    click.echo(evaluation.format_table(scores, baseline_scores))
    for entry in scores.values():
        for label, keys in (("漏报", entry.misses), ("误报", entry.false_alarms)):
            for key in keys[:misses]:
                click.echo(f"  {label} {key[0]} {key[1]} {key[2]}")


@main.group(name="export")
def export_group() -> None:
    """Export the 一套表 and other lists to Excel."""


@export_group.command("tables")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="输出 .xlsx 文件")
@click.pass_context
def export_tables(ctx: click.Context, out: Path) -> None:
    """Write the nine tables, one sheet each, Chinese headers, IDs as text."""
    _boot(ctx)
    from renpu.exporters import write_tables
    from renpu.web.canvass import queries
    from renpu.web.canvass.models import Person

    summary = queries.summary_tables()
    records: dict[str, Any] = {name: queries.table_records(name) for name in
                               ("family_person", "collective_person", "household", "vacant_dwelling",
                                "absent_household", "complex", "person_away")}
    records["group_summary"] = summary.groups
    records["village_summary"] = summary.villages
    with tqdm(total=Person.objects.count(), desc="导出", unit="行", file=sys.stderr) as bar:
        written = write_tables(out, records, on_row=lambda: bar.update(1))
    click.echo(f"已写出 {out}：" + "，".join(f"{k} {v} 行" for k, v in written.items()))


@main.group(name="report")
def report_group() -> None:
    """Derived reports: summaries (and registers)."""


@main.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--persons", default=20_000, show_default=True, help="摸排表中的人数（约）")
@click.option("--seed", default=2020, show_default=True, help="随机种子：同一种子生成同样的文件")
def synth(outdir: Path, persons: int, seed: int) -> None:
    """Generate a synthetic county: canvass workbooks, department extracts, truth/."""
    from renpu import synth as synthetic

    summary = synthetic.generate(outdir, persons=persons, seed=seed)
    click.echo(f"已生成模拟县：{outdir}（{summary}）")


@main.group()
def users() -> None:
    """User accounts."""


@users.command("add")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--role", type=click.Choice(["county", "township", "village"]), default="village", show_default=True,
              help="县人普办 / 乡镇 / 村(居)摸排员")
@click.option("--area", "areas", multiple=True, help="乡镇 9 位或村(居) 12 位代码，可多次给出")
@click.pass_context
def users_add(ctx: click.Context, username: str, password: str, role: str, areas: tuple[str, ...]) -> None:
    """Create an account (or reset its password, role and area)."""
    _boot(ctx, migrate=True)
    from renpu.web.platform.accounts import AccountError, add_user

    try:
        add_user(username, password, role, areas)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"账号 {username} 已就绪（{role}{'：' + '、'.join(areas) if areas else ''}）")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--workers", type=int, default=None,
              help="工作进程数（默认：CPU 核数 + 1；Windows 上为单进程多线程）")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int | None) -> None:
    """Serve the web app (gunicorn worker processes, waitress on Windows; static files by whitenoise)."""
    _boot(ctx, migrate=True)
    from django.core.management import call_command

    from renpu.web import server

    call_command("collectstatic", interactive=False, verbosity=0)  # before WhiteNoise looks for them
    count = workers or server.default_workers()
    if host not in ("127.0.0.1", "localhost") and "RENPU_ALLOWED_HOSTS" not in os.environ:
        click.echo("提示：其他电脑访问时，请用 RENPU_ALLOWED_HOSTS 写明本机的地址或名称"
                   "（如 RENPU_ALLOWED_HOSTS=192.168.1.10），否则会被拒绝（400）。", err=True)
    click.echo(f"renpu 网页：http://{host}:{port}/   ({count} 个工作进程，Ctrl+C 停止)")
    server.serve(host, port, workers=count)


def _demo_accounts() -> None:
    """One account per role: the county office, the first township, its first village."""
    from renpu.web.canvass.models import Village
    from renpu.web.platform.accounts import add_user

    village = Village.objects.select_related("township").order_by("code").first()
    accounts: list[tuple[str, str, list[str], str]] = [("county", "county", [], "县人普办")]
    if village is not None:
        accounts += [("township", "township", [village.township_id], f"{village.township.name}人普办"),
                     ("village", "village", [village.code], f"{village.name}摸排员")]
    for username, role, areas, who in accounts:
        add_user(username, DEMO_PASSWORD, role, areas)
        click.echo(f"演示账号：{username} / {DEMO_PASSWORD}  （{who}）")


@main.command()
@click.option("--persons", default=20_000, show_default=True)
@click.option("--seed", default=2020, show_default=True)
@click.option("--no-serve", is_flag=True, help="只生成和导入，不启动网页")
@click.pass_context
def demo(ctx: click.Context, persons: int, seed: int, no_serve: bool) -> None:
    """Synthetic county → database → per-village summary → web app on 127.0.0.1:8000."""
    root = ctx.find_root().params
    home = Path(root.get("home") or DEMO_DIR)
    root["home"] = str(home)
    root["db"] = root.get("db") or str(home / "renpu.sqlite3")
    county = home / "county"
    if not (county / "区划代码.xlsx").exists():
        ctx.invoke(synth, outdir=county, persons=persons, seed=seed)
    ctx.invoke(import_geography, files=(county / "区划代码.xlsx",))
    ctx.invoke(import_canvass, files=(county / "canvass",), user="demo", force=False)
    for name in SOURCE_NAMES:
        ctx.invoke(import_source, name=name, files=tuple(sorted((county / "sources").glob(f"{name}_*"))),
                   as_of=None, user="demo", force=False)
    ctx.invoke(compare, names=())
    ctx.invoke(cli_reports.report_summaries, out=None, since=dt.datetime(2019, 11, 1))
    _demo_accounts()
    if not no_serve:
        ctx.invoke(serve, host="127.0.0.1", port=8000)


# Report commands live in their own module (registers, summaries, snapshots …).
# (Run the CLI as `renpu` or `python -m renpu`, never `python -m renpu.cli`: that
# would load this module twice and the report commands would land on the copy.)
from renpu import cli_province, cli_reports  # noqa: E402,F401  (register their commands on import)
