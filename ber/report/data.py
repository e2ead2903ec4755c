"""What the report sections read (:class:`ReportData`) and the formatting helpers they share.

Sections are pure functions ``(ReportData) -> list[Flowable]``; everything they
need is prepared here once, so no section reaches into files or the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ber.case.model import Case
from ber.engine.domains import domain_keys, domain_unit
from ber.engine.geometry import to_rd
from ber.engine.metrics import metric
from ber.engine.result import Assessment
from ber.engine.rounding import decimals as rounding_decimals
from ber.engine.rounding import places
from ber.engine.status import severity
from ber.reference.data import ReferenceSet
from ber.report.styles import ACCENT, FONT, RULE, STATUS_COLOURS, ZEBRA, Styles
from ber.report.texts import Texts
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS, format_number, format_pressure, unit_label
from ber.texts.messages import Lang

if TYPE_CHECKING:
    from ber.engine.cumulative import Cumulative

#: longest text in a table cell: a longer one is shortened, its full text goes to the appendix
MAX_CELL_CHARS = 300
#: longest piece of text laid out as one paragraph (splitting one long paragraph across
#: pages costs time quadratic in its length; pieces keep the layout linear)
MAX_PARAGRAPH_CHARS = 1_500


@dataclass(frozen=True)
class SiteMark:
    """A site on the map (RD metres)."""

    name: str
    x: float
    y: float
    chosen: bool
    rank: int | None = None


@dataclass
class ReportData:
    result: Assessment
    case: Case
    lang: Lang
    tx: Texts
    st: Styles
    ref: ReferenceSet
    #: municipality centroids (RD metres) for the schematic map
    centroids: dict[str, tuple[float, float]]
    #: municipality polygons (RD metres, shapely) or None
    boundaries: Mapping[str, Any] | None
    boundary_source: str
    logo: Path | None
    officer: str
    file_name: str
    sites: list[SiteMark] = field(default_factory=list)
    #: this case on top of the registered cases (section "Cumulatieve effecten"), or None
    cumulative: Cumulative | None = None
    #: names of every municipality of the context (GM code -> name), for cases hosted elsewhere
    municipality_names: dict[str, str] = field(default_factory=dict)
    #: texts too long for a table cell, in full (appendix "Volledige teksten"), numbered from 1
    full_texts: list[str] = field(default_factory=list)

    # -- formatting ------------------------------------------------------
    def num(self, value: float | None, decimals: int | None = None) -> str:
        """A number in the report language; ``decimals=None`` is ``rounding.SHARE`` (1 below 10, else 0)."""
        return format_number(value, self.lang, places(value, decimals))

    def qty(self, value: float | None, unit: str, decimals: int | None = None) -> str:
        """A number with its unit (engine unit names, translated); unknown shows without a unit."""
        if value is None:
            return self.num(None)
        return f"{self.num(value, decimals)} {unit_label(unit, self.lang)}"

    def decimals(self, key: str) -> int:
        """Decimals of a metric or of a domain's demand (the rounding policy, ``ber.engine.rounding``)."""
        return rounding_decimals(key)

    def figure(self, key: str, value: float | None) -> str:
        """A metric's value with its unit and its decimals."""
        m = metric(key)
        return self.qty(value, m.unit, m.decimals)

    def pct(self, share: float | None) -> str:
        if share is None:
            return self.num(None)
        decimals = 0 if abs(share * 100 - round(share * 100)) < 1e-9 else 1
        return f"{format_number(share * 100, self.lang, decimals)}%"

    def pressure(self, value: float | None) -> str:
        return format_pressure(value, self.lang)

    def unit(self, unit: str) -> str:
        return unit_label(unit, self.lang)

    def param_unit(self, unit: str) -> str:
        return self.tx.get("punit." + unit, unit_label(unit, self.lang))

    def status(self, status: str) -> str:
        return STATUS_LABELS[status][self.lang]

    def domain(self, domain: str) -> str:
        return DOMAIN_LABELS[domain][self.lang]

    def domain_unit(self, domain: str) -> str:
        return domain_unit(domain)

    def municipality_name(self, code: str | None) -> str:
        if code is None:
            return self.num(None)
        for m in self.result.municipalities:
            if m.code == code:
                return m.name
        return self.municipality_names.get(code, code)

    def long_date(self, text: str) -> str:
        """An ISO date (2026-11-24) written out ("24 november 2026"); other text as given."""
        import datetime as _dt

        try:
            d = _dt.date.fromisoformat(text[:10])
        except ValueError:
            return text
        return self.tx("date.long", day=d.day, month=self.tx(f"month.{d.month}"), year=d.year)

    def region_label(self) -> str:
        """The region's label, or its municipalities' names when the case gives no label."""
        label = self.result.region.label
        return label or ", ".join(m.name for m in self.result.municipalities)

    def worst_status(self, code: str) -> str:
        m = self.result.municipality(code)
        return max((d.status for d in m.domains.values()), key=severity)

    @property
    def domains(self) -> Sequence[str]:
        return [d for d in domain_keys() if d in self.result.verdict]

    # -- flowable helpers -----------------------------------------------
    def p(self, text: str, style: Any = None) -> Any:
        """A paragraph of plain text (escaped: user text never becomes markup)."""
        from reportlab.platypus import Paragraph

        return Paragraph(escape(text), style or self.st.body)

    def shorten(self, text: str) -> str:
        """Text for a table cell: a long one ends in "… [n]", its full text is appendix entry n."""
        if len(text) <= MAX_CELL_CHARS:
            return text
        self.full_texts.append(text)
        return f"{text[: MAX_CELL_CHARS - 12].rstrip()}… [{len(self.full_texts)}]"

    def paragraphs(self, text: str, style: Any = None) -> list[Any]:
        """Long text as paragraphs of at most MAX_PARAGRAPH_CHARS (one per line, long lines in pieces)."""
        out = []
        for line in text.splitlines() or [""]:
            for start in range(0, max(len(line), 1), MAX_PARAGRAPH_CHARS):
                piece = line[start : start + MAX_PARAGRAPH_CHARS]
                if piece.strip():
                    out.append(self.p(piece, style))
        return out

    def cell(self, text: str, style: Any = None) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(escape(text), style or self.st.cell)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        *,
        right: Sequence[int] = (),
        status_cells: Sequence[tuple[int, int, str]] = (),
        bold_rows: Sequence[int] = (),
    ) -> Any:
        """A zebra table with a coloured header row; ``status_cells`` are (col, row, status) badges.

        Row indices count data rows from 0. Plain strings become paragraphs, so
        long texts wrap; numbers go right-aligned in the ``right`` columns.
        """
        from reportlab.lib import colors
        from reportlab.platypus import LongTable, TableStyle

        st = self.st
        # a header of empty strings means a two-column key/value table without a header row
        head = 1 if any(header) else 0
        data: list[list[Any]] = (
            [[self.cell(h, st.cell_head_right if c in right else st.cell_head) for c, h in enumerate(header)]]
            if head
            else []
        )
        for r, row in enumerate(rows):
            out = []
            for c, value in enumerate(row):
                if isinstance(value, str):
                    if r in bold_rows:
                        style = st.cell_bold_right if c in right else st.cell_bold
                    else:
                        style = st.cell_right if c in right else st.cell
                    out.append(self.cell(self.shorten(value), style))
                else:
                    out.append(value)
            data.append(out)
        cmds: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # never reportlab's unembedded default
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor(RULE)),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if head:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(ACCENT)))
        else:
            cmds.append(("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.HexColor(ACCENT)))
        for r in range(1, len(rows), 2):
            cmds.append(("BACKGROUND", (0, r + head), (-1, r + head), colors.HexColor(ZEBRA)))
        for col, at, status in status_cells:
            data[at + head][col] = self.badge_cell(status)
            background = colors.HexColor(STATUS_COLOURS[status][0])
            cmds.append(("BACKGROUND", (col, at + head), (col, at + head), background))
        # LongTable: the same layout, splits between rows across pages, fast for long tables
        table = LongTable(data, colWidths=list(widths), repeatRows=head, hAlign="LEFT", splitByRow=1)
        table.setStyle(TableStyle(cmds))
        return table

    def badge_cell(self, status: str) -> Any:
        """The status word on its traffic-light colour (never colour alone)."""
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        fg = STATUS_COLOURS[status][1]
        style = ParagraphStyle(
            f"Badge-{status}", parent=self.st.cell_bold, textColor=colors.HexColor(fg), alignment=TA_CENTER
        )
        return Paragraph(escape(self.status(status).upper()), style)


def site_marks(result: Assessment, case: Case) -> list[SiteMark]:
    """The chosen site and alternatives, in RD metres, with their rank when compared."""
    if result.sites:
        return [SiteMark(s.name, s.x, s.y, s.chosen, s.rank) for s in result.sites]
    site = result.site
    x, y = to_rd(site.x, site.y, site.crs)
    return [SiteMark(site.name, x, y, True, None)]
