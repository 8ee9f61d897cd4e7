"""Departments' records (部门行政记录), kept as dated batches.

Comparison runs and their findings are ``renpu.web.verification``'s.

A source extract is kept as a dated batch so that a later month's extract can be
compared again.  Its rows share the columns every comparison reads (ID number,
name, sex, birth date, village) and keep everything else in ``data``.
"""

from __future__ import annotations

from django.db import models

from renpu.web.canvass.models import Village

SOURCES = [
    ("police", "公安户籍"),
    ("pension", "养老保险"),
    ("medical", "医疗保险"),
    ("grid", "网格管理"),
    ("education", "教育（学生、教职工）"),
    ("health", "卫健（出生）"),
    ("civil", "民政（死亡）"),
    ("mapping", "标绘系统建筑物"),
]


class SourceBatch(models.Model):
    source = models.CharField("部门", max_length=20, choices=SOURCES)
    file_name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    stored_path = models.CharField("原件存放位置", max_length=500)
    as_of = models.DateField("数据截止日期", null=True, blank=True)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    imported_by = models.CharField("导入人", max_length=150, blank=True)
    rows = models.IntegerField("行数", default=0)

    class Meta:
        verbose_name = "部门数据批次"
        verbose_name_plural = verbose_name
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.file_name}"


class SourceRecord(models.Model):
    batch = models.ForeignKey(SourceBatch, on_delete=models.CASCADE, related_name="records")
    source = models.CharField("部门", max_length=20, choices=SOURCES, db_index=True)
    row = models.IntegerField("行号")  # as Excel shows it
    id_number = models.CharField("公民身份号码", max_length=40, blank=True, db_index=True)
    id_problem = models.CharField("身份证号问题", max_length=60, blank=True)
    name = models.CharField("姓名", max_length=60, blank=True)
    # the linkage's name key (canvass.models.derived), written with the record, not computed per run
    name_pinyin = models.CharField("姓名拼音", max_length=120, blank=True)
    sex = models.CharField("性别", max_length=1, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    village = models.ForeignKey(Village, on_delete=models.SET_NULL, null=True, blank=True)
    data = models.JSONField("其他字段", default=dict)

    class Meta:
        verbose_name = "部门记录"
        verbose_name_plural = verbose_name
