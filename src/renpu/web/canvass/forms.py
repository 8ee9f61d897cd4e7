"""Forms of the canvass pages; person checks are ``core.checks``' (the comparison's too)."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.db.models import QuerySet

from renpu.core.checks import Verdict, check_identity, check_number, check_person
from renpu.web.ui.forms import ChooseMixin, say_choose

from . import people
from .models import Household, Person, PersonAway, Village
from .records import ID_FIELDS, Kind

# The browser's date picker takes and gives ISO dates only; the zh-hans input format
# (2020/11/01) would leave the picker empty and lose the stored date on saving.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

PERSON_FIELDS = [
    "name", "id_number", "sex", "birth_date", "ethnicity", "relationship", "registration_place",
    "registration_address", "time_away", "reason_away", "education", "status", "status_date", "phone",
    "no_fixed_abode", "unregistered", "special_area", "multiple_dwellings", "fact_source", "remarks",
]

HOUSEHOLD_FIELDS = [
    "group", "kind", "enumeration_area", "building_code", "dwelling_number", "dwelling_label", "address",
    "head_name", "collective_name", "residence_type", "police_household_number", "phone", "remarks",
]


class PersonForm(ChooseMixin, forms.ModelForm):
    """A member of one household; checked against the other members on save."""

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"birth_date": DATE_WIDGET, "status_date": DATE_WIDGET}

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.household = household
        self.warnings: list[str] = []
        self.fields["name"].required = True
        self.fields["id_number"].help_text = "18位，最后一位可为X；新生儿未办证可暂空并在备注说明"
        self.fields["id_number"].widget.attrs["data-idcheck"] = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        others = people.members(self.household.household_key, exclude_pk=self.instance.pk)
        verdict = check_person(data, others)
        for field_name, messages in verdict.errors.items():
            for message in messages:
                self.add_error(field_name if field_name in self.fields else None, message)
        if verdict.id_number:
            data["id_number"] = verdict.id_number
        self.warnings = verdict.warnings
        return data


class HouseholdForm(ChooseMixin, forms.ModelForm):
    class Meta:
        model = Household
        fields = HOUSEHOLD_FIELDS


class NewHouseholdForm(HouseholdForm):
    """Adding a household: its village (among the user's) and optionally its key."""

    village = forms.ModelChoiceField(queryset=Village.objects.none(), label="村(居)委会")
    household_key = forms.CharField(label="户编号", required=False, help_text="留空则自动编号")

    class Meta(HouseholdForm.Meta):
        fields = ["village", "household_key", *HOUSEHOLD_FIELDS]

    def __init__(self, *args: Any, villages: QuerySet[Village], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]
        self.order_fields(["village", "household_key", *HOUSEHOLD_FIELDS])

    def clean_household_key(self) -> str:
        key = str(self.cleaned_data.get("household_key") or "").strip()
        if key and Household.objects.filter(household_key=key).exists():
            raise forms.ValidationError("该户编号已被使用，请换一个或留空自动编号。")
        return key


class DeathForm(forms.Form):
    died_on = forms.DateField(label="死亡日期", widget=DATE_WIDGET)
    note = forms.CharField(label="说明（如死亡证明编号）", required=False, max_length=200)


class AwayForm(ChooseMixin, forms.ModelForm):
    class Meta:
        model = PersonAway
        fields = ["away_place", "away_address", "away_since", "reason", "info_source", "phone", "remarks"]
        widgets = {"away_since": DATE_WIDGET}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("away_place", "away_since", "reason"):
            self.fields[name].required = True


class ReturnForm(forms.Form):
    returned_on = forms.DateField(label="返回日期", widget=DATE_WIDGET)


class CheckForm(forms.Form):
    changes = forms.CharField(label="本月变动情况（无变动可空）", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SearchForm(forms.Form):
    q = forms.CharField(label="姓名、拼音、身份证号（或后4位以上）、户编号", max_length=60)


class RecordForm(ChooseMixin, forms.ModelForm):
    """A row of 空宅表, 空挂户表, 楼盘小区表 or 外出人员表, checked like the importers check it."""

    def __init__(self, *args: Any, villages: QuerySet[Village] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.warnings: list[str] = []
        if villages is not None:  # a new record: which village it belongs to
            self.fields["village"] = forms.ModelChoiceField(queryset=villages, label="村(居)委会")
            say_choose(self)
            self.order_fields(["village", *self._meta.fields])  # type: ignore[misc]
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = copy.deepcopy(DATE_WIDGET)
            if name in ID_FIELDS:
                field.widget.attrs["data-idcheck"] = ""
            if isinstance(field, forms.IntegerField):
                field.min_value = 0
                field.widget.attrs["min"] = 0

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        verdict = self._verdict(data)
        for field_name, messages in verdict.errors.items():
            for message in messages:
                self.add_error(field_name if field_name in self.fields else None, message)
        id_field = next((name for name in ID_FIELDS if name in self.fields), None)
        if verdict.id_number and id_field:
            data[id_field] = verdict.id_number
        self.warnings = verdict.warnings
        return data

    def _verdict(self, data: dict[str, Any]) -> Verdict:
        if "id_number" in self.fields and "birth_date" in self.fields:
            return check_identity(data)
        if "owner_id_number" in self.fields:
            return check_number(data.get("owner_id_number") or "", "owner_id_number")
        verdict = Verdict()
        dwellings, occupied, vacant = (data.get(f) for f in ("dwellings", "occupied", "vacant"))
        if dwellings is not None and (occupied or 0) + (vacant or 0) > dwellings:
            verdict.error("dwellings", f"已入住 {occupied or 0} 户加空置 {vacant or 0} 户多于住房单元数 {dwellings}，请核对。")
        return verdict


def record_form(kind: Kind) -> type[RecordForm]:
    meta = type("Meta", (), {"model": kind.model, "fields": list(kind.form_fields)})
    return type(f"{kind.model.__name__}Form", (RecordForm,), {"Meta": meta})
