"""``ber demo``: write the demo case, its result and its report, and print a summary."""

from __future__ import annotations

import argparse
from typing import Any

from ber.case.demo import demo_case
from ber.case.model import save_case
from ber.cli.common import (
    add_flag_options,
    add_sampling_options,
    check_sampling,
    context_for,
    print_summary,
    write_json,
)
from ber.cli.lang import h
from ber.engine.assess import assess
from ber.io.atomic import ensure_output_folder
from ber.texts.catalogue import text


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help=h("demo.run_the_built_in"))
    p.add_argument("--out", default="ber-demo", help=h("demo.output_folder_default_ber"))
    add_sampling_options(p)
    add_flag_options(p, {"--no-pdf": "demo.do_not_write_the"})
    p.set_defaults(func=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    check_sampling(args)
    out = ensure_output_folder(args.out)
    case = demo_case(args.lang)
    # the same context `ber assess` uses, so that assessing demo.ber reproduces the result:
    # the user's imported national geodata when present (real map), else the built-in region
    ctx = context_for(None)
    result = assess(case, ctx, samples=args.samples, seed=args.seed)
    case_path, result_path, pdf_path = out / "demo.ber", out / "demo-result.json", out / "demo.pdf"
    save_case(case, case_path)
    write_json(result_path, result.to_dict())
    written = [case_path, result_path]
    if not args.no_pdf:
        from ber.cli.report_hook import write_report

        if write_report(result, case, pdf_path, args.lang, ctx=ctx):
            written.append(pdf_path)
    print_summary(result, case.business.name, args.lang)
    print()
    print(text("cli.demo.written", args.lang, paths=", ".join(map(str, written))))
    return 0
