"""The compact store, smaller: per row its own domains and the years to its steady state.

Revision 0004 stored, per case and municipality, the case's domains over all its
years. Most of that repeats: a municipality where the case only houses people has
no transport or energy demand, and after the ramp-up the demand stays the same to
the last year. Revision 0006 stores per row only the domains with demand there
and the years up to the last change (``ber/register/area.py``: :func:`compact`);
a layout now names the domains, the years stored and the case's years, and the
row's layout id is also a column (``case_area.layout``), so PostgreSQL joins each
municipality's rows per layout (one row length) in the server.

Nothing is lost: the years left out are exactly (float32) the last one stored, and
``Register.get`` returns the same rows. Every row is converted in one transaction
(the table is rebuilt, so no dead rows are left behind on PostgreSQL; SQLite is
compacted afterwards); progress goes to ``config.attributes["progress"]``.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sqlalchemy as sa
from alembic import context, op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BATCH = 200  # cases converted per round trip


def _area_table(name: str, with_layout: bool) -> None:
    op.create_table(
        name,
        sa.Column("municipality", sa.String(16), primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("case_status", sa.String(16), nullable=False),
        sa.Column("first_year", sa.Integer, nullable=False),
        *([sa.Column("layout", sa.SmallInteger, nullable=False)] if with_layout else []),
        sa.Column("demand", sa.LargeBinary, nullable=False),
        sqlite_with_rowid=False,
    )


def _set_aside(bind: Any) -> None:
    """``case_area`` becomes ``case_area_old`` (its index names freed) while the new one fills."""
    op.drop_index("ix_case_area_case", table_name="case_area")
    op.rename_table("case_area", "case_area_old")
    if bind.dialect.name == "postgresql":
        op.execute("ALTER INDEX case_area_pkey RENAME TO case_area_old_pkey")


def _convert(
    progress: Callable[[int, int], None] | None,
    convert: Callable[[int, int, bytes], tuple[int, bytes] | None],
    with_layout: bool,
) -> None:
    """Every row of ``case_area_old`` through ``convert`` into ``case_area``, a batch of cases
    at a time; ``convert(case id, first year, old blob)`` returns (layout id, new blob), or
    None for a row without any demand above zero (revision 0004 never wrote one)."""
    bind = op.get_bind()
    ids = [int(i) for (i,) in bind.execute(sa.text("SELECT DISTINCT case_id FROM case_area_old ORDER BY 1"))]
    cols = [
        "municipality",
        "case_id",
        "case_status",
        "first_year",
        *(["layout"] if with_layout else []),
        "demand",
    ]
    target = sa.table("case_area", *(sa.column(c) for c in cols))
    for done in range(0, len(ids), _BATCH):
        batch = ids[done : done + _BATCH]
        rows = bind.execute(
            sa.text(
                "SELECT municipality, case_id, case_status, first_year, demand FROM case_area_old "
                "WHERE case_id >= :lo AND case_id <= :hi ORDER BY case_id, municipality"
            ),
            {"lo": batch[0], "hi": batch[-1]},
        ).all()
        out = []
        for code, case_id, status, first, blob in rows:
            converted = convert(int(case_id), int(first), bytes(blob))
            if converted is None:
                continue
            layout, demand = converted
            row = {"municipality": code, "case_id": case_id, "case_status": status, "first_year": first}
            out.append(row | ({"layout": layout} if with_layout else {}) | {"demand": demand})
        if out:
            bind.execute(target.insert(), out)
        if progress is not None:
            progress(min(done + _BATCH, len(ids)), len(ids))
    op.drop_table("case_area_old")
    op.create_index("ix_case_area_case", "case_area", ["case_id"])


def upgrade() -> None:
    from ber.engine.domains import domain_keys
    from ber.register.area import Layout, compact, encode_area

    bind = op.get_bind()
    old = {
        int(i): Layout(tuple(str(d).split(",")))
        for i, d in bind.execute(sa.text("SELECT id, domains FROM area_layouts"))
    }
    op.drop_table("area_layouts")
    op.create_table(
        "area_layouts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("domains", sa.String(600), nullable=False),
        sa.Column("stored_years", sa.Integer, nullable=False),
        sa.Column("years", sa.Integer, nullable=False),
        sa.UniqueConstraint("domains", "stored_years", "years", name="uq_area_layouts_shape"),
    )
    layouts_t = sa.table("area_layouts", *(sa.column(c) for c in ("id", "domains", "stored_years", "years")))
    known: dict[Layout, int] = {}
    registry = domain_keys()

    def convert(case_id: int, first: int, blob: bytes) -> tuple[int, bytes] | None:
        d = _read(bind, old, case_id, blob)
        # the registry's order (as ``Register.add`` writes), a domain it no longer has after
        order = sorted(range(len(d.domains)), key=lambda i: _rank(registry, d.domains[i]))
        values = d.values[0][order].astype(np.float64)
        keep, body = compact(values)
        if not len(keep):
            return None
        domains = tuple(d.domains[order[int(i)]] for i in keep)
        layout = Layout(domains, int(body.shape[1]), int(values.shape[1]))
        if layout not in known:
            known[layout] = len(known) + 1
            bind.execute(
                layouts_t.insert().values(
                    id=known[layout],
                    domains=",".join(domains),
                    stored_years=layout.stored,
                    years=layout.years,
                )
            )
        return known[layout], encode_area(case_id, first, known[layout], body)

    _set_aside(bind)
    _area_table("case_area", with_layout=True)
    _convert(context.config.attributes.get("progress"), convert, with_layout=True)
    if bind.dialect.name == "postgresql":
        # statistics for the new table at once (the planner needs the few layouts to choose a
        # hash aggregate for the cumulative query; autovacuum would come later)
        op.execute("ANALYZE case_area")


def _read(bind: Any, layouts: dict[int, Any], case_id: int, blob: bytes) -> Any:
    """One stored row decoded, or the migration stopped naming the case and municipality
    (a header that is not the row's case, an unknown layout, a length that does not fit
    it, a value that is not a number of 0 or more)."""
    from ber.register.area import HEADER_SIZE, decode

    reason = ""
    if len(blob) < HEADER_SIZE + 4 or (len(blob) - HEADER_SIZE) % 4:
        reason = f"{len(blob)} bytes"
    else:
        head = np.frombuffer(blob[:HEADER_SIZE], dtype="<i4", count=1)
        layout = int(np.frombuffer(blob[6:8], dtype="<u2")[0])
        n = (len(blob) - HEADER_SIZE) // 4
        if int(head[0]) != case_id:
            reason = f"case id {int(head[0])}"
        elif layout not in layouts or n % len(layouts[layout].domains):
            reason = f"layout {layout}"
        else:
            (d,) = decode([blob], layouts)
            if not (np.isfinite(d.values).all() and (d.values >= 0).all()):
                reason = "not a number of 0 or more"
            else:
                return d
    raise _bad_area(bind, case_id, blob, reason)


def _bad_area(bind: Any, case_id: int, blob: bytes, reason: str) -> Exception:
    from ber.texts.messages import InputError, Problem

    ref, code = bind.execute(
        sa.text(
            "SELECT c.reference, a.municipality FROM case_area_old a JOIN cases c ON c.id = a.case_id "
            "WHERE a.case_id = :i AND a.demand = :b"
        ),
        {"i": case_id, "b": blob},
    ).first() or (str(case_id), "?")
    params = {"reference": str(ref)[:64], "municipality": str(code)[:20], "reason": reason}
    return InputError([Problem("register.migration_bad_area", params=params)])


def _rank(registry: tuple[str, ...], domain: str) -> tuple[int, str]:
    return (registry.index(domain), "") if domain in registry else (len(registry), domain)


def downgrade() -> None:
    """Back to revision 0004's rows: per case one layout of the domains it has demand in,
    every row over all the case's years."""
    from ber.engine.domains import domain_keys
    from ber.register.area import Layout, decode, encode_area

    bind = op.get_bind()
    new = {
        int(i): Layout(tuple(str(d).split(",")), int(s), int(y))
        for i, d, s, y in bind.execute(sa.text("SELECT id, domains, stored_years, years FROM area_layouts"))
    }
    # per case: the domains of all its rows (in the registry's order), as 0004's layout
    per_case: dict[int, set[str]] = {}
    for case_id, layout in bind.execute(sa.text("SELECT case_id, layout FROM case_area")):
        per_case.setdefault(int(case_id), set()).update(new[int(layout)].domains)
    registry = domain_keys()
    case_domains = {i: tuple(sorted(s, key=lambda d: _rank(registry, d))) for i, s in per_case.items()}
    op.drop_table("area_layouts")
    op.create_table(
        "area_layouts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("domains", sa.String(600), nullable=False, unique=True),
    )
    ids: dict[tuple[str, ...], int] = {}
    for domains in sorted(set(case_domains.values())):
        ids[domains] = len(ids) + 1
        bind.execute(
            sa.text("INSERT INTO area_layouts (id, domains) VALUES (:i, :d)"),
            {"i": ids[domains], "d": ",".join(domains)},
        )

    def convert(case_id: int, first: int, blob: bytes) -> tuple[int, bytes] | None:
        (d,) = decode([blob], new)
        domains = case_domains[case_id]
        values = np.zeros((len(domains), d.years), dtype="<f4")
        full = d.full()[0]
        for i, dom in enumerate(d.domains):
            values[domains.index(dom)] = full[i]
        return ids[domains], encode_area(case_id, first, ids[domains], values)

    _set_aside(bind)
    _area_table("case_area", with_layout=False)
    _convert(None, convert, with_layout=False)
