"""The case: a typed model of a ``.ber`` file, loading, validation and atomic saving.

A case file is JSON (UTF-8) with ``"schema": "ber-case/2"``; the field names follow
section 2 of the method (``docs/case-format.md`` documents every field).
Validation gathers *all* problems (each a :class:`~ber.texts.messages.Problem` naming the
field, its value and the allowed range) before anything is computed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ber.case.afweging import Afweging
from ber.case.figures import CapacityFigure, MunicipalPolicy, SourcedFigure, migrate_capacity_v1
from ber.case.limits import MAX_CASE_BYTES, document_problems, load_json_limited
from ber.case.qualitative import QualitativeRating, drop_empty_sections
from ber.io.atomic import atomic_write_bytes as atomic_write_bytes  # its home is ber.io.atomic
from ber.reference.data import load_reference
from ber.texts.catalogue import LangTable
from ber.texts.messages import InputError, Problem

SCHEMA_PREFIX = "ber-case/"
SCHEMA_VERSION = 2
SCHEMA = f"{SCHEMA_PREFIX}{SCHEMA_VERSION}"


def _default_shifts() -> int:
    """Shifts per day when the case gives none: the reference row, never a literal here."""
    return round(load_reference().value("business.shifts_per_day"))


class _Model(BaseModel):
    # strict: no bool or string where a number is meant ("jobs": true is not 1 job)
    model_config = ConfigDict(extra="forbid", validate_assignment=False, allow_inf_nan=False, strict=True)


class Meta(_Model):
    title: str = ""
    reference: str = ""
    officer: str = ""
    date: str = ""
    language: Literal["nl", "en"] = "nl"
    capacity_source: str = ""
    notes: str = ""
    #: field paths whose value the employer declared in the intake ("business.jobs", …)
    declared_by_employer: list[str] = Field(default_factory=list)


class Business(_Model):
    name: str
    sector: str
    start_year: int
    jobs: float | None = None
    floor_area_m2: float | None = None
    #: plot (kavel) area in hectares, for jobs per hectare; None = not given
    plot_area_ha: float | None = None
    ramp_up: list[float] = Field(default_factory=lambda: [1.0])
    horizon_years: int = 10
    #: default: the reference row ``business.shifts_per_day`` (an assumption, see norms.json)
    shifts_per_day: int = Field(default_factory=lambda: _default_shifts())
    #: contracted grid connection the employer declares, in kVA (1 MVA = 1000 kVA); None = not
    #: declared (the energy domain then estimates it from floor area and sector)
    grid_capacity_kva: float | None = None
    #: workforce per month, January first (12 values in any scale; the mean is the declared
    #: jobs); None = the sector's profile in ``reference_data/sectors.json``
    monthly_profile: list[float] | None = None


class GridFigure(_Model):
    """The grid operators' capacity map at a site (``ber grid import``), with its provenance."""

    #: the energy area (voedingsgebied) ``short_code`` of the map
    area: str
    #: ``postcode`` (the site's postcode is in the area) or ``pc4`` (same four digits only)
    match: Literal["postcode", "pc4"]
    #: available transport capacity for demand (afname), MW; None = the map gives none
    available_mw: float | None = None
    #: congestion colour for demand: transparant, yellow, amber, red; empty = not given
    colour: str = ""
    requests_in_queue: int | None = None
    queue_mw: float | None = None
    #: the data set (identifier, publisher) and its issue date ``YYYY-MM-DD``
    source: str = ""
    reference_date: str = ""


class Site(_Model):
    name: str
    x: float | None = None
    y: float | None = None
    crs: str = "EPSG:28992"
    municipality: str | None = None
    chosen: bool = False
    #: plot area in hectares (the space domain's demand); None = not given
    plot_area_ha: float | None = None
    #: gross floor area (m² BVO) at this site; None = the business's ``floor_area_m2``
    floor_area_m2: float | None = None
    #: six-position postcode (``1234AB``) that finds the site on the grid capacity map
    postcode: str = ""
    #: the capacity map at this site, written by ``ber grid import``; None = no map read
    grid: GridFigure | None = None


class BedBlock(_Model):
    municipality: str
    beds: float
    #: floor area of the location in m² (checked against a minimum per person); None = not given
    floor_area_m2: float | None = None
    #: the village or kern the location stands in, and its inhabitants with source (liveability)
    place: str = ""
    place_inhabitants: SourcedFigure | None = None


class Residence(_Model):
    method: Literal["gravity", "manual"] = "gravity"
    shares: dict[str, float] = Field(default_factory=dict)


class Workforce(_Model):
    migrant_share: float | None = None
    category_shares: dict[str, float]
    employer_beds: list[BedBlock] = Field(default_factory=list)
    mode_shares: dict[str, float] | None = None
    residence: Residence = Field(default_factory=Residence)
    cross_border_share: float = 0.0
    family_preset: str = "rijksoverheid_2023"


class Region(_Model):
    municipalities: list[str] | None = None
    label: str = ""


class Capacity(_Model):
    """Spare capacity a municipality knows of; None means unknown (never zero).

    One field per domain of the registry (``ber.engine.domains``), in the domain's unit;
    ``tests/core/test_registry.py`` checks that they agree.
    """

    housing_flex: CapacityFigure | None = None
    housing_dwellings: CapacityFigure | None = None
    care_gp: CapacityFigure | None = None
    education_primary: CapacityFigure | None = None
    education_secondary: CapacityFigure | None = None
    transport_peak: CapacityFigure | None = None
    childcare: CapacityFigure | None = None
    #: issuable business-park land (ha) the site's plot draws on (site domain, host municipality)
    space: CapacityFigure | None = None
    #: available grid transport capacity (MW) at sites in this municipality when no capacity
    #: map has been imported for the site (site domain; a site's ``grid`` comes first)
    energy: CapacityFigure | None = None

    def get(self, domain: str) -> float | None:
        """The capacity of a domain; None when unknown (also for a domain without a field here)."""
        item = self.__dict__.get(domain)
        if isinstance(item, CapacityFigure):
            return item.value
        return None if item is None else float(item)

    def figure(self, domain: str) -> CapacityFigure | None:
        """The figure of a domain with its provenance (None when nothing is recorded)."""
        item = self.__dict__.get(domain)
        if item is None or isinstance(item, CapacityFigure):
            return item
        return CapacityFigure(value=float(item))


class Override(_Model):
    value: float
    low: float | None = None
    high: float | None = None
    justification: str = ""


class Mitigations(_Model):
    shuttle_share: float = 0.0
    employer_gp_share: float = 0.0
    local_recruitment_share: float = 0.0


class Case(_Model):
    schema_: str = Field(default=SCHEMA, alias="schema")
    meta: Meta = Field(default_factory=Meta)
    business: Business
    sites: list[Site]
    workforce: Workforce
    region: Region = Field(default_factory=Region)
    capacity: dict[str, Capacity] = Field(default_factory=dict)
    overrides: dict[str, Override] = Field(default_factory=dict)
    mitigations: Mitigations = Field(default_factory=Mitigations)
    #: municipal rules on labour-migrant housing, by municipality code
    policy: dict[str, MunicipalPolicy] = Field(default_factory=dict)
    #: labour migrants already living in a municipality (counted by the share cap)
    existing_migrants: dict[str, SourcedFigure] = Field(default_factory=dict)
    #: the officer's qualitative assessment per theme (``reference_data/qualitative_themes.json``)
    qualitative: dict[str, QualitativeRating] = Field(default_factory=dict)
    #: labour reserve and weights of the afweging (``ber.case.afweging``)
    afweging: Afweging = Field(default_factory=Afweging)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, allow_inf_nan=False, strict=True)

    def chosen_site(self) -> Site:
        for site in self.sites:
            if site.chosen:
                return site
        return self.sites[0]

    def to_dict(self) -> dict[str, Any]:
        # the newer optional sections are left out while empty: an older case keeps its
        # canonical JSON and so its case_sha256
        return drop_empty_sections(self.model_dump(mode="json", by_alias=True))

    def canonical_json(self) -> bytes:
        """Canonical JSON (sorted keys, no spaces, UTF-8): the basis of ``case_sha256``."""
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
            "utf-8"
        )

    def sha256(self) -> str:
        return hashlib.sha256(self.canonical_json()).hexdigest()

    def copy_with(self, **changes: Any) -> Case:
        return self.model_copy(update=changes, deep=True)


# ---------------------------------------------------------------------------
# migrations: MIGRATIONS[n] turns a version-n document into version n+1
# ---------------------------------------------------------------------------

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: migrate_capacity_v1}
_VERSION_RE = re.compile(r"[0-9]{1,6}")


def migrate(doc: dict[str, Any], path: str = "") -> dict[str, Any]:
    """Bring a case document up to the current schema, or raise a clear error."""
    schema = doc.get("schema")
    if not isinstance(schema, str) or not schema.startswith(SCHEMA_PREFIX):
        raise InputError([Problem("file.not_a_case", params={"path": path})])
    digits = schema[len(SCHEMA_PREFIX) :]
    if not _VERSION_RE.fullmatch(digits):  # ASCII digits only: not "١", "+1", " 1" or "1_0"
        raise InputError([Problem("file.not_a_case", params={"path": path})])
    version = int(digits)
    if version > SCHEMA_VERSION:
        raise InputError(
            [Problem("file.newer_schema", params={"path": path, "schema": schema, "supported": SCHEMA})]
        )
    if version < SCHEMA_VERSION and any(v not in MIGRATIONS for v in range(version, SCHEMA_VERSION)):
        raise InputError([Problem("file.not_a_case", params={"path": path})])  # e.g. "ber-case/0"
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
        doc["schema"] = f"{SCHEMA_PREFIX}{version}"
    return doc


# ---------------------------------------------------------------------------
# parsing: pydantic for structure and types, section by section, so that a type
# error in one section does not hide the problems of the others
# ---------------------------------------------------------------------------

#: pydantic error types -> the expected kind of value, in both languages
_TYPE_NAMES: Mapping[str, dict[str, str]] = LangTable("msg.type.")


def _loc(prefix: str, loc: tuple[int | str, ...]) -> str:
    out = prefix
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out = f"{out}.{part}" if out else str(part)
    return out


def _problems_from_pydantic(err: ValidationError, prefix: str) -> list[Problem]:
    problems = []
    for e in err.errors():
        field = _loc(prefix, tuple(e["loc"]))
        kind = e["type"]
        if kind == "missing":
            problems.append(Problem("field.required", field))
        elif kind == "extra_forbidden":
            problems.append(Problem("field.unknown", field))
        elif kind == "literal_error":
            expected = str(e.get("ctx", {}).get("expected", "")).replace(" or ", ", ")
            problems.append(
                Problem("field.choice", field, {"value": _show(e.get("input")), "choices": expected})
            )
        else:
            problems.append(
                Problem(
                    "field.type",
                    field,
                    {
                        "value": _show(e.get("input")),
                        "expected": _TYPE_NAMES.get(kind, {"nl": kind, "en": kind}),
                    },
                )
            )
    return problems


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_SECTIONS: dict[str, Any] = {
    "meta": Meta,
    "business": Business,
    "workforce": Workforce,
    "region": Region,
    "mitigations": Mitigations,
    "afweging": Afweging,
}


def parse_case(doc: Any, path: str = "") -> Case:
    """Turn a JSON document into a :class:`Case`; raises InputError with every structural problem."""
    if not isinstance(doc, dict):
        raise InputError([Problem("file.not_a_case", params={"path": path})])
    limit_problems = document_problems(doc)  # text and size limits first: every later step is safe
    if limit_problems:
        raise InputError(limit_problems)
    doc = migrate(dict(doc), path)
    problems: list[Problem] = []
    known = {
        "schema",
        *_SECTIONS,
        "sites",
        "capacity",
        "overrides",
        "policy",
        "existing_migrants",
        "qualitative",
    }
    for key in doc:
        if key not in known:
            problems.append(Problem("field.unknown", str(key)))
    for name, model in _SECTIONS.items():
        if name in doc:
            try:
                model.model_validate(doc[name])
            except ValidationError as err:
                problems.extend(_problems_from_pydantic(err, name))
        elif name in ("business", "workforce"):
            problems.append(Problem("field.required", name))
    for name, model in (
        ("sites", list[Site]),
        ("capacity", dict[str, Capacity]),
        ("overrides", dict[str, Override]),
        ("policy", dict[str, MunicipalPolicy]),
        ("existing_migrants", dict[str, SourcedFigure]),
        ("qualitative", dict[str, QualitativeRating]),
    ):
        if name not in doc:
            if name == "sites":
                problems.append(Problem("field.required", name))
            continue
        from pydantic import TypeAdapter

        try:
            TypeAdapter(model).validate_python(doc[name])
        except ValidationError as err:
            problems.extend(_problems_from_pydantic(err, name))
    if problems:
        raise InputError(problems)
    return Case.model_validate(doc)


# ---------------------------------------------------------------------------
# files
# ---------------------------------------------------------------------------


def read_case_document(path: Path) -> dict[str, Any]:
    """Read the JSON document of a case file, or of the case embedded in a report PDF.

    The limits of :mod:`ber.case.limits` hold before anything is parsed.
    """
    spath = str(path)
    if not path.exists():
        raise InputError([Problem("file.missing", params={"path": spath})])
    try:
        if not path.is_file():
            raise InputError([Problem("file.not_a_file", params={"path": spath})])
        size = path.stat().st_size
        if _is_pdf(path):
            from ber.io.pdf_attachment import read_case_attachment

            data = read_case_attachment(path, MAX_CASE_BYTES)  # inflated with a cap
        elif size > MAX_CASE_BYTES:
            raise InputError(
                [
                    Problem(
                        "file.too_large",
                        params={
                            "path": spath,
                            "size": round(size / 2**20, 1),
                            "limit": MAX_CASE_BYTES // 2**20,
                        },
                    )
                ]
            )
        else:
            data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            [Problem("file.unreadable", params={"path": spath, "reason": exc.strerror or str(exc)})]
        ) from None
    doc = load_json_limited(data, spath)
    if not isinstance(doc, dict):
        raise InputError([Problem("file.not_a_case", params={"path": spath})])
    return doc


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(5) == b"%PDF-"


def load_case(path: Path | str) -> Case:
    """Load a case from a ``.ber`` file or a report PDF; raises InputError on any problem."""
    path = Path(path)
    return parse_case(read_case_document(path), str(path))


def case_to_json(case: Case) -> str:
    return json.dumps(case.to_dict(), indent=2, ensure_ascii=False) + "\n"


def save_case(case: Case, path: Path | str) -> None:
    """Save a case atomically as pretty-printed UTF-8 JSON."""
    atomic_write_bytes(Path(path), case_to_json(case).encode("utf-8"))
