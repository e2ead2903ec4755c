"""The case register and cumulative effects (Qt-free; ``docs/register.md``).

Typical use::

    from ber.register import Register, cumulative

    with Register.open() as reg:                 # SQLite in the user data folder
        reg.add(case, result, status="in_procedure", officer="M. de Vries")
        rows = reg.list(municipality="GM0983", status="granted")
        cum = cumulative(result, case, reg)      # this case on top of the others
        cum = cumulative_with_cases(result, case, reg)  # the same, with the counted
                                                 # cases a report embeds (register-cases.json)

PostgreSQL: ``Register.open("postgresql+psycopg://user:pw@host/db")`` or the
environment variable ``BER_REGISTER_URL``.
"""

from __future__ import annotations

from ber.engine.cumulative import Contributor, Cumulative, CumulativeSeries
from ber.register.cumulative import cumulative
from ber.register.db import ENV_URL, mask_url
from ber.register.records import DemandRow, HistoryEntry, RegisteredCase, Summary, check_status
from ber.register.replay import cumulative_with_cases
from ber.register.rows import ConflictError
from ber.register.schema import CASE_STATUSES, COUNTED_STATUSES
from ber.register.store import Register
from ber.texts.labels import CASE_STATUS_LABELS

__all__ = [
    "CASE_STATUSES",
    "CASE_STATUS_LABELS",
    "COUNTED_STATUSES",
    "ENV_URL",
    "ConflictError",
    "Contributor",
    "Cumulative",
    "CumulativeSeries",
    "DemandRow",
    "HistoryEntry",
    "Register",
    "RegisteredCase",
    "Summary",
    "check_status",
    "cumulative",
    "cumulative_with_cases",
    "mask_url",
]
