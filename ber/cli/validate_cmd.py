"""``ber validate``: check a case file without computing it.

Kept light on purpose (issue 16): with the built-in national data set it imports
neither numpy nor pandas nor reportlab (a test checks the import set), so checking a
file takes a fifth of a second. Only ``--geodata`` or a stored geodata import (whose
table has to be read with the geodata libraries) takes the engine's full path.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ber.cli.lang import h
from ber.texts.catalogue import text


def register(sub: Any) -> None:
    v = sub.add_parser("validate", help=h("assess.check_a_case_file"))
    v.add_argument("case", help=h("assess.case_file_ber_or"))
    v.add_argument("--geodata", help=h("assess.geodata_file_or_folder_2"))
    v.set_defaults(func=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    from ber.case.model import load_case
    from ber.io.geodata_needed import current_of, explained
    from ber.io.paths import geodata_store_path
    from ber.texts.messages import InputError

    path = Path(args.case)
    case = load_case(path)
    if args.geodata is None and not geodata_store_path().is_file():
        # the built-in national set: hosts are found by polygon when assessing, so the
        # check is the case's own rules and the municipality codes it names
        from ber.case.validate import validate_case
        from ber.reference.data import load_reference
        from ber.reference.national import dataset_entry, national_codes

        problems = validate_case(case, load_reference(), national_codes())
        if problems:
            entry = dataset_entry()
            current = (str(entry.get("name", "")), int(entry.get("year", 0)), str(entry["sha256"]))
            raise explained(InputError(problems), current, path)
    else:
        from ber.cli.common import context_for
        from ber.engine.assess import check_case

        ctx = context_for(args.geodata)
        try:
            check_case(case, ctx)
        except InputError as err:
            raise explained(err, current_of(ctx), path) from None
    print(text("cli.assess.valid", args.lang), file=sys.stdout)
    return 0
