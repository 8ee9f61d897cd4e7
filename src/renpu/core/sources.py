"""The departments' extracts: which fields each must have, and how their headers are spelled.

Each department delivers its own format; these specs say which columns a
comparison reads (``required`` ones must be there, or the file is refused with
their names), and the header spellings seen in real extracts.  A death list
imported as births lacks 母亲姓名 and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tables import CODE, DATE, ID_NUMBER, TEXT


@dataclass(frozen=True)
class SourceField:
    field: str
    label: str
    headers: tuple[str, ...] = ()  # other spellings of the header
    kind: str = TEXT
    code_list: str | None = None
    required: bool = False

    @property
    def all_headers(self) -> tuple[str, ...]:
        return (self.label, *self.headers)


@dataclass(frozen=True)
class SourceSpec:
    name: str
    label: str
    fields: tuple[SourceField, ...]

    @property
    def required(self) -> list[SourceField]:
        return [f for f in self.fields if f.required]


def _name(required: bool = True) -> SourceField:
    return SourceField("name", "姓名", ("人员姓名", "参保人姓名", "学生姓名", "死者姓名", "户主/成员姓名"), required=required)


def _id(required: bool = False) -> SourceField:
    return SourceField("id_number", "公民身份号码",
                       ("身份证号", "身份证号码", "证件号码", "证件号", "社会保障号码", "身份证"), ID_NUMBER, required=required)


_SEX = SourceField("sex", "性别", (), CODE, "sex")
_BIRTH = SourceField("birth_date", "出生日期", ("出生年月", "出生时间"), DATE)
_PHONE = SourceField("phone", "联系电话", ("电话", "手机号码", "手机号", "联系方式"))
_ADDRESS = SourceField("address", "现住址", ("现居住地址", "常住地址", "居住地址", "家庭住址", "地址", "房屋地址"))

SOURCE_SPECS: dict[str, SourceSpec] = {
    spec.name: spec
    for spec in (
        SourceSpec("police", "公安户籍", (
            SourceField("household_number", "户号", ("户口簿户号", "户编号"), required=True),
            _name(), _id(required=True), _SEX, _BIRTH,
            SourceField("relationship", "与户主关系", ("户主关系", "关系"), CODE, "relationship"),
            SourceField("registered_address", "户籍地址", ("户籍详址", "住址")),
            SourceField("village_name", "所属村(居)委会", ("村(居)委会", "村居委会", "所属居委会", "社区(村)")),
            SourceField("village_code", "村(居)代码", ("区划代码",)),
        )),
        SourceSpec("pension", "养老保险", (
            _name(), _id(required=True), _PHONE, _ADDRESS,
            SourceField("insured_status", "参保状态", ("缴费状态",)),
        )),
        SourceSpec("medical", "医疗保险", (_name(), _id(required=True), _PHONE, _ADDRESS)),
        SourceSpec("grid", "网格管理", (
            SourceField("grid_code", "网格编号", ("网格代码", "所属网格")),
            SourceField("address", "房屋地址", ("地址", "住址"), required=True),
            SourceField("head_name", "户主姓名", ("户主",)),
            _name(), _id(),
            SourceField("residence_status", "居住状态", ("人员状态", "实有人口状态"), required=True),
        )),
        SourceSpec("education", "教育", (
            SourceField("school", "学校名称", ("学校", "所在学校"), required=True),
            SourceField("student_number", "学籍号", ("全国学籍号",)),
            _name(), _id(), _SEX, _BIRTH,
            SourceField("boarding", "是否住校", ("住校", "是否住集体宿舍", "住宿舍", "是否住宿"), CODE, "yes_no"),
            SourceField("grade", "年级", ("班级",)),
        )),
        SourceSpec("health", "卫健出生", (
            SourceField("certificate_number", "出生医学证明编号", ("出生证编号", "出生证号")),
            SourceField("name", "新生儿姓名", ("婴儿姓名", "姓名")), _id(), _SEX,
            SourceField("birth_date", "出生日期", ("出生时间",), DATE, required=True),
            SourceField("mother_name", "母亲姓名", (), required=True),
            SourceField("mother_id", "母亲身份证号", ("母亲公民身份号码", "母亲证件号码"), ID_NUMBER),
            SourceField("father_name", "父亲姓名"),
            SourceField("father_id", "父亲身份证号", ("父亲公民身份号码", "父亲证件号码"), ID_NUMBER),
            SourceField("address", "家庭住址", ("住址", "现住址")),
        )),
        SourceSpec("civil", "民政死亡", (
            _name(), _id(), _SEX, _BIRTH,  # a record without ID number links through name, sex, birth date, village
            SourceField("death_date", "死亡日期", ("死亡时间",), DATE, required=True),
            SourceField("registered_address", "户籍地址", ("住址",)),
        )),
        SourceSpec("mapping", "标绘系统建筑物", (
            SourceField("building_code", "建筑物编码", ("建筑物编号", "建筑物代码"), required=True),
            SourceField("enumeration_area", "普查小区编码", ("普查小区", "普查小区代码")),
            SourceField("address", "建筑物名称或地址", ("建筑物名称", "地址")),
            SourceField("longitude", "经度", ("X", "lon")),
            SourceField("latitude", "纬度", ("Y", "lat")),
        )),
    )
}
