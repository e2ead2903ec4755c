"""The command line's language: ``--lang`` anywhere on the line, help and argparse errors in nl/en.

The language is read from the arguments *before* the parser is built
(:func:`detect`), because the help texts are fixed when the parser is made: every
subcommand module writes its help as ``h("Nederlands", "English")``. argparse's
own texts ("usage:", "the following arguments are required: ...") are translated
by :func:`argparse_in`, which swaps argparse's gettext functions while the parser
is built and used (argparse calls them at that time only).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ber.texts.messages import Lang

_current: list[Lang] = ["nl"]


def default_lang() -> Lang:
    """``BER_LANG`` (en..., else nl)."""
    value = os.environ.get("BER_LANG", "nl")
    return "en" if value.startswith("en") else "nl"


def detect(argv: Sequence[str]) -> Lang:
    """The language asked for by ``--lang nl|en`` / ``--lang=..`` anywhere before ``--``;
    else ``BER_LANG``; else Dutch. The last valid occurrence wins (as argparse's)."""
    found: Lang | None = None
    items = list(argv)
    for i, arg in enumerate(items):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(items):
            value = items[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in ("nl", "en"):
            found = "nl" if value == "nl" else "en"
    return found or default_lang()


def current() -> Lang:
    return _current[0]


def h(nl: str, en: str) -> str:
    """A help text in the language of the command line being built."""
    return nl if _current[0] == "nl" else en


#: argparse's own messages in Dutch (Python 3.11-3.13 wording; unknown ones stay English)
ARGPARSE_NL: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulptekst en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "verwacht één waarde",
    "expected at least one argument": "verwacht ten minste één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde %(value)r (verwacht: %(type)s)",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan zijn: %(matches)s",
    "not allowed with argument %s": "niet toegestaan samen met argument %s",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
    "ignored explicit argument %r": "waarde %r genegeerd",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "unexpected option string: %s": "onverwachte optie: %s",
}
_ARGPARSE_NL_PLURAL: dict[str, tuple[str, str]] = {
    "expected %s argument": ("verwacht %s waarde", "verwacht %s waarden"),
}
#: argparse's type names in "invalid %(type)s value", in Dutch
TYPE_NL: dict[str, str] = {"int": "een geheel getal", "float": "een getal"}


@contextmanager
def argparse_in(lang: Lang) -> Iterator[None]:
    """Build and use argparse parsers in ``lang`` (help texts via :func:`h`, argparse's own texts)."""
    saved_lang = _current[0]
    saved = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]
    _current[0] = lang
    if lang == "nl":

        def gettext(message: str) -> str:
            return ARGPARSE_NL.get(message, message)

        def ngettext(singular: str, plural: str, n: int) -> str:
            if singular in _ARGPARSE_NL_PLURAL:
                one, many = _ARGPARSE_NL_PLURAL[singular]
                return one if n == 1 else many
            return singular if n == 1 else plural

        argparse._ = gettext  # type: ignore[attr-defined]
        argparse.ngettext = ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        _current[0] = saved_lang
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
