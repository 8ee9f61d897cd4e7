"""Upload forms: a canvass workbook, or a department's extract."""

from __future__ import annotations

from django import forms

from renpu.web.sources.models import SOURCES


class CanvassUploadForm(forms.Form):
    file = forms.FileField(label="摸排表文件（.xlsx / .xls / .csv）")


class SourceUploadForm(forms.Form):
    source = forms.ChoiceField(label="部门", choices=SOURCES)
    file = forms.FileField(label="部门数据文件（.xlsx / .xls / .csv）")
