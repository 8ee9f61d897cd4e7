"""What the reports keep: household numbers of the 户主姓名底册, and monthly snapshots."""

from __future__ import annotations

from django.db import models


class HouseholdNumber(models.Model):
    """The 3-digit 户编号 a household or vacant dwelling got in its 普查小区's register.

    Assigned once, in walking order, when the area's register is first compiled;
    a household found later takes the next number after the area's maximum.
    Numbers are never reused (999 is never stored: it is shown for a household
    whose members all died).
    """

    enumeration_area = models.CharField("普查小区", max_length=15, db_index=True)
    record_table = models.CharField("表", max_length=20)  # household / vacant_dwelling
    record_key = models.CharField("记录编号", max_length=60)
    number = models.IntegerField("户编号")
    assigned_at = models.DateTimeField("编号时间", auto_now_add=True)

    class Meta:
        verbose_name = "底册户编号"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["enumeration_area", "record_table", "record_key"], name="unique_numbered_record"),
            models.UniqueConstraint(fields=["enumeration_area", "number"], name="unique_household_number"),
        ]


class Snapshot(models.Model):
    """The store frozen as of a date (月度快照): a Parquet file per table under RENPU_HOME/snapshots."""

    label = models.CharField("名称", max_length=100)
    as_of = models.DateTimeField("快照时点")
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    created_by = models.CharField("生成人", max_length=150, blank=True)
    folder = models.CharField("存放位置", max_length=500)
    size_bytes = models.BigIntegerField("文件大小", default=0)
    rows = models.JSONField("各表行数", default=dict)

    class Meta:
        verbose_name = "月度快照"
        verbose_name_plural = verbose_name
        ordering = ["-as_of"]

    def __str__(self) -> str:
        from django.utils import timezone

        return f"{self.label}（{timezone.localtime(self.as_of):%Y-%m-%d %H:%M}）"
