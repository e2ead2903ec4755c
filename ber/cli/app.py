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
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, cast

from ber import __version__
from ber.cli.lang import argparse_in, current, default_lang, detect, h
from ber.engine.progress import Cancelled
from ber.texts.catalogue import text
from ber.texts.messages import InputError, Lang, translate

COMMAND_MODULES: tuple[str, ...] = (
    "ber.cli.assess_cmd",
    "ber.cli.validate_cmd",
    "ber.cli.demo_cmd",
    "ber.cli.reference_cmd",
    "ber.cli.register_cmd",
    "ber.cli.geodata_cmd",
    "ber.cli.compare_cmd",
    "ber.cli.capacity_cmd",
    "ber.cli.grid_cmd",
    "ber.cli.scan_cmd",
)

#: the module of each subcommand: only that one is imported to run it (``ber validate``
#: then never imports the engine); ``ber --help`` and unknown commands import them all
COMMANDS: dict[str, str] = {
    "assess": "ber.cli.assess_cmd",
    "validate": "ber.cli.validate_cmd",
    "demo": "ber.cli.demo_cmd",
    "reference": "ber.cli.reference_cmd",
    "register": "ber.cli.register_cmd",
    "geodata": "ber.cli.geodata_cmd",
    "compare": "ber.cli.compare_cmd",
    "capacity": "ber.cli.capacity_cmd",
    "grid": "ber.cli.grid_cmd",
    "scan": "ber.cli.scan_cmd",
}

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2


#: the --help texts (``cli.help.<key>``) in the language the command line was started in
help_text = h


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with the "usage: " prefix from the catalogue."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, help_text("usage") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in the command line's language, exiting 2 with a one-line message: its own
    texts (usage, section titles, -h, error messages) come from the catalogue.

    Every (sub)parser accepts ``--lang``, so it may stand before or after the
    subcommand; on subparsers its default is "not given" so it never overrides an
    earlier ``--lang``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = help_text("positionals")
        self._optionals.title = help_text("options")
        self.add_argument("-h", "--help", action="help", help=help_text("help"))
        self.add_argument(
            "--lang",
            choices=["nl", "en"],
            default=argparse.SUPPRESS,
            help=h("main.language_of_messages_help"),
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        word = text("cli.argparse.error", current())
        self.exit(EXIT_INPUT, f"{self.prog}: {word}: {argparse_message(message)}\n")


#: argparse's own error messages (Python 3.11+) -> catalogue key ``cli.argparse.<key>``
ARGPARSE_MESSAGES: dict[str, str] = {
    r"^the following arguments are required: (?P<names>.+)$": "required",
    r"^unrecognized arguments: (?P<names>.+)$": "unrecognized",
    r"^argument (?P<name>[^:]+): invalid (?P<type>\w+) value: (?P<value>.+)$": "invalid_value",
    r"^argument (?P<name>[^:]+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)$": "invalid_choice",
    r"^argument (?P<name>[^:]+): expected one argument$": "expected_one",
    r"^argument (?P<name>[^:]+): expected at least one argument$": "expected_at_least_one",
    r"^argument (?P<name>[^:]+): expected at most one argument$": "expected_at_most_one",
    r"^argument (?P<name>[^:]+): expected (?P<n>\d+) arguments?$": "expected_n",
    r"^argument (?P<name>[^:]+): not allowed with argument (?P<other>.+)$": "not_allowed_with",
    r"^one of the arguments (?P<names>.+) is required$": "one_required",
    r"^ambiguous option: (?P<option>\S+) could match (?P<matches>.+)$": "ambiguous",
}


def argparse_message(message: str) -> str:
    """An argparse error message in the command line's language (unknown ones as they are)."""
    lang = current()
    for pattern, key in ARGPARSE_MESSAGES.items():
        match = re.match(pattern, message)
        if match:
            params: dict[str, Any] = match.groupdict()
            if "n" in params:
                params["n"] = int(params["n"])  # chooses the plural form
            if key == "invalid_value" and f"cli.argparse.type.{params['type']}" in _TYPE_KEYS:
                params["type"] = text(f"cli.argparse.type.{params['type']}", lang)
            return text(f"cli.argparse.{key}", lang, **params)
    return message


#: argparse type names with a catalogue text ("int": "een geheel getal")
_TYPE_KEYS = ("cli.argparse.type.int", "cli.argparse.type.float")


def command_of(arguments: Sequence[str]) -> str | None:
    """The subcommand named in ``arguments`` (the first word that is no option), or None."""
    rest = list(arguments)
    while rest:
        word = rest.pop(0)
        if word == "--lang":
            rest = rest[1:]
        elif not word.startswith("-"):
            return word
    return None


def build_parser(arguments: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser in the current language (see ``ber.cli.lang.argparse_in``).

    With ``arguments`` naming a known subcommand only that subcommand's module is
    imported; otherwise (help, a typo) every one, so the help lists them all.
    """
    parser = _Parser(prog="ber", description=help_text("main.ber_desk_bedrijfseffectrapportage"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"ber {__version__}",
        help=h("main.show_the_version_and"),
    )
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        parser_class=_Parser,
        title=h("main.commands"),
        metavar=h("main.command"),
    )
    command = command_of(arguments) if arguments is not None else None
    modules = (COMMANDS[command],) if command in COMMANDS else COMMAND_MODULES
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    with argparse_in(detect(arguments)):
        args = build_parser(arguments).parse_args(arguments)
    lang = cast(Lang, getattr(args, "lang", None) or default_lang())
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
        import logging  # here, not at the top: ``ber validate`` starts faster without them
        import traceback

        from ber.io.logfile import attach, detach

        log = str(attach("ber.cli"))  # the one log file, shared with the desktop app (rotated)
        try:
            logger = logging.getLogger("ber.cli")
            logger.error("internal error\n%s", traceback.format_exc())
        finally:
            detach("ber.cli")
        print(
            translate("cli.internal_error", lang, reason=type(exc).__name__ + ": " + str(exc), log=log),
            file=sys.stderr,
        )
        return EXIT_INTERNAL
