"""The traffic-light statuses by name, and the one severity order of the regional verdict.

The calculation stores statuses as small integers (``Status``) in its arrays; the
result, the report and the GUI use the status words (``Status.word``).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class Status(IntEnum):
    """A pressure's status; the value is the code stored in the calculation's arrays."""

    GREEN = 0
    AMBER = 1
    RED = 2
    GREY = 3  # capacity unknown: no verdict

    @property
    def word(self) -> str:
        """The status word of the result file: ``green``, ``amber``, ``red``, ``grey``."""
        return self.name.lower()

    @classmethod
    def of(cls, word: str) -> Status:
        return cls[word.upper()]


#: status words indexed by code (``STATUS_CODES[Status.RED] == "red"``)
STATUS_CODES: tuple[str, ...] = tuple(s.word for s in Status)

#: how bad each status is for the regional verdict: red worst, then amber, then unknown, then green
SEVERITY_OF: dict[Status, int] = {Status.GREEN: 0, Status.GREY: 1, Status.AMBER: 2, Status.RED: 3}

#: the same as an array indexed by status code (for the vectorised verdict)
SEVERITY = np.array([SEVERITY_OF[s] for s in Status])


def severity(word: str) -> int:
    """Severity of a status word (``severity("red") == 3``)."""
    return SEVERITY_OF[Status.of(word)]
