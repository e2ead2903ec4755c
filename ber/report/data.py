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
from ber.engine.domains import counts_in, domain_keys, domain_unit
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

#: more municipalities than this are summarised in running text (full list in an appendix)
LIST_MAX = 8


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
    #: housing stock per municipality (GM code -> dwellings): the residence model's attraction
    dwellings: dict[str, float] = field(default_factory=dict)
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

    def site_coordinates(self, x: float | None, y: float | None, crs: str) -> tuple[str, str]:
        """A site as entered (degrees with 5 decimals, or metres) and in RD New (whole metres)."""
        if x is None or y is None:
            return "–", "–"
        if crs == "EPSG:4326":
            entered = self.tx(
                "coords.degrees", lat=format_number(y, self.lang, 5), lon=format_number(x, self.lang, 5)
            )
        else:
            entered = self.tx(
                "coords.metres", x=format_number(x, self.lang, 0), y=format_number(y, self.lang, 0), crs=crs
            )
        rx, ry = to_rd(x, y, crs)
        rd = self.tx("coords.rd", x=format_number(rx, self.lang, 0), y=format_number(ry, self.lang, 0))
        return entered, rd

    def threshold(self, domain: str, which: str) -> float:
        """The amber or red pressure threshold used for a domain (override included)."""
        from ber.engine.domains import domain as _domain

        d = _domain(domain)
        name = d.amber_threshold if which == "amber" else d.red_threshold
        for p in self.result.parameters:
            if p.key == name or p.name == name:
                return float(p.value)
        return float(self.ref.value(name))

    def thresholds(self) -> tuple[str, str]:
        """The amber and red thresholds as shown (one pair when every domain uses the same)."""
        pairs = {(self.threshold(d, "amber"), self.threshold(d, "red")) for d in self.domains}
        amber, red = sorted(pairs)[0] if pairs else (0.5, 1.0)
        return self.plain(amber), self.plain(red)

    def plain(self, value: float) -> str:
        """A parameter value with as many decimals as it has (up to 4): 0,5 not 0,50."""
        d = next((d for d in range(5) if abs(value - round(value, d)) < 1e-9), 4)
        return format_number(value, self.lang, d)

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
        if label:
            return label
        names = [m.name for m in self.result.municipalities]
        if len(names) <= LIST_MAX:
            return ", ".join(names)
        # a long list is summarised here; the full list is in the appendix
        return self.tx("region.summarised", count=len(names), host=self.result.site.host_name)

    def region_phrase(self) -> str:
        """The region in running text: "de Arbeidsmarktregio X", not "de regio Arbeidsmarktregio X"."""
        label = self.region_label()
        key = "region.phrase_named" if "regio" in label.lower() else "region.phrase"
        return self.tx(key, label=label)

    def persons(self, value: float | None, unit: str) -> str:
        """A count of people in running text: whole persons ("less than 1 pupil" for 0.4)."""
        if value is None:
            return self.num(None)
        if 0 < value < 0.5:
            return self.tx("persons.less_than_one", unit=self.tx.get(f"unit_one.{unit}", self.unit(unit)))
        return self.qty(round(value), unit, 0)

    def worst_status(self, code: str) -> str:
        m = self.result.municipality(code)
        host = self.result.site.host_municipality
        return max((d.status for k, d in m.domains.items() if counts_in(k, code, host)), key=severity)

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
        fonts = (st.cell.fontName, st.cell_head.fontName)
        measured = [list(row) for row in rows]
        for col, at, status in status_cells:  # badges hold the status word
            measured[at][col] = self.status(status).upper()
        bold = {(at, col) for col, at, _ in status_cells} | {
            (r, c) for r in bold_rows for c in range(len(widths))
        }
        fitted = fit_widths([list(header)] if head else [], measured, widths, fonts, st.cell.fontSize, bold)
        table = LongTable(data, colWidths=fitted, repeatRows=head, hAlign="LEFT", splitByRow=1)
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


#: left + right padding of a table cell (points), as set by ``ReportData.table``
CELL_PADDING = 8.0
SOFT_HYPHEN = "\u00ad"


def fit_widths(
    header: Sequence[Sequence[Any]],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    fonts: tuple[str, str],
    size: float,
    bold: set[tuple[int, int]] | None = None,
) -> list[float]:
    """Column widths from content, within the total of ``widths`` (points).

    ``bold``: (row, column) of body cells set in the bold font (badges, total rows).
    Each column gets at least its longest word (so no word is broken inside a cell;
    a soft hyphen marks where a long word may break), then the remaining space goes to
    the columns whose full text does not fit yet, in proportion to what they lack;
    what is left after that is shared in the proportions of ``widths``.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    total = float(sum(widths))
    n = len(widths)
    least = [0.0] * n
    want = [0.0] * n
    bold = bold or set()
    for r, row in enumerate([*header, *rows]):
        for c, value in enumerate(row[:n]):
            body = r - len(header)
            font = fonts[1] if body < 0 or (body, c) in bold else fonts[0]
            if not isinstance(value, str):
                least[c] = max(least[c], float(widths[c]) - CELL_PADDING)
                want[c] = max(want[c], float(widths[c]) - CELL_PADDING)
                continue
            parts = [w for word in value.split() for w in word.split(SOFT_HYPHEN)]
            hyphen = stringWidth("-", font, size) if SOFT_HYPHEN in value else 0.0
            longest = max((stringWidth(w, font, size) for w in parts), default=0.0)
            least[c] = max(least[c], longest + hyphen)
            want[c] = max(want[c], stringWidth(value.replace(SOFT_HYPHEN, ""), font, size))
    least = [w + CELL_PADDING + 1.0 for w in least]
    want = [max(w + CELL_PADDING + 1.0, lo) for w, lo in zip(want, least, strict=True)]
    if sum(least) >= total:
        return least
    spare = total - sum(least)
    lack = [w - lo for w, lo in zip(want, least, strict=True)]
    out = list(least)
    if sum(lack) > 0:
        # each column gets a share of the spare room in proportion to what it lacks, not beyond
        give = min(1.0, spare / sum(lack))
        out = [lo + give * la for lo, la in zip(least, lack, strict=True)]
        spare = total - sum(out)
    if spare > 1e-6:
        out = [w + spare * float(g) / total for w, g in zip(out, widths, strict=True)]
    return out


def credit_text(text: str, tx: Texts) -> str:
    """A data set's credit in the report language ("Bron: CBS, PDOK" → "Source: CBS, PDOK")."""
    for lang in ("nl", "en"):  # a credit written as the catalogue writes it, in either language
        prefix = Texts(lang)("credit", source="").strip()
        if text.startswith(prefix):
            return tx("credit", source=text[len(prefix) :].strip())
    return text
