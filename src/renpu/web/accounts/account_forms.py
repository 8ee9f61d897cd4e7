"""The forms of 账号管理: a canvasser's or township officer's account, its area, its password."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation

from renpu.web.canvass.models import Township, Village
from renpu.web.ui.forms import say_choose

from .models import Role

# The county office makes canvassers and township officers here; county accounts
# stay with ``renpu users add`` (whoever runs the server), so a browser session
# cannot make another all-seeing account.
BROWSER_ROLES = [(Role.VILLAGE.value, Role.VILLAGE.label), (Role.TOWNSHIP.value, Role.TOWNSHIP.label)]


def _village_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    rows = Village.objects.order_by("township_id", "code").values_list("township__name", "code", "name")
    return [(township, [(code, f"{name}（{code}）") for _, code, name in villages])
            for township, villages in groupby(rows, key=lambda row: row[0])]


class AreaForm(forms.Form):
    """Role and area; whether they fit together is ``users.set_role``'s rule (the CLI's too)."""

    first_name = forms.CharField(label="姓名", max_length=150, required=False)
    role = forms.ChoiceField(label="角色", choices=BROWSER_ROLES)
    townships = forms.MultipleChoiceField(
        label="所辖乡镇(街道)", required=False, help_text="乡镇(街道)人普办：选所辖乡镇；可按住 Ctrl 多选",
        widget=forms.SelectMultiple(attrs={"size": 6}))
    villages = forms.MultipleChoiceField(
        label="所辖村(居)", required=False, help_text="村(居)摸排员：选负责的村(居)；可按住 Ctrl 多选",
        widget=forms.SelectMultiple(attrs={"size": 10}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["townships"].choices = [  # type: ignore[attr-defined]
            (t.code, f"{t.name}（{t.code}）") for t in Township.objects.order_by("code")]
        self.fields["villages"].choices = _village_choices()  # type: ignore[attr-defined]
        say_choose(self)

    def area_codes(self) -> list[str]:
        return [*self.cleaned_data["townships"], *self.cleaned_data["villages"]]


class PasswordForm(forms.Form):
    password1 = forms.CharField(label="新密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text="至少10个字符；告诉本人后请其登录后自行修改")
    password2 = forms.CharField(label="再输一遍新密码", strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "两次输入的密码不一致。")
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class NewAccountForm(AreaForm, PasswordForm):
    username = forms.CharField(label="账号（登录名）", max_length=150,
                               help_text="字母、数字或 @ . + - _，如 li.xiaoming")
    field_order = ["username", "first_name", "role", "townships", "villages", "password1", "password2"]

    def clean_username(self) -> str:
        name = str(self.cleaned_data["username"]).strip()
        validator = get_user_model().username_validator  # type: ignore[attr-defined]
        try:
            validator(name)
        except forms.ValidationError as error:
            raise forms.ValidationError("账号只能包含字母、数字和 @ . + - _ 。") from error
        if get_user_model().objects.filter(username__iexact=name).exists():
            raise forms.ValidationError(f"账号“{name}”已存在，请换一个。")
        return name
