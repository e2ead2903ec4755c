"""The employer intake: which case fields it fills, and their provenance mark.

The intake (the VNG conversation guide *Op weg naar een effectrapportage*, the employer
conversation) asks the employer for the expected jobs, the ramp-up, the share of labour
migrants and their categories, housing and transport arrangements, the agency and its
admission under the Wtta, the seasonal pattern and the recruitment area. Its answers
go into the ordinary case fields; ``meta.declared_by_employer`` lists the field paths
whose value the employer declared, so that the application and the report can say
"opgegeven door de werkgever" next to them.

:data:`INTAKE_FIELDS` maps each field path the intake may fill to the catalogue key of
its short name (``label.declared.<name>``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ber.texts.messages import Problem

if TYPE_CHECKING:
    from ber.case.model import Case

#: field path -> catalogue key of its short name, in the order of the intake
INTAKE_FIELDS: dict[str, str] = {
    "business.name": "label.declared.business_name",
    "business.sector": "label.declared.sector",
    "business.jobs": "label.declared.jobs",
    "business.floor_area_m2": "label.declared.floor_area",
    "business.start_year": "label.declared.start_year",
    "business.ramp_up": "label.declared.ramp_up",
    "business.shifts_per_day": "label.declared.shifts",
    "workforce.migrant_share": "label.declared.migrant_share",
    "workforce.category_shares": "label.declared.category_shares",
    "workforce.cross_border_share": "label.declared.cross_border",
    "mitigations.local_recruitment_share": "label.declared.local_recruitment",
    "workforce.employer_beds": "label.declared.employer_beds",
    "mitigations.shuttle_share": "label.declared.shuttle",
    "sites": "label.declared.site",
    "qualitative.employer_facilities.evidence": "label.declared.facilities",
    "qualitative.exploitation_agency.evidence": "label.declared.agency",
    "meta.notes": "label.declared.seasonal",
}
#: evidence of any theme may be declared (a municipality's own themes too)
_EVIDENCE = re.compile(r"qualitative\.[a-z][a-z0-9_]{0,39}\.evidence")


def is_declarable(path: str) -> bool:
    return path in INTAKE_FIELDS or bool(_EVIDENCE.fullmatch(path))


def declared_label_key(path: str) -> str:
    """The catalogue key of the short name of a declared field."""
    return INTAKE_FIELDS.get(path, "label.declared.evidence")


def is_declared(case: Case, path: str) -> bool:
    """Whether ``path`` (or the whole list/section it is part of) was declared by the employer."""
    for declared in case.meta.declared_by_employer:
        if path == declared or path.startswith(declared + ".") or path.startswith(declared + "["):
            return True
    return False


def declared_problems(case: Case) -> list[Problem]:
    """An entry of ``meta.declared_by_employer`` that is no field the intake fills."""
    problems = []
    for i, path in enumerate(case.meta.declared_by_employer):
        if not is_declarable(path):
            problems.append(
                Problem(
                    "field.choice",
                    f"meta.declared_by_employer[{i}]",
                    {"value": repr(path)[:60], "choices": ", ".join(INTAKE_FIELDS)},
                )
            )
    return problems
