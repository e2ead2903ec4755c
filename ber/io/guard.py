"""The reading boundary: any failure of a third-party reader on a user's file is a named problem.

Parsers of geodata (GDAL through pyogrio), spreadsheets (openpyxl, zlib) and PDFs
(pypdf) raise a wide variety of exceptions on damaged or hostile files. Inside
:func:`reading`, every exception that is not already one of ours becomes an
:class:`~ber.texts.messages.InputError` with the given message code, naming the file
and the reason (exit 2 on the command line, a message in the GUI), never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ber.texts.messages import BerError, InputError, Problem

log = logging.getLogger(__name__)

#: longest reason shown in a message (library messages can be pages long)
MAX_REASON_CHARS = 200


def reason_of(exc: BaseException) -> str:
    """A one-line reason: the exception type and the first line of its message."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return reason if len(reason) <= MAX_REASON_CHARS else reason[: MAX_REASON_CHARS - 3] + "..."


@contextmanager
def reading(code: str, path: Path | str) -> Iterator[None]:
    """Turn any unexpected exception while reading ``path`` into a named problem ``code``.

    ``code`` must take the parameters ``path`` and ``reason``. Our own errors
    (InputError, Cancelled) pass unchanged; so do KeyboardInterrupt and MemoryError.
    """
    try:
        yield
    except (BerError, MemoryError):
        raise
    except Exception as exc:
        log.debug("reading %s failed", path, exc_info=True)
        raise InputError([Problem(code, params={"path": str(path), "reason": reason_of(exc)})]) from exc
