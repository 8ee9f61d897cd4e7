"""Running an installation: `renpu init`, `renpu users add`, `renpu serve`."""

from __future__ import annotations

import os

import click

from .common import boot


@click.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create or upgrade the database (safe to run again)."""
    boot(ctx, migrate=True)
    from django.conf import settings

    click.echo(f"数据库已就绪：{settings.DATABASES['default']['NAME']}")


@click.group()
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
    boot(ctx, migrate=True)
    from renpu.web.accounts.users import AccountError, add_user

    try:
        add_user(username, password, role, areas)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"账号 {username} 已就绪（{role}{'：' + '、'.join(areas) if areas else ''}）")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--workers", type=int, default=None,
              help="工作进程数（默认：CPU 核数 + 1；Windows 上为单进程多线程）")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int | None) -> None:
    """Serve the web app (gunicorn worker processes, waitress on Windows; static files by whitenoise)."""
    boot(ctx, migrate=True)
    from django.core.management import call_command

    from renpu.web import server

    call_command("collectstatic", interactive=False, verbosity=0)  # before WhiteNoise looks for them
    count = workers or server.default_workers()
    if host not in ("127.0.0.1", "localhost") and "RENPU_ALLOWED_HOSTS" not in os.environ:
        click.echo("提示：其他电脑访问时，请用 RENPU_ALLOWED_HOSTS 写明本机的地址或名称"
                   "（如 RENPU_ALLOWED_HOSTS=192.168.1.10），否则会被拒绝（400）。", err=True)
    click.echo(f"renpu 网页：http://{host}:{port}/   ({count} 个工作进程，Ctrl+C 停止)")
    server.serve(host, port, workers=count)
