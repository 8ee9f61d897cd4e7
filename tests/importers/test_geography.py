from renpu.importers import read_canvass, read_geography

from .helpers import write_xlsx


def test_read_geography(tmp_path):
    path = write_xlsx(tmp_path / "区划代码.xlsx", {"Sheet1": [
        ["蕲春县统计用区划代码"],
        ["区划代码", "名称", "级别"],
        ["421126102", "蕲州镇", "乡镇"],
        [421126102201.0, "张家湾村委会", "村"],
        ["421126102201001", "张家湾第一普查小区", "普查小区"],
    ]})
    result = read_geography(path)
    assert result.ok, result.issues
    assert [(a.code, a.name, a.level) for a in result.areas] == [
        ("421126102", "蕲州镇", "乡镇"),
        ("421126102201", "张家湾村委会", "村(居)"),
        ("421126102201001", "张家湾第一普查小区", "普查小区"),
    ]
    assert len(result.sha256) == 64


def test_geography_errors(tmp_path):
    path = write_xlsx(tmp_path / "区划代码.xlsx", {"区划": [
        ["区划代码", "名称"],
        ["42112610220", "坏代码"],
        ["421126103201", "没有乡镇的村"],
        ["421126103201", "重复"],
        ["421126103", ""],
    ]})
    result = read_geography(path)
    messages = [(i.row, i.column, i.message) for i in result.issues]
    assert messages[0][:2] == (2, "A") and "应为 6、9、12 或 15 位数字" in messages[0][2]
    assert messages[1][:2] == (4, "A") and "重复" in messages[1][2]
    assert messages[2] == (5, "B", "名称不能为空")
    assert messages[3][0] == 3 and "所属的乡镇(街道)代码 421126103 不在本表中" in messages[3][2]
    assert read_geography(path, known_codes={"421126103"}).error_count == 3


def test_geography_sheet_in_a_canvass_file_is_skipped(tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", {"区划": [["区划代码", "名称", "级别"], ["421126102", "蕲州镇", "乡镇"]]})
    result = read_canvass(path, {})
    assert result.sheets == {"区划": ""}
    assert any("单独导入" in i.message for i in result.issues)
