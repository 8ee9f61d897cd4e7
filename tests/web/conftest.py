import datetime as dt

import pytest

from renpu.web.canvass.models import Township, Village

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
