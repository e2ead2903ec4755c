"""The one log file of BER-desk: ``<user data folder>/logs/ber-desk.log``, rotated.

The command line and the desktop app write to the same file (internal errors
with their tracebacks; the desktop app also its background jobs). It is rotated
at :data:`MAX_BYTES` with :data:`BACKUPS` old files (``ber-desk.log.1`` ...), so it
never grows without bound. ``BER_DATA_DIR`` moves the folder (tests do). Passwords
never reach the log: register URLs are masked before they are logged.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FOLDER = "logs"
LOG_NAME = "ber-desk.log"
#: size at which the log is rotated
MAX_BYTES = 1_000_000
#: rotated files kept beside the current one
BACKUPS = 3
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

_handlers: dict[str, tuple[str, logging.Handler]] = {}


def log_path() -> Path:
    """The log file in the current user data folder (the folder is created)."""
    from ber.io.paths import user_data_dir

    folder = user_data_dir() / LOG_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder / LOG_NAME


def attach(logger_name: str, level: int = logging.INFO) -> Path:
    """Send the records of ``logger_name`` to the log file; returns its path.

    Idempotent; when the user data folder changed since (``BER_DATA_DIR``), the
    handler moves to the new file.
    """
    path = log_path()
    logger = logging.getLogger(logger_name)
    current = _handlers.get(logger_name)
    if current is not None and current[0] == str(path):
        return path
    if current is not None:
        logger.removeHandler(current[1])
        current[1].close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    _handlers[logger_name] = (str(path), handler)
    return path


def detach(logger_name: str) -> None:
    """Stop writing the records of ``logger_name`` to the log file (closes it)."""
    current = _handlers.pop(logger_name, None)
    if current is not None:
        logging.getLogger(logger_name).removeHandler(current[1])
        current[1].close()
