"""The ``ber`` command line.

Exit codes: 0 success, 2 invalid input (one readable message per problem on
stderr, never a traceback), 1 internal error (the traceback goes to a log file in
the user data folder). Subcommands live in their own modules, listed in
``COMMAND_MODULES``; each has ``register(subparsers)``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import cast

from ber import __version__
from ber.engine.progress import Cancelled
from ber.texts.messages import InputError, Lang, translate

COMMAND_MODULES: tuple[str, ...] = (
    "ber.cli.assess_cmd",
    "ber.cli.demo_cmd",
    "ber.cli.reference_cmd",
    "ber.cli.register_cmd",
    "ber.cli.geodata_cmd",
    "ber.cli.compare_cmd",
)

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message (its default, kept explicit)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: {message}\n")


def default_lang() -> Lang:
    value = os.environ.get("BER_LANG", "nl")
    return "en" if value.startswith("en") else "nl"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ber", description="BER-desk: bedrijfseffectrapportage")
    parser.add_argument("--version", action="version", version=f"ber {__version__}")
    parser.add_argument(
        "--lang",
        choices=["nl", "en"],
        default=None,
        help="language of messages and reports (default nl, or BER_LANG)",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _log_path() -> str:
    from ber.io.paths import user_data_dir

    return str(user_data_dir() / "ber.log")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = cast(Lang, args.lang or default_lang())
    args.lang = lang
    try:
        code: int = args.func(args)
        return code
    except InputError as err:
        for text in err.texts(lang):
            print(text, file=sys.stderr)
        return EXIT_INPUT
    except Cancelled:
        print(translate("cli.cancelled", lang), file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        # output piped into a program that stopped reading (e.g. `| head`): not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        return EXIT_OK
    except KeyboardInterrupt:
        print(translate("cli.cancelled", lang), file=sys.stderr)
        return 130
    except Exception as exc:
        log = _log_path()
        # an explicit handler: basicConfig would do nothing once any handler exists
        handler = logging.FileHandler(log, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger = logging.getLogger("ber.cli")
        logger.addHandler(handler)
        try:
            logger.error("internal error\n%s", traceback.format_exc())
        finally:
            logger.removeHandler(handler)
            handler.close()
        print(
            translate("cli.internal_error", lang, reason=type(exc).__name__ + ": " + str(exc), log=log),
            file=sys.stderr,
        )
        return EXIT_INTERNAL
