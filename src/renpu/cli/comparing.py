"""`renpu compare`, `renpu findings` and `renpu evaluate`: the comparisons and what they found."""

from __future__ import annotations

from pathlib import Path

import click

from .common import boot


@click.command()
@click.argument("names", nargs=-1)
@click.pass_context
def compare(ctx: click.Context, names: tuple[str, ...]) -> None:
    """Run the comparisons (all, or those named: canvass police insurance grid education health civil mapping)."""
    boot(ctx, migrate=True)
    from renpu.web.verification import service

    try:
        stored = service.run(list(names) or None)
    except service.UnknownComparison as error:
        raise click.ClickException(str(error)) from error
    for name, note in stored.notes.items():
        seconds = stored.result.seconds.get(name)
        click.echo(f"{name:10s} {note}" + (f"（{seconds:.1f} 秒）" if seconds is not None else ""))
    click.echo(f"本次比对 #{stored.run.pk}：新发现 {stored.new} 条，再次发现 {stored.seen_again} 条（已处理的保持已处理）")


@click.command()
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="输出 .csv（UTF-8 带 BOM）或 .xlsx")
@click.option("--code", help="只导出某类，如 police.unlisted_registered 或 police")
@click.option("--village", help="只导出某村（12 位代码）")
@click.pass_context
def findings(ctx: click.Context, out: Path, code: str | None, village: str | None) -> None:
    """Export findings: code, village_code, canvass_key, source, source_file, source_row, id_number, name, method, score, evidence, action."""
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise click.ClickException("--out 须为 .csv 或 .xlsx 文件")
    boot(ctx)
    from renpu.exporters.findings import write_findings
    from renpu.web.verification.findings import finding_rows

    count = write_findings(out, finding_rows(code, village))
    click.echo(f"已写出 {out}：{count} 行")


@click.command()
@click.argument("truth_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--baseline/--no-baseline", default=True, help="同时计算只按身份证号比对（VLOOKUP）的结果")
@click.option("--misses", default=5, show_default=True, help="每类列出的漏报/误报条数")
@click.pass_context
def evaluate(ctx: click.Context, truth_dir: Path, baseline: bool, misses: int) -> None:
    """Score stored findings against a synthetic county's truth/ (precision, recall per code)."""
    boot(ctx)
    from renpu.core import evaluate as scoring
    from renpu.web.verification import evaluation

    truth = scoring.truth_keys(truth_dir)
    scores = scoring.score(evaluation.stored_keys(), truth)
    baseline_scores = scoring.score(evaluation.baseline_keys(), truth) if baseline else {}
    click.echo(evaluation.format_table(scores, baseline_scores))
    for entry in scores.values():
        for label, keys in (("漏报", entry.misses), ("误报", entry.false_alarms)):
            for key in keys[:misses]:
                click.echo(f"  {label} {key[0]} {key[1]} {key[2]}")
