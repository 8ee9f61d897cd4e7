"""How a linkage decides: thresholds, training and which stages run.

Its own module so that the engine (``linkage``) and the Splink model it runs
(``splink_model``) both read it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LinkOptions:
    accept: float = 0.95  # match probability at or above which a pair is a link
    review: float = 0.50  # at or above this (and below accept): clerical review
    train: bool = True  # EM-train the Splink model when there is enough data
    min_records_to_train: int = 250
    use_mother: bool = False  # births: compare mother's ID and name
    exact_only: bool = False  # the county's VLOOKUP baseline: stage 1 alone
