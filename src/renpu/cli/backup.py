"""`renpu backup` and `renpu restore`: the whole installation in one file, and back."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import click

from .common import boot


@click.command()
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="备份文件（如 renpu-20201101.zip）；含全部个人信息和签名密钥，请像服务器一样保管")
@click.pass_context
def backup(ctx: click.Context, out: Path) -> None:
    """Back up the database, kept originals, reports, snapshots and the key (works while `renpu serve` runs)."""
    boot(ctx)
    from renpu.web.backup import BackupError, make_backup

    try:
        summary = make_backup(out)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    persons = summary.tables.get("canvass_person", 0)
    click.echo(f"已备份到 {summary.path}（{summary.engine}，{len(summary.tables)} 张表，人员 {persons} 条，"
               f"数据目录文件 {summary.files} 个）")


@click.command()
@click.argument("bundle", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def restore(ctx: click.Context, bundle: Path) -> None:
    """Restore a backup into an empty home (and an empty PostgreSQL database with --db postgres://…)."""
    from renpu.web import backup as backups

    options = ctx.find_root().params
    home = Path(options.get("home") or os.environ.get("RENPU_HOME") or "var").resolve()
    db = options.get("db") or os.environ.get("RENPU_DATABASE_URL") or os.environ.get("RENPU_DB_PATH")
    sqlite_target = None if db and "://" in db else Path(db or home / "renpu.sqlite3").resolve()
    try:
        backups.check_empty_home(home)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from error
    try:
        manifest = backups.unpack(bundle, home, sqlite_target)
        ctx.find_root().params["home"] = str(home)
        boot(ctx)
        if sqlite_target is None:
            backups.restore_postgres(home)
        counts = backups.table_counts()
        differing = [t for t, n in manifest["tables"].items() if counts.get(t) != n]
        if differing:
            raise backups.BackupError(f"恢复后这些表的行数与备份时不同：{'、'.join(differing[:5])}：请换一份备份")
    except backups.BackupError as error:
        shutil.rmtree(home, ignore_errors=True)  # it was empty: leave no half-restored home behind
        raise click.ClickException(str(error)) from error
    boot(ctx, migrate=True)  # a backup of an older release is upgraded like its database
    click.echo(f"已从 {bundle.name}（renpu {manifest['renpu']}，{manifest['made_at'][:16]}）恢复到 {home}："
               f"{len(manifest['tables'])} 张表，人员 {manifest['tables'].get('canvass_person', 0)} 条")
