"""The other typed tables, browsed and edited in the browser like households.

空宅表, 空挂户表, 楼盘小区表 and 外出人员表 are lists of records of one village
each; a canvasser adds, corrects and removes them (a 外出 row is added by the
person's "外出" action, so it is only corrected here).  One ``Kind`` says, for
each, what the list shows, what the form edits and how new keys are made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Field, QuerySet

from .models import (
    AbsentMember,
    CanvassRecord,
    Complex,
    PersonAway,
    VacantDwelling,
)


@dataclass(frozen=True)
class Kind:
    slug: str  # in the URL: /records/<slug>/
    model: type[CanvassRecord]
    title: str
    key_field: str
    key_letter: str  # web-entered keys: <village>-W<letter><n>, never an imported key
    form_fields: tuple[str, ...]
    list_fields: tuple[str, ...]  # after 村(居)委会, 小组 and the key
    can_add: bool = True

    @property
    def ordering(self) -> tuple[str, ...]:
        return ("village_id", "group", self.key_field, "pk")

    def field(self, name: str) -> Field[Any, Any]:
        found = self.model._meta.get_field(name)
        assert isinstance(found, Field)
        return found

    def label(self, name: str) -> str:
        return str(self.field(name).verbose_name)

    def listed(self, village_codes: list[str] | None) -> QuerySet[Any]:
        """The list of these villages (None: all) in its order, as the page and the export show it."""
        query = self.model._default_manager.select_related("village").order_by(*self.ordering)
        return query if village_codes is None else query.filter(village_id__in=village_codes)


KINDS: dict[str, Kind] = {kind.slug: kind for kind in [
    Kind("vacant", VacantDwelling, "空宅表", "vacant_key", "K",
         ("group", "enumeration_area", "building_code", "dwelling_number", "dwelling_label", "address",
          "owner_name", "owner_id_number", "owner_household_key", "reason", "remarks"),
         ("address", "owner_name", "reason")),
    Kind("absent", AbsentMember, "空挂户表", "member_key", "G",
         ("group", "absent_household_key", "police_household_number", "registered_address", "head_name",
          "name", "id_number", "sex", "birth_date", "relationship", "reason", "lead", "remarks"),
         ("absent_household_key", "name", "id_number", "reason", "lead")),
    Kind("complexes", Complex, "楼盘小区表", "complex_key", "L",
         ("group", "name", "address", "manager", "buildings", "dwellings", "occupied", "vacant",
          "contact", "phone", "remarks"),
         ("name", "address", "dwellings", "occupied", "vacant")),
    Kind("away", PersonAway, "外出人员表", "away_key", "C",
         ("away_place", "away_address", "away_since", "reason", "info_source", "phone", "remarks"),
         ("name", "id_number", "away_place", "away_address", "away_since"), can_add=False),
]}

# Fields holding an ID number: masked in lists for the roles that see masked numbers.
ID_FIELDS = {"id_number", "owner_id_number"}


def shown_value(record: Any, name: str) -> Any:
    """A field as people read it: the label of a code (性别 1 → 男), else the value."""
    display = getattr(record, f"get_{name}_display", None)
    return display() if display else getattr(record, name)


def next_key(kind: Kind, village_code: str) -> str:
    prefix = f"{village_code}-W{kind.key_letter}"
    taken = set(kind.model._default_manager.filter(**{f"{kind.key_field}__startswith": prefix})
                .values_list(kind.key_field, flat=True))
    number = len(taken) + 1
    while f"{prefix}{number:04d}" in taken:
        number += 1
    return f"{prefix}{number:04d}"
