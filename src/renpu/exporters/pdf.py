"""PDF registers and summaries with correctly rendered Chinese (reportlab, embedded font subset).

The font is a TrueType CJK font installed by the project's set-up
(``.ci/install-fonts``: Debian's ``fonts-wqy-microhei``), or any TrueType font
named by ``RENPU_CJK_FONT``.  Noto CJK (CFF outlines) cannot be embedded by
reportlab, so it is not used.  Without a font the writers raise ``FontMissing``
naming the package to install.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from renpu.core import registers, summaries

FONT_NAME = "RenpuCJK"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
FONT_PACKAGE = "fonts-wqy-microhei"


class FontMissing(RuntimeError):
    pass


def font_path() -> Path:
    configured = os.environ.get("RENPU_CJK_FONT")
    for candidate in ([configured] if configured else []) + list(FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FontMissing(
        f"没有找到可嵌入 PDF 的中文字体。请安装 Debian 包 {FONT_PACKAGE}（sudo apt-get install {FONT_PACKAGE}，"
        f"或运行 .ci/install-fonts），或用环境变量 RENPU_CJK_FONT 指定一个 TrueType 中文字体文件（.ttf/.ttc）。"
    )


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return
    path = font_path()
    font = TTFont(FONT_NAME, str(path), subfontIndex=0) if path.suffix.lower() == ".ttc" else TTFont(FONT_NAME, str(path))
    pdfmetrics.registerFont(font)  # embedded as a subset of the glyphs used


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    return {
        "title": ParagraphStyle("title", fontName=FONT_NAME, fontSize=14, leading=18, spaceAfter=4),
        "note": ParagraphStyle("note", fontName=FONT_NAME, fontSize=8.5, leading=11, spaceAfter=6),
        "cell": ParagraphStyle("cell", fontName=FONT_NAME, fontSize=8, leading=10),
        "head": ParagraphStyle("head", fontName=FONT_NAME, fontSize=8, leading=10, alignment=1),
    }


def _document(path: Path, header: list[str]) -> Any:
    """A4 landscape; each page: the current area's name on top, page x of y below."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as pdfcanvas
    from reportlab.platypus import SimpleDocTemplate

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802  (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT_NAME, 8)
                width, _ = landscape(A4)
                self.drawCentredString(width / 2, 8 * mm, f"第 {self._pageNumber} 页，共 {total} 页")
                self.drawString(12 * mm, 8 * mm, f"打印：{dt.date.today():%Y-%m-%d}")
                super().showPage()
            super().save()

    def on_page(canvas: Any, doc: Any) -> None:
        width, height = landscape(A4)
        canvas.setFont(FONT_NAME, 10)
        canvas.drawCentredString(width / 2, height - 9 * mm, header[0])

    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm, title=header[0], author="renpu")
    doc._renpu = (NumberedCanvas, on_page)
    return doc


def _build(doc: Any, story: list[Any]) -> int:
    canvas_class, on_page = doc._renpu
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=canvas_class)
    return int(doc.page)


def _table(rows: Sequence[Sequence[Any]], widths: Sequence[float], totals: int = 0) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import LongTable, Paragraph

    styles = _styles()
    cells = [[Paragraph(_escape(v), styles["head"]) for v in rows[0]]]
    cells += [[Paragraph(_escape(v), styles["cell"]) for v in row] for row in rows[1:]]
    table = LongTable(cells, colWidths=list(widths), repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if totals:
        style.append(("BACKGROUND", (0, len(rows) - totals), (-1, -1), colors.HexColor("#F2F2F2")))
    table.setStyle(style)
    return table


def _escape(value: Any) -> str:
    text = "" if value is None else (value.isoformat() if isinstance(value, dt.date) else str(value))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_register_pdf(path: Path, area_registers: Sequence[registers.AreaRegister]) -> int:
    """The 户主姓名底册, one section per 普查小区 (each starts a new page); returns pages."""
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph

    from .register import HEADERS, area_title, register_rows, summary_line

    _register_font()
    styles = _styles()
    header = [f"户主姓名底册　{area_registers[0].township_name}{area_registers[0].village_name}" if area_registers else "户主姓名底册"]
    doc = _document(path, header)
    widths = [m * mm for m in (18, 16, 13, 24, 16, 20, 18, 22, 13, 20, 13, 64, 20)]
    story: list[Any] = []
    for index, register in enumerate(area_registers):
        if index:
            story.append(PageBreak())
        story.append(Paragraph(_escape(f"户主姓名底册　{area_title(register)}"), styles["title"]))
        story.append(Paragraph(_escape(f"{summary_line(register)}。编制日期 {dt.date.today():%Y-%m-%d}"), styles["note"]))
        t = register.totals()
        rows = [list(HEADERS), *register_rows(register),
                ["合计", "", "", f"{t['households']}户", "", f"空房{t['vacant']}", t["living"], t["registered_away"],
                 t["away"], "", "", "", ""]]
        story.append(_table(rows, widths, totals=1))
    story.append(PageBreak())
    story.append(Paragraph("指标解释", styles["title"]))
    story.append(_table([["指标", "解释"], *registers.EXPLANATIONS], [45 * mm, 230 * mm]))
    return _build(doc, story)


PDF_MEASURES = ("family_households", "collective_households", "registered", "resident", "resident_males",
                "resident_females", "resident_0_14", "resident_15_59", "resident_60_plus", "resident_65_plus",
                "separated", "away", "inflow_county", "inflow_outside", "vacant_dwellings", "absent_households",
                "births", "deaths")


def write_summaries_pdf(path: Path, summary: Any) -> int:
    """County, township and village tables (the main measures) and the county's pyramid; returns pages."""
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    _register_font()
    styles = _styles()
    labels = {m.field: m.label for m in summaries.MEASURES}
    doc = _document(path, [f"{summary.county.name}人口汇总表"])
    note = (f"出生、死亡自 {summary.since:%Y-%m-%d} 起计；年龄按 {summary.age_at:%Y-%m-%d} 计算；"
            f"生成于 {dt.datetime.now():%Y-%m-%d %H:%M}。全部指标见 .xlsx 版。")
    story: list[Any] = []
    for level, title, lead in (("township", "乡镇人口汇总表", ("乡镇(街道)",)),
                               ("village", "分村(居)人口汇总表", ("乡镇(街道)", "村(居)委会"))):
        rows: list[list[Any]] = [[*lead, *(labels[f] for f in PDF_MEASURES)]]
        for row in summary.rows(level):
            names = [row.township_name] if level == "township" else [row.township_name, row.village_name]
            rows.append([*names, *(row.tally[f] for f in PDF_MEASURES)])
        rows.append(["合计（全县）", *([""] * (len(lead) - 1)), *(summary.county.tally[f] for f in PDF_MEASURES)])
        first = 277 - 13.5 * len(PDF_MEASURES)
        widths = [first / len(lead) * mm] * len(lead) + [13.5 * mm] * len(PDF_MEASURES)
        story += [Paragraph(_escape(f"{summary.county.name}{title}"), styles["title"]), Paragraph(_escape(note), styles["note"]),
                  _table(rows, widths, totals=1), PageBreak()]
    story += [Paragraph(_escape(f"{summary.county.name}常住人口年龄性别结构（人口金字塔）"), styles["title"]),
              Spacer(1, 4 * mm), _pyramid(summary.county.tally)]
    story += [PageBreak(), Paragraph("指标解释", styles["title"]),
              _table([["指标", "解释"], *((m.label, m.explanation) for m in summaries.MEASURES)], [45 * mm, 230 * mm])]
    return _build(doc, story)


def _pyramid(tally: summaries.Tally) -> Any:
    """Horizontal bars: males to the left, females to the right, youngest at the bottom."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors

    width, height, row = 700.0, 400.0, 20.0
    middle, label_width = width / 2, 40.0
    biggest = max([*tally.males, *tally.females, 1])
    scale = (middle - label_width - 40) / biggest
    drawing = Drawing(width, height)
    for band in range(summaries.BANDS):
        y = 20 + band * row
        male, female = tally.males[band], tally.females[band]
        drawing.add(Rect(middle - label_width / 2 - male * scale, y, male * scale, row - 3,
                         fillColor=colors.HexColor("#4472C4"), strokeColor=None))
        drawing.add(Rect(middle + label_width / 2, y, female * scale, row - 3,
                         fillColor=colors.HexColor("#ED7D31"), strokeColor=None))
        drawing.add(String(middle, y + 5, summaries.BAND_LABELS[band], fontName=FONT_NAME, fontSize=8, textAnchor="middle"))
        drawing.add(String(middle - label_width / 2 - male * scale - 3, y + 5, str(male), fontName=FONT_NAME,
                           fontSize=7, textAnchor="end"))
        drawing.add(String(middle + label_width / 2 + female * scale + 3, y + 5, str(female), fontName=FONT_NAME,
                           fontSize=7))
    top = 20 + summaries.BANDS * row + 6
    drawing.add(String(middle - 120, top, f"男 {sum(tally.males)}", fontName=FONT_NAME, fontSize=10))
    drawing.add(String(middle + 80, top, f"女 {sum(tally.females)}", fontName=FONT_NAME, fontSize=10))
    drawing.add(Line(middle, 15, middle, 15))
    return drawing
