"""The calculation behind the window: debounced recalculation after every valid change,
the Monte Carlo run with progress and cancel, and the guard against stale results.

:class:`CalculationController` is owned by the main window. Every calculation carries
the ``generation`` it was started in; a result that comes back after the input
changed again (a newer generation) is dropped, so the window never shows numbers of
an older input.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal

from ber.engine.result import Assessment
from ber.texts.messages import InputError
from gui.controller import WindowController, WindowParts
from gui.texts import language
from gui.workers import ProgressHandle, run_in_pool

DEBOUNCE_MS = 400


class CalculationController(WindowController):
    """Runs ``ber.engine.assess.assess`` in the worker funnel and hands back fresh results."""

    #: a fresh result (of the current input) arrived
    resultReady = Signal(object)
    #: the engine refused the input (texts in the user's language)
    inputRefused = Signal(str)
    #: a Monte Carlo run started (True) or ended (False)
    monteCarloBusy = Signal(bool)
    #: the Monte Carlo run was cancelled
    monteCarloCancelled = Signal()
    #: progress of the Monte Carlo run (fraction, message)
    progressed = Signal(float, str)

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts)
        self.generation = 0
        self.mc_job: ProgressHandle | None = None
        self.last_seconds: float | None = None
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(lambda: self.compute())

    def input_changed(self, valid: bool) -> None:
        """The case changed: recalculate soon when valid; otherwise any running result is stale."""
        if self.mc_job is not None:
            self.mc_job.cancel()  # its result would describe the old input
        if valid:
            self.debounce.start()
        else:
            self.generation += 1
            self.debounce.stop()

    def compute(self, samples: int = 0) -> ProgressHandle | None:
        if self.analysis.problems:
            return None
        self.generation += 1
        generation = self.generation
        case, ctx = self.state.case, self.analysis.ctx
        started = time.perf_counter()

        def job(handle: ProgressHandle) -> Assessment:
            from ber.engine.assess import assess

            return assess(case, ctx, samples=samples, seed=1, progress=handle if samples else None)

        def end_monte_carlo() -> None:
            if samples:
                self.mc_job = None
                self.monteCarloBusy.emit(False)

        def done(result: Assessment) -> None:
            end_monte_carlo()
            if generation != self.generation:
                return  # stale: the input changed meanwhile
            self.last_seconds = time.perf_counter() - started
            self.analysis.result = result
            self.resultReady.emit(result)

        def failed(exc: BaseException) -> None:
            end_monte_carlo()
            if generation != self.generation:
                return
            if isinstance(exc, InputError):
                self.inputRefused.emit("; ".join(exc.texts(language())))
                return
            self.job_failed(exc)

        def cancelled() -> None:
            end_monte_carlo()
            self.monteCarloCancelled.emit()

        progress = self.progressed.emit if samples else None
        return run_in_pool(job, done, failed, progress, cancelled, owner=self.window)

    def run_monte_carlo(self, draws: int) -> ProgressHandle | None:
        if self.analysis.problems or self.mc_job is not None:
            return None
        self.monteCarloBusy.emit(True)
        self.mc_job = self.compute(samples=draws)
        return self.mc_job

    def cancel_monte_carlo(self) -> None:
        if self.mc_job is not None:
            self.mc_job.cancel()
