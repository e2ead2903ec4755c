"""One funnel for background work: ``run_in_pool`` runs a plain engine function in a
``QThreadPool`` worker and reports back through Qt signals on the GUI thread.

The function receives a :class:`ProgressHandle` (``report(fraction, message)`` and
``cancelled()``, the ``ber.engine.progress.Progress`` protocol). Errors end in ``on_error``
with a readable text (``InputError`` texts in the user's language); the traceback is
written to ``user_data_dir()/logs/ber-desk.log``, never shown to the user.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ber.engine.progress import Cancelled
from ber.texts.messages import BerError, InputError
from gui.texts import language, tr

log = logging.getLogger("ber_desk")


def setup_logging() -> str:
    """Send log records (with tracebacks) to the user's log file; returns its path.

    The same rotated file as the command line's (``ber.io.logfile``).
    """
    from ber.io.logfile import attach

    return str(attach(log.name))


def error_text(exc: BaseException) -> str:
    """A readable message for the user: engine problems translated, others summarised."""
    if isinstance(exc, InputError):
        return "\n".join(exc.texts(language()))
    if isinstance(exc, BerError):
        return str(exc)
    if isinstance(exc, OSError):
        return tr("error.os", reason=exc.strerror or str(exc), path=exc.filename or "")
    return tr("error.unexpected", kind=type(exc).__name__, log=setup_logging())


class ProgressHandle(QObject):
    """Progress and cancel handle for one job; thread-safe, emits ``progressed``."""

    progressed = Signal(float, str)

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()

    def report(self, fraction: float, message: str = "") -> None:
        self.progressed.emit(float(max(0.0, min(1.0, fraction))), message)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


_THREAD = threading.local()


def _pin_thread_state() -> None:
    """Keep this pool thread's Python thread state for the thread's lifetime.

    PySide creates a Python thread state for every ``QRunnable.run`` call on a
    thread-pool thread and destroys it afterwards, which drops the thread's
    ``threading.local`` data. pyproj keeps its per-thread PROJ context there, so CRS
    objects made in one job (e.g. a geodata import) would point to a freed context
    in a later job: a second geodata import crashed. One extra ``PyGILState_Ensure``
    per thread (never released) keeps the state alive; the marker below lives in
    that state, so a new thread (even with a reused id) is pinned again. The pool's
    threads do not expire (``run_in_pool``), so no pinned state is left behind.
    """
    if not getattr(_THREAD, "pinned", False):
        ctypes.pythonapi.PyGILState_Ensure()
        _THREAD.pinned = True


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    was_cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[ProgressHandle], Any], handle: ProgressHandle) -> None:
        super().__init__()
        self.fn = fn
        self.handle = handle
        self.signals = _Signals()

    def run(self) -> None:
        _pin_thread_state()
        try:
            result = self.fn(self.handle)
        except Cancelled:
            self._emit(self.signals.was_cancelled)
        except BaseException as exc:
            if not isinstance(exc, InputError):
                setup_logging()
                log.error("background job failed\n%s", "".join(traceback.format_exception(exc)))
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.done, result)

    @staticmethod
    def _emit(signal: Any, *args: Any) -> None:
        # RuntimeError: the application is shutting down and nobody is listening any more
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)


#: jobs still running (a QRunnable's signals must outlive the worker thread)
_RUNNING: set[_Job] = set()


def run_in_pool(
    fn: Callable[[ProgressHandle], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[float, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    owner: QObject | None = None,
) -> ProgressHandle:
    """Run ``fn(handle)`` in the global thread pool; callbacks run on the GUI thread.

    With ``owner`` (a window), callbacks are skipped once the owner has been deleted.
    """
    handle = ProgressHandle()
    if owner is not None:
        on_done = _guarded(owner, on_done)
        on_error = _guarded(owner, on_error)
        if on_cancelled is not None:
            on_cancelled = _guarded(owner, on_cancelled)
        if on_progress is not None:
            on_progress = _guarded(owner, on_progress)
    job = _Job(fn, handle)
    job.setAutoDelete(False)
    _RUNNING.add(job)

    def finish() -> None:
        _RUNNING.discard(job)

    job.signals.done.connect(on_done)
    job.signals.failed.connect(on_error)
    job.signals.done.connect(finish)
    job.signals.failed.connect(finish)
    job.signals.was_cancelled.connect(finish)
    if on_cancelled is not None:
        job.signals.was_cancelled.connect(on_cancelled)
    if on_progress is not None:
        handle.progressed.connect(on_progress)
    pool = QThreadPool.globalInstance()
    pool.setExpiryTimeout(-1)  # keep the (pinned) threads: see _pin_thread_state
    pool.start(job)
    return handle


def _guarded(owner: QObject, fn: Callable[..., None]) -> Callable[..., None]:
    import shiboken6

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            fn(*args)

    return call


def running_jobs() -> int:
    return len(_RUNNING)
