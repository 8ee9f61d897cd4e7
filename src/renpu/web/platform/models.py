"""The platform's own tables: who may see which villages, what they agreed to,
monthly checks, verification tasks and their steps, exports and failed logins.

The canvass data itself lives in ``renpu.web.canvass``; findings in
``renpu.web.sources``.  Here only what the web platform adds.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models

from renpu.web.canvass.models import Township, Village
from renpu.web.sources.models import Finding


class Role(models.TextChoices):
    COUNTY = "county", "县人普办"
    TOWNSHIP = "township", "乡镇(街道)人普办"
    VILLAGE = "village", "村(居)摸排员"


class Membership(models.Model):
    """A user's role and area: the only input of ``scope.villages_for``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField("角色", max_length=10, choices=Role.choices)
    townships = models.ManyToManyField(Township, blank=True, verbose_name="乡镇(街道)")
    villages = models.ManyToManyField(Village, blank=True, verbose_name="村(居)委会")

    class Meta:
        verbose_name = "账号权限"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class Agreement(models.Model):
    """One version of the confidentiality agreement; the newest one is in force."""

    title = models.CharField("标题", max_length=100, default="人口普查数据保密协议")
    text = models.TextField("协议正文")
    created_at = models.DateTimeField("发布时间", auto_now_add=True)

    class Meta:
        verbose_name = "保密协议"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title}（{self.version}）"

    @property
    def version(self) -> str:
        """A short hash of the text: a changed text is a new version, whatever the date."""
        return hashlib.sha256(self.text.encode()).hexdigest()[:12]


class AgreementAcceptance(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT)
    version = models.CharField("协议版本", max_length=12)
    accepted_at = models.DateTimeField("签署时间", auto_now_add=True)

    class Meta:
        verbose_name = "保密协议签署记录"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="one_acceptance_per_version")
        ]


class HouseholdCheck(models.Model):
    """A household verified in a month (月度核查, 核变动)."""

    household_key = models.CharField("户编号", max_length=40)
    village = models.ForeignKey(Village, on_delete=models.PROTECT, verbose_name="村(居)委会")
    month = models.CharField("核查月份", max_length=7)  # "2025-06"
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, verbose_name="核查人"
    )
    checked_by_name = models.CharField("核查人", max_length=150, blank=True)
    at = models.DateTimeField("核查时间", auto_now_add=True)
    changes = models.TextField("变动情况", blank=True)  # empty = 无变动

    class Meta:
        verbose_name = "月度核查"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["household_key", "month"], name="one_check_per_month")
        ]
        # The county's progress page counts checks per village and month.
        indexes = [models.Index(fields=["village", "month"])]


class Task(models.Model):
    """A finding assigned to its village to verify (核查任务), one per finding."""

    class State(models.TextChoices):
        OPEN = "open", "待核查"
        RESOLVED = "resolved", "待审核"
        RETURNED = "returned", "退回重查"
        APPROVED = "approved", "已办结"

    class Outcome(models.TextChoices):
        ADDED = "added", "已补录漏登人员"
        DEATH = "death", "确认死亡"
        ID_CORRECTED = "id_corrected", "已更正身份证号"
        REGISTERED_ABSENT = "registered_absent", "确认户在人不在（空挂）"
        NOT_SAME = "not_same", "不是同一人"
        NOT_FOUND = "not_found", "查无此人"

    finding = models.OneToOneField(Finding, on_delete=models.CASCADE, related_name="task")
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, verbose_name="村(居)委会"
    )
    code = models.CharField("发现类别", max_length=40)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)
    outcome = models.CharField("核查结果", max_length=20, choices=Outcome.choices, blank=True)
    note = models.TextField("核查说明", blank=True)
    created_at = models.DateTimeField("派发时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "核查任务"
        verbose_name_plural = verbose_name
        # Village task lists and the dashboard's open-tasks-by-code table; the second
        # is the task list's order, so a page of it is an index range, not a sort.
        indexes = [models.Index(fields=["village", "state", "code"]), models.Index(fields=["village", "code"])]


class TaskEvent(models.Model):
    """One step of a task: created, resolved, returned, approved."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)
    action = models.CharField("操作", max_length=20)
    outcome = models.CharField("核查结果", max_length=20, blank=True)
    comment = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "任务处理记录"
        verbose_name_plural = verbose_name
        ordering = ["at", "pk"]


class ExportLog(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    user_name = models.CharField("导出人", max_length=150)
    what = models.CharField("导出内容", max_length=200)
    rows = models.IntegerField("行数")
    masked = models.BooleanField("身份证号已遮盖", default=True)
    at = models.DateTimeField("导出时间", auto_now_add=True)

    class Meta:
        verbose_name = "导出记录"
        verbose_name_plural = verbose_name
        ordering = ["-at"]


class LoginFailure(models.Model):
    """A failed login, kept to throttle guessing (see ``throttle.py``)."""

    username = models.CharField(max_length=150)
    ip = models.CharField(max_length=45)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["username", "ip", "at"])]
