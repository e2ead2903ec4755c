"""Municipalities the calculation adds to the region, and why (told to the user).

The region always includes the municipalities of the employer beds
(``ber.engine.assess.region_codes``): the workers in those beds live there and use
that municipality's doctor, schools and roads, so their demand belongs there. When
such a municipality lies outside the region the user chose (not in the listed
region, or beyond the cut-off distance), this is easy to miss, e.g. a case copied
from the demo with its site moved to Tilburg keeps the employer beds in Venlo,
75 km away. The note names the municipality, the beds and the distance, and asks
whether the beds' municipality is right; it warns, it does not refuse.
"""

from __future__ import annotations

from ber.case.model import Case
from ber.engine.result import Assessment
from ber.texts.catalogue import num
from ber.texts.messages import Problem


def employer_beds_added(case: Case, result: Assessment) -> list[Problem]:
    """One ``region.employer_beds_added`` note per municipality of employer beds outside the
    chosen region (the host municipality belongs to every region and is never named)."""
    listed = case.region.municipalities
    blocks = case.workforce.employer_beds
    notes: list[Problem] = []
    seen: set[str] = set()
    for i, block in enumerate(blocks):
        code = block.municipality
        if code in seen or code == result.site.host_municipality:
            continue
        seen.add(code)
        found = [m for m in result.municipalities if m.code == code]
        if not found:
            continue
        m = found[0]
        outside = code not in listed if listed else m.distance_km > result.region.cutoff_km
        if not outside:
            continue
        beds = sum(b.beds for b in blocks if b.municipality == code)
        params = {
            "name": m.name,
            "gm": code,
            "n": int(beds) if float(beds).is_integer() else beds,
            "km": num(round(m.distance_km)),
            "host": result.site.host_name,
        }
        notes.append(
            Problem("region.employer_beds_added", f"workforce.employer_beds[{i}].municipality", params)
        )
    return notes
