"""Server-rendered SVG charts (no script, no CDN): the age-sex pyramid."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from renpu.core.summaries import BAND_LABELS

ROW, HALF, LABEL = 13, 200, 54
MALE, FEMALE = "#2f6db5", "#c8553d"


def pyramid(men: Sequence[int], women: Sequence[int]) -> SafeString:
    """Age-sex pyramid of the resident population: men left, women right, the summaries'
    five-year bands (``core.summaries.BAND_LABELS``), oldest on top."""
    peak = max([*men, *women], default=0) or 1
    height = ROW * len(BAND_LABELS) + 24
    width = 2 * HALF + LABEL
    parts: list[str] = [
        format_html('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" '
                    'role="img" aria-label="年龄性别金字塔" class="pyramid">', width, height, width, height)
    ]
    for index, band in enumerate(reversed(range(len(BAND_LABELS)))):
        parts.append(_band(index * ROW, BAND_LABELS[band], men[band], women[band], peak))
    parts.append(format_html(
        '<text x="{}" y="{}" text-anchor="end" class="axis">男</text>'
        '<text x="{}" y="{}" class="axis">女</text>', HALF - 4, height - 6, HALF + LABEL + 4, height - 6))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def _band(y: int, label: str, men: int, women: int, peak: int) -> str:
    men_width = round(HALF * men / peak, 1)
    women_width = round(HALF * women / peak, 1)
    return format_html(
        '<g><title>{} 岁：男 {}，女 {}</title>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="{}" text-anchor="middle" class="band">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/></g>',
        label, men, women,
        HALF - men_width, y + 1, men_width, ROW - 2, MALE,
        HALF + LABEL / 2, y + ROW - 3, label,
        HALF + LABEL, y + 1, women_width, ROW - 2, FEMALE,
    )
