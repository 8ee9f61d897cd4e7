"""Accounts: who may see which villages, what they agreed to, what they exported,
and failed logins.

The app keeps the label ``platform`` (see ``apps.py``): its tables are named
``platform_*`` in every database made before the web folders were split.
"""

from __future__ import annotations

import hashlib
from typing import ClassVar

from django.conf import settings
from django.db import models

from renpu.web.canvass.models import Township, Village


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


class AccountChange(models.Model):
    """A change to an account made in the browser (账号管理): who, when, which account, what."""

    at = models.DateTimeField("时间", auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    by_name = models.CharField("操作人", max_length=150)
    username = models.CharField("账号", max_length=150)
    action = models.CharField("操作", max_length=20)
    detail = models.CharField("内容", max_length=500, blank=True)

    class Meta:
        verbose_name = "账号变更记录"
        verbose_name_plural = verbose_name
        ordering = ["-at", "-pk"]


class AccessLog(models.Model):
    """Who viewed which household's personal data (written by access_log's middleware, 查看记录)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    user_name = models.CharField("查看人", max_length=150)
    village_code = models.CharField("村(居)代码", max_length=12, db_index=True)
    household_key = models.CharField("户编号", max_length=60, db_index=True)
    page = models.CharField("页面", max_length=40)
    at = models.DateTimeField("查看时间", auto_now_add=True, db_index=True)
    objects: ClassVar[models.Manager[AccessLog]] = models.Manager()

    class Meta:
        app_label = "platform"
        verbose_name = "个人信息查看记录"
        verbose_name_plural = verbose_name
        ordering = ["-at"]
