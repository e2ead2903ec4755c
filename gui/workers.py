"""One funnel for background work: ``run_in_pool`` runs a plain engine function on a
worker thread and reports back on the GUI thread.

The work runs in a :class:`concurrent.futures.ThreadPoolExecutor`. Its threads are
ordinary Python threads that live until the application ends, so per-thread state
that libraries keep in ``threading.local`` (pyproj's PROJ context, for one) stays valid
from one job to the next; a second geodata import in the same thread used to crash
when Qt's own pool threads dropped their Python thread state between jobs.

Results, errors and cancellations come back as one Qt signal (``WorkerFunnel.delivered``)
that carries the callback to run; Qt queues it into the GUI thread. Progress goes
through the job's :class:`ProgressHandle` signal the same way.

The function receives a :class:`ProgressHandle` (``report(fraction, message)`` and
``cancelled()``, the ``ber.engine.progress.Progress`` protocol). Errors end in ``on_error``
with a readable text (``InputError`` texts in the user's language); the traceback is
written to ``user_data_dir()/logs/ber-desk.log``, never shown to the user.

Jobs that touch the register are passed with ``serial=True``: they run one at a time,
in submission order, on a single dedicated thread (SQLite and the optimistic version
checks of the register expect one writer at a time).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from ber.engine.progress import Cancelled
from ber.texts.messages import BerError, InputError
from gui.texts import language, tr

log = logging.getLogger("ber_desk")

#: worker threads for ordinary jobs (calculation, reports, imports)
POOL_THREADS = max(2, min(4, os.cpu_count() or 2))


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
    """Progress and cancel handle for one job; thread-safe.

    ``report`` may be called on any thread; ``progressed`` is emitted on the GUI thread
    (through ``send``, the funnel's way back).
    """

    progressed = Signal(float, str)

    def __init__(self, send: Callable[[Callable[[], None]], None] | None = None) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self._send = send

    def report(self, fraction: float, message: str = "") -> None:
        value = float(max(0.0, min(1.0, fraction)))
        if self._send is None:
            self._emit(value, message)
        else:
            self._send(lambda: self._emit(value, message))

    def _emit(self, fraction: float, message: str) -> None:
        with contextlib.suppress(RuntimeError):  # the application is shutting down
            self.progressed.emit(fraction, message)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class WorkerFunnel(QObject):
    """The executors and the way back to the GUI thread; one per application."""

    #: carries a callback (with its arguments bound) from a worker to the GUI thread
    delivered = Signal(object)

    def __init__(self, threads: int = POOL_THREADS) -> None:
        super().__init__()
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="ber-worker")
        self.serial = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ber-register")
        self.running = 0
        self.delivered.connect(self._deliver)

    @Slot(object)
    def _deliver(self, callback: Callable[[], None]) -> None:
        callback()

    def _send(self, callback: Callable[[], None]) -> None:
        with contextlib.suppress(RuntimeError):  # nobody is listening any more (shutdown)
            self.delivered.emit(callback)

    def submit(
        self,
        fn: Callable[[ProgressHandle], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[float, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        serial: bool = False,
    ) -> ProgressHandle:
        handle = ProgressHandle(self._send)
        if on_progress is not None:
            handle.progressed.connect(on_progress)
        self.running += 1

        def finish(callback: Callable[[], None]) -> Callable[[], None]:
            def run_on_gui_thread() -> None:
                self.running -= 1
                callback()

            return run_on_gui_thread

        def work() -> None:
            try:
                result = fn(handle)
            except Cancelled:
                self._send(finish(on_cancelled or (lambda: None)))
            except BaseException as exc:
                if not isinstance(exc, InputError):
                    setup_logging()
                    log.error("background job failed\n%s", "".join(traceback.format_exception(exc)))
                self._send(finish(partial(on_error, exc)))
            else:
                self._send(finish(partial(on_done, result)))

        (self.serial if serial else self.pool).submit(work)
        return handle

    def shutdown(self) -> None:
        """Stop taking work; running jobs end on their own (callers cancel them first)."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.serial.shutdown(wait=False, cancel_futures=True)


_FUNNEL: WorkerFunnel | None = None


def funnel() -> WorkerFunnel:
    """The application's worker funnel (created on first use, on the GUI thread)."""
    global _FUNNEL
    if _FUNNEL is None:
        _FUNNEL = WorkerFunnel()
    return _FUNNEL


def run_in_pool(
    fn: Callable[[ProgressHandle], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[float, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    owner: QObject | None = None,
    serial: bool = False,
) -> ProgressHandle:
    """Run ``fn(handle)`` on a worker thread; callbacks run on the GUI thread.

    With ``owner`` (a window), callbacks are skipped once the owner has been deleted.
    With ``serial`` (register jobs), the job waits for the previous serial job.
    """
    if owner is not None:
        on_done = _guarded(owner, on_done)
        on_error = _guarded(owner, on_error)
        if on_cancelled is not None:
            on_cancelled = _guarded(owner, on_cancelled)
        if on_progress is not None:
            on_progress = _guarded(owner, on_progress)
    return funnel().submit(fn, on_done, on_error, on_progress, on_cancelled, serial=serial)


def _guarded(owner: QObject, fn: Callable[..., None]) -> Callable[..., None]:
    import shiboken6

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            fn(*args)

    return call


def running_jobs() -> int:
    return funnel().running
