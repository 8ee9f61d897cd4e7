"""The store: geography, the seven typed tables of the 一套表, imports and history.

Field names are the ``field``s of ``renpu.core.tables``; Chinese labels are the
``label``s (tests/web/canvass/test_models.py keeps the two in step).  Code fields store
the census code and take their ``choices`` from ``renpu.core.codes``.  Every
typed record has a stable key (个人编号, 户编号 …) that survives re-imports.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from renpu.core import codes, names


def _code(code_list: codes.CodeList, label: str = "") -> models.CharField:
    return models.CharField(label or code_list.label, max_length=2, choices=code_list.choices(), blank=True)


def _yes_no(label: str) -> models.CharField:
    return models.CharField(label, max_length=1, choices=codes.YES_NO.choices(), blank=True)


class Township(models.Model):
    code = models.CharField("乡镇代码", max_length=9, primary_key=True)
    name = models.CharField("乡镇(街道)", max_length=60)

    class Meta:
        verbose_name = "乡镇(街道)"
        verbose_name_plural = verbose_name
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Village(models.Model):
    code = models.CharField("村(居)代码", max_length=12, primary_key=True)
    name = models.CharField("村(居)委会", max_length=60)
    township = models.ForeignKey(Township, on_delete=models.PROTECT, related_name="villages")

    class Meta:
        verbose_name = "村(居)委会"
        verbose_name_plural = verbose_name
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class EnumerationArea(models.Model):
    code = models.CharField("普查小区代码", max_length=15, primary_key=True)
    name = models.CharField("名称", max_length=60, blank=True)
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="areas")

    class Meta:
        verbose_name = "普查小区"
        verbose_name_plural = verbose_name
        ordering = ["code"]


class Building(models.Model):
    """A building: seen in the canvass (建筑物编号) and/or in the mapping system."""

    code = models.CharField("建筑物编号", max_length=30, primary_key=True)
    enumeration_area = models.CharField("普查小区", max_length=15, blank=True, db_index=True)
    address = models.CharField("地址或名称", max_length=200, blank=True)
    longitude = models.FloatField("经度", null=True, blank=True)
    latitude = models.FloatField("纬度", null=True, blank=True)
    mapped = models.BooleanField("已在标绘系统", default=False)

    class Meta:
        verbose_name = "建筑物"
        verbose_name_plural = verbose_name


class Dwelling(models.Model):
    """A housing unit (住房单元) inside a building, as the canvass lists it."""

    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="dwellings")
    number = models.CharField("住房单元编号", max_length=20)

    class Meta:
        verbose_name = "住房单元"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["building", "number"], name="unique_dwelling")
        ]


class ImportBatch(models.Model):
    """One imported file: kept as the original, with its outcome."""

    kind = models.CharField("类别", max_length=20, default="canvass")
    file_name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    stored_path = models.CharField("原件存放位置", max_length=500)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    imported_by = models.CharField("导入人", max_length=150, blank=True)
    rows_added = models.IntegerField("新增", default=0)
    rows_changed = models.IntegerField("修改", default=0)
    rows_unchanged = models.IntegerField("未变", default=0)

    class Meta:
        verbose_name = "导入批次"
        verbose_name_plural = verbose_name
        ordering = ["-imported_at"]


# Columns the store fills itself, or that say where a row came from rather than
# what it says: a change of position in the file is not a change of the record.
BOOKKEEPING_FIELDS = frozenset({"id", "batch", "source_sheet", "source_row", "updated_at"})
# Columns derived from the name or ID number for search: kept up to date, but
# their history is the name's or the number's (imports and browser edits alike).
SEARCH_FIELDS = frozenset({"name_pinyin", "name_initials", "id_reversed"})


def derived(name: str | None, id_number: str | None = None) -> dict[str, str]:
    """The columns kept beside a name and an ID number, computed here and only here.

    Written with the record (imports, forms, a task's change) so that search and
    the comparisons read them instead of computing a million pinyin keys per run:
    ``name_pinyin`` (toneless, surname read as a surname: the linkage's name key),
    ``name_initials`` (zxm) and ``id_reversed`` (an ID number's tail as an index range).
    """
    return {"name_pinyin": names.pinyin_key(name or ""), "name_initials": names.pinyin_initials(name or ""),
            "id_reversed": (id_number or "")[::-1]}


class _Derived(models.Model):
    """A record that keeps ``derived`` columns: filled again on every save."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        for field, value in derived(getattr(self, "name", ""), getattr(self, "id_number", "")).items():
            if hasattr(self, field):
                setattr(self, field, value)
        super().save(*args, **kwargs)


class CanvassRecord(models.Model):
    """What every typed record has: its village, group, and where it came from."""

    village = models.ForeignKey(Village, on_delete=models.PROTECT, verbose_name="村(居)委会")
    group = models.CharField("村民小组", max_length=20, blank=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, blank=True)
    source_sheet = models.CharField("来源工作表", max_length=100, blank=True)
    source_row = models.IntegerField("来源行号", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class Person(_Derived, CanvassRecord):
    """A person of the 家庭户个人信息表 (collective=False) or 集体户个人信息表 (True)."""

    person_key = models.CharField("个人编号", max_length=40, unique=True)
    household_key = models.CharField("户编号", max_length=40, db_index=True)
    collective = models.BooleanField("集体户", default=False)
    name = models.CharField("姓名", max_length=60, db_index=True)
    # toneless pinyin of the name (surname read as a surname): search by pinyin
    name_pinyin = models.CharField("姓名拼音", max_length=120, blank=True, db_index=True)
    id_number = models.CharField("公民身份号码", max_length=40, blank=True, db_index=True)
    # the ID number backwards: "the last digits are 1234" becomes an index range, not a scan
    id_reversed = models.CharField("身份证号倒序", max_length=40, blank=True, db_index=True)
    # 张小明 → zxm: the initials people type, as an index range (search)
    name_initials = models.CharField("姓名拼音首字母", max_length=40, blank=True, db_index=True)
    id_problem = models.CharField("身份证号问题", max_length=60, blank=True)
    sex = _code(codes.SEX)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    ethnicity = _code(codes.ETHNICITY)
    relationship = _code(codes.RELATIONSHIP)
    registration_place = _code(codes.REGISTRATION_PLACE)
    registration_address = models.CharField("户口登记地详址", max_length=200, blank=True)
    time_away = _code(codes.TIME_AWAY)
    reason_away = _code(codes.REASON_AWAY)
    education = _code(codes.EDUCATION)
    status = models.CharField(
        "现状", max_length=1, choices=codes.PERSON_STATUS.choices(), blank=True
    )
    status_date = models.DateField("变动日期", null=True, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    no_fixed_abode = _yes_no("居无定所")
    unregistered = _yes_no("未落户")
    special_area = _yes_no("特殊地域")
    multiple_dwellings = _yes_no("一户多宅")
    fact_source = models.CharField("信息来源", max_length=100, blank=True)
    remarks = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["village", "group"])]

    def __str__(self) -> str:
        return self.name



class Household(CanvassRecord):
    household_key = models.CharField("户编号", max_length=40, unique=True)
    kind = models.CharField("户别", max_length=1, choices=codes.HOUSEHOLD_KIND.choices())
    enumeration_area = models.CharField("普查小区", max_length=15, blank=True)
    building_code = models.CharField("建筑物编号", max_length=30, blank=True)
    dwelling_number = models.CharField("住房单元编号", max_length=20, blank=True)
    dwelling_label = models.CharField("住宅标识", max_length=60, blank=True)
    address = models.CharField("现住地址", max_length=200, blank=True)
    head_name = models.CharField("户主姓名", max_length=60, blank=True)
    head_id_number = models.CharField("户主公民身份号码", max_length=40, blank=True)
    collective_name = models.CharField("集体户名称", max_length=100, blank=True)
    residence_type = _code(codes.RESIDENCE_TYPE)
    police_household_number = models.CharField("户口簿户号", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    remarks = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "户"
        verbose_name_plural = verbose_name
        # the household lists' order: a page is an index range, not a sort of the county
        indexes = [models.Index(fields=["village", "group", "household_key"])]


class VacantDwelling(CanvassRecord):
    vacant_key = models.CharField("空宅编号", max_length=60, unique=True)
    enumeration_area = models.CharField("普查小区", max_length=15, blank=True)
    building_code = models.CharField("建筑物编号", max_length=30, blank=True)
    dwelling_number = models.CharField("住房单元编号", max_length=20, blank=True)
    dwelling_label = models.CharField("住宅标识", max_length=60, blank=True)
    address = models.CharField("地址", max_length=200)
    owner_name = models.CharField("房主姓名", max_length=60, blank=True)
    owner_id_number = models.CharField("房主公民身份号码", max_length=40, blank=True)
    owner_household_key = models.CharField("房主户编号", max_length=40, blank=True)
    reason = models.CharField("空置原因", max_length=100, blank=True)
    remarks = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "空宅"
        verbose_name_plural = verbose_name


class AbsentMember(_Derived, CanvassRecord):
    """A registered member of a registered-but-absent household (空挂户表 row)."""

    member_key = models.CharField("空挂人员编号", max_length=60, unique=True)
    absent_household_key = models.CharField("空挂户编号", max_length=60, db_index=True)
    police_household_number = models.CharField("户口簿户号", max_length=40, blank=True)
    registered_address = models.CharField("户籍地址", max_length=200, blank=True)
    head_name = models.CharField("户主姓名", max_length=60, blank=True)
    name = models.CharField("姓名", max_length=60)
    name_pinyin = models.CharField("姓名拼音", max_length=120, blank=True)  # the police linkage's name key
    id_number = models.CharField("公民身份号码", max_length=40, blank=True, db_index=True)
    id_problem = models.CharField("身份证号问题", max_length=60, blank=True)
    sex = _code(codes.SEX)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    relationship = _code(codes.RELATIONSHIP)
    reason = models.CharField("空挂原因", max_length=100, blank=True)
    lead = models.CharField("线索(电话/现住址)", max_length=200, blank=True)
    remarks = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "空挂户人员"
        verbose_name_plural = verbose_name


class Complex(CanvassRecord):
    complex_key = models.CharField("小区编号", max_length=60, unique=True)
    name = models.CharField("楼盘小区名称", max_length=100)
    address = models.CharField("地址", max_length=200, blank=True)
    manager = models.CharField("物业公司", max_length=100, blank=True)
    buildings = models.IntegerField("楼栋数", null=True, blank=True)
    dwellings = models.IntegerField("住房单元数", null=True, blank=True)
    occupied = models.IntegerField("已入住户数", null=True, blank=True)
    vacant = models.IntegerField("空置户数", null=True, blank=True)
    contact = models.CharField("联系人", max_length=60, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    remarks = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "楼盘小区"
        verbose_name_plural = verbose_name


class PersonAway(CanvassRecord):
    away_key = models.CharField("外出编号", max_length=60, unique=True)
    person_key = models.CharField("个人编号", max_length=40, blank=True, db_index=True)
    household_key = models.CharField("户编号", max_length=40, blank=True, db_index=True)  # the household page
    name = models.CharField("姓名", max_length=60)
    id_number = models.CharField("公民身份号码", max_length=40, blank=True, db_index=True)
    id_problem = models.CharField("身份证号问题", max_length=60, blank=True)
    away_place = _code(codes.AWAY_PLACE)
    away_address = models.CharField("外出地址", max_length=200, blank=True)
    away_since = models.DateField("外出时间", null=True, blank=True)
    reason = _code(codes.REASON_AWAY, "外出原因")  # the 外出人员表's header: why they are away now
    info_source = models.CharField("信息来源", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    remarks = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "外出人员"
        verbose_name_plural = verbose_name


class Change(models.Model):
    """History: one field of one record changed (or a record created/removed).

    Bulk imports log one row per changed field of an existing record; records a
    file adds are logged once per batch (their batch says where they came from),
    so a month's changes (核变动) can be listed without doubling the store.
    """

    CREATE, UPDATE, DELETE = "create", "update", "delete"
    ACTIONS = [(CREATE, "新增"), (UPDATE, "修改"), (DELETE, "删除")]

    table = models.CharField("表", max_length=30)
    record_key = models.CharField("记录编号", max_length=60, db_index=True)
    village = models.ForeignKey(Village, on_delete=models.PROTECT, null=True)
    action = models.CharField("操作", max_length=10, choices=ACTIONS)
    field = models.CharField("字段", max_length=40, blank=True)
    old_value = models.TextField("原值", blank=True)
    new_value = models.TextField("新值", blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    changed_by_name = models.CharField("修改人", max_length=150, blank=True)
    changed_at = models.DateTimeField("修改时间", auto_now_add=True, db_index=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = "修改记录"
        verbose_name_plural = verbose_name
        ordering = ["-changed_at"]


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
        db_table = "platform_householdcheck"  # made by the platform app before it was split
        verbose_name = "月度核查"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["household_key", "month"], name="one_check_per_month")
        ]
        # The county's progress page counts checks per village and month.
        indexes = [models.Index(fields=["village", "month"])]


# The model behind each typed table of the 一套表 (both person tables share Person).
MODEL_FOR_TABLE: dict[str, type[CanvassRecord]] = {
    "family_person": Person,
    "collective_person": Person,
    "household": Household,
    "vacant_dwelling": VacantDwelling,
    "absent_household": AbsentMember,
    "complex": Complex,
    "person_away": PersonAway,
}
