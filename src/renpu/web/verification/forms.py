"""Forms of the task pages: resolving a task with one of its code's outcomes, reviewing, undoing."""

from __future__ import annotations

from typing import Any

from django import forms

from renpu.core import codes
from renpu.web.canvass.forms import DATE_WIDGET

from . import outcomes

PLEASE_CHOOSE = ("", "请选择")
# The detail fields an outcome may need, in the order the form shows them.
DETAILS = ("died_on", "id_number", "household_key", "relationship", "registration_place")


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(label="核查结果", widget=forms.RadioSelect)
    died_on = forms.DateField(label="死亡日期", required=False, widget=DATE_WIDGET)
    id_number = forms.CharField(label="正确的公民身份号码", required=False, max_length=40,
                                widget=forms.TextInput(attrs={"data-idcheck": ""}))
    household_key = forms.CharField(label="补录到的户编号（本村）", required=False, max_length=40)
    relationship = forms.ChoiceField(label="与户主关系", required=False,
                                     choices=[PLEASE_CHOOSE, *codes.RELATIONSHIP.choices()])
    registration_place = forms.ChoiceField(label="更正后的户口登记地", required=False,
                                           choices=[PLEASE_CHOOSE, *codes.REGISTRATION_PLACE.choices()])
    note = forms.CharField(label="核查说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = outcomes.outcomes_of(code)
        # None preselected: the canvasser chooses, every time.
        choice = self.fields["outcome"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [(o.key, f"{o.label}（修改数据，提交前先预览）" if o.changes_data else o.label)
                                          for o in offered]
        needed = {name for o in offered for name in o.needs}
        for name in DETAILS:
            if name not in needed:
                del self.fields[name]
        # Which outcome each detail belongs to, said in its label.
        for name, field in self.fields.items():
            owners = [o.label for o in offered if name in o.needs]
            if owners:
                field.label = f"{field.label}（选“{'”或“'.join(owners)}”时填写）"


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="审核", widget=forms.RadioSelect,
                                 choices=[("approve", "通过"), ("return", "退回重查（撤销所做修改）")])
    comment = forms.CharField(label="审核意见（退回时必填）", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UndoForm(forms.Form):
    comment = forms.CharField(label="撤销原因", widget=forms.Textarea(attrs={"rows": 2}))
