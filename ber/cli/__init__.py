"""The ``ber`` command line.

Exit codes: 0 success, 2 invalid input (one readable message per problem on
stderr, never a traceback), 1 internal error (the traceback goes to the log file
``logs/ber-desk.log`` in the user data folder, see ``ber.io.logfile``). ``--lang
nl|en`` may stand before or after the subcommand; help texts and argument errors
follow it (``ber.cli.lang``). Subcommands live in their own modules, listed in
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
from typing import Any, NoReturn, cast

from ber import __version__
from ber.cli.lang import TYPE_NL, argparse_in, current, default_lang, detect, h
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
    """argparse in the command line's language, exiting 2 with a one-line message.

    Every (sub)parser accepts ``--lang``, so it may stand before or after the
    subcommand; on subparsers its default is "not given" so it never overrides an
    earlier ``--lang``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", True)
        super().__init__(*args, **kwargs)
        self.add_argument(
            "--lang",
            choices=["nl", "en"],
            default=argparse.SUPPRESS,
            help=h(
                "taal van meldingen, hulp en rapporten (standaard nl, of BER_LANG)",
                "language of messages, help and reports (default nl, or BER_LANG)",
            ),
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        word = "fout" if current() == "nl" else "error"
        self.exit(EXIT_INPUT, f"{self.prog}: {word}: {message}\n")

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError:
            name = getattr(action.type, "__name__", "")
            if current() == "nl" and name in TYPE_NL:
                raise argparse.ArgumentError(
                    action, f"ongeldige waarde {arg_string!r}: verwacht {TYPE_NL[name]}"
                ) from None
            raise


def build_parser() -> argparse.ArgumentParser:
    """The parser in the current language (see ``ber.cli.lang.argparse_in``)."""
    parser = _Parser(prog="ber", description="BER-desk: bedrijfseffectrapportage")
    parser.add_argument(
        "--version",
        action="version",
        version=f"ber {__version__}",
        help=h("toon het versienummer en stop", "show the version and exit"),
    )
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        parser_class=_Parser,
        title=h("opdrachten", "commands"),
        metavar=h("OPDRACHT", "COMMAND"),
    )
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    with argparse_in(detect(arguments)):
        args = build_parser().parse_args(arguments)
    lang = cast(Lang, getattr(args, "lang", None) or default_lang())
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
        from ber.io.logfile import attach, detach

        log = str(attach("ber.cli"))  # the one log file, shared with the desktop app (rotated)
        try:
            logging.getLogger("ber.cli").error("internal error\n%s", traceback.format_exc())
        finally:
            detach("ber.cli")
        print(
            translate("cli.internal_error", lang, reason=type(exc).__name__ + ": " + str(exc), log=log),
            file=sys.stderr,
        )
        return EXIT_INTERNAL
