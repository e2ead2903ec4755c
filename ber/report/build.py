"""Page layout and the build: sections → platypus story → PDF → (PDF/A) → attachment → atomic write."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ber.case.model import Case
from ber.engine.assess import Context
from ber.engine.progress import Cancelled, NoProgress, Progress
from ber.engine.result import Assessment
from ber.io.atomic import write_output
from ber.io.paths import templates_dir
from ber.io.report_attachments import records
from ber.report.data import ReportData, credit_text, site_marks
from ber.report.outcome import ReportOutcome
from ber.report.sections_afweging import afweging_section
from ber.report.sections_appendix import full_texts, region_list
from ber.report.sections_back import accountability, uncertainty
from ber.report.sections_conclusion import conclusion
from ber.report.sections_cumulative import cumulative_section
from ber.report.sections_front import contents, cover, summary
from ber.report.sections_inputs import inputs, method
from ber.report.sections_qualitative import qualitative_section
from ber.report.sections_results import map_section, results, sites_section
from ber.report.styles import ACCENT, FONT, FONT_BOLD, register_fonts, styles
from ber.report.texts import Texts
from ber.texts.messages import Lang

if TYPE_CHECKING:
    from ber.engine.cumulative import Cumulative

Section = Callable[[ReportData], list[Any]]

#: The report, in order. A section is a pure function (ReportData) -> flowables;
#: to add one (e.g. cumulative effects), insert it here.
SECTIONS: list[Section] = [
    cover,
    contents,
    summary,
    inputs,
    method,
    results,
    cumulative_section,  # only when cumulative data is given
    map_section,
    sites_section,
    uncertainty,
    afweging_section,  # burdens beside benefits (issue 18)
    conclusion,
    qualitative_section,  # the officer's judgement, apart from the figures; only when given
    accountability,
    region_list,  # only for a long region without a label
]

PDF_LANG = {"nl": "nl-NL", "en": "en-GB"}
MARGIN_MM = 20.0


def _doc_class() -> Any:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    class BerDoc(BaseDocTemplate):  # type: ignore[misc]
        def __init__(self, buf: Any, progress: Progress, message: str, **kw: Any) -> None:
            super().__init__(
                buf,
                pagesize=A4,
                leftMargin=MARGIN_MM * mm,
                rightMargin=MARGIN_MM * mm,
                topMargin=24 * mm,
                bottomMargin=20 * mm,
                **kw,
            )
            frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
            self.addPageTemplates([PageTemplate(id="body", frames=[frame])])
            self._progress = progress
            self._message = message
            self._seq = 0
            self._pages_laid_out = 0  # over all layout passes, for a monotonic progress fraction

        def beforeDocument(self) -> None:
            self._seq = 0

        def afterPage(self) -> None:
            self._pages_laid_out += 1
            fraction = 0.4 + 0.44 * (1 - math.exp(-self._pages_laid_out / 25))
            self._progress.report(fraction, self._message)

        def afterFlowable(self, flowable: Any) -> None:
            if self._progress.cancelled():
                raise Cancelled("cancelled")
            entry = getattr(flowable, "_ber_toc", None)
            if entry is None:
                return
            level, text = entry
            self._seq += 1
            key = f"sec{self._seq}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level - 1, closed=level > 1)
            self.notify("TOCEntry", (level - 1, text, self.page, key))

    return BerDoc


def _canvas_class(data: ReportData) -> Any:
    """A canvas that knows the page count ("pagina X van Y") and draws header and footer."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    tx = data.tx
    r = data.result
    header_left = tx("header.left", business=data.case.business.name)
    reference = data.case.meta.reference or tx("cover.empty")
    header_right = tx("header.right", reference=reference)
    footer_left = tx("footer.left", version=r.app_version, computed=r.computed_at[:16].replace("T", " "))
    width, height = A4

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kw: Any) -> None:
            if kw.get("initialFontName") is None:
                kw["initialFontName"] = FONT  # never the unembedded Helvetica
            super().__init__(*args, **kw)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, total: int) -> None:
            page = self._pageNumber
            left, right = MARGIN_MM * mm, width - MARGIN_MM * mm
            self.saveState()
            grey = colors.HexColor("#555555")
            if page > 1:
                self.setFont(FONT, 7.5)
                self.setFillColor(grey)
                self.drawString(
                    left, height - 14 * mm, _fit(self, header_left, FONT, 7.5, (right - left) * 0.68)
                )
                self.setFont(FONT_BOLD, 7.5)
                self.drawRightString(
                    right, height - 14 * mm, _fit(self, header_right, FONT_BOLD, 7.5, (right - left) * 0.3)
                )
                self.setStrokeColor(colors.HexColor(ACCENT))
                self.setLineWidth(0.6)
                self.line(left, height - 15.8 * mm, right, height - 15.8 * mm)
            self.setStrokeColor(colors.HexColor("#b0b7bf"))
            self.setLineWidth(0.4)
            self.line(left, 13.5 * mm, right, 13.5 * mm)
            self.setFont(FONT, 7.5)
            self.setFillColor(grey)
            self.drawString(left, 9.5 * mm, footer_left)
            self.drawRightString(right, 9.5 * mm, tx("footer.page", page=page, pages=total))
            self.restoreState()

    return NumberedCanvas


def _fit(canvas: Any, text: str, font: str, size: float, width: float) -> str:
    if canvas.stringWidth(text, font, size) <= width:
        return text
    text = text[: int(width / (size * 0.2)) + 1]  # no glyph is narrower than 0.2 em: the loop stays short
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _resolve_boundaries(
    boundaries: Mapping[str, Any] | None, ctx: Context | None, tx: Texts
) -> tuple[Mapping[str, Any] | None, str]:
    """Polygons to draw (explicit, else from the context's geodata) and their source text."""
    source = ""
    if boundaries is None and ctx is not None and ctx.geo is not None:
        boundaries = ctx.geo.boundaries_rd()
        source = ctx.geo.source
        info = ctx.dataset
        if info is not None:
            credit = credit_text(info.attribution, tx) if info.attribution else ""
            source = f"{info.name}; {credit}" if credit else info.name
    if boundaries:
        # point-only geodata (centroids) cannot be drawn as polygons: schematic map then
        boundaries = {
            code: geom
            for code, geom in boundaries.items()
            if geom is not None and not geom.is_empty and geom.geom_type in ("Polygon", "MultiPolygon")
        }
    return (boundaries or None), source


def chapters(data: ReportData) -> list[Section]:
    """The sections this report prints: the cumulative one with cumulative data, the
    region appendix for a long region without a label."""
    from ber.report.data import LIST_MAX

    long_region = not data.result.region.label and len(data.result.municipalities) > LIST_MAX
    return [
        s
        for s in SECTIONS
        if (s is not cumulative_section or data.cumulative is not None)
        and (s is not region_list or long_region)
    ]


def prepare(
    result: Assessment,
    case: Case,
    path: Path,
    lang: Lang,
    ctx: Context | None,
    boundaries: Mapping[str, Any] | None,
    logo: Path | None,
    officer: str | None,
    cumulative: Cumulative | None = None,
) -> ReportData:
    register_fonts()
    tx = Texts(lang)
    if ctx is None:
        ctx = Context.default()
    table = ctx.table
    centroids = {c: (float(table.x[i]), float(table.y[i])) for i, c in enumerate(table.codes)}
    bounds, source = _resolve_boundaries(boundaries, ctx, tx)
    if logo is None:
        default_logo = templates_dir() / "logo.png"
        logo = default_logo if default_logo.is_file() else None
    return ReportData(
        result=result,
        case=case,
        lang=lang,
        tx=tx,
        st=styles(),
        ref=ctx.ref,
        centroids=centroids,
        boundaries=bounds,
        boundary_source=source or tx("map.default_source"),
        logo=logo,
        officer=officer or "",
        file_name=path.name,
        sites=site_marks(result, case),
        cumulative=cumulative,
        municipality_names=dict(zip(table.codes, table.names, strict=True)),
        dwellings={c: float(table.dwellings[i]) for i, c in enumerate(table.codes)},
    )


def build(
    result: Assessment,
    case: Case,
    path: Path,
    *,
    lang: Lang = "nl",
    pdfa: bool = False,
    ctx: Context | None = None,
    boundaries: Mapping[str, Any] | None = None,
    logo: Path | None = None,
    officer: str | None = None,
    progress: Progress | None = None,
    cumulative: Cumulative | None = None,
) -> ReportOutcome:
    """Write the report of ``result`` (computed from ``case``) to ``path``, atomically.

    ``boundaries``: municipality polygons (shapely, EPSG:28992 metres) by GM code;
    when None, ``ctx.geo.boundaries_rd()`` is used if available, else a schematic
    map of centroids. ``pdfa``: PDF/A-3b via ghostscript (plain PDF and a note
    when that is not possible). Raises ``ber.engine.progress.Cancelled`` when
    ``progress.cancelled()`` turns true; then no file is written.
    ``cumulative`` (``ber.engine.cumulative``): adds the section "Cumulatieve
    effecten" (this case on top of the registered cases); absent when None.
    """
    path = Path(path)
    progress = progress or NoProgress()

    def step(fraction: float, message: str) -> None:
        if progress.cancelled():
            raise Cancelled("cancelled")
        progress.report(fraction, message)

    tx = Texts(lang)
    step(0.0, tx("progress.prepare"))
    data = prepare(result, case, path, lang, ctx, boundaries, logo, officer, cumulative)
    story: list[Any] = []
    # the cumulative chapter counts only when there is cumulative data
    sections = chapters(data)
    for i, section in enumerate(sections):
        step(0.05 + 0.35 * i / len(sections), tx("progress.section", n=i + 1, total=len(sections)))
        story += section(data)
    story += full_texts(data)  # last: the sections above fill it with the texts they shortened
    step(0.4, tx("progress.layout"))
    pdf = _render(data, story, progress)
    notes: list[str] = []
    is_pdfa = False
    if pdfa:
        step(0.85, tx("progress.pdfa"))
        pdf, is_pdfa, note = _try_pdfa(pdf, tx)
        notes.append(note)
    step(0.95, tx("progress.write"))
    attachments = records(result, None if cumulative is None else cumulative.counted)
    pdf, pages = _finish(pdf, case, lang, _doc_info(data) if is_pdfa else None, attachments)
    step(0.98, tx("progress.write"))
    write_output(path, pdf)  # '-' is standard output
    progress.report(1.0, "")
    return ReportOutcome(path=path, pages=pages, pdfa=is_pdfa, notes=notes)


def _doc_info(data: ReportData) -> dict[str, str]:
    """Title, author, subject, creator and keywords of the PDF."""
    from ber import __version__

    r, case, tx = data.result, data.case, data.tx
    return {
        "title": f"{tx('doc.title')}: {case.business.name}",
        "author": data.officer or case.meta.officer or tx("doc.author_default"),
        "subject": tx("doc.subject", business=case.business.name),
        "creator": f"BER-desk {__version__}",
        "keywords": ", ".join(x for x in (case.meta.reference, "BER", r.site.host_name) if x),
    }


def _render(data: ReportData, story: list[Any], progress: Progress) -> bytes:
    buf = io.BytesIO()
    doc = _doc_class()(
        buf,
        progress,
        data.tx("progress.layout"),
        **_doc_info(data),
        lang=PDF_LANG[data.lang],
        invariant=0,  # the real creation date; numbers reproduce, bytes need not
        initialFontName=FONT,
    )
    doc.multiBuild(story, canvasmaker=_canvas_class(data))
    return buf.getvalue()


def _try_pdfa(pdf: bytes, tx: Texts) -> tuple[bytes, bool, str]:
    from ber.report import pdfa as _pdfa

    gs = _pdfa.find_ghostscript()
    if gs is None:
        return pdf, False, tx("note.no_gs")
    try:
        return _pdfa.convert_to_pdfa(pdf, gs), True, tx("note.pdfa_ok")
    except _pdfa.PdfaError as exc:
        return pdf, False, tx("note.pdfa_failed", reason=str(exc))


def _finish(
    pdf: bytes, case: Case, lang: Lang, info: dict[str, str] | None, attachments: list[tuple[str, bytes, str]]
) -> tuple[bytes, int]:
    """Set the document language, restore the metadata ghostscript drops, attach the case
    (then ``attachments``: the provenance record and counted register cases), count pages.

    ``info`` (for PDF/A output) is written both to the XMP packet and the document
    info dictionary, which PDF/A requires to agree.
    """
    import pikepdf

    from ber.io.pdf_attachment import case_file, embed_files

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        doc.Root.Lang = pikepdf.String(PDF_LANG[lang])
        if info is not None:
            with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as meta:
                meta["dc:title"] = info["title"]
                meta["dc:creator"] = [info["author"]]
                meta["dc:description"] = info["subject"]
                meta["pdf:Keywords"] = info["keywords"]
                meta["xmp:CreatorTool"] = info["creator"]
                meta["dc:language"] = [PDF_LANG[lang]]
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
    final = embed_files(out.getvalue(), [case_file(case), *attachments])
    with pikepdf.open(io.BytesIO(final)) as doc:
        pages = len(doc.pages)
    return final, pages


def build_html(
    result: Assessment,
    case: Case,
    path: Path,
    *,
    lang: Lang = "nl",
    ctx: Context | None = None,
    cumulative: Cumulative | None = None,
) -> Path:
    """The accessible HTML version of the same report (``ber.report.html``), written atomically."""
    from ber.report.html import story_html

    pdf_name = path.with_suffix(".pdf")
    data = prepare(result, case, pdf_name, lang, ctx, None, None, None, cumulative)
    sections = chapters(data)
    story: list[Any] = []
    for section in sections:
        story += section(data)
    story += full_texts(data)
    write_output(path, story_html(data, story).encode("utf-8"))
    return path
