"""``renpu province compare``: the cross-county comparisons, county findings out.

Three comparisons over every county's export (renpu.core.province_data), each a
linkage of renpu.province.linking run by the engine asked for:

* ``province.duplicate_person`` — listed persons of two counties linked, both
  listed as living there (在住).  Listed 外出 at home and 在住 where they
  work is the census's own rule (H2b), not a duplicate.  Both counties get a
  finding naming the other's record;
* ``province.lives_elsewhere`` / ``province.registered_elsewhere`` — county A's
  registered residents its canvass did not find (A's open
  ``police.unlisted_registered``) linked to persons living in county B: A's
  finding says "lives in county B" with B's record as evidence, B's says where
  its person is registered;
* ``province.deceased_listed`` — the provincial death register against every
  county's listed persons (外出 too, as the county's civil comparison).

Findings are written per county, ``OUT/county=<code>/findings.csv``, in the
findings contract (renpu.exporters.findings), for ``renpu import
province-findings`` in that county.  ``OUT/summary.json`` says what ran:
counts, pairs per blocking rule, seconds per stage.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from renpu.core import names, province_data, splink_model
from renpu.core.codes import PERSON_STATUS
from renpu.core.residence import listed_sql

from . import linking
from .engines import Engine

DUPLICATE, LIVES_ELSEWHERE, REGISTERED_ELSEWHERE, DECEASED = (
    "province.duplicate_person", "province.lives_elsewhere", "province.registered_elsewhere", "province.deceased_listed")
CODES = (DUPLICATE, LIVES_ELSEWHERE, REGISTERED_ELSEWHERE, DECEASED)
SOURCE = "province"
FINDINGS_FILE = "findings.csv"
LIVES_HERE = f"(status IS NULL OR status = '{PERSON_STATUS.LIVING}')"


def _fields(alias: str) -> str:
    """The linkage fields of ``alias``; empty strings become NULL so that two blanks never agree."""
    return ", ".join(f"NULLIF(CAST({alias}.{c} AS VARCHAR), '') AS {c}" if c != "birth_date" else f"{alias}.{c}"
                     for c in linking.LINK_FIELDS)


@dataclass
class Compared:
    engine: str
    counties: list[str]
    findings: dict[str, dict[str, int]] = field(default_factory=dict)  # county → code → count
    links: dict[str, dict[str, int]] = field(default_factory=dict)  # comparison → method → links
    blocks: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def compare(engine: Engine, folder: Path | str, out: Path, deaths: Path | None = None) -> Compared:
    """Run the comparisons on the province in ``folder``; write each county's findings under ``out``."""
    started = time.perf_counter()
    manifests = province_data.read_manifests(Path(folder)) if "://" not in str(folder) else []
    _load(engine, str(folder))
    counties = [m.county for m in manifests] or [r["county"] for r in engine.arrow(
        "SELECT DISTINCT county FROM persons ORDER BY county").to_pylist()]
    result = Compared(engine.name, counties, seconds={"load": round(time.perf_counter() - started, 3)})
    rows: list[dict[str, Any]] = []
    for run in (_duplicates, _lives_elsewhere):
        rows += run(engine, result)
    if deaths is not None:
        engine.load_arrow("province_deaths", read_deaths(deaths))
        rows += _deceased(engine, result, deaths.name)
    started = time.perf_counter()
    _write(out, counties, rows, result)
    result.seconds["write"] = round(time.perf_counter() - started, 3)
    return result


def _load(engine: Engine, folder: str) -> None:
    sep = "" if folder.endswith("/") else "/"
    for table in ("persons", "source_records", "findings"):
        engine.load_parquet(f"province_{table}", f"{folder}{sep}{table}")
    engine.create("listed", f"SELECT county || '/' || rid AS uid, county, rid, village_code, status, "
                            f"registration_place, {_fields('p')} FROM province_persons p WHERE {listed_sql('p.status')}")
    engine.create("unlisted", f"""SELECT s.county || '/' || s.rid AS uid, s.county, s.rid, s.village_code, s.file, s.row,
                                  {_fields('s')}
        FROM province_source_records s
        JOIN (SELECT DISTINCT county, source_rid FROM province_findings WHERE code = 'police.unlisted_registered') f
          ON f.county = s.county AND f.source_rid = s.rid
        WHERE s.source = 'police'""")


def read_deaths(path: Path) -> pa.Table:
    """The provincial death register, read as a county reads its civil extract (renpu.importers)."""
    from renpu.importers.source_files import read_source

    read = read_source("civil", path)
    if not read.ok:
        problems = "；".join(issue.message for issue in read.issues[:3])
        raise province_data.ProvinceDataError(f"{path}：全省死亡登记有 {read.error_count} 处错误（{problems}）；请更正后再比对")
    columns: dict[str, list[Any]] = {c: [] for c in ("uid", "county", "row", *linking.LINK_FIELDS, "death_date")}
    for record in read.records:
        number = record.get("id_number") or None
        values = {"uid": f"death/{record['_row']}", "county": "", "row": record["_row"], "id_number": number,
                  "name": record.get("name") or None, "name_py": names.pinyin_key(record.get("name") or "") or None,
                  "sex": record.get("sex") or None, "birth_date": record.get("birth_date"),
                  "death_date": record.get("death_date")}
        for column, values_list in columns.items():
            values_list.append(values[column])
    types = {"row": pa.int64(), "birth_date": pa.date32(), "death_date": pa.date32()}
    return pa.table({c: pa.array(v, types.get(c, pa.string())) for c, v in columns.items()})


def _linked(engine: Engine, result: Compared, name: str, left: str, right: str, pairs: str) -> str:
    run = linking.link(engine, name, left, right, pairs)
    result.links[name], result.blocks[name] = run.counts, run.blocks
    for stage, seconds in run.seconds.items():
        result.seconds[f"{name}.{stage}"] = seconds
    return run.view


_LINK = "k.method, k.score, k.weight, " + ", ".join(f"k.gamma_{c}" for c in linking.COMPARISONS)


def _duplicates(engine: Engine, result: Compared) -> list[dict[str, Any]]:
    view = _linked(engine, result, "duplicates", "listed", "listed", "l.county < r.county")
    pairs = engine.arrow(f"""
        SELECT a.county AS a_county, a.rid AS a_rid, a.village_code AS a_village, a.name AS a_name, a.id_number AS a_id,
               b.county AS b_county, b.rid AS b_rid, b.village_code AS b_village, b.name AS b_name, b.id_number AS b_id,
               {_LINK}
        FROM {view} k JOIN listed a ON a.uid = k.left_uid JOIN listed b ON b.uid = k.right_uid
        WHERE {LIVES_HERE.replace('status', 'a.status')} AND {LIVES_HERE.replace('status', 'b.status')}""").to_pylist()
    rows = []
    action = "此人同时登记在外县（见依据）：核实实际居住地，只保留一处登记"
    for pair in pairs:
        for this, other in (("a", "b"), ("b", "a")):
            evidence = {"other_county": pair[f"{other}_county"], "other_county_name": province_data.county_name(pair[f"{other}_county"]),
                        "other_village": pair[f"{other}_village"], "other_key": pair[f"{other}_rid"],
                        "other_name": pair[f"{other}_name"], "other_id_number": pair[f"{other}_id"] or "", **_link_evidence(pair)}
            rows.append(_row(DUPLICATE, pair[f"{this}_county"], pair[f"{this}_village"], pair[f"{this}_rid"], "", None,
                             pair[f"{this}_id"], pair[f"{this}_name"], pair, evidence, action))
    return rows


def _lives_elsewhere(engine: Engine, result: Compared) -> list[dict[str, Any]]:
    engine.create("living", f"SELECT * FROM listed WHERE {LIVES_HERE}")
    view = _linked(engine, result, "lives_elsewhere", "unlisted", "living", "l.county <> r.county")
    pairs = engine.arrow(f"""
        SELECT u.county AS a_county, u.village_code AS a_village, u.file, u.row, u.name AS a_name, u.id_number AS a_id,
               p.county AS b_county, p.rid AS b_rid, p.village_code AS b_village, p.name AS b_name, p.id_number AS b_id,
               p.registration_place, {_LINK}
        FROM {view} k JOIN unlisted u ON u.uid = k.left_uid JOIN living p ON p.uid = k.right_uid""").to_pylist()
    rows = []
    for pair in pairs:
        there = province_data.county_name(pair["b_county"]) or pair["b_county"]
        evidence = {"other_county": pair["b_county"], "other_county_name": province_data.county_name(pair["b_county"]),
                    "other_village": pair["b_village"], "other_key": pair["b_rid"], "other_name": pair["b_name"],
                    "other_id_number": pair["b_id"] or "", **_link_evidence(pair)}
        rows.append(_row(LIVES_ELSEWHERE, pair["a_county"], pair["a_village"], "", pair["file"], pair["row"], pair["a_id"],
                         pair["a_name"], pair, evidence, f"此人户籍在本村、居住在{there}（已在该县登记）：核实后按人户分离处理，不再列为漏登"))
        home = province_data.county_name(pair["a_county"]) or pair["a_county"]
        evidence = {"other_county": pair["a_county"], "other_county_name": province_data.county_name(pair["a_county"]),
                    "other_village": pair["a_village"], "police_file": pair["file"], "police_row": pair["row"],
                    "police_name": pair["a_name"], "police_id_number": pair["a_id"] or "",
                    "listed_registration_place": pair["registration_place"] or "", **_link_evidence(pair)}
        rows.append(_row(REGISTERED_ELSEWHERE, pair["b_county"], pair["b_village"], pair["b_rid"], "", None, pair["b_id"],
                         pair["b_name"], pair, evidence, f"此人户籍在{home}（公安户籍）：核实户口登记地，填报为户口在外县"))
    return rows


def _deceased(engine: Engine, result: Compared, file_name: str) -> list[dict[str, Any]]:
    view = _linked(engine, result, "deceased", "listed", "province_deaths", "TRUE")
    pairs = engine.arrow(f"""
        SELECT p.county, p.rid, p.village_code, p.name, p.id_number, p.status, d.row, d.death_date,
               d.name AS death_name, d.id_number AS death_id, {_LINK}
        FROM {view} k JOIN listed p ON p.uid = k.left_uid JOIN province_deaths d ON d.uid = k.right_uid""").to_pylist()
    rows = []
    for pair in pairs:
        died = pair["death_date"].isoformat() if isinstance(pair["death_date"], dt.date) else ""
        evidence = {"death_date": died, "listed_status": pair["status"] or "", "register_file": file_name,
                    "register_row": pair["row"], "register_name": pair["death_name"],
                    "register_id_number": pair["death_id"] or "", **_link_evidence(pair)}
        rows.append(_row(DECEASED, pair["county"], pair["village_code"], pair["rid"], "", None, pair["id_number"],
                         pair["name"], pair, evidence, f"全省死亡登记有此人（{died} 死亡）：核实后将现状改为死亡"))
    return rows


def _link_evidence(pair: dict[str, Any]) -> dict[str, Any]:
    if pair["method"] != linking.PROBABILISTIC:
        return {}
    levels = {c: pair[f"gamma_{c}"] for c in linking.COMPARISONS if pair[f"gamma_{c}"] is not None}
    described = splink_model.describe_levels(levels)
    return {"agree": sorted(f for f, level in described.items() if level == "same"),
            "differ": sorted(f for f, level in described.items() if level == "differ"),
            "partial": {f: level for f, level in sorted(described.items()) if level not in ("same", "differ")},
            "match_weight": round(pair["weight"], 2)}


def _row(code: str, county: str, village: str | None, key: str, source_file: str, source_row: int | None,
         number: str | None, name: str | None, pair: dict[str, Any], evidence: dict[str, Any], action: str) -> dict[str, Any]:
    return {"county": county, "code": code, "village_code": village or "", "canvass_key": key, "source": SOURCE,
            "source_file": source_file or "", "source_row": source_row if source_row is not None else "",
            "id_number": number or "", "name": name or "", "method": pair["method"],
            # six places: the engines sum a pair's weights in their own order (last-bit differences)
            "score": round(pair["score"], 6),
            "evidence": json.dumps(evidence, ensure_ascii=False, sort_keys=True), "action": action}


def _write(out: Path, counties: list[str], rows: list[dict[str, Any]], result: Compared) -> None:
    from renpu.exporters.findings import write_contract

    out.mkdir(parents=True, exist_ok=True)
    for county in counties:
        mine = sorted((r for r in rows if r["county"] == county),
                      key=lambda r: (r["code"], r["village_code"], r["canvass_key"], r["source_file"], str(r["source_row"]),
                                     r["id_number"], r["evidence"]))
        folder = out / f"county={county}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        write_contract(folder / FINDINGS_FILE, mine)
        counts: dict[str, int] = {}
        for row in mine:
            counts[row["code"]] = counts.get(row["code"], 0) + 1
        result.findings[county] = counts
    summary = {"engine": result.engine, "counties": counties, "findings": result.findings, "links": result.links,
               "blocking": result.blocks, "seconds": result.seconds}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
