"""Family and collective households that make sense: who lives with whom, at what age."""

from __future__ import annotations

import random

from renpu.synth import names
from renpu.synth.model import Household, Person, birth_for_age

# (template, weight): tuned so that the county's age shares come out near the
# 2020 census figures for Qichun (0–14 21.8 %, 15–59 59.2 %, 60+ 19.1 %).
TEMPLATES = (
    ("old_single", 8), ("adult_single", 6), ("old_couple", 11), ("mid_couple", 9),
    ("nuclear", 36), ("stem", 15), ("stem_young", 9), ("skip", 4), ("single_parent", 4),
)
_TEMPLATE_NAMES = [t for t, _ in TEMPLATES]
_TEMPLATE_WEIGHTS = [w for _, w in TEMPLATES]
# The wild county: more three-generation households, some with two married sons and their children
# (several mothers under one roof), fewer small nuclear ones.
WILD_TEMPLATES = (
    ("old_single", 7), ("adult_single", 5), ("old_couple", 9), ("mid_couple", 7), ("nuclear", 24),
    ("stem", 22), ("stem_young", 10), ("skip", 5), ("single_parent", 4), ("two_sons", 7),
)
_WILD_NAMES = [t for t, _ in WILD_TEMPLATES]
_WILD_WEIGHTS = [w for _, w in WILD_TEMPLATES]


class Maker:
    """Makes persons for one village (names, ages, origin)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self, sex: str, age: int, family: str | None = None, origin: str = "local") -> Person:
        rng = self.rng
        birth = birth_for_age(rng.random(), max(0, age))
        surname = family or names.surname(rng)
        person = Person(surname + names.given_name(rng, sex, birth.year), sex, birth, len(surname))
        person.flags.append(f"origin:{origin}") if origin != "local" else None
        return person

    def spouse_of(self, head: Person, origin: str | None = None) -> Person:
        rng = self.rng
        sex = "2" if head.sex == "1" else "1"
        gap = rng.choice((-1, 0, 0, 1, 1, 2, 2, 3, 4, 5)) if sex == "2" else -rng.choice((-1, 0, 1, 2, 3))
        origin = origin or rng.choices(("local", "neighbour", "province"), (65, 28, 7))[0]
        return self.person(sex, max(18, head.age - gap), origin=origin)

    def children(self, mother_age: int, family: str, count: int, youngest: int = 0,
                 mother: Person | None = None) -> list[Person]:
        rng = self.rng
        kids = []
        for _ in range(count):
            age = mother_age - rng.randint(21, 36)
            if age < youngest:
                continue
            kids.append(self.person(rng.choice("1122112"), age, family))  # slight excess of boys
        kids.sort(key=lambda p: p.birth)
        if mother is not None and mother.sex == "2":
            for kid in kids:
                kid.mother = mother
        return kids


def family_household(maker: Maker, wild: bool = False) -> Household:
    rng = maker.rng
    template = rng.choices(_WILD_NAMES, _WILD_WEIGHTS)[0] if wild else rng.choices(_TEMPLATE_NAMES, _TEMPLATE_WEIGHTS)[0]
    household = Household("1")
    members = _BUILDERS[template](maker, rng)
    for person, rel in members:
        person.rel = rel
        person.household = household
        household.members.append(person)
    return household


def _old_single(maker: Maker, rng: random.Random) -> list[tuple[Person, str]]:
    return [(maker.person("2" if rng.random() < 0.62 else "1", int(rng.triangular(60, 95, 72))), "0")]


def _adult_single(maker: Maker, rng: random.Random) -> list[tuple[Person, str]]:
    return [(maker.person("1" if rng.random() < 0.72 else "2", rng.randint(22, 59)), "0")]


def _couple(maker: Maker, low: int, high: int) -> list[tuple[Person, str]]:
    head = maker.person("1", int(maker.rng.triangular(low, high, low + 3)))
    return [(head, "0"), (maker.spouse_of(head), "1")]


def _old_couple(maker: Maker, rng: random.Random) -> list[tuple[Person, str]]:
    return _couple(maker, 60, 90)


def _mid_couple(maker: Maker, rng: random.Random) -> list[tuple[Person, str]]:
    return _couple(maker, 42, 60)


def _nuclear(maker: Maker, rng: random.Random) -> list[tuple[Person, str]]:
    head = maker.person("1", int(rng.triangular(24, 55, 35)))
    spouse = maker.spouse_of(head)
    kids = maker.children(spouse.age, head.surname, rng.choices((1, 2, 3), (40, 45, 15))[0], mother=spouse)
    return [(head, "0"), (spouse, "1"), *((k, "2") for k in kids)]


def _stem(maker: Maker, rng: random.Random) -> list[tuple[Person, str]]:
    head = maker.person("1", rng.randint(48, 75))
    spouse = maker.spouse_of(head)
    son = maker.person("1", max(20, spouse.age - rng.randint(22, 32)), head.surname)
    wife = maker.spouse_of(son)
    kids = maker.children(wife.age, head.surname, rng.choices((1, 2, 3), (35, 50, 15))[0], mother=wife)
    members = [(head, "0"), (spouse, "1"), (son, "2"), (wife, "6"), *((k, "7") for k in kids)]
    if rng.random() < 0.15:
        members.append((maker.person("2", max(16, spouse.age - rng.randint(20, 30)), head.surname), "2"))
    return members


def _stem_young(maker: Maker, rng: random.Random) -> list[tuple[Person, str]]:
    head = maker.person("1", rng.randint(27, 48))
    spouse = maker.spouse_of(head)
    kids = maker.children(spouse.age, head.surname, rng.choices((1, 2, 3), (40, 45, 15))[0], mother=spouse)
    father_age = head.age + rng.randint(22, 34)
    elders = []
    if father_age <= 92 and rng.random() < 0.7:
        elders.append((maker.person("1", father_age, head.surname), "3"))
    if father_age <= 95:
        elders.append((maker.person("2", father_age - rng.randint(0, 5)), "3"))
    return [(head, "0"), (spouse, "1"), *((k, "2") for k in kids), *elders]


def _skip(maker: Maker, rng: random.Random) -> list[tuple[Person, str]]:
    head = maker.person("1", rng.randint(55, 78))
    spouse = maker.spouse_of(head)
    kids = [maker.person(rng.choice("12"), rng.randint(2, 14), head.surname) for _ in range(rng.choice((1, 1, 2)))]
    return [(head, "0"), (spouse, "1"), *((k, "7") for k in kids)]


def _single_parent(maker: Maker, rng: random.Random) -> list[tuple[Person, str]]:
    head = maker.person(rng.choice("12"), rng.randint(30, 60))
    family = head.surname if head.sex == "1" else names.surname(rng)
    kids = maker.children(head.age, family, rng.choice((1, 1, 2)), mother=head)
    return [(head, "0"), *((k, "2") for k in kids)]


def _two_sons(maker: Maker, rng: random.Random) -> list[tuple[Person, str]]:
    """Grandparents, two married sons, their wives (儿媳) and young children: two mothers, one household."""
    head = maker.person("1", rng.randint(50, 68))
    spouse = maker.spouse_of(head)
    members = [(head, "0"), (spouse, "1")]
    for _ in range(2):
        son = maker.person("1", max(21, spouse.age - rng.randint(22, 30)), head.surname)
        wife = maker.spouse_of(son)
        kids = maker.children(min(wife.age, 30), head.surname, rng.choice((1, 1, 2)), mother=wife)
        members += [(son, "2"), (wife, "6"), *((k, "7") for k in kids)]
    return members


_BUILDERS = {
    "old_single": _old_single, "adult_single": _adult_single, "old_couple": _old_couple,
    "mid_couple": _mid_couple, "nuclear": _nuclear, "stem": _stem, "stem_young": _stem_young,
    "skip": _skip, "single_parent": _single_parent, "two_sons": _two_sons,
}


def collective_household(maker: Maker, kind: str, name: str, size: int) -> Household:
    """A care home (elderly), worksite (working-age men) or special-area unit."""
    rng = maker.rng
    household = Household("2")
    household.collective_name = name
    household.residence_type = "2" if kind != "special" else "3"
    for _ in range(size):
        if kind == "care":
            person = maker.person("1" if rng.random() < 0.55 else "2", int(rng.triangular(62, 96, 80)))
        elif kind == "worksite":
            origin = rng.choices(("local", "neighbour", "province"), (40, 35, 25))[0]
            person = maker.person("1" if rng.random() < 0.92 else "2", rng.randint(20, 58), origin=origin)
        else:
            person = maker.person("1" if rng.random() < 0.85 else "2", rng.randint(21, 55))
        person.household = household
        person.table = "collective"
        household.members.append(person)
    return household
