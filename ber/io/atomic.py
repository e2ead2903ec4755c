"""Safe output files: atomic replacement, no surprises at the output path.

Every file BER-desk writes goes through :func:`atomic_write_bytes`: the data go to a
temporary file ``.NAME.XXXXXXXX.tmp`` in the same folder (locked while it is being
written), are flushed to disk, and the temporary file is renamed over ``NAME``. The
writer

* refuses an existing output that is not a regular file (a symbolic link, a FIFO, a
  device node, a folder): replacing ``/dev/full`` or the link ``/dev/stdout`` with a
  JSON file is never what the user meant; ``-`` means standard output
  (:func:`write_output`);
* turns every failure to write (folder missing and not creatable, no permission,
  disk full) into an :class:`~ber.texts.messages.InputError` naming the path;
* removes its temporary file on every error path, and on the next write to a folder
  removes the temporaries of that naming that a killed process left behind (a
  temporary is stale when no process holds its lock).

:func:`check_outputs` checks output paths before any work is done: an output may not
be one of the input files, and two outputs may not be the same file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from ber.texts.messages import InputError, Problem

try:  # POSIX: a temporary is live while its writer holds an flock on it
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

STDOUT = "-"
#: on systems without flock, a temporary older than this is stale
STALE_AFTER_SECONDS = 3600.0
#: ``.NAME.`` + the 8 random characters of :func:`tempfile.mkstemp` + ``.tmp``
_TEMP_RE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


class OutputError(InputError, OSError):
    """An output cannot be written where the user asked: a named problem (exit 2).

    Also an OSError, so callers that handle failed writes as OSError keep doing so.
    """


def _problem(code: str, path: Path | str, **params: object) -> OutputError:
    return OutputError([Problem(code, params={"path": str(path), **params})])


def _kind(mode: int) -> dict[str, str]:
    if stat.S_ISLNK(mode):
        return {"nl": "een symbolische koppeling", "en": "a symbolic link"}
    if stat.S_ISDIR(mode):
        return {"nl": "een map", "en": "a folder"}
    if stat.S_ISFIFO(mode):
        return {"nl": "een pijp (FIFO)", "en": "a pipe (FIFO)"}
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return {"nl": "een apparaat", "en": "a device"}
    return {"nl": "geen gewoon bestand", "en": "not a regular file"}


def check_output_path(path: Path | str) -> None:
    """Raise InputError unless ``path`` is ``-``, absent, or an existing regular file."""
    if str(path) == STDOUT:
        return
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _problem("output.unwritable", path, reason=exc.strerror or type(exc).__name__) from None
    if not stat.S_ISREG(info.st_mode):
        raise _problem("output.not_regular", path, kind=_kind(info.st_mode))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def check_outputs(outputs: dict[str, str | None], inputs: Iterable[str | Path] = ()) -> None:
    """Check the output paths of one command before it does any work.

    ``outputs`` maps an option name (``--out``) to its path (None when not given).
    Every problem is reported at once.
    """
    problems: list[Problem] = []
    given = [(opt, p) for opt, p in outputs.items() if p]
    for opt, p in given:
        if p == STDOUT:
            continue
        try:
            check_output_path(p)
        except InputError as err:
            problems += [Problem(x.code, opt, x.params) for x in err.problems]
            continue
        for src in inputs:
            if _same_file(Path(p), Path(src)):
                problems.append(Problem("output.is_input", opt, {"path": str(p)}))
    for i, (opt, p) in enumerate(given):
        for opt2, p2 in given[i + 1 :]:
            if p == p2 == STDOUT or (STDOUT not in (p, p2) and _same_file(Path(p), Path(p2))):
                problems.append(Problem("output.twice", opt2, {"path": str(p2), "other": opt}))
    if problems:
        raise OutputError(problems)


def ensure_output_folder(folder: Path | str) -> Path:
    """Create an output folder (with parents); OutputError when it is a file or cannot be made."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _problem("output.not_regular", folder, kind={"nl": "een bestand", "en": "a file"}) from None
    except OSError as exc:
        raise _problem("output.unwritable", folder, reason=exc.strerror or type(exc).__name__) from None
    return folder


def _lock(fh: IO[bytes]) -> None:
    if fcntl is not None:  # blocking: a cleaner holds a lock only for a moment
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)


def remove_stale_temporaries(folder: Path) -> int:
    """Remove ``.NAME.XXXXXXXX.tmp`` files no live writer holds; returns how many."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not _TEMP_RE.match(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if fcntl is None:
                if time.time() - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER_SECONDS:
                    continue
                os.unlink(entry.path)
            else:
                fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # a live writer holds it
                finally:
                    os.close(fd)
                os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    return removed


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        dir_fd = os.open(folder, os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write a file atomically: temporary file in the same folder, fsync, rename.

    Raises InputError (naming the path) when the path is not a regular file or
    cannot be written; the temporary file never outlives an error.
    """
    path = Path(path)
    check_output_path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _problem("output.unwritable", path, reason=exc.strerror or type(exc).__name__) from None
    remove_stale_temporaries(folder)
    for attempt in range(3):
        try:
            _write_once(path, folder, data)
            break
        except FileNotFoundError:
            # our temporary vanished (removed as stale between creation and lock): once more
            if attempt == 2 or not folder.is_dir():
                raise _problem("output.unwritable", path, reason="No such file or directory") from None
        except OSError as exc:
            raise _problem("output.unwritable", path, reason=exc.strerror or type(exc).__name__) from None
    _fsync_folder(folder)


def _write_once(path: Path, folder: Path, data: bytes) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            _lock(fh)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            check_output_path(path)  # the path may have changed while we wrote
            os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def write_output(path: Path | str, data: bytes) -> None:
    """Write an output the user named: ``-`` is standard output, anything else atomic."""
    if str(path) == STDOUT:
        out = sys.stdout.buffer
        out.write(data)
        out.flush()
        return
    atomic_write_bytes(path, data)
