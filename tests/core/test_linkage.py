"""The three stages on hand-made records whose right answers are known."""

import datetime as dt
import json

import pyarrow as pa
from stdnum.cn import ric

from renpu.core import linkage, names


def idn(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")


A = idn("42112619850312161")
B = idn("42112619900704202")
C = idn("42112619701111303")
D = idn("42112620010203404")


def rows(*records):
    return pa.Table.from_pylist(
        [dict(r, name_py=names.pinyin_key(r["name"]), village_code="421126100201") for r in records]
    )


def person(rid, id_number, name, born, sex="1"):
    return {"rid": rid, "id_number": id_number, "name": name, "birth_date": born, "sex": sex}


def by_left(links):
    return {r["left_rid"]: r for r in links.table.to_pylist()}


def test_exact_ids_link_first():
    links = linkage.link(rows(person("c1", A, "张三", dt.date(1985, 3, 12))),
                         rows(person("s1", A, "张叁", dt.date(1985, 3, 12))))
    link = by_left(links)["c1"]
    assert (link["right_rid"], link["method"], link["status"]) == ("s1", "exact_id", "accepted")
    assert json.loads(link["evidence"])["differ"] == ["name"]


def test_one_wrong_digit_and_a_swap_are_corrected_when_name_and_birth_date_agree():
    wrong_digit = A[:15] + str((int(A[15]) + 1) % 10) + A[16:]
    swapped = B[:8] + B[9] + B[8] + B[10:]
    links = linkage.link(
        rows(person("c1", wrong_digit, "张三", dt.date(1985, 3, 12)), person("c2", swapped, "李丽", dt.date(1990, 7, 4), "2")),
        rows(person("s1", A, "张三", dt.date(1985, 3, 12)), person("s2", B, "李莉", dt.date(1990, 7, 4), "2")),
    )
    found = by_left(links)
    assert (found["c1"]["right_rid"], found["c1"]["method"]) == ("s1", "id_corrected")
    assert json.loads(found["c1"]["evidence"])["slip"] == "one_character"
    assert (found["c2"]["right_rid"], found["c2"]["method"]) == ("s2", "id_corrected")  # 李丽/李莉: same pinyin
    assert json.loads(found["c2"]["evidence"])["slip"] == "adjacent_swap"


def test_near_id_with_another_birth_date_is_not_corrected():
    near = A[:15] + str((int(A[15]) + 1) % 10) + A[16:]
    links = linkage.link(rows(person("c1", near, "王五", dt.date(1960, 1, 1))),
                         rows(person("s1", A, "张三", dt.date(1985, 3, 12))))
    assert links.accepted().num_rows == 0


def test_missing_id_homophone_name_links_probabilistically():
    links = linkage.link(rows(person("c1", "", "张晓明", dt.date(1970, 11, 11))),
                         rows(person("s1", C, "张小明", dt.date(1970, 11, 11))))
    link = by_left(links)["c1"]
    assert (link["right_rid"], link["method"], link["status"]) == ("s1", "probabilistic", "accepted")
    assert json.loads(link["evidence"])["partial"] == {"name": "same_pinyin"}


def test_different_people_born_the_same_day_do_not_link():
    links = linkage.link(rows(person("c1", "", "王建国", dt.date(2001, 2, 3))),
                         rows(person("s1", D, "刘芳", dt.date(2001, 2, 3), "2")))
    assert links.accepted().num_rows == 0


def test_two_equally_good_candidates_go_to_review_not_to_a_guess():
    links = linkage.link(
        rows(person("c1", "", "陈静", dt.date(1990, 7, 4), "2")),
        rows(person("s1", "", "陈静", dt.date(1990, 7, 4), "2"), person("s2", "", "陈静", dt.date(1990, 7, 4), "2")),
    )
    statuses = {r["right_rid"]: r["status"] for r in links.table.to_pylist()}
    assert statuses == {"s1": "review", "s2": "review"}
