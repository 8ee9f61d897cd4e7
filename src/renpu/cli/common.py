"""What the commands share: starting Django on the chosen database, and checking --out."""

from __future__ import annotations

from pathlib import Path

import click


def boot(ctx: click.Context, migrate: bool = False) -> None:
    """Set Django up on the database of ``--db`` / ``--home`` (migrated first if asked)."""
    from renpu.web import boot as web_boot

    options = ctx.find_root().params
    web_boot.setup(options.get("db"), options.get("home"), migrate=migrate)


def out_suffix(out: Path, allowed: tuple[str, ...]) -> str:
    """``out``'s suffix if it is one of ``allowed``; else the command fails saying so."""
    found = out.suffix.lower()
    if found not in allowed:
        raise click.ClickException(f"--out 须为 {' 或 '.join(allowed)} 文件：{out}")
    return found
