"""``ber assess`` and ``ber validate``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ber.case.model import Case, load_case
from ber.cli.common import check_samples, check_seed, context_for, print_summary, write_json
from ber.cli.lang import h
from ber.engine.assess import Context, assess, check_case
from ber.engine.result import Assessment
from ber.io.atomic import STDOUT, check_outputs
from ber.texts.messages import InputError, Lang, Problem, translate

if TYPE_CHECKING:
    from ber.register import Cumulative


def register(sub: Any) -> None:
    p = sub.add_parser(
        "assess",
        help=h(
            "beoordeel een zaak (.ber, of een rapport-PDF met de zaak erin)",
            "assess a case (.ber, or a report PDF with the case inside)",
        ),
    )
    p.add_argument("case", help=h("zaakbestand (.ber) of rapport-PDF", "case file (.ber) or report PDF"))
    p.add_argument(
        "--out",
        help=h(
            "schrijf de uitkomst als JSON (ber-result/1) naar dit bestand (- voor standaarduitvoer)",
            "write the result JSON (ber-result/1) here (- for standard output)",
        ),
    )
    p.add_argument(
        "--pdf",
        help=h(
            "schrijf het PDF-rapport naar dit bestand (- voor standaarduitvoer)",
            "write the PDF report here (- for standard output)",
        ),
    )
    p.add_argument(
        "--pdfa",
        action="store_true",
        help=h(
            "maak van het PDF een PDF/A-3b (vereist ghostscript)",
            "make the PDF a PDF/A-3b (needs ghostscript)",
        ),
    )
    p.add_argument(
        "--samples",
        type=int,
        default=0,
        help=h(
            "aantal Monte-Carlo-trekkingen (0 = alleen de centrale waarde)",
            "Monte Carlo draws (0 = central only)",
        ),
    )
    p.add_argument(
        "--seed",
        type=int,
        default=1,
        help=h("startwaarde (seed) van de Monte-Carlo-trekkingen", "seed of the Monte Carlo draws"),
    )
    p.add_argument(
        "--geodata",
        help=h(
            "geodatabestand of -map (grenzen, statistiek) voor deze berekening",
            "geodata file or folder (boundaries, statistics) for this run",
        ),
    )
    p.add_argument(
        "--xlsx",
        help=h(
            "schrijf de uitkomst als Excel-werkmap naar dit bestand (zoals de desktopapplicatie, "
            "met een tabel per gemeente voor koppelingen)",
            "write the result as an Excel workbook here (as the desktop app does, with a table per "
            "municipality for joins)",
        ),
    )
    p.add_argument(
        "--gpkg",
        help=h(
            "schrijf de uitkomst als GeoPackage (EPSG:28992, met QGIS-opmaak) naar dit bestand",
            "write the result as a GeoPackage (EPSG:28992, with QGIS styles) here",
        ),
    )
    p.add_argument(
        "--region",
        metavar="KIND:CODE",
        help=h(
            "de regio in plaats van die van de zaak: arbeidsmarktregio:AM29, corop:CR37, provincie:PV31, "
            "cutoff (centroïden binnen de standaard afstandsgrens) of cutoff:KM (1-200 km)",
            "the region instead of the case's: arbeidsmarktregio:AM29, corop:CR37, provincie:PV31, "
            "cutoff (centroids within the reference cut-off) or cutoff:KM (1-200 km)",
        ),
    )
    p.add_argument("--quiet", action="store_true", help=h("druk geen samenvatting af", "print no summary"))
    p.add_argument(
        "--cumulative",
        action="store_true",
        help=h(
            "tel de verleende zaken en zaken in procedure uit het zaakregister mee (sleutel "
            "'cumulative' in de JSON, rapporthoofdstuk 'Cumulatieve effecten')",
            "add the granted and in-procedure cases of the case register (result JSON key "
            "'cumulative', report section 'Cumulatieve effecten')",
        ),
    )
    p.add_argument(
        "--register-url",
        help=h(
            "zaakregister voor --cumulative: sqlite:///BESTAND of postgresql+psycopg://GEBRUIKER@SERVER/DB "
            "(standaard: BER_REGISTER_URL, anders register.sqlite in de gebruikersmap)",
            "case register for --cumulative: sqlite:///FILE or postgresql+psycopg://USER@HOST/DB "
            "(default: BER_REGISTER_URL, else register.sqlite in the user data folder)",
        ),
    )
    p.set_defaults(func=run_assess)

    v = sub.add_parser(
        "validate",
        help=h("controleer een zaakbestand en noem elk probleem", "check a case file and list every problem"),
    )
    v.add_argument("case", help=h("zaakbestand (.ber) of rapport-PDF", "case file (.ber) or report PDF"))
    v.add_argument(
        "--geodata",
        help=h("geodatabestand of -map voor deze berekening", "geodata file or folder for this run"),
    )
    v.set_defaults(func=run_validate)


def run_assess(args: argparse.Namespace) -> int:
    check_samples(args.samples)
    check_seed(args.seed)
    check_outputs(
        {"--out": args.out, "--pdf": args.pdf, "--xlsx": args.xlsx, "--gpkg": args.gpkg}, inputs=[args.case]
    )
    case = load_case(Path(args.case))
    ctx = context_for(args.geodata)
    if args.region:
        case = _with_region_choice(case, ctx, args.region, args.lang)
    result = assess(case, ctx, samples=args.samples, seed=args.seed)
    cum = _cumulative(result, case, args.register_url) if args.cumulative else None
    if args.out:
        doc = result.to_dict()
        if cum is not None:
            doc["cumulative"] = cum.to_dict()
        write_json(args.out, doc)
    if args.xlsx:
        from ber.io.excel import export_result_xlsx

        export_result_xlsx(result, case, Path(args.xlsx), args.lang)
    if args.gpkg:
        from ber.io.gpkg import context_geometry, write_result_gpkg

        polygons, centroids = context_geometry(ctx)
        write_result_gpkg(Path(args.gpkg), result, polygons, centroids, args.lang)
        if polygons is None:
            print(translate("gpkg.no_polygons", args.lang), file=sys.stderr)
    if args.pdf:
        from ber.cli.report_hook import write_report

        write_report(result, case, Path(args.pdf), args.lang, pdfa=args.pdfa, ctx=ctx, cumulative=cum)
    if not args.quiet and STDOUT not in (args.out, args.pdf):  # '-': the output is on stdout
        print_summary(result, case.business.name, args.lang)
        if cum is not None:
            _print_cumulative(cum, args.lang)
    return 0


def _with_region_choice(case: Case, ctx: Context, text: str, lang: Lang) -> Case:
    """The case with the region named by ``--region`` (InputError, exit 2, when unknown)."""
    from ber.engine.geometry import site_point
    from ber.geodata.region import region_choice, with_region

    if ctx.geo is None:
        raise InputError([Problem("cli.region", params={"value": text})])
    site = site_point(case.chosen_site(), ctx.table, ctx.locate)
    return with_region(case, region_choice(text, ctx.geo, (site.x, site.y), lang))


def _cumulative(result: Assessment, case: Case, url: str | None) -> Cumulative:
    """This case on top of the register's cases; InputError (exit 2) when the register cannot be opened."""
    from ber.register import Register, cumulative, mask_url
    from ber.register.db import resolve_url

    try:
        reg = Register.open(url)
    except OSError as exc:  # e.g. the SQLite file's folder cannot be created
        reason = exc.strerror or type(exc).__name__
        problem = Problem(
            "register.unreachable", params={"url": mask_url(resolve_url(url)), "reason": reason}
        )
        raise InputError([problem]) from None
    with reg:
        return cumulative(result, case, reg)


def _print_cumulative(cum: Cumulative, lang: Lang) -> None:
    from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS

    nl = lang == "nl"
    refs = ", ".join(cum.other_references) or ("geen" if nl else "none")
    print("")
    print(("Cumulatief (andere zaken: " if nl else "Cumulative (other cases: ") + refs + "):")
    for dom, with_ in cum.verdict_with.items():
        without = cum.verdict_without[dom]
        print(
            f"  {DOMAIN_LABELS[dom][lang]:<40} "
            + ("zonder " if nl else "without ")
            + f"{STATUS_LABELS[without.status][lang]:<9} "
            + ("met " if nl else "with ")
            + f"{STATUS_LABELS[with_.status][lang]:<9} {with_.municipality_name}"
        )


def run_validate(args: argparse.Namespace) -> int:
    case = load_case(Path(args.case))
    check_case(case, context_for(args.geodata))
    print("Geldig." if args.lang == "nl" else "Valid.", file=sys.stdout)
    return 0
