"""``ber assess`` (``ber validate`` is in ``validate_cmd``: it must stay light)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ber.case.model import Case
from ber.cli.common import (
    add_case_argument,
    add_flag_options,
    add_sampling_options,
    add_value_options,
    case_in_context,
    check_sampling,
    migration_progress,
    print_summary,
    write_json,
)
from ber.cli.lang import h
from ber.engine.assess import Context, assess
from ber.engine.result import Assessment
from ber.io.atomic import STDOUT, check_outputs
from ber.io.geodata_needed import current_of, explained
from ber.io.report_attachments import embedded_cases
from ber.texts.catalogue import text
from ber.texts.messages import InputError, Lang, Problem, translate

if TYPE_CHECKING:
    from ber.register import Cumulative


def register(sub: Any) -> None:
    p = sub.add_parser(
        "assess",
        help=h("assess.assess_a_case_ber"),
    )
    add_case_argument(p)
    add_value_options(
        p,
        {
            "--out": "assess.write_the_result_json",
            "--pdf": "assess.write_the_pdf_report",
            "--html": "assess.write_the_html_report",
        },
    )
    add_flag_options(p, {"--pdfa": "assess.make_the_pdf_a"})
    add_sampling_options(p)
    add_value_options(
        p,
        {
            "--geodata": "assess.geodata_file_or_folder",
            "--xlsx": "assess.write_the_result_as",
            "--gpkg": "assess.write_the_result_as_2",
        },
    )
    p.add_argument("--region", metavar="KIND:CODE", help=h("assess.region"))
    add_flag_options(p, {"--quiet": "assess.print_no_summary", "--cumulative": "assess.add_the_granted_and"})
    add_value_options(p, {"--register-url": "assess.case_register_for_cumulative"})
    p.set_defaults(func=run_assess)


def run_assess(args: argparse.Namespace) -> int:
    check_sampling(args)
    check_outputs(
        {"--out": args.out, "--pdf": args.pdf, "--html": args.html, "--xlsx": args.xlsx, "--gpkg": args.gpkg},
        inputs=[args.case],
    )
    case, ctx = case_in_context(args)
    counted = None if args.cumulative or args.region else embedded_cases(Path(args.case))
    if args.region:
        case = _with_region_choice(case, ctx, args.region, args.lang)
    try:
        result = assess(case, ctx, samples=args.samples, seed=args.seed)
    except InputError as err:  # unknown municipality codes: name the geodata set they need
        raise explained(err, current_of(ctx), Path(args.case)) from None
    _print_region_notes(case, result, args.lang)
    cum = _cumulative(result, case, args.register_url, args.lang) if args.cumulative else None
    if counted is not None:  # a cumulative report: its counted cases, without a register
        from ber.engine.cumulative_replay import replay

        cum = replay(result, case, counted)
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
    if args.html:
        from ber.report import build_html_report

        build_html_report(result, case, Path(args.html), lang=args.lang, ctx=ctx, cumulative=cum)
    if not args.quiet and STDOUT not in (args.out, args.pdf):  # '-': the output is on stdout
        print_summary(result, case.business.name, args.lang)
        if cum is not None:
            _print_cumulative(cum, args.lang)
            if counted is not None:
                print(text("cli.assess.cumulative_from_report", args.lang, n=len(counted.cases)))
    return 0


def _print_region_notes(case: Case, result: Assessment, lang: Lang) -> None:
    """Warn (stderr) about municipalities the employer beds add to the chosen region."""
    from ber.engine.region_notes import employer_beds_added

    for note in employer_beds_added(case, result):
        print(text("cli.geodata.notice", lang, text=note.text(lang)), file=sys.stderr)


def _with_region_choice(case: Case, ctx: Context, text: str, lang: Lang) -> Case:
    """The case with the region named by ``--region`` (InputError, exit 2, when unknown)."""
    from ber.engine.geometry import site_point
    from ber.geodata.region import region_choice, with_region

    if ctx.geo is None:
        raise InputError([Problem("cli.region", params={"value": text})])
    site = site_point(case.chosen_site(), ctx.table, ctx.locate)
    return with_region(case, region_choice(text, ctx.geo, (site.x, site.y), lang))


def _cumulative(result: Assessment, case: Case, url: str | None, lang: Lang = "nl") -> Cumulative:
    """This case on top of the register's cases; InputError (exit 2) when the register cannot be opened."""
    from ber.register import Register, cumulative_with_cases, mask_url
    from ber.register.db import resolve_url

    try:
        reg = Register.open(url, progress=migration_progress(lang))
    except OSError as exc:  # e.g. the SQLite file's folder cannot be created
        reason = exc.strerror or type(exc).__name__
        problem = Problem(
            "register.unreachable", params={"url": mask_url(resolve_url(url)), "reason": reason}
        )
        raise InputError([problem]) from None
    with reg:
        return cumulative_with_cases(result, case, reg)


def _print_cumulative(cum: Cumulative, lang: Lang) -> None:
    from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS

    refs = ", ".join(cum.other_references) or text("cli.assess.none", lang)
    print("")
    print(text("cli.assess.cumulative_other_cases", lang, cases=refs))
    for dom, with_ in cum.verdict_with.items():
        without = cum.verdict_without[dom]
        verdicts = text(
            "cli.assess.without_with",
            lang,
            verdict_without=f"{STATUS_LABELS[without.status][lang]:<9}",
            verdict_with=f"{STATUS_LABELS[with_.status][lang]:<9}",
            municipality=with_.municipality_name,
        )
        print(f"  {DOMAIN_LABELS[dom][lang]:<40} {verdicts}")
    from ber.cli.register_conditions_cmd import print_employer_beds

    print_employer_beds(cum, lang)  # permit conditions: promised beside delivered employer beds
