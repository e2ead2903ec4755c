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
import re
import sys
import traceback
from collections.abc import Sequence
from typing import Any, cast

from ber import __version__
from ber.engine.progress import Cancelled
from ber.texts.catalogue import text
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


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with the "usage: " prefix from the catalogue."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, help_text("usage") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message (its default, kept explicit); its own
    texts (usage, section titles, -h) in the command line's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = help_text("positionals")
        self._optionals.title = help_text("options")
        self.add_argument("-h", "--help", action="help", help=help_text("help"))

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: {argparse_message(message)}\n")


#: argparse's own error messages (Python 3.11+) -> catalogue key ``cli.argparse.<key>``
ARGPARSE_MESSAGES: dict[str, str] = {
    r"^the following arguments are required: (?P<names>.+)$": "required",
    r"^unrecognized arguments: (?P<names>.+)$": "unrecognized",
    r"^argument (?P<name>[^:]+): invalid (?P<type>\w+) value: (?P<value>.+)$": "invalid_value",
    r"^argument (?P<name>[^:]+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)$": "invalid_choice",
    r"^argument (?P<name>[^:]+): expected one argument$": "expected_one",
}


def argparse_message(message: str) -> str:
    """An argparse error message in the command line's language (unknown ones as they are)."""
    for pattern, key in ARGPARSE_MESSAGES.items():
        match = re.match(pattern, message)
        if match:
            params: dict[str, Any] = match.groupdict()
            return text(f"cli.argparse.{key}", _HELP_LANG[0], **params)
    return message


def default_lang() -> Lang:
    value = os.environ.get("BER_LANG", "nl")
    return "en" if value.startswith("en") else "nl"


#: the language of the --help texts (set by build_parser, before the arguments are parsed)
_HELP_LANG: list[Lang] = ["nl"]


def help_text(key: str) -> str:
    """The --help text ``cli.help.<key>`` in the language the command line was started in."""
    return text(f"cli.help.{key}", _HELP_LANG[0])


def lang_from_argv(argv: Sequence[str]) -> Lang:
    """``--lang en`` / ``--lang=en`` on the command line, else BER_LANG (for --help, which
    argparse prints while parsing)."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.partition("--lang=")[2]
        if value in ("nl", "en"):
            return cast(Lang, value)
    return default_lang()


def build_parser(lang: Lang | None = None) -> argparse.ArgumentParser:
    _HELP_LANG[0] = lang or default_lang()
    parser = _Parser(prog="ber", description=help_text("main.ber_desk_bedrijfseffectrapportage"))
    parser.add_argument("--version", action="version", version=f"ber {__version__}")
    parser.add_argument(
        "--lang",
        choices=["nl", "en"],
        default=None,
        help=help_text("main.language_of_messages_and"),
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _log_path() -> str:
    from ber.io.paths import user_data_dir

    return str(user_data_dir() / "ber.log")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(lang_from_argv(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    lang = cast(Lang, args.lang or default_lang())
    args.lang = lang
    try:
        code: int = args.func(args)
        return code
    except InputError as err:
        for message in err.texts(lang):
            print(message, file=sys.stderr)
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
