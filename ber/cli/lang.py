"""The command line's language: ``--lang`` anywhere on the line, help and argparse errors in nl/en.

The language is read from the arguments *before* the parser is built
(:func:`detect`), because the help texts are fixed when the parser is made: every
subcommand module writes its help as ``h("<key>")``, the catalogue text
``cli.help.<key>`` (``templates/texts/*.json``). argparse's own texts ("usage:",
"the following arguments are required: ...") come from the catalogue too
(``cli.help.usage``, ``cli.argparse.*``; see ``ber.cli.app._Parser``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ber.texts.catalogue import text
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


def h(key: str) -> str:
    """The --help text ``cli.help.<key>`` of the catalogue, in the language of the command line being built."""
    return text(f"cli.help.{key}", _current[0])


@contextmanager
def argparse_in(lang: Lang) -> Iterator[None]:
    """Build and use argparse parsers in ``lang``: help texts via :func:`h`; argparse's own
    texts (usage, section titles, error messages) come from the catalogue in ``ber.cli``."""
    saved_lang = _current[0]
    _current[0] = lang
    try:
        yield
    finally:
        _current[0] = saved_lang
