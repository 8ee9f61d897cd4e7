from __future__ import annotations

from pathlib import Path

from renpu.synth import generate


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_different_seed_differs(tmp_path: Path) -> None:
    generate(tmp_path / "a", persons=3000, seed=11)
    generate(tmp_path / "b", persons=3000, seed=11, processes=1)
    generate(tmp_path / "c", persons=3000, seed=12)
    a, b, c = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    assert a["truth/persons.csv"] != c["truth/persons.csv"]
    assert any(name.startswith("canvass/") for name in a)


def test_layout(tmp_path: Path) -> None:
    summary = generate(tmp_path, persons=2000, seed=1)
    for name in ("区划代码.xlsx", "README.txt", "sources/police_公安户籍.csv", "sources/pension_养老保险.xlsx",
                 "sources/medical_医保参保.csv", "sources/grid_网格实有人口.xlsx", "sources/education_学生.xlsx",
                 "sources/education_教职工.xlsx", "sources/health_出生医学证明.xlsx", "sources/civil_死亡登记.xlsx",
                 "sources/mapping_建筑物.csv", "truth/persons.csv", "truth/findings.csv",
                 "truth/summary_village.csv", "truth/summary_group.csv"):
        assert (tmp_path / name).is_file(), name
    assert summary.villages >= 3
    assert (tmp_path / "sources/police_公安户籍.csv").read_bytes().decode("gb18030").startswith("户号,姓名,公民身份号码")
