"""Entry point of the ``ber`` command (console script and ``python -m ber``).

``ber [--lang L] --version`` is answered here, without building the parser, so none of
the subcommand modules (and so not the engine, numpy or pandas) is imported: it takes
a few hundredths of a second instead of more than half a second. Everything else goes
to :func:`ber.cli.main`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ber import __version__


def asks_version(argv: Sequence[str]) -> bool:
    """``--version`` before any subcommand, after nothing but ``--lang L`` / ``--lang=L``."""
    leading = list(argv)
    while leading and leading[0] == "--lang" and len(leading) > 1:
        leading = leading[2:]
    while leading and leading[0].startswith("--lang="):
        leading = leading[1:]
    return bool(leading) and leading[0] == "--version"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if asks_version(args):
        print(f"ber {__version__}")
        return 0
    from ber.cli import main as cli_main

    return cli_main(args)
