"""A stand-in for ``ber.engine.scan.scan`` for the GUI tests of cancelling a scan."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ber.engine.progress import Cancelled


def scan_until_cancelled(
    fraction: float, check: Callable[[Any, dict[str, Any]], None] | None = None
) -> Callable[..., Any]:
    """A scan that reports ``fraction`` done, then waits until it is cancelled and raises
    :class:`Cancelled`; ``check(hosts, options)`` first looks at what it was called with."""

    def slow(case: Any, hosts: Any, ctx: Any, **kw: Any) -> Any:
        if check is not None:
            check(hosts, kw)
        progress = kw["progress"]
        progress.report(fraction, "hosts")
        while not progress.cancelled():
            time.sleep(0.01)
        raise Cancelled

    return slow
