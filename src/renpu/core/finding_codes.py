"""What each finding code means, in the words a village canvasser uses.

The codes are a contract (exports, tests and other offices' scripts use them);
the pages show these labels beside them.
"""

from __future__ import annotations

LABELS: dict[str, str] = {
    "canvass.duplicate_person": "摸排重复：同一人登记在两处居住",
    "canvass.invalid_id": "身份证号校验不通过",
    "canvass.inconsistent": "摸排信息前后矛盾（年龄、关系、性别等）",
    "police.unlisted_registered": "户籍在本村，摸排无此人（疑漏登）",
    "police.wrong_registration": "摸排称户籍在本地，公安无此户籍",
    "police.absent_household": "公安户一人未见（空挂户候选）",
    "police.attribute_mismatch": "与户籍姓名、性别或出生日期不一致",
    "police.id_correction": "身份证号有误，已找到正确号码",
    "pension.contact_lead": "社保留有外出人员联系方式",
    "medical.contact_lead": "医保留有外出人员联系方式",
    "grid.vacant_but_occupied": "摸排为空宅，网格登记有人居住",
    "grid.unlisted_resident": "网格有此人，摸排无此人",
    "grid.unlisted_dwelling": "网格有此住房，摸排无此住房",
    "education.boarder_unlisted": "寄宿学生未登记在学校集体户",
    "education.staff_unlisted": "学校教职工未登记",
    "education.double_listed": "学生在家和学校重复登记",
    "health.unlisted_birth": "出生未登记",
    "health.unregistered_child": "未落户儿童",
    "civil.deceased_listed": "已死亡仍登记在住",
    "mapping.unmapped_dwelling": "住房所在建筑未标绘（漏绘）",
    "mapping.unlisted_building": "标绘建筑无摸排记录",
    "province.duplicate_person": "跨县重复：外县也登记此人在住",
    "province.lives_elsewhere": "户籍在本村、住在外县（外县已登记，人户分离）",
    "province.registered_elsewhere": "此人户籍在外县（公安户籍）",
    "province.deceased_listed": "全省死亡登记有此人，仍登记在册",
    "linkage.review": "疑似同一人，请人工判断",
}


def label(code: str) -> str:
    """The label of ``code``; an unknown code is shown as it is."""
    return LABELS.get(code, code)
