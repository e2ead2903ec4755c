"""Entry point of the ``ber`` command (console script and ``python -m ber``).

``ber [--lang L] --version`` is answered here, without building the parser, so none of
the subcommand modules (and so not the engine, numpy or pandas) is imported: it takes
a few hundredths of a second instead of more than half a second. Everything else goes
to :func:`ber.cli.app.main`.
"""

from __future__ import annotations

import os
import sys
import types
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


#: BLAS thread pools: one thread unless the user set otherwise. The engine's arrays are
#: small (a few thousand numbers per step); extra BLAS threads only spin up and cost CPU
#: at start-up. OPENBLAS_CORETYPE is deliberately left alone.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def limit_blas_threads() -> None:
    """Default the BLAS thread variables to 1 (before numpy is imported); set ones stay."""
    for name in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def skip_pydantic_plugin_search() -> None:
    """Tell pydantic there are no plugins to look for, unless the user set
    ``PYDANTIC_DISABLE_PLUGINS`` otherwise.

    BER-desk uses no pydantic plugins, but pydantic looks for them in the metadata of
    every installed package when the first model is built, importing
    ``importlib.metadata`` (and with it ``email`` and ``socket``) for that: about a
    tenth of ``ber validate``'s CPU time. With the documented switch
    ``PYDANTIC_DISABLE_PLUGINS=1`` pydantic finds no plugins; its plugin loader module is
    then replaced by one that returns none without that import.
    """
    value = os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    if value not in ("1", "true", "__all__") or "pydantic.plugin._loader" in sys.modules:
        return
    loader = types.ModuleType("pydantic.plugin._loader")
    setattr(loader, "get_plugins", lambda: ())  # noqa: B010 - a module built here
    sys.modules["pydantic.plugin._loader"] = loader


def main(argv: Sequence[str] | None = None) -> int:
    limit_blas_threads()
    args = list(sys.argv[1:] if argv is None else argv)
    if asks_version(args):
        print(f"ber {__version__}")
        return 0
    skip_pydantic_plugin_search()
    from ber.cli.app import main as cli_main

    return cli_main(args)
