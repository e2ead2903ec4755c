"""The one rounding policy of every output (CLI, report, GUI, Excel).

- Numbers are computed and stored unrounded (the result JSON keeps every digit);
  totals are sums of unrounded values, rounded only for display.
- A regional total is shown with the same number of decimals everywhere: its metric's
  ``Metric.decimals`` (:mod:`ber.engine.metrics`); whole numbers for persons, beds,
  dwellings, pupils and vehicles, two decimals for GP FTE, one for classes. A domain's
  regional demand is shown like the metric it is (``Domain.demand``).
- A municipality's share of a regional figure (its demand in a domain) is a fraction
  of the total; it is shown with :data:`SHARE` decimals: one below 10 when it is not
  whole, else none (so 0.4 beds does not show as 0).
- A site domain (space, energy: ``Domain.at_site``) has one row, the host municipality's,
  and it is the whole figure, not a share: its row and its capacity are shown with the
  total's decimals (:func:`row_rule`, :func:`capacity_rule`), so the row reads "4,32 MW"
  like the total and the capacity "12,5 MW" (not "13 MW"). Municipal domains show their
  capacity whole (beds, places, FTE as offered).
- Where a table shows rounded rows under a total, :func:`rows_add_up` says whether a
  reader who adds the shown rows gets the shown total; when not, the output says so.
  The Excel export keeps every digit in the cells and only formats them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ber.engine.domains import domain
from ber.engine.metrics import is_metric, metric

#: the rule of a municipality's share of a regional figure (see the module docstring)
SHARE = None


def decimals(key: str) -> int:
    """Decimals of a metric, or of a domain's regional demand (by domain key)."""
    if is_metric(key):
        return metric(key).decimals
    return metric(domain(key).demand).decimals


def row_rule(key: str) -> int | None:
    """The rule of a municipality's row in a domain's table: :data:`SHARE`, but for a site
    domain the total's decimals (its one row is the whole figure)."""
    return decimals(key) if domain(key).at_site else SHARE


def capacity_rule(key: str) -> int:
    """Decimals of a domain's capacity beside its demand: whole for a municipal domain, the
    demand's decimals for a site domain (hectares, MW from the capacity map)."""
    return decimals(key) if domain(key).at_site else 0


def places(value: float | None, rule: int | None) -> int:
    """Decimals for one value: ``rule`` itself, or for :data:`SHARE` one below 10 when not whole."""
    if rule is not None:
        return rule
    return 1 if value is not None and abs(value) < 10 and value != round(value) else 0


def shown(value: float, rule: int | None) -> float:
    """The value as it is displayed (the same rounding as the text)."""
    return float(f"{value:.{places(value, rule)}f}")


def rows_add_up(
    rows: Iterable[float | None], total: float | None, total_rule: int | None, row_rule: int | None = SHARE
) -> bool:
    """Whether the rows as shown add up to the total as shown (unknown or infinite: True)."""
    values = [r for r in rows if r is not None]
    if total is None or not math.isfinite(total) or not all(math.isfinite(v) for v in values):
        return True
    return math.isclose(sum(shown(v, row_rule) for v in values), shown(total, total_rule), abs_tol=1e-6)


def number_format(places: int) -> str:
    """The Excel number format with thousands separators and ``places`` decimals."""
    return "#,##0" + ("." + "0" * places if places else "")
