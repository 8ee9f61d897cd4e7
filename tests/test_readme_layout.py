"""The README's layout section names the folders as they are."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
LAYOUT = README.split("## Layout", 1)[1].split("```")[1]


def listed_paths() -> list[Path]:
    """Every folder and file the layout's tree names, resolved against its parent folder."""
    found, parent = [], ROOT
    for line in LAYOUT.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            parent = ROOT / line.split()[0]
            found.append(parent)
            continue
        for name in line.split():  # the names before the description
            if not re.fullmatch(r"[a-z_]+(/|\.py)", name):
                break
            found.append(parent / name)
    return found


def test_every_folder_and_file_the_layout_names_exists():
    missing = [str(path.relative_to(ROOT)) for path in listed_paths() if not path.exists()]
    assert not missing


def test_every_web_app_is_in_the_layout():
    web = ROOT / "src" / "renpu" / "web"
    apps = {path.parent.name for path in web.glob("*/apps.py")}
    listed = {path.name for path in listed_paths() if path.parent == web}
    assert apps <= listed, apps - listed
