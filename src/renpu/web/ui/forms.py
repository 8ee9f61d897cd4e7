"""What every form of the platform shares."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH

CHOOSE = "请选择"


def say_choose(form: forms.BaseForm) -> None:
    """A list's empty choice reads 请选择, not Django's ``---------``."""
    dash = BLANK_CHOICE_DASH[0][1]
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                field.empty_label = CHOOSE
        elif isinstance(field, forms.ChoiceField):
            choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
            field.choices = [(value, CHOOSE if value == "" and label == dash else label) for value, label in choices]


class ChooseMixin:
    """``say_choose`` once the fields exist (put it first among a form's bases)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        say_choose(self)  # type: ignore[arg-type]
