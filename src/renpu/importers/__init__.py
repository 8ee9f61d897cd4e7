"""File import: spreadsheets and CSV files → checked records of the 一套表.

The core never reads files; this package does.  ``read_canvass`` and
``read_geography`` parse a file and list every problem (file, sheet, row,
column, message in Chinese); a caller loads the records only when
``result.ok``.  ``write_issue_report`` writes those problems as an .xlsx.
"""

from .canvass import CanvassImport, read_canvass
from .geography import GeographyImport, read_geography
from .issues import ImportIssue, issue_place
from .keys import Record
from .report import write_issue_report

__all__ = [
    "CanvassImport",
    "GeographyImport",
    "ImportIssue",
    "Record",
    "read_canvass",
    "read_geography",
    "issue_place",
    "write_issue_report",
]
