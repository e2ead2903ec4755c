"""The case: a typed model of a ``.ber`` file, loading, validation and atomic saving.

A case file is JSON (UTF-8) with ``"schema": "ber-case/1"``; the field names follow
section 2 of the method (``docs/case-format.md`` documents every field).
Validation gathers *all* problems (each a :class:`~ber.texts.messages.Problem` naming the
field, its value and the allowed range) before anything is computed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ber.reference.data import load_reference
from ber.texts.messages import InputError, Problem

SCHEMA_PREFIX = "ber-case/"
SCHEMA_VERSION = 1
SCHEMA = f"{SCHEMA_PREFIX}{SCHEMA_VERSION}"
MAX_CASE_BYTES = 20 * 1024 * 1024

DOMAINS: tuple[str, ...] = (
    "housing_flex",
    "housing_dwellings",
    "care_gp",
    "education_primary",
    "education_secondary",
    "transport_peak",
)


#: unit of demand and capacity per domain (shown with every number)
DOMAIN_UNITS: dict[str, str] = {
    "housing_flex": "beds",
    "housing_dwellings": "dwellings",
    "care_gp": "patients",
    "education_primary": "pupils",
    "education_secondary": "pupils",
    "transport_peak": "vehicles per peak hour",
}


def _default_shifts() -> int:
    """Shifts per day when the case gives none: the reference row, never a literal here."""
    return round(load_reference().value("business.shifts_per_day"))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False, allow_inf_nan=False)


class Meta(_Model):
    title: str = ""
    reference: str = ""
    officer: str = ""
    date: str = ""
    language: Literal["nl", "en"] = "nl"
    capacity_source: str = ""
    notes: str = ""


class Business(_Model):
    name: str
    sector: str
    start_year: int
    jobs: float | None = None
    floor_area_m2: float | None = None
    ramp_up: list[float] = Field(default_factory=lambda: [1.0])
    horizon_years: int = 10
    #: default: the reference row ``business.shifts_per_day`` (an assumption, see norms.json)
    shifts_per_day: int = Field(default_factory=lambda: _default_shifts())


class Site(_Model):
    name: str
    x: float | None = None
    y: float | None = None
    crs: str = "EPSG:28992"
    municipality: str | None = None
    chosen: bool = False


class BedBlock(_Model):
    municipality: str
    beds: float


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
    """Spare capacity a municipality knows of; None means unknown (never zero)."""

    housing_flex: float | None = None
    housing_dwellings: float | None = None
    care_gp: float | None = None
    education_primary: float | None = None
    education_secondary: float | None = None
    transport_peak: float | None = None

    def get(self, domain: str) -> float | None:
        value: float | None = getattr(self, domain)
        return value


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

    model_config = ConfigDict(extra="forbid", populate_by_name=True, allow_inf_nan=False)

    def chosen_site(self) -> Site:
        for site in self.sites:
            if site.chosen:
                return site
        return self.sites[0]

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

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

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migrate(doc: dict[str, Any], path: str = "") -> dict[str, Any]:
    """Bring a case document up to the current schema, or raise a clear error."""
    schema = doc.get("schema")
    if not isinstance(schema, str) or not schema.startswith(SCHEMA_PREFIX):
        raise InputError([Problem("file.not_a_case", params={"path": path})])
    try:
        version = int(schema[len(SCHEMA_PREFIX) :])
    except ValueError:
        raise InputError([Problem("file.not_a_case", params={"path": path})]) from None
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
_TYPE_NAMES: dict[str, dict[str, str]] = {
    "float_parsing": {"nl": "een getal", "en": "a number"},
    "float_type": {"nl": "een getal", "en": "a number"},
    "finite_number": {"nl": "een eindig getal", "en": "a finite number"},
    "int_parsing": {"nl": "een geheel getal", "en": "a whole number"},
    "int_type": {"nl": "een geheel getal", "en": "a whole number"},
    "int_from_float": {"nl": "een geheel getal", "en": "a whole number"},
    "string_type": {"nl": "tekst", "en": "text"},
    "bool_type": {"nl": "true of false", "en": "true or false"},
    "bool_parsing": {"nl": "true of false", "en": "true or false"},
    "list_type": {"nl": "een lijst", "en": "a list"},
    "dict_type": {"nl": "een object", "en": "an object"},
    "model_type": {"nl": "een object", "en": "an object"},
}


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
}


def parse_case(doc: Any, path: str = "") -> Case:
    """Turn a JSON document into a :class:`Case`; raises InputError with every structural problem."""
    if not isinstance(doc, dict):
        raise InputError([Problem("file.not_a_case", params={"path": path})])
    doc = migrate(dict(doc), path)
    problems: list[Problem] = []
    known = {"schema", *_SECTIONS, "sites", "capacity", "overrides"}
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
    """Read the JSON document of a case file, or of the case embedded in a report PDF."""
    spath = str(path)
    if not path.exists():
        raise InputError([Problem("file.missing", params={"path": spath})])
    try:
        size = path.stat().st_size
        if size > MAX_CASE_BYTES and not _is_pdf(path):
            raise InputError(
                [
                    Problem(
                        "file.too_large",
                        params={"path": spath, "size": size // 2**20, "limit": MAX_CASE_BYTES // 2**20},
                    )
                ]
            )
        if _is_pdf(path):
            from ber.io.pdf_attachment import extract_case_bytes

            data = extract_case_bytes(path)
            if data is None:
                raise InputError([Problem("file.pdf_without_case", params={"path": spath})])
        else:
            data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            [Problem("file.unreadable", params={"path": spath, "reason": exc.strerror or str(exc)})]
        ) from None
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(
            [
                Problem(
                    "file.not_json",
                    params={"path": spath, "line": 1, "column": exc.start + 1, "reason": "not UTF-8 text"},
                )
            ]
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                Problem(
                    "file.not_json",
                    params={"path": spath, "line": exc.lineno, "column": exc.colno, "reason": exc.msg},
                )
            ]
        ) from None
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


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file atomically: temporary file in the same folder, fsync, rename."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if hasattr(os, "O_DIRECTORY"):
        try:
            dir_fd = os.open(folder, os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)


def save_case(case: Case, path: Path | str) -> None:
    """Save a case atomically as pretty-printed UTF-8 JSON."""
    atomic_write_bytes(Path(path), case_to_json(case).encode("utf-8"))
