"""Domain validation of a parsed case: every rule, every problem at once.

Each problem names the field (dotted path as in the file), the value and the
allowed range, in Dutch and English (see :mod:`ber.texts.messages`).
"""

from __future__ import annotations

from collections.abc import Container

from ber.case.afweging import afweging_problems, place_problems
from ber.case.intake import declared_problems
from ber.case.limits import document_problems
from ber.case.model import Capacity, Case, Override
from ber.case.plausible import plausibility_problems
from ber.case.qualitative import qualitative_problems
from ber.case.validate_site import site_problems
from ber.case.validate_sourced import sourced_problems
from ber.reference.data import CATEGORIES, MODES, ReferenceSet
from ber.texts.catalogue import LANGS
from ber.texts.catalogue import num as _fmt
from ber.texts.messages import Problem

SHARE_TOLERANCE = 0.001
START_YEAR_RANGE = (2000, 2100)
HORIZON_RANGE = (1, 50)
SHIFTS_RANGE = (1, 4)
RD_X_RANGE = (0.0, 300_000.0)
RD_Y_RANGE = (289_000.0, 629_000.0)
WGS84_LON_RANGE = (3.0, 7.6)
WGS84_LAT_RANGE = (50.6, 53.8)
CRS_CHOICES = ("EPSG:28992", "EPSG:4326")
#: upper bounds of counts: far above any real establishment, they catch typos (extra zeros)
MAX_JOBS = 1_000_000.0
MAX_FLOOR_AREA_M2 = 100_000_000.0
MAX_BEDS = 1_000_000.0
MAX_PLOT_HA = 100_000.0
#: a month of the workforce profile: a factor or a head count, so up to a count of jobs
MONTHS = 12
MAX_MONTH_VALUE = MAX_JOBS
#: keys that may be overridden besides the reference norms
EXTRA_OVERRIDE_KEYS = (
    "sector.migrant_share",
    "sector.m2_per_job",
    "sector.w_per_m2",
    "sector.trucks_per_100m2",
    "season.peak_factor",
)
#: reference rows that are only defaults of a case field: the case field is set instead
CASE_DEFAULT_KEYS = {"business.shifts_per_day": "business.shifts_per_day"}
#: overridable values the calculation divides by: they must be greater than 0
POSITIVE_OVERRIDE_KEYS = (
    "housing.household_size",
    "care.gp_patients_per_fte",
    "education.class_size_primary",
    "education.class_size_secondary",
    "education.newcomer_class_size",
    "gravity.half_distance_km",
    "gravity.half_distance_km_flex",
    "sector.m2_per_job",
    "transport.occupancy.car",
    "transport.occupancy.van",
    "transport.occupancy.bus",
)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, code: str, field: str, **params: object) -> None:
        self.problems.append(Problem(code, field, dict(params)))

    def range(self, field: str, value: float | None, low: float, high: float) -> None:
        if value is not None and not (low <= value <= high):
            self.add("field.range", field, value=_fmt(value), low=_fmt(low), high=_fmt(high))

    def non_negative(self, field: str, value: float | None) -> None:
        if value is not None and value < 0:
            self.add("field.non_negative", field, value=_fmt(value))

    def count(self, field: str, value: float | None, high: float) -> None:
        """A count: not negative, and not absurdly large."""
        if value is not None and value < 0:
            self.non_negative(field, value)
        else:
            self.range(field, value, 0.0, high)

    def share_sum(self, field: str, total: float, expected: float = 1.0) -> None:
        if abs(total - expected) > SHARE_TOLERANCE:
            self.add(
                "shares.sum",
                field,
                total=_fmt(total, 4),
                expected=_fmt(expected, 4),
                tolerance=_fmt(SHARE_TOLERANCE),
            )

    def municipality(self, field: str, code: str, table: Container[str]) -> bool:
        if code not in table:
            self.add("municipality.unknown", field, value=repr(code))
            return False
        return True


def validate_case(case: Case, ref: ReferenceSet, table: Container[str]) -> list[Problem]:
    """Return every problem of the case (an empty list when it can be computed)."""
    c = _Collector()
    _validate_business(case, ref, c)
    _validate_sites(case, table, c)
    _validate_workforce(case, ref, table, c)
    _validate_region_and_capacity(case, table, c)
    _validate_overrides(case, ref, c)
    _validate_mitigations(case, c)
    c.problems += site_problems(case, ref)
    c.problems += qualitative_problems(case.qualitative) + declared_problems(case)
    # limits again for cases not read from a file (the application builds them directly)
    return c.problems + plausibility_problems(case, ref) + document_problems(case.to_dict())


def _validate_business(case: Case, ref: ReferenceSet, c: _Collector) -> None:
    b = case.business
    if b.sector not in ref.sectors:
        c.add("sector.unknown", "business.sector", value=repr(b.sector), choices=", ".join(ref.sectors))
    c.range("business.start_year", b.start_year, *START_YEAR_RANGE)
    c.count("business.jobs", b.jobs, MAX_JOBS)
    c.count("business.floor_area_m2", b.floor_area_m2, MAX_FLOOR_AREA_M2)
    if b.plot_area_ha is not None and not 0.0 < b.plot_area_ha <= MAX_PLOT_HA:
        c.add(
            "field.range",
            "business.plot_area_ha",
            value=_fmt(b.plot_area_ha),
            low="> 0",
            high=_fmt(MAX_PLOT_HA),
        )
    if b.jobs is None and b.floor_area_m2 is None:
        c.add("jobs.missing", "business.jobs")
    if not b.ramp_up:
        c.add("field.required", "business.ramp_up")
    for i, frac in enumerate(b.ramp_up):
        c.range(f"business.ramp_up[{i}]", frac, 0.0, 1.0)
    c.range("business.horizon_years", b.horizon_years, *HORIZON_RANGE)
    c.range("business.shifts_per_day", b.shifts_per_day, *SHIFTS_RANGE)
    _validate_profile(b.monthly_profile, c)
    if not b.name.strip():
        c.add("field.empty_text", "business.name")


def _validate_profile(profile: list[float] | None, c: _Collector) -> None:
    """The monthly workforce profile: 12 values, none negative, not all 0."""
    if profile is None:
        return
    field = "business.monthly_profile"
    if len(profile) != MONTHS:
        c.add("profile.months", field, count=len(profile), months=MONTHS)
        return
    problems = len(c.problems)
    for i, value in enumerate(profile):
        c.count(f"{field}[{i}]", value, MAX_MONTH_VALUE)
    if len(c.problems) == problems and sum(profile) <= 0:
        c.add("profile.all_zero", field, high=_fmt(MAX_MONTH_VALUE))


def _validate_shares(c: _Collector, field: str, shares: dict[str, float], choices: tuple[str, ...]) -> None:
    """Shares keyed by a fixed set of names: known names, each 0-1, together 1."""
    for key, share in shares.items():
        if key not in choices:
            c.add("field.choice", f"{field}.{key}", value=repr(key), choices=", ".join(choices))
        c.range(f"{field}.{key}", share, 0.0, 1.0)
    c.share_sum(field, sum(shares.values()))


def _validate_workforce(case: Case, ref: ReferenceSet, table: Container[str], c: _Collector) -> None:
    w = case.workforce
    c.range("workforce.migrant_share", w.migrant_share, 0.0, 1.0)
    c.range("workforce.cross_border_share", w.cross_border_share, 0.0, 1.0)
    _validate_shares(c, "workforce.category_shares", w.category_shares, CATEGORIES)
    for i, block in enumerate(w.employer_beds):
        c.count(f"workforce.employer_beds[{i}].beds", block.beds, MAX_BEDS)
        c.municipality(f"workforce.employer_beds[{i}].municipality", block.municipality, table)
    if w.mode_shares is not None:
        _validate_shares(c, "workforce.mode_shares", w.mode_shares, MODES)
    if w.family_preset not in ref.presets:
        c.add(
            "field.choice",
            "workforce.family_preset",
            value=repr(w.family_preset),
            choices=", ".join(ref.presets),
        )
    if w.residence.method == "manual":
        _validate_manual_residence(case, table, c)


def _validate_manual_residence(case: Case, table: Container[str], c: _Collector) -> None:
    w = case.workforce
    if not w.residence.shares:
        c.add("residence.manual_missing", "workforce.residence.shares")
    for code, share in w.residence.shares.items():
        field = f"workforce.residence.shares.{code}"
        c.municipality(field, code, table)
        c.range(field, share, 0.0, 1.0)
    if w.residence.shares and 0.0 <= w.cross_border_share <= 1.0:
        c.share_sum(
            "workforce.residence.shares", sum(w.residence.shares.values()), 1.0 - w.cross_border_share
        )


def _validate_region_and_capacity(case: Case, table: Container[str], c: _Collector) -> None:
    if case.region.municipalities is not None:
        if not case.region.municipalities:
            c.add("field.required", "region.municipalities")
        for i, code in enumerate(case.region.municipalities):
            c.municipality(f"region.municipalities[{i}]", code, table)
    for code in case.capacity:
        c.municipality(f"capacity.{code}", code, table)
    # each figure's value and reference date, policy rules, existing migrants
    c.problems += sourced_problems(case, lambda code: code in table)
    c.problems += afweging_problems(case.afweging, Capacity.model_fields) + place_problems(
        (i, b.place, b.place_inhabitants) for i, b in enumerate(case.workforce.employer_beds)
    )


def _validate_overrides(case: Case, ref: ReferenceSet, c: _Collector) -> None:
    for key, ov in case.overrides.items():
        _validate_override(key, ov, ref, c)
    amber = _effective(case, ref, "status.amber_threshold")
    red = _effective(case, ref, "status.red_threshold")
    if amber is not None and red is not None and amber > red:
        c.add("override.thresholds", "overrides.status.amber_threshold", amber=_fmt(amber), red=_fmt(red))


def _validate_override(key: str, ov: Override, ref: ReferenceSet, c: _Collector) -> None:
    field = f"overrides.{key}"
    if key not in ref.norms and key not in EXTRA_OVERRIDE_KEYS:
        c.add("override.unknown", field, value=repr(key))
    if key in CASE_DEFAULT_KEYS:
        c.add("override.case_input", field, case_field=CASE_DEFAULT_KEYS[key])
    if not ov.justification.strip():
        c.add("override.justification", f"{field}.justification")
    low = ov.low if ov.low is not None else ov.value
    high = ov.high if ov.high is not None else ov.value
    norm = ref.norms.get(key)
    is_share = key == "sector.migrant_share" or (norm is not None and norm.unit.startswith("share"))
    for part, number in (("value", ov.value), ("low", ov.low), ("high", ov.high)):
        if number is None:
            continue
        if key in POSITIVE_OVERRIDE_KEYS:
            if number <= 0:
                c.add("field.positive", f"{field}.{part}", value=_fmt(number))
        elif is_share:
            c.range(f"{field}.{part}", number, 0.0, 1.0)
        else:
            c.non_negative(f"{field}.{part}", number)
    if not (low <= ov.value <= high):
        c.add("override.low_high", field, low=_fmt(low), value=_fmt(ov.value), high=_fmt(high))


def _validate_mitigations(case: Case, c: _Collector) -> None:
    m = case.mitigations
    c.range("mitigations.shuttle_share", m.shuttle_share, 0.0, 1.0)
    c.range("mitigations.employer_gp_share", m.employer_gp_share, 0.0, 1.0)
    c.range("mitigations.local_recruitment_share", m.local_recruitment_share, 0.0, 1.0)


def _effective(case: Case, ref: ReferenceSet, key: str) -> float | None:
    """The central value of a norm after the case's override (None when the key is unknown)."""
    ov = case.overrides.get(key)
    if ov is not None:
        return ov.value
    norm = ref.norms.get(key)
    return norm.value if norm is not None else None


def _validate_sites(case: Case, table: Container[str], c: _Collector) -> None:
    if not case.sites:
        c.add("sites.none", "sites")
        return
    chosen = sum(1 for s in case.sites if s.chosen)
    if chosen > 1 or (chosen == 0 and len(case.sites) > 1):
        c.add("sites.chosen", "sites", count=chosen)
    for i, site in enumerate(case.sites):
        field = f"sites[{i}]"
        if not site.name.strip():
            c.add("field.empty_text", f"{field}.name")
        if site.municipality is not None:
            c.municipality(f"{field}.municipality", site.municipality, table)
        has_point = site.x is not None and site.y is not None
        if not has_point and site.municipality is None:
            c.add("site.location", field)
        if (site.x is None) != (site.y is None):
            c.add("site.location", field)
        if site.crs not in CRS_CHOICES:
            c.add("field.choice", f"{field}.crs", value=repr(site.crs), choices=", ".join(CRS_CHOICES))
        elif has_point:
            assert site.x is not None and site.y is not None
            _check_inside(c, field, site.x, site.y, site.crs)


def _ranges(pattern: str, *bounds: float) -> dict[str, str]:
    """Coordinate ranges in both languages (decimal comma in Dutch)."""
    return {lang: pattern.format(*(_fmt(b).localized(lang) for b in bounds)) for lang in LANGS}


def _check_inside(c: _Collector, field: str, x: float, y: float, crs: str) -> None:
    """A site's point must lie in the Netherlands (roughly) in its coordinate system."""
    if crs == "EPSG:28992":
        inside = RD_X_RANGE[0] <= x <= RD_X_RANGE[1] and RD_Y_RANGE[0] <= y <= RD_Y_RANGE[1]
        allowed = _ranges("x {}-{} m, y {}-{} m", *RD_X_RANGE, *RD_Y_RANGE)
    else:
        inside = (
            WGS84_LON_RANGE[0] <= x <= WGS84_LON_RANGE[1] and WGS84_LAT_RANGE[0] <= y <= WGS84_LAT_RANGE[1]
        )
        allowed = _ranges("lon {}-{}, lat {}-{}", *WGS84_LON_RANGE, *WGS84_LAT_RANGE)
    if not inside:
        c.add("site.outside", field, x=_fmt(x), y=_fmt(y), crs=crs, allowed=allowed)
