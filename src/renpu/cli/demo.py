"""`renpu synth` and `renpu demo`: a synthetic county, loaded, summarised and served."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from renpu.core import census

from .admin import serve
from .comparing import compare
from .importing import SOURCE_NAMES, import_canvass, import_geography, import_source
from .reports import report_summaries

DEMO_DIR = Path("demo")
DEMO_PASSWORD = "renpu-demo-2020"


@click.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--persons", default=20_000, show_default=True, help="摸排表中的人数（约）")
@click.option("--seed", default=2020, show_default=True, help="随机种子：同一种子生成同样的文件")
@click.option("--profile", type=click.Choice(["default", "wild"]), default="default", show_default=True,
              help="default：蕲春县；wild：另一个县，几位填表人各有习惯，住户与部门记录像真实的一样参差")
def synth(outdir: Path, persons: int, seed: int, profile: str = "default") -> None:
    """Generate a synthetic county: canvass workbooks, department extracts, truth/."""
    from renpu import synth as synthetic

    summary = synthetic.generate(outdir, persons=persons, seed=seed, profile=profile)
    click.echo(f"已生成模拟县：{outdir}（{summary}）")


def _demo_accounts() -> None:
    """One account per role: the county office, the first township, its first village."""
    from renpu.web.accounts.users import add_user
    from renpu.web.canvass.models import Village

    village = Village.objects.select_related("township").order_by("code").first()
    accounts: list[tuple[str, str, list[str], str]] = [("county", "county", [], "县人普办")]
    if village is not None:
        accounts += [("township", "township", [village.township_id], f"{village.township.name}人普办"),
                     ("village", "village", [village.code], f"{village.name}摸排员")]
    for username, role, areas, who in accounts:
        add_user(username, DEMO_PASSWORD, role, areas)
        click.echo(f"演示账号：{username} / {DEMO_PASSWORD}  （{who}）")


@click.command()
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
    ctx.invoke(report_summaries, out=None, since=dt.datetime.combine(census.year_before_census(), dt.time()))
    _demo_accounts()
    if not no_serve:
        ctx.invoke(serve, host="127.0.0.1", port=8000)
