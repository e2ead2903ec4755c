"""The calculation behind the window: recalculation right after every valid change,
the Monte Carlo run with progress and cancel, and the guard against stale results.

Fields commit explicitly (Enter, focus out, a step of a spin box), so there is no
fixed delay: a committed change is calculated at once (a 0 ms timer, so that several
changes of one event-loop turn, e.g. a whole case replaced, give one calculation).
Bursts (a spin box's arrow held down) are coalesced by the calculation itself: while
one runs, further changes only mark it stale, and when it ends one calculation of
the newest input starts. A result is on screen within about 20 ms of a commit
(``bench/bench_edit.py``).

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
        #: a central calculation is running in the pool
        self.running = False
        #: the input changed since the running calculation started: calculate again after it
        self.wanted = False
        self.kick = QTimer(self)
        self.kick.setSingleShot(True)
        self.kick.setInterval(0)
        self.kick.timeout.connect(self._kicked)

    def input_changed(self, valid: bool) -> None:
        """The case changed: any running result is stale; recalculate now when valid."""
        if self.mc_job is not None:
            self.mc_job.cancel()  # its result would describe the old input
        self.generation += 1
        self.wanted = valid
        if valid and not self.running:
            self.kick.start()
        elif not valid:
            self.kick.stop()

    def _kicked(self) -> None:
        if self.wanted and not self.running:
            self.compute()

    def _central_ended(self) -> None:
        self.running = False
        if self.wanted:
            self.kick.start()  # the input changed meanwhile: one calculation of the newest

    def compute(self, samples: int = 0) -> ProgressHandle | None:
        if self.analysis.problems:
            return None
        self.generation += 1
        generation = self.generation
        if not samples:
            self.wanted = False
            self.running = True
        case, ctx = self.state.case, self.analysis.ctx
        started = time.perf_counter()

        def job(handle: ProgressHandle) -> Assessment:
            from ber.engine.assess import assess

            return assess(case, ctx, samples=samples, seed=1, progress=handle if samples else None)

        def end_monte_carlo() -> None:
            if samples:
                self.mc_job = None
                self.monteCarloBusy.emit(False)
            else:
                self._central_ended()

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
