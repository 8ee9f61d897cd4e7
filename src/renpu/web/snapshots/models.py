"""Monthly snapshots (月度快照): one row per frozen copy of the canvass tables."""

from __future__ import annotations

from django.db import models


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
        db_table = "reports_snapshot"  # made by the reports app before it was split
        verbose_name = "月度快照"
        verbose_name_plural = verbose_name
        ordering = ["-as_of"]

    def __str__(self) -> str:
        from django.utils import timezone

        return f"{self.label}（{timezone.localtime(self.as_of):%Y-%m-%d %H:%M}）"
