"""`renpu export province`: the county's canvass, batches and open findings as Parquet with a manifest."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from django.contrib.auth.models import User
from django.test import Client

from renpu.core import province_data
from renpu.web.accounts.models import ExportLog
from renpu.web.province.exporting import export_province
from renpu.web.verification import service
from renpu.web.verification.models import Finding

from .. import county as synthetic


@pytest.fixture(scope="module")
def county(tmp_path_factory, django_db_setup, django_db_blocker):
    folder = synthetic.generate(tmp_path_factory.mktemp("county"), persons=1_500, seed=3)
    with django_db_blocker.unblock():
        synthetic.load(folder)
        service.run()
        yield folder
        synthetic.wipe()


@pytest.mark.django_db
def test_export_writes_each_table_partitioned_by_county_with_a_manifest(county, tmp_path):
    exported = export_province(tmp_path, user_name="tester")
    assert exported.county == "421126"
    manifests = province_data.read_manifests(tmp_path)  # sizes and checksums verified
    assert [m.county for m in manifests] == ["421126"] and manifests[0].county_name == "蕲春县"
    for table in province_data.TABLES:
        path = tmp_path / table / "county=421126" / "part-0.parquet"
        assert pq.read_metadata(path).num_rows == exported.rows[table] == manifests[0].rows[table]
    persons = pq.read_table(tmp_path / "persons" / "county=421126" / "part-0.parquet")
    assert exported.rows["persons"] > 1_400
    assert "phone" not in persons.column_names and {"rid", "id_number", "name_py", "status"} <= set(persons.column_names)
    findings = pq.read_table(tmp_path / "findings" / "county=421126" / "part-0.parquet")
    assert findings.num_rows == Finding.objects.filter(state=Finding.OPEN).count() > 0
    police = [r for r in findings.to_pylist() if r["code"] == "police.unlisted_registered"]
    sources = pq.read_table(tmp_path / "source_records" / "county=421126" / "part-0.parquet").to_pylist()
    by_rid = {r["rid"]: r for r in sources}
    assert police and all(by_rid[f["source_rid"]]["source"] == "police" for f in police)
    assert {"police", "civil", "medical"} <= {r["source"] for r in sources}
    assert "household_number" in json.loads(next(r for r in sources if r["source"] == "police")["data"])
    log = ExportLog.objects.get()
    assert log.user_name == "tester" and "421126" in log.what and log.rows == sum(exported.rows.values())


@pytest.mark.django_db
def test_export_never_holds_accounts_sessions_or_logs(county, tmp_path):
    user = User.objects.create_user("clerk-zhang", password="s3cret-Passw0rd!")
    client = Client()
    assert client.login(username="clerk-zhang", password="s3cret-Passw0rd!")
    session_key = client.session.session_key
    export_province(tmp_path)
    blobs = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    tables = {p.parts[len(tmp_path.parts)] for p in tmp_path.rglob("*.parquet")}
    assert tables == set(province_data.TABLES)
    for secret in ("clerk-zhang", user.password, session_key):
        assert secret and secret.encode() not in blobs


@pytest.mark.django_db
def test_reexport_replaces_only_this_county(county, tmp_path):
    other = tmp_path / "persons" / "county=421125"
    other.mkdir(parents=True)
    (other / "part-0.parquet").write_bytes(b"another county's file")
    export_province(tmp_path)
    first = (tmp_path / "manifests" / "421126.json").read_text(encoding="utf-8")
    export_province(tmp_path)
    assert sorted(p.name for p in (tmp_path / "persons" / "county=421126").iterdir()) == ["part-0.parquet"]
    assert (other / "part-0.parquet").read_bytes() == b"another county's file"
    assert json.loads(first)["tables"]["persons"]["sha256"] == json.loads(
        (tmp_path / "manifests" / "421126.json").read_text(encoding="utf-8"))["tables"]["persons"]["sha256"]


def test_a_damaged_file_is_refused_by_its_checksum(tmp_path):
    (tmp_path / "manifests").mkdir()
    with pytest.raises(province_data.ProvinceDataError, match="manifests"):
        province_data.read_manifests(tmp_path / "nowhere")
    path = tmp_path / "persons" / "county=421126" / "part-0.parquet"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"x" * 10)
    tables = {t: {"rows": 1, "path": str(path.relative_to(tmp_path)), "sha256": province_data.sha256(path), "bytes": 10}
              for t in province_data.TABLES}
    manifest = {"county": "421126", "format": province_data.FORMAT, "tables": tables}
    (tmp_path / "manifests" / "421126.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert province_data.read_manifests(tmp_path)[0].rows["persons"] == 1
    path.write_bytes(b"y" * 10)
    with pytest.raises(province_data.ProvinceDataError, match="校验和不符"):
        province_data.read_manifests(tmp_path)
