"""Fonts, colours and paragraph styles of the report: the one place for its look."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ber.io.paths import templates_dir

FONT = "BerSans"
FONT_BOLD = "BerSans-Bold"

#: traffic-light colours: badge background, badge text, light map fill
STATUS_COLOURS: dict[str, tuple[str, str, str]] = {
    "green": ("#2e7d32", "#ffffff", "#a5d6a7"),
    "amber": ("#f2a900", "#000000", "#ffd180"),
    "red": ("#c62828", "#ffffff", "#ef9a9a"),
    "grey": ("#8a8a8a", "#ffffff", "#e0e0e0"),
}
ACCENT = "#1f4e79"
RULE = "#b0b7bf"
ZEBRA = "#f2f5f8"


def font_files() -> tuple[Path, Path]:
    """The regular and bold TTF: DejaVu from ``templates/fonts``, else reportlab's Vera."""
    folder = templates_dir() / "fonts"
    regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        return regular, bold
    import reportlab

    rl = Path(reportlab.__file__).parent / "fonts"
    return rl / "Vera.ttf", rl / "VeraBd.ttf"


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register the embedded TTF fonts (needed for PDF/A and for ë, é, €)."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = font_files()
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
    for italic in (0, 1):
        addMapping(FONT, 0, italic, FONT)
        addMapping(FONT, 1, italic, FONT_BOLD)
    rl_config.canvas_basefontname = FONT
    # graphics read the default font at import time: when reportlab.graphics was
    # imported before us, its default is still the unembedded Helvetica
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = FONT


@dataclass(frozen=True)
class Styles:
    title: Any
    subtitle: Any
    h1: Any
    h2: Any
    h2_flow: Any
    h3: Any
    body: Any
    small: Any
    note: Any
    cell: Any
    cell_bold: Any
    cell_right: Any
    cell_head: Any
    cell_head_right: Any
    cell_bold_right: Any
    toc: list[Any]
    cover_label: Any
    cover_value: Any


@lru_cache(maxsize=1)
def styles() -> Styles:
    register_fonts()
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("Body", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=5, alignment=TA_LEFT)
    accent = colors.HexColor(ACCENT)
    cell = ParagraphStyle("Cell", parent=body, fontSize=8, leading=10, spaceAfter=0)
    # title and chapter headings: bold, in the accent colour
    heading = ParagraphStyle("HBase", parent=body, fontName=FONT_BOLD, textColor=accent)
    h2_flow = ParagraphStyle("H2Flow", parent=heading, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4)
    return Styles(
        title=ParagraphStyle("Title", parent=heading, fontSize=26, leading=32),
        subtitle=ParagraphStyle(
            "Subtitle", parent=body, fontSize=13, leading=17, textColor=colors.HexColor("#444444")
        ),
        h1=ParagraphStyle("H1", parent=heading, fontSize=16, leading=20, spaceBefore=0, spaceAfter=8),
        # a heading kept with what follows; h2_flow may end a page
        h2=ParagraphStyle("H2", parent=h2_flow, keepWithNext=1),
        h2_flow=h2_flow,
        h3=ParagraphStyle(
            "H3", parent=body, fontName=FONT_BOLD, fontSize=9.5, leading=13, spaceBefore=4, keepWithNext=1
        ),
        body=body,
        small=ParagraphStyle("Small", parent=body, fontSize=8, leading=10.5),
        note=ParagraphStyle(
            "Note",
            parent=body,
            fontSize=8.5,
            leading=11.5,
            backColor=colors.HexColor("#fff4d6"),
            borderColor=colors.HexColor("#e0b84c"),
            borderWidth=0.6,
            borderPadding=5,
            spaceBefore=6,
            spaceAfter=9,
        ),
        cell=cell,
        cell_bold=ParagraphStyle("CellBold", parent=cell, fontName=FONT_BOLD),
        cell_right=ParagraphStyle("CellRight", parent=cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle("CellHead", parent=cell, fontName=FONT_BOLD, textColor=colors.white),
        cell_head_right=ParagraphStyle(
            "CellHeadRight", parent=cell, fontName=FONT_BOLD, textColor=colors.white, alignment=TA_RIGHT
        ),
        cell_bold_right=ParagraphStyle("CellBoldRight", parent=cell, fontName=FONT_BOLD, alignment=TA_RIGHT),
        toc=[
            ParagraphStyle("TOC1", parent=body, fontSize=11, leading=18, leftIndent=0),
            ParagraphStyle("TOC2", parent=body, fontSize=9, leading=13, leftIndent=14),
        ],
        cover_label=ParagraphStyle("CoverLabel", parent=body, textColor=colors.HexColor("#555555")),
        cover_value=ParagraphStyle("CoverValue", parent=body, fontName=FONT_BOLD),
    )
