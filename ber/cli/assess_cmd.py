"""``ber assess`` and ``ber validate``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ber.assess import assess, check_case
from ber.case import load_case
from ber.cli.common import check_samples, context_for, print_summary, write_json


def register(sub: Any) -> None:
    p = sub.add_parser("assess", help="assess a case (.ber, or a report PDF with the case inside)")
    p.add_argument("case", help="case file (.ber) or report PDF")
    p.add_argument("--out", help="write the result JSON (ber-result/1) here")
    p.add_argument("--pdf", help="write the PDF report here")
    p.add_argument("--pdfa", action="store_true", help="make the PDF a PDF/A-3b (needs ghostscript)")
    p.add_argument("--samples", type=int, default=0, help="Monte Carlo draws (0 = central only)")
    p.add_argument("--seed", type=int, default=1, help="seed of the Monte Carlo draws")
    p.add_argument("--geodata", help="geodata file or folder (boundaries, statistics) for this run")
    p.add_argument("--quiet", action="store_true", help="print no summary")
    p.set_defaults(func=run_assess)

    v = sub.add_parser("validate", help="check a case file and list every problem")
    v.add_argument("case")
    v.add_argument("--geodata", help="geodata file or folder for this run")
    v.set_defaults(func=run_validate)


def run_assess(args: argparse.Namespace) -> int:
    check_samples(args.samples)
    case = load_case(Path(args.case))
    ctx = context_for(args.geodata)
    result = assess(case, ctx, samples=args.samples, seed=args.seed)
    if args.out:
        write_json(Path(args.out), result.to_dict())
    if args.pdf:
        from ber.cli.report_hook import write_report

        write_report(result, case, Path(args.pdf), args.lang, pdfa=args.pdfa, ctx=ctx)
    if not args.quiet:
        print_summary(result, case.business.name, args.lang)
    return 0


def run_validate(args: argparse.Namespace) -> int:
    case = load_case(Path(args.case))
    check_case(case, context_for(args.geodata))
    print("Geldig." if args.lang == "nl" else "Valid.", file=sys.stdout)
    return 0
