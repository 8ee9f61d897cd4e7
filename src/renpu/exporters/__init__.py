"""Records → files (.xlsx now; .pdf registers come with the reports)."""

from .tables import write_tables
from .xlsx import neutralise

__all__ = ["neutralise", "write_tables"]
