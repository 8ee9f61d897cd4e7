"""Every command has help and is in the README (after sqlite-utils' docs test)."""

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from renpu import cli

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group, prefix: str = "renpu") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found += all_commands(command, path)
        else:
            found.append((path, command))
    return found


COMMANDS = all_commands(cli.main)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_command_is_documented_in_the_readme(path, command):
    assert re.search(rf"`{re.escape(path)}\b", README), f"{path} missing from README"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_command_has_help(path, command):
    assert command.help
    result = CliRunner().invoke(cli.main, [*path.split()[1:], "--help"])
    assert result.exit_code == 0


def test_failure_is_one_line_and_non_zero(tmp_path):
    result = CliRunner().invoke(cli.main, ["import", "canvass", str(tmp_path)])
    assert result.exit_code != 0
    assert "没有找到可导入的文件" in result.output
