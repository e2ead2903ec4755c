"""``ber assess`` and ``ber validate``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ber.case.model import Case, load_case
from ber.cli.common import check_samples, check_seed, context_for, print_summary, write_json
from ber.engine.assess import assess, check_case
from ber.engine.result import Assessment
from ber.io.atomic import STDOUT, check_outputs
from ber.texts.messages import InputError, Lang, Problem

if TYPE_CHECKING:
    from ber.register import Cumulative


def register(sub: Any) -> None:
    p = sub.add_parser("assess", help="assess a case (.ber, or a report PDF with the case inside)")
    p.add_argument("case", help="case file (.ber) or report PDF")
    p.add_argument("--out", help="write the result JSON (ber-result/1) here (- for standard output)")
    p.add_argument("--pdf", help="write the PDF report here (- for standard output)")
    p.add_argument("--pdfa", action="store_true", help="make the PDF a PDF/A-3b (needs ghostscript)")
    p.add_argument("--samples", type=int, default=0, help="Monte Carlo draws (0 = central only)")
    p.add_argument("--seed", type=int, default=1, help="seed of the Monte Carlo draws")
    p.add_argument("--geodata", help="geodata file or folder (boundaries, statistics) for this run")
    p.add_argument("--quiet", action="store_true", help="print no summary")
    p.add_argument(
        "--cumulative",
        action="store_true",
        help="add the granted and in-procedure cases of the case register (result JSON key "
        "'cumulative', report section 'Cumulatieve effecten')",
    )
    p.add_argument(
        "--register-url",
        help="case register for --cumulative: sqlite:///FILE or postgresql+psycopg://USER@HOST/DB "
        "(default: BER_REGISTER_URL, else register.sqlite in the user data folder)",
    )
    p.set_defaults(func=run_assess)

    v = sub.add_parser("validate", help="check a case file and list every problem")
    v.add_argument("case")
    v.add_argument("--geodata", help="geodata file or folder for this run")
    v.set_defaults(func=run_validate)


def run_assess(args: argparse.Namespace) -> int:
    check_samples(args.samples)
    check_seed(args.seed)
    check_outputs({"--out": args.out, "--pdf": args.pdf}, inputs=[args.case])
    case = load_case(Path(args.case))
    ctx = context_for(args.geodata)
    result = assess(case, ctx, samples=args.samples, seed=args.seed)
    cum = _cumulative(result, case, args.register_url) if args.cumulative else None
    if args.out:
        doc = result.to_dict()
        if cum is not None:
            doc["cumulative"] = cum.to_dict()
        write_json(args.out, doc)
    if args.pdf:
        from ber.cli.report_hook import write_report

        write_report(result, case, Path(args.pdf), args.lang, pdfa=args.pdfa, ctx=ctx, cumulative=cum)
    if not args.quiet and STDOUT not in (args.out, args.pdf):  # '-': the output is on stdout
        print_summary(result, case.business.name, args.lang)
        if cum is not None:
            _print_cumulative(cum, args.lang)
    return 0


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
