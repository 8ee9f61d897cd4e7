"""Forms of the task pages: resolving a task with an outcome, and reviewing it."""

from __future__ import annotations

from django import forms

from renpu.core import codes
from renpu.web.canvass.forms import DATE_WIDGET

from .models import Task


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(label="核查结果", choices=Task.Outcome.choices)
    note = forms.CharField(label="核查说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    died_on = forms.DateField(label="死亡日期（确认死亡时）", required=False, widget=DATE_WIDGET)
    id_number = forms.CharField(label="正确的身份证号（更正时）", required=False, max_length=40,
                                widget=forms.TextInput(attrs={"data-idcheck": ""}))
    household_key = forms.CharField(label="补录到的户编号（补录时）", required=False, max_length=40)
    relationship = forms.ChoiceField(label="与户主关系（补录时）", choices=codes.RELATIONSHIP.choices(),
                                     initial=codes.RELATIONSHIP.OTHER)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="审核", choices=[("approve", "通过"), ("return", "退回重查")])
    comment = forms.CharField(label="审核意见（退回时必填）", required=False, widget=forms.Textarea(attrs={"rows": 2}))
