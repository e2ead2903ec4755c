"""Reading and writing the compact store (``case_area``, ``area_layouts``, ``case_results``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from ber.engine.domains import domain_keys
from ber.engine.result import Assessment
from ber.register.area import Layout, area_rows, demand_rows_from_store, own_document, result_demand
from ber.register.records import DemandRow
from ber.register.schema import area_layouts, case_area, case_results


def layouts(conn: Connection) -> dict[int, Layout]:
    """Every layout id with its domains, stored years and years."""
    c = area_layouts.c
    return {
        int(i): Layout(tuple(d.split(",")), int(s), int(y))
        for i, d, s, y in conn.execute(select(c.id, c.domains, c.stored_years, c.years))
    }


def layout_id(conn: Connection, layout: Layout) -> int:
    """The id of this layout, added when new."""
    c = area_layouts.c
    joined = ",".join(layout.domains)
    found = conn.execute(
        select(c.id).where(c.domains == joined, c.stored_years == layout.stored, c.years == layout.years)
    ).scalar()
    if found is not None:
        return int(found)
    new = int(conn.execute(select(func.coalesce(func.max(c.id), 0))).scalar_one()) + 1
    if new > 65535:  # the header holds the id in two bytes; tens of layouts are usual
        raise OverflowError("area layouts")
    conn.execute(
        area_layouts.insert().values(id=new, domains=joined, stored_years=layout.stored, years=layout.years)
    )
    return new


def write(conn: Connection, case_id: int, status: str, result: Assessment) -> int:
    """Store the case's area rows and own-run document; returns the number of area rows."""
    every = domain_keys()
    demand = result_demand(result, every)
    # a domain without any demand in this case is not in its own-run document (as the
    # conversion of an older register, which only knows the domains it has rows of)
    used = [i for i, _d in enumerate(every) if any(float(a[i].max(initial=0.0)) > 0 for a in demand.values())]
    domains = tuple(every[i] for i in used)
    first = int(result.years[0])
    known: dict[Layout, int] = {}

    def layout_of(layout: Layout) -> int:
        if layout not in known:
            known[layout] = layout_id(conn, layout)
        return known[layout]

    rows = area_rows(case_id, first, every, demand, layout_of)
    if rows:
        conn.execute(
            case_area.insert(),
            [
                {
                    "municipality": r.municipality,
                    "case_id": case_id,
                    "case_status": status,
                    "first_year": r.first_year,
                    "layout": r.layout,
                    "demand": r.demand,
                }
                for r in rows
            ],
        )
    own = own_document(result, domains, {r.municipality for r in rows})
    conn.execute(case_results.insert().values(case_id=case_id, result_z=own))
    return len(rows)


def delete(conn: Connection, case_id: int) -> None:
    conn.execute(case_area.delete().where(case_area.c.case_id == case_id))
    conn.execute(case_results.delete().where(case_results.c.case_id == case_id))


def read_rows(conn: Connection, case_id: int, last_year: int) -> list[DemandRow]:
    """The case's demand rows (as :class:`DemandRow`, sorted by domain, municipality, year)."""
    area: dict[str, Any] = dict(
        conn.execute(
            select(case_area.c.municipality, case_area.c.demand).where(case_area.c.case_id == case_id)
        ).all()
    )
    own = conn.execute(select(case_results.c.result_z).where(case_results.c.case_id == case_id)).scalar()
    return demand_rows_from_store(own, area, layouts(conn), last_year)
