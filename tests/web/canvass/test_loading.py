import datetime as dt

from django.db import transaction

from renpu.web.canvass import loading
from renpu.web.canvass.models import Change, ImportBatch, Person

from ..conftest import V1, person_record


def batch():
    return ImportBatch.objects.create(file_name="x.xlsx", sha256="0" * 64, stored_path="/tmp/x")


def load(records):
    with transaction.atomic():
        return loading.load_records({"family_person": records}, batch(), "tester")


def test_new_records_are_inserted_with_all_fields(villages):
    outcome = load([person_record("H1-01", "H1", "张三", birth_date=dt.date(1985, 3, 12), ethnicity="01")])
    assert outcome.total("added") == 1
    person = Person.objects.get(person_key="H1-01")
    assert (person.name, person.village_id, person.birth_date, person.ethnicity) == ("张三", V1, dt.date(1985, 3, 12), "01")
    assert person.collective is False and person.source_row == 4


def test_reimport_of_the_same_records_changes_nothing(villages):
    records = [person_record("H1-01", "H1", "张三"), person_record("H1-02", "H1", "李四", relationship="1")]
    load(records)
    outcome = load(records)
    assert (outcome.total("added"), outcome.total("changed"), outcome.total("unchanged")) == (0, 0, 2)
    assert Person.objects.count() == 2


def test_changed_fields_are_updated_and_logged(villages):
    load([person_record("H1-01", "H1", "张三", education="3")])
    outcome = load([person_record("H1-01", "H1", "张三", education="4", status="2")])
    assert outcome.total("changed") == 1
    assert Person.objects.get(person_key="H1-01").education == "4"
    changes = {(c.field, c.old_value, c.new_value) for c in Change.objects.filter(action=Change.UPDATE)}
    assert changes == {("education", "3", "4"), ("status", "1", "2")}
    assert Change.objects.filter(action=Change.UPDATE).first().changed_by_name == "tester"


def test_records_missing_from_a_reimport_are_reported_not_deleted(villages):
    load([person_record("H1-01", "H1", "张三"), person_record("H1-02", "H1", "李四")])
    load([person_record("H1-01", "H1", "张三")])
    assert Person.objects.count() == 2
    assert loading.keys_missing_from("family_person", [V1], {"H1-01"}) == ["H1-02"]
