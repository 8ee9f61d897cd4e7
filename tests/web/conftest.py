"""Fixtures of the web tests: villages for the loaders, and the platform's personas.

Personas and a tiny county for the pages' tests:

* 李 (li) is the canvasser of 张家湾村 (village A) and may edit its households.
* 王 (wang) is the canvasser of 龙泉村 (village B) and must not even see A's records.
* 周 (zhou) works at the 漕河镇 township office: villages A and B, not C.
* 赵 (zhao) works at the county office and sees every village.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from renpu.web.accounts import agreement
from renpu.web.accounts.users import add_user
from renpu.web.canvass.models import Household, Person, Township, Village
from renpu.web.sources.models import SourceBatch, SourceRecord
from renpu.web.verification.models import Finding
from tests.ids import make_id

V1, V2 = "421126100201", "421126100202"


@pytest.fixture
def villages(db):
    township = Township.objects.create(code="421126100", name="漕河镇")
    return [
        Village.objects.create(code=V1, name="张家湾村", township=township),
        Village.objects.create(code=V2, name="龙泉村", township=township),
    ]


def person_record(key, household, name, **fields):
    record = {
        "person_key": key, "household_key": household, "village_code": V1, "village_name": "张家湾村",
        "group": "1", "name": name, "id_number": "", "id_problem": "", "sex": "1",
        "birth_date": dt.date(1980, 1, 1), "relationship": "0", "registration_place": "1",
        "time_away": "1", "status": "1", "_sheet": "家庭户个人信息表", "_row": 4,
    }
    record.update(fields)
    return record


A, B, C = "421126100201", "421126100202", "421126101201"
PASSWORD = "correct-horse-42"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    # PBKDF2's million iterations cost ~0.3 s per persona; the hasher itself is
    # tested in test_security.py with the real setting.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def county(db):
    caohe = Township.objects.create(code="421126100", name="漕河镇")
    other = Township.objects.create(code="421126101", name="赤东镇")
    return {
        A: Village.objects.create(code=A, name="张家湾村", township=caohe),
        B: Village.objects.create(code=B, name="龙泉村", township=caohe),
        C: Village.objects.create(code=C, name="陈家垸村", township=other),
    }


@pytest.fixture
def personas(county):
    return {
        "li": add_user("li", PASSWORD, "village", [A]),
        "wang": add_user("wang", PASSWORD, "village", [B]),
        "zhou": add_user("zhou", PASSWORD, "township", ["421126100"]),
        "zhao": add_user("zhao", PASSWORD, "county"),
    }


def household(village: str, key: str, head: str, group: str = "1") -> Household:
    return Household.objects.create(
        household_key=key, village_id=village, group=group, kind="1", head_name=head, address=f"{head}家"
    )


def person(village: str, household_key: str, key: str, name: str, born: dt.date, sex: str = "1",
           relationship: str = "0", sequence: int = 101, **fields) -> Person:
    values = dict(
        person_key=key, household_key=household_key, village_id=village, group="1", name=name,
        id_number=make_id(born, sequence), sex=sex, birth_date=born, relationship=relationship,
        registration_place="1", time_away="1", status="1",
    )
    values.update(fields)
    return Person.objects.create(**values)


@pytest.fixture
def records(county):
    """One household in A (张大山 with wife and son), one in B, one in C; a finding each."""
    ha = household(A, "HA1", "张大山")
    hb = household(B, "HB1", "刘春生")
    hc = household(C, "HC1", "陈国强")
    head = person(A, "HA1", "HA1-01", "张大山", dt.date(1960, 5, 1), "1", "0", 111)
    wife = person(A, "HA1", "HA1-02", "李桂兰", dt.date(1962, 8, 9), "2", "1", 122)
    son = person(A, "HA1", "HA1-03", "张小明", dt.date(1988, 3, 12), "1", "2", 133)
    pb = person(B, "HB1", "HB1-01", "刘春生", dt.date(1970, 1, 2), "1", "0", 151)
    pc = person(C, "HC1", "HC1-01", "陈国强", dt.date(1955, 7, 7), "1", "0", 171)
    batch = SourceBatch.objects.create(source="civil", file_name="民政死亡.xlsx", sha256="0" * 64, stored_path="/tmp/x")
    death = SourceRecord.objects.create(
        batch=batch, source="civil", row=5, id_number=head.id_number, name="张大山", sex="1",
        birth_date=head.birth_date, village_id=A, data={"death_date": "2025-01-15", "火化证号": "QC2025-0031"},
    )
    findings = {
        A: Finding.objects.create(code="civil.deceased_listed", village_id=A, canvass_table="family_person",
                                  canvass_key="HA1-01", source="civil", source_record=death, source_file="民政死亡.xlsx",
                                  source_row=5, id_number=head.id_number, name="张大山", method="id_exact", score=1.0,
                                  evidence={"公民身份号码": "一致"}, action="核实是否死亡", fingerprint="fa"),
        B: Finding.objects.create(code="canvass.invalid_id", village_id=B, canvass_table="family_person",
                                  canvass_key="HB1-01", id_number=pb.id_number, name="刘春生",
                                  action="核对身份证号", fingerprint="fb"),
        C: Finding.objects.create(code="canvass.invalid_id", village_id=C, canvass_table="family_person",
                                  canvass_key="HC1-01", id_number=pc.id_number, name="陈国强",
                                  action="核对身份证号", fingerprint="fc"),
    }
    from renpu.web.verification.tasks import sync_tasks

    sync_tasks()
    return {"households": {A: ha, B: hb, C: hc}, "persons": {"head": head, "wife": wife, "son": son, B: pb, C: pc},
            "findings": findings, "tasks": {code: f.task for code, f in findings.items()}}


def sign_in(client, user):
    """Log in and accept the agreement, as every persona does before working."""
    client.force_login(user)
    agreement.accept(user, agreement.current_agreement())
    return client


@pytest.fixture
def as_user(client, personas):
    def _as(name: str):
        return sign_in(client, personas[name])
    return _as


@pytest.fixture
def other_records(records):
    """A row of each other table in A, and a 空宅 in C (another township)."""
    from renpu.web.canvass.models import AbsentMember, Complex, PersonAway, VacantDwelling

    son = records["persons"]["son"]
    return {
        "vacant": {A: VacantDwelling.objects.create(vacant_key="VA1", village_id=A, group="1", address="张家湾村1组8号",
                                                    owner_name="张大海", reason="举家外出"),
                   C: VacantDwelling.objects.create(vacant_key="VC1", village_id=C, group="1", address="陈家垸村2号",
                                                    owner_name="陈大海")},
        "absent": {A: AbsentMember.objects.create(member_key="GA1", absent_household_key="GA", village_id=A, group="1",
                                                  name="王小二", id_number=make_id(dt.date(1980, 2, 3), 211),
                                                  sex="1", birth_date=dt.date(1980, 2, 3), relationship="0")},
        "complexes": {A: Complex.objects.create(complex_key="LA1", village_id=A, group="1", name="湾畔小区",
                                                dwellings=40, occupied=30, vacant=10)},
        "away": {A: PersonAway.objects.create(away_key="CA1", person_key=son.person_key, household_key="HA1",
                                              village_id=A, group="1", name=son.name, id_number=son.id_number,
                                              away_place="4", away_address="武汉市洪山区", away_since=dt.date(2019, 3, 1),
                                              reason="1")},
    }
