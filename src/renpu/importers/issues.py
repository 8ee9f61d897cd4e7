"""What an import found wrong: one ImportIssue per problem, named by file, sheet, row and column.

A file with a systematic mistake (a whole ID column stored as numbers) would
otherwise produce a million issues and an unreadable report, so ``IssueLog``
lists at most ``LIMIT_PER_COLUMN`` issues per sheet, column and severity, counts
the rest, and adds one line saying how many more there are.  ``error_count``
still counts every error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ERROR = "error"
WARNING = "warning"
INFO = "info"  # how something was read (a header or a value mapped by rule): counted, not a problem
LIMIT_PER_COLUMN = 500


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """One problem in one cell (or one sheet, or the whole file).

    ``row`` is the row number as Excel shows it (1-based, title rows counted),
    None for a problem of the whole file or sheet.  ``column`` is the column
    letter ("E"), ``header`` the column's header text as written in the file.
    """

    file: str
    sheet: str
    row: int | None
    column: str
    header: str
    value: str
    message: str
    severity: str  # ERROR | WARNING | INFO

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class _Summary:
    first: ImportIssue
    count: int = 1


@dataclass
class IssueLog:
    """Collects issues for one file, capping repeats and folding summary notes."""

    file: str
    issues: list[ImportIssue] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    info_cells: int = 0  # cells read by a rule (each distinct reading is listed once, with its count)
    _per_column: dict[tuple[str, str, str], int] = field(default_factory=dict)
    _summaries: dict[tuple[str, str, str], _Summary] = field(default_factory=dict)

    def add(
        self,
        message: str,
        severity: str = ERROR,
        sheet: str = "",
        row: int | None = None,
        column: str = "",
        header: str = "",
        value: object = "",
    ) -> None:
        issue = ImportIssue(self.file, sheet, row, column, header, display(value), message, severity)
        if severity == ERROR:
            self.error_count += 1
        else:
            self.warning_count += 1
        key = (sheet, column, severity)
        seen = self._per_column.get(key, 0)
        self._per_column[key] = seen + 1
        if seen < LIMIT_PER_COLUMN or not column:
            self.issues.append(issue)

    def note(self, message: str, sheet: str, row: int, column: str, header: str, value: object,
             severity: str = WARNING) -> None:
        """Said once per column with a count: a warning (dates with year-month only) or how values were read."""
        key = (sheet, column, message)
        summary = self._summaries.get(key)
        if severity == INFO:
            self.info_cells += 1
        if summary is None:
            issue = ImportIssue(self.file, sheet, row, column, header, display(value), message, severity)
            self._summaries[key] = _Summary(issue)
            if severity == WARNING:
                self.warning_count += 1
        else:
            summary.count += 1

    def finish(self) -> list[ImportIssue]:
        """All issues, with the 'N more not listed' lines and the folded notes added."""
        issues = list(self.issues)
        for (sheet, column, severity), count in self._per_column.items():
            if count > LIMIT_PER_COLUMN and column:
                kind = "错误" if severity == ERROR else "警告"
                issues.append(
                    ImportIssue(
                        self.file, sheet, None, column, "", "",
                        f"该列另有 {count - LIMIT_PER_COLUMN} 处{kind}未逐条列出，请整列检查",
                        severity,
                    )
                )
        for summary in self._summaries.values():
            first = summary.first
            if summary.count > 1:
                message = f"{first.message}（本列共 {summary.count} 处，首处见此行）"
                first = ImportIssue(
                    first.file, first.sheet, first.row, first.column, first.header,
                    first.value, message, first.severity,
                )
            issues.append(first)
        return issues


def issue_place(issue: ImportIssue) -> str:
    """Where an issue is, as a clerk reads it: "工作表“户表”第 5 行 E列：" — only the parts it has.

    A problem of the whole file has no sheet or row and gets "" (never "工作表“”第 None 行").
    """
    parts = []
    if issue.sheet:
        parts.append(f"工作表“{issue.sheet}”")
    if issue.row is not None:
        parts.append(f"第 {issue.row} 行")
    if issue.column:
        parts.append(f"{issue.column}列")
    return " ".join(parts) + "：" if parts else ""


def column_letter(index: int) -> str:
    """0-based column index → Excel letters: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def display(value: object) -> str:
    """A cell value as the user would recognise it in the report."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e21:
            # As Excel shows it: 15 significant digits (421126199001012000).
            return str(int(Decimal(f"{value:.15g}")))
        return repr(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
