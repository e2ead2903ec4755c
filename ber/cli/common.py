"""Helpers shared by the subcommands: their common options, loading a case with its
context, writing outputs."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ber.case.limits import is_valid_text
from ber.case.model import Case, load_case
from ber.cli.lang import h
from ber.engine.assess import Context
from ber.engine.domains import domain_unit
from ber.engine.metrics import Output, metrics
from ber.engine.result import Assessment
from ber.io.atomic import write_output
from ber.texts.catalogue import num, text
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS, TOTAL_LABELS, format_number, unit_label
from ber.texts.messages import InputError, Lang, Problem
from ber.texts.verdicts import coverage_text, pressure_text


def add_case_argument(p: argparse.ArgumentParser) -> None:
    """The case file to work on (positional ``case``)."""
    p.add_argument("case", help=h("assess.case_file_ber_or"))


def add_value_options(p: argparse.ArgumentParser, helps: Mapping[str, str]) -> None:
    """Arguments and options that take one value (a file, folder, name or address), in
    order; ``helps`` maps each to the key of its --help text."""
    for option, key in helps.items():
        p.add_argument(option, help=h(key))


def add_flag_options(p: argparse.ArgumentParser, helps: Mapping[str, str]) -> None:
    """On/off options (``store_true``), in order; ``helps`` as in :func:`add_value_options`."""
    for option, key in helps.items():
        p.add_argument(option, action="store_true", help=h(key))


def add_sampling_options(p: argparse.ArgumentParser) -> None:
    """``--samples`` and ``--seed`` of the Monte Carlo run (checked by :func:`check_sampling`)."""
    p.add_argument("--samples", type=int, default=0, help=h("assess.monte_carlo_draws_0"))
    p.add_argument("--seed", type=int, default=1, help=h("assess.seed_of_the_monte"))


def check_sampling(args: argparse.Namespace) -> None:
    """The ``--samples`` and ``--seed`` given are within their ranges (else InputError, exit 2)."""
    check_samples(args.samples)
    check_seed(args.seed)


def case_in_context(args: argparse.Namespace) -> tuple[Case, Context]:
    """The case file ``args.case`` and the calculation context of ``args.geodata``."""
    return load_case(Path(args.case)), context_for(args.geodata)


def context_for(geodata: str | None) -> Context:
    """The calculation context: built-in demo region, or geodata when given/imported."""
    ctx = Context.default()
    try:
        from ber import geodata as _geodata  # provided by the geodata module when present
    except ImportError:
        return ctx
    hook = getattr(_geodata, "context_for_cli", None)
    if hook is None:
        return ctx
    result: Context = hook(ctx, geodata)
    return result


def write_json(path: Path | str, doc: Any) -> None:
    """Write a result document; '-' is standard output.

    ``allow_nan=False``: a non-finite number in a result is an internal error (exit 1),
    never ``Infinity`` in a file that then is no JSON; valid input cannot produce one
    (tests/core/test_hostile_input.py).
    """
    text = json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    write_output(path, text.encode("utf-8"))


def check_samples(samples: int) -> None:
    if not 0 <= samples <= 100_000:
        raise InputError([Problem("cli.samples", params={"value": samples})])


#: numpy's generators take seeds from 0 up; 2**63 - 1 keeps a seed one machine integer
SEED_RANGE = (0, 2**63 - 1)


def check_seed(seed: int) -> None:
    if not SEED_RANGE[0] <= seed <= SEED_RANGE[1]:
        raise InputError(
            [Problem("cli.seed", params={"value": seed, "low": SEED_RANGE[0], "high": SEED_RANGE[1]})]
        )


def check_int_option(option: str, value: int | None, low: int, high: int) -> None:
    """A whole-number option within its range (None: not given)."""
    if value is not None and not low <= value <= high:
        raise InputError(
            [Problem("field.range", option, {"value": num(value), "low": num(low), "high": num(high)})]
        )


def check_text_option(option: str, value: str | None) -> None:
    """Text from the command line must be valid Unicode (undecodable bytes are refused)."""
    if value is not None and not is_valid_text(value):
        raise InputError([Problem("text.invalid", option, {"value": ascii(value)[:60]})])


def print_summary(result: Assessment, business: str, lang: Lang, out: Any = None) -> None:
    """A short summary of the verdict and the key figures."""
    out = out or sys.stdout
    site = result.site
    print(text("cli.common.business_impact_report", lang, business=business), file=out)
    print(text("cli.common.site", lang, site=site.name, host=site.host_name), file=out)
    print(text("cli.common.full_operation", lang, year=result.full_operation_year), file=out)
    print("", file=out)
    for m in metrics(Output.CLI):
        value = result.totals.value(m.key)
        print(
            f"  {TOTAL_LABELS[m.label][lang]:<45} {format_number(value, lang, m.decimals):>10} "
            f"{unit_label(m.unit, lang)}",
            file=out,
        )
    print("", file=out)
    from ber.engine.verdict import unjudged  # here: ``ber validate`` imports this module, not numpy

    red = [DOMAIN_LABELS[d][lang].lower() for d, v in result.verdict.items() if v.status == "red"]
    grey, empty = ([DOMAIN_LABELS[d][lang].lower() for d in keys] for keys in unjudged(result))
    if red:
        print(text("cli.common.headline_red", lang, domains=", ".join(red)), file=out)
    elif not grey and not empty:
        partial = any(v.coverage is not None and v.coverage < 1.0 for v in result.verdict.values())
        print(text("cli.common.headline_ok_partial" if partial else "cli.common.headline_ok", lang), file=out)
    if grey:  # never "nothing exceeded" while a domain cannot be judged
        print(text("cli.common.headline_unknown", lang, domains=", ".join(grey)), file=out)
    if empty:  # nothing to judge: the input is missing, not a capacity figure
        print(text("cli.common.headline_no_input", lang, domains=", ".join(empty)), file=out)
    print("", file=out)
    print(text("cli.common.verdict_per_domain", lang), file=out)
    for dom, verdict in result.verdict.items():
        shown = pressure_text(verdict.pressure, verdict.no_capacity, lang)  # "geen vrije capaciteit" at 0
        pressure = (
            ""
            if not shown
            else f" {shown}"
            if verdict.no_capacity
            else text("cli.common.pressure", lang, value=shown)
        )
        parts = [coverage_text(verdict.coverage, lang)]
        if verdict.unknown_municipality_name:
            amount = format_number(verdict.unknown_municipality_demand, lang, 1)
            parts.append(
                text(
                    "label.verdict.unknown_largest",
                    lang,
                    municipality=verdict.unknown_municipality_name,
                    amount=f"{amount} {unit_label(domain_unit(dom), lang)}",
                )
            )
        extra = "; ".join(p for p in parts if p)
        print(
            f"  {DOMAIN_LABELS[dom][lang]:<40} {STATUS_LABELS[verdict.status][lang].upper():<9}"
            f" {verdict.municipality_name or '–'}{pressure}" + (f" ({extra})" if extra else ""),
            file=out,
        )
    if result.sites:
        print("", file=out)
        print(text("cli.common.site_comparison", lang), file=out)
        for s in result.sites:
            print(
                f"  {s.rank}. {s.name}: {s.red} {STATUS_LABELS['red'][lang]}, {s.amber} "
                f"{STATUS_LABELS['amber'][lang]}",
                file=out,
            )
    facts = result.site_facts
    if facts is not None and any(rule.status == "exceeded" for rule in facts.rules):
        print("", file=out)
        for rule in facts.rules:
            if rule.status == "exceeded":
                print(
                    text(
                        "cli.common.province_rule",
                        lang,
                        province=rule.province_name,
                        plot=format_number(rule.plot_area_ha, lang, 1),
                        limit=format_number(rule.limit_ha, lang, 1),
                        source=rule.source,
                    ),
                    file=out,
                )


def migration_progress(lang: Lang) -> Callable[[int, int], None]:
    """A progress line on stderr for converting an old register (``Register.open(progress=)``)."""

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(
            "\r" + text("cli.register.migrating", lang, done=done, total=total),
            end=end,
            file=sys.stderr,
            flush=True,
        )

    return show


def print_columns(head: Sequence[object], rows: Sequence[Sequence[object]]) -> None:
    """``head`` and ``rows`` as a plain-text table: columns left-aligned, two spaces apart."""
    cells = [[str(v) for v in r] for r in [head, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
