"""Valid ID numbers for hand-made test persons."""

from __future__ import annotations

import datetime as dt

from stdnum.cn import ric


def make_id(born: dt.date, sequence: int = 101, region: str = "421126") -> str:
    """A valid 18-digit number: sequence odd for men, even for women."""
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + ric.calc_check_digit(first17 + "0")
