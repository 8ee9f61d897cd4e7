import openpyxl

from renpu.importers import ImportIssue, read_canvass, write_issue_report

from .helpers import PERSON_HEADER, TODAY, VILLAGES, make_id, person_row, write_xlsx


def test_report_opens_in_excel_sorted_and_safe(tmp_path):
    issues = [
        ImportIssue("b.xlsx", "S", 9, "C", "姓名", "x", "问题三", "warning"),
        ImportIssue("a.xlsx", "S2", 3, "AA", "备注", "=HYPERLINK(\"http://x\")", "问题二", "error"),
        ImportIssue("a.xlsx", "S1", 12, "B", "出生日期", "-1", "问题一", "error"),
        ImportIssue("a.xlsx", "S1", 2, "D", "公民身份号码", "@SUM(A1)", "问题零", "error"),
        ImportIssue("a.xlsx", "", None, "", "", "", "文件已损坏", "error"),
    ]
    path = write_issue_report(tmp_path / "问题清单.xlsx", issues)
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("文件", "工作表", "行号", "列", "列名", "值", "问题", "严重程度")
    assert [r[6] for r in rows[1:]] == ["文件已损坏", "问题二", "问题零", "问题一", "问题三"]
    # sheets keep the order they were first met in (workbook order), not A–Z
    assert rows[2][:4] == ("a.xlsx", "S2", 3, "AA")
    assert rows[3][5] == "'@SUM(A1)" and rows[2][5] == "'=HYPERLINK(\"http://x\")" and rows[4][5] == "'-1"
    assert rows[1][2] is None and rows[3][2] == 2
    assert [r[7] for r in rows[1:]] == ["错误", "错误", "错误", "错误", "警告"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    assert sheet.column_dimensions["G"].width >= 10
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_report_of_a_real_import(tmp_path):
    source = write_xlsx(tmp_path / "p.xlsx", {"家庭户": [PERSON_HEADER, person_row("H1", "甲", 421126199001012000.0)]})
    result = read_canvass(source, VILLAGES, today=TODAY)
    path = write_issue_report(tmp_path / "r.xlsx", result.issues)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[1][:6] == ("p.xlsx", "家庭户", 2, "D", "公民身份号码", "421126199001012000")
    assert rows[1][7] == "错误"
    assert make_id("42112619900101123")  # helper sanity
