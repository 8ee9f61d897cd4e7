"""What the registers keep: the household numbers of the 户主姓名底册."""

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
