"""The seven comparisons, the canvass's own checks and the mapping comparison.

One module per source (as stdnum has one module per standard); each exposes
``compare(context) -> list[Finding]``.  Inputs are pyarrow tables held in a
``Context`` so that the same code runs on a notebook's data, the test's hand
data, or the store's million rows.
"""

from __future__ import annotations

from .base import Context, Finding, SourceTable

__all__ = ["Context", "Finding", "SourceTable"]
