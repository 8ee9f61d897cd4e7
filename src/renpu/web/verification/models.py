"""Comparison runs, their findings (比对发现) and the tasks they become (核查任务).

The tables keep the names they were made with (``sources_finding``,
``platform_task`` …): these models moved here from the sources and platform
apps, and databases made before keep working (``migrations/0001``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renpu.web.canvass.models import Village
from renpu.web.sources.models import SourceRecord


class ComparisonRun(models.Model):
    started_at = models.DateTimeField("开始", auto_now_add=True)
    finished_at = models.DateTimeField("结束", null=True, blank=True)
    sources = models.CharField("比对部门", max_length=200)
    parameters = models.JSONField("参数（含训练所得模型）", default=dict)
    summary = models.JSONField("结果摘要", default=dict)

    class Meta:
        db_table = "sources_comparisonrun"
        verbose_name = "比对运行"
        verbose_name_plural = verbose_name
        ordering = ["-started_at"]


class Finding(models.Model):
    """One discrepancy a comparison or check found; codes as in DESIGN.md."""

    OPEN, RESOLVED = "open", "resolved"
    STATES = [(OPEN, "待核查"), (RESOLVED, "已处理")]

    code = models.CharField("发现类别", max_length=40, db_index=True)
    village = models.ForeignKey(Village, on_delete=models.PROTECT, null=True, blank=True)
    canvass_table = models.CharField("摸排表", max_length=30, blank=True)
    canvass_key = models.CharField("摸排记录编号", max_length=60, blank=True, db_index=True)
    source = models.CharField("部门", max_length=20, blank=True)
    source_record = models.ForeignKey(SourceRecord, on_delete=models.SET_NULL, null=True, blank=True)
    source_file = models.CharField("部门文件", max_length=255, blank=True)
    source_row = models.IntegerField("部门文件行号", null=True, blank=True)
    id_number = models.CharField("公民身份号码", max_length=40, blank=True)
    name = models.CharField("姓名", max_length=60, blank=True)
    method = models.CharField("匹配方法", max_length=30, blank=True)
    score = models.FloatField("匹配分", null=True, blank=True)
    evidence = models.JSONField("依据", default=dict)
    action = models.CharField("建议处理", max_length=300, blank=True)
    # Same finding on a re-run ⇒ same fingerprint: re-runs never duplicate and
    # a resolved finding stays resolved.
    fingerprint = models.CharField(max_length=64, unique=True)
    state = models.CharField("状态", max_length=10, choices=STATES, default=OPEN, db_index=True)
    run = models.ForeignKey(ComparisonRun, on_delete=models.SET_NULL, null=True, blank=True)
    first_seen = models.DateTimeField("首次发现", auto_now_add=True)
    last_seen = models.DateTimeField("最近发现", auto_now=True)

    class Meta:
        db_table = "sources_finding"
        verbose_name = "比对发现"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["village", "code", "state"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Task(models.Model):
    """A finding assigned to its village to verify (核查任务), one per finding."""

    class State(models.TextChoices):
        OPEN = "open", "待核查"
        RESOLVED = "resolved", "待审核"
        RETURNED = "returned", "退回重查"
        APPROVED = "approved", "已办结"

    finding = models.OneToOneField(Finding, on_delete=models.CASCADE, related_name="task")
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, verbose_name="村(居)委会"
    )
    code = models.CharField("发现类别", max_length=40)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)
    # One of the code's outcomes (verification.outcomes): labels live there, per code.
    outcome = models.CharField("核查结果", max_length=30, blank=True)
    note = models.TextField("核查说明", blank=True)
    # What the resolution changed (reversible.ChangeSet steps and lines), so that
    # sending back or undoing reverts exactly it; {"with": pk}: settled by that task.
    applied = models.JSONField("已做的修改", default=dict, blank=True)
    created_at = models.DateTimeField("派发时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        db_table = "platform_task"
        verbose_name = "核查任务"
        verbose_name_plural = verbose_name
        # Village task lists and the dashboard's open-tasks-by-code table; the second
        # is the task list's order, so a page of it is an index range, not a sort.
        indexes = [models.Index(fields=["village", "state", "code"]), models.Index(fields=["village", "code"])]

    def get_outcome_display(self) -> str:
        """The outcome's label in this code's list (the lists are code, not choices of the column)."""
        from .outcomes import label_of  # the outcomes read these models

        return label_of(self.code, self.outcome) if self.outcome else ""


class TaskEvent(models.Model):
    """One step of a task: created, resolved, returned, approved, undone."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)
    action = models.CharField("操作", max_length=20)
    outcome = models.CharField("核查结果", max_length=30, blank=True)
    comment = models.TextField("说明", blank=True)

    class Meta:
        db_table = "platform_taskevent"
        verbose_name = "任务处理记录"
        verbose_name_plural = verbose_name
        ordering = ["at", "pk"]
