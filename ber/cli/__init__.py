"""The ``ber`` command line: the parser and ``main`` live in :mod:`ber.cli.app`.

This package file imports nothing, so that ``ber --version`` (answered by
:mod:`ber.cli.entry`) loads neither the text catalogue nor any subcommand.
``from ber.cli import main`` still works: names are looked up in ``ber.cli.app`` on
first use.
"""

from __future__ import annotations

import importlib
from typing import Any


def __getattr__(name: str) -> Any:
    if name.startswith("__") or name == "app":
        raise AttributeError(name)
    return getattr(importlib.import_module("ber.cli.app"), name)
