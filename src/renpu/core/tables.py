"""The nine tables (一套表): their columns, once, for importers, exporters, models and synth.

Seven are typed by village staff; the two summaries (8, 9) are derived and never
typed.  ``field`` is the English identifier used in code and the database,
``label`` the Chinese header users see.  Header variants found in real files
(身份证号 / 公民身份号码 …) live in ``renpu/importers/header_aliases.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass

# Column kinds: how a cell is parsed and checked.
TEXT = "text"
KEY = "key"  # a stable record key (个人编号 …): generated when the file has none
ID_NUMBER = "id_number"
DATE = "date"
CODE = "code"  # one of core.codes.ALL_CODE_LISTS, named in Column.code_list
INT = "int"
PHONE = "phone"
VILLAGE = "village"  # 12-digit 统计用区划代码 of the village (普查区)


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    kind: str = TEXT
    code_list: str | None = None
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str  # English identifier
    label: str  # the table's Chinese name, also the sheet name on export
    number: int  # position in the 一套表
    key: str | None  # field holding the record key; None for derived tables
    columns: tuple[Column, ...]
    derived: bool = False

    def column(self, field: str) -> Column:
        for column in self.columns:
            if column.field == field:
                return column
        raise KeyError(field)

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.columns]


def _code(field: str, label: str, code_list: str, required: bool = False) -> Column:
    return Column(field, label, CODE, code_list, required)


_PLACE = (
    Column("village_code", "村(居)代码", VILLAGE),
    Column("village_name", "村(居)委会"),
    Column("group", "村民小组"),
)

_PERSON_COLUMNS = (
    Column("person_key", "个人编号", KEY),
    Column("household_key", "户编号", KEY, required=True),
    *_PLACE,
    Column("name", "姓名", required=True),
    Column("id_number", "公民身份号码", ID_NUMBER),
    _code("sex", "性别", "sex"),
    Column("birth_date", "出生日期", DATE),
    _code("ethnicity", "民族", "ethnicity"),
    _code("relationship", "与户主关系", "relationship"),
    _code("registration_place", "户口登记地", "registration_place"),
    Column("registration_address", "户口登记地详址"),
    _code("time_away", "离开户口登记地时间", "time_away"),
    _code("reason_away", "离开户口登记地原因", "reason_away"),
    _code("education", "受教育程度", "education"),
    _code("status", "现状", "person_status"),
    Column("status_date", "变动日期", DATE),
    Column("phone", "联系电话", PHONE),
    _code("no_fixed_abode", "居无定所", "yes_no"),
    _code("unregistered", "未落户", "yes_no"),
    _code("special_area", "特殊地域", "yes_no"),
    _code("multiple_dwellings", "一户多宅", "yes_no"),
    Column("fact_source", "信息来源"),
    Column("remarks", "备注"),
)

FAMILY_PERSON = Table("family_person", "家庭户个人信息表", 1, "person_key", _PERSON_COLUMNS)
COLLECTIVE_PERSON = Table("collective_person", "集体户个人信息表", 2, "person_key", _PERSON_COLUMNS)

HOUSEHOLD = Table(
    "household",
    "户表",
    3,
    "household_key",
    (
        Column("household_key", "户编号", KEY, required=True),
        *_PLACE,
        _code("kind", "户别", "household_kind", required=True),
        Column("enumeration_area", "普查小区"),
        Column("building_code", "建筑物编号"),
        Column("dwelling_number", "住房单元编号"),
        Column("dwelling_label", "住宅标识"),  # 一户多宅: 户主姓名+序号
        Column("address", "现住地址"),
        Column("head_name", "户主姓名"),
        Column("head_id_number", "户主公民身份号码", ID_NUMBER),
        Column("collective_name", "集体户名称"),
        _code("residence_type", "住所类型", "residence_type"),
        Column("police_household_number", "户口簿户号"),
        Column("phone", "联系电话", PHONE),
        Column("remarks", "备注"),
    ),
)

VACANT_DWELLING = Table(
    "vacant_dwelling",
    "空宅表",
    4,
    "vacant_key",
    (
        Column("vacant_key", "空宅编号", KEY),
        *_PLACE,
        Column("enumeration_area", "普查小区"),
        Column("building_code", "建筑物编号"),
        Column("dwelling_number", "住房单元编号"),
        Column("dwelling_label", "住宅标识"),  # 一户多宅: 户主姓名+序号 of this dwelling
        Column("address", "地址", required=True),
        Column("owner_name", "房主姓名"),
        Column("owner_id_number", "房主公民身份号码", ID_NUMBER),
        Column("owner_household_key", "房主户编号"),  # a household with several dwellings
        Column("reason", "空置原因"),
        Column("remarks", "备注"),
    ),
)

ABSENT_HOUSEHOLD = Table(
    "absent_household",
    "空挂户表",
    5,
    "member_key",
    (
        Column("member_key", "空挂人员编号", KEY),
        Column("absent_household_key", "空挂户编号", KEY, required=True),
        *_PLACE,
        Column("police_household_number", "户口簿户号"),
        Column("registered_address", "户籍地址"),
        Column("head_name", "户主姓名"),
        Column("name", "姓名", required=True),
        Column("id_number", "公民身份号码", ID_NUMBER),
        _code("sex", "性别", "sex"),
        Column("birth_date", "出生日期", DATE),
        _code("relationship", "与户主关系", "relationship"),
        Column("reason", "空挂原因"),
        Column("lead", "线索(电话/现住址)"),
        Column("remarks", "备注"),
    ),
)

COMPLEX = Table(
    "complex",
    "楼盘小区信息表",
    6,
    "complex_key",
    (
        Column("complex_key", "小区编号", KEY),
        *_PLACE,
        Column("name", "楼盘小区名称", required=True),
        Column("address", "地址"),
        Column("manager", "物业公司"),
        Column("buildings", "楼栋数", INT),
        Column("dwellings", "住房单元数", INT),
        Column("occupied", "已入住户数", INT),
        Column("vacant", "空置户数", INT),
        Column("contact", "联系人"),
        Column("phone", "联系电话", PHONE),
        Column("remarks", "备注"),
    ),
)

PERSON_AWAY = Table(
    "person_away",
    "外出人员表",
    7,
    "away_key",
    (
        Column("away_key", "外出编号", KEY),
        Column("person_key", "个人编号"),
        Column("household_key", "户编号"),
        *_PLACE,
        Column("name", "姓名", required=True),
        Column("id_number", "公民身份号码", ID_NUMBER),
        _code("away_place", "外出地类型", "away_place"),
        Column("away_address", "外出地址"),
        Column("away_since", "外出时间", DATE),
        _code("reason", "外出原因", "reason_away"),
        Column("info_source", "信息来源"),
        Column("phone", "联系电话", PHONE),
        Column("remarks", "备注"),
    ),
)

# The derived counts, shared by both summaries (see core/summaries.py).
SUMMARY_COUNTS = (
    Column("family_households", "家庭户数", INT),
    Column("collective_households", "集体户数", INT),
    Column("persons", "登记人数", INT),
    Column("males", "男", INT),
    Column("females", "女", INT),
    Column("registered", "户籍人口", INT),
    Column("resident", "常住人口", INT),
    Column("away", "外出人数", INT),
    Column("separated", "人户分离人数", INT),
    Column("vacant_dwellings", "空宅数", INT),
    Column("absent_households", "空挂户数", INT),
    Column("absent_persons", "空挂人数", INT),
    Column("births", "出生人数", INT),
    Column("deaths", "死亡人数", INT),
)

GROUP_SUMMARY = Table(
    "group_summary",
    "分小组人口汇总表",
    8,
    None,
    (
        Column("township_name", "乡镇(街道)"),
        Column("village_code", "村(居)代码", VILLAGE),
        Column("village_name", "村(居)委会"),
        Column("group", "村民小组"),
        *SUMMARY_COUNTS,
    ),
    derived=True,
)

VILLAGE_SUMMARY = Table(
    "village_summary",
    "分村(居)人口汇总表",
    9,
    None,
    (
        Column("township_name", "乡镇(街道)"),
        Column("village_code", "村(居)代码", VILLAGE),
        Column("village_name", "村(居)委会"),
        *SUMMARY_COUNTS,
    ),
    derived=True,
)

TABLES: tuple[Table, ...] = (
    FAMILY_PERSON,
    COLLECTIVE_PERSON,
    HOUSEHOLD,
    VACANT_DWELLING,
    ABSENT_HOUSEHOLD,
    COMPLEX,
    PERSON_AWAY,
    GROUP_SUMMARY,
    VILLAGE_SUMMARY,
)
TYPED_TABLES = tuple(t for t in TABLES if not t.derived)
TABLES_BY_NAME = {t.name: t for t in TABLES}
