"""Reference data: sourced norms, sector table, categories, presets, demo region.

Read only through this module. Every norm row has a key, value, unit, low and
high, and either a source (an id in ``sources.json``) or the mark ``assumption``.
The whole set has a version and a SHA-256 checksum kept in ``manifest.json``.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ber.io.paths import reference_dir
from ber.texts.catalogue import text as txt
from ber.texts.messages import Lang, Problem

if TYPE_CHECKING:
    import numpy as np

#: Files that make up the reference set, in checksum order.
REFERENCE_FILES: tuple[str, ...] = (
    "categories.json",
    "municipalities_noord_limburg.csv",
    "norms.json",
    "presets.json",
    "provincial_rules.json",
    "sectors.json",
    "sources.json",
)

CATEGORIES: tuple[str, ...] = ("eu_short", "eu_mid", "eu_long", "third_country", "knowledge")
FLEX_CATEGORIES: tuple[str, ...] = ("eu_short", "eu_mid")
SETTLING_CATEGORIES: tuple[str, ...] = ("eu_long", "third_country", "knowledge")
MODES: tuple[str, ...] = ("car", "van", "bus", "bike", "walk")
VEHICLE_MODES: tuple[str, ...] = ("car", "van", "bus")
ASSUMPTION = "assumption"


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    year: int
    url: str = ""

    def citation(self) -> str:
        text = f"{self.publisher}, {self.title} ({self.year})"
        return f"{text}, {self.url}" if self.url else text


@dataclass(frozen=True)
class Norm:
    key: str
    value: float
    low: float
    high: float
    unit: str
    source: str  # a source id or "assumption"
    label_nl: str
    label_en: str
    note: str = ""
    low_source: str = ""  # source of the low value when it differs from ``source``
    high_source: str = ""  # source of the high value when it differs from ``source``

    @property
    def is_assumption(self) -> bool:
        return self.source == ASSUMPTION

    @property
    def uncertain(self) -> bool:
        return self.high > self.low

    def label(self, lang: Lang) -> str:
        return self.label_nl if lang == "nl" else self.label_en


@dataclass(frozen=True)
class Labelled:
    """A reference row with a key and a Dutch and an English label."""

    key: str
    label_nl: str
    label_en: str

    def label(self, lang: Lang) -> str:
        return self.label_nl if lang == "nl" else self.label_en


@dataclass(frozen=True)
class Sector(Labelled):
    migrant_share: float
    migrant_share_low: float
    migrant_share_high: float
    migrant_share_source: str
    m2_per_job: float
    m2_per_job_low: float
    m2_per_job_high: float
    m2_per_job_source: str
    #: contracted grid capacity per m² BVO (W/m²): the energy domain's estimate without a declared one
    w_per_m2: float
    w_per_m2_low: float
    w_per_m2_high: float
    w_per_m2_source: str
    #: truck movements (in + out) per working day per 100 m² BVO (freight traffic)
    trucks_per_100m2: float
    trucks_per_100m2_low: float
    trucks_per_100m2_high: float
    trucks_per_100m2_source: str
    migrant_share_note: str = ""
    m2_per_job_note: str = ""
    w_per_m2_note: str = ""
    trucks_per_100m2_note: str = ""

    #: gross value added per person employed, euro per year (benefit side of the afweging)
    value_added_per_job: float = 0.0
    value_added_per_job_low: float = 0.0
    value_added_per_job_high: float = 0.0
    value_added_per_job_source: str = "assumption"
    value_added_per_job_year: int = 0
    value_added_per_job_note: str = ""
    #: workforce per month (January first), in any scale: the engine divides by its mean
    monthly_profile: tuple[float, ...] = (1.0,) * 12
    monthly_profile_source: str = ASSUMPTION
    monthly_profile_note: str = ""
    #: range of the peak month's factor over the year average (Monte Carlo and sensitivity)
    peak_factor_low: float = 1.0
    peak_factor_high: float = 1.0

    @property
    def peak_factor(self) -> float:
        """The peak month over the year average of ``monthly_profile``."""
        return max(self.monthly_profile) * len(self.monthly_profile) / sum(self.monthly_profile)

    def ranges(self) -> tuple[tuple[str, float, float, float, str], ...]:
        """Each sourced value with its low, high and source: (name, central, low, high, source)."""
        return (
            (
                "migrant_share",
                self.migrant_share,
                self.migrant_share_low,
                self.migrant_share_high,
                self.migrant_share_source,
            ),
            (
                "m2_per_job",
                self.m2_per_job,
                self.m2_per_job_low,
                self.m2_per_job_high,
                self.m2_per_job_source,
            ),
            ("w_per_m2", self.w_per_m2, self.w_per_m2_low, self.w_per_m2_high, self.w_per_m2_source),
            (
                "trucks_per_100m2",
                self.trucks_per_100m2,
                self.trucks_per_100m2_low,
                self.trucks_per_100m2_high,
                self.trucks_per_100m2_source,
            ),
            (
                "value_added_per_job",
                self.value_added_per_job,
                self.value_added_per_job_low,
                self.value_added_per_job_high,
                self.value_added_per_job_source,
            ),
        )


@dataclass(frozen=True)
class ProvincialRule(Labelled):
    """A province's rule on business plots (``provincial_rules.json``)."""

    province: str  # CBS province code, e.g. PV31
    province_name: str
    #: plots larger than this (ha) fall under the rule
    max_plot_ha: float
    #: sector keys the rule applies to; empty = every sector
    sectors: tuple[str, ...]
    #: date the rule is in force from, ``YYYY-MM-DD``
    in_force: str
    source: str
    note: str = ""

    def applies_to(self, sector: str) -> bool:
        return not self.sectors or sector in self.sectors


@dataclass(frozen=True)
class Category(Labelled):
    housing: str  # "flex" or "dwelling"
    registered: bool
    family_key: str
    default_share: float
    default_share_source: str = ""  # a source id or "assumption"; empty fails the check
    default_share_note: str = ""

    def family_norm_key(self, preset: str) -> str:
        return self.family_key.replace("{preset}", preset)


@dataclass(frozen=True)
class MunicipalityTable:
    """Municipalities the calculation can use: codes, names, housing stock, centroids.

    Coordinates are centroids in EPSG:28992 (RD New) metres. Arrays are aligned
    with ``codes``. ``source`` says where the figures come from.
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    inhabitants: np.ndarray
    households: np.ndarray
    dwellings: np.ndarray
    x: np.ndarray
    y: np.ndarray
    source: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {c: i for i, c in enumerate(self.codes)})

    def __len__(self) -> int:
        return len(self.codes)

    def index(self, code: str) -> int:
        idx: dict[str, int] = self._index  # type: ignore[attr-defined]
        return idx[code]

    def __contains__(self, code: object) -> bool:
        idx: dict[str, int] = self._index  # type: ignore[attr-defined]
        return code in idx

    def name(self, code: str) -> str:
        return self.names[self.index(code)]

    def subset(self, codes: list[str] | tuple[str, ...]) -> MunicipalityTable:
        import numpy as np

        ix = np.array([self.index(c) for c in codes], dtype=np.int64)
        return MunicipalityTable(
            codes=tuple(self.codes[i] for i in ix),
            names=tuple(self.names[i] for i in ix),
            inhabitants=self.inhabitants[ix],
            households=self.households[ix],
            dwellings=self.dwellings[ix],
            x=self.x[ix],
            y=self.y[ix],
            source=self.source,
        )


@dataclass(frozen=True)
class ReferenceSet:
    version: str
    checksum: str
    norms: dict[str, Norm]
    sources: dict[str, Source]
    sectors: dict[str, Sector]
    categories: dict[str, Category]
    presets: dict[str, dict[str, str]]
    default_preset: str
    folder: Path
    provincial_rules: tuple[ProvincialRule, ...] = ()

    @cached_property
    def municipalities(self) -> MunicipalityTable:
        """The seven Noord-Limburg rows (``municipalities_noord_limburg.csv``), read on first
        use (with numpy: checking a case needs no arrays)."""
        return read_municipality_csv(self.folder / "municipalities_noord_limburg.csv", source="cbs_kwb_2024")

    def value(self, key: str) -> float:
        return self.norms[key].value

    def citation(self, source_id: str, lang: Lang = "nl") -> str:
        if source_id == ASSUMPTION:
            return txt("label.misc.assumption", lang)
        src = self.sources.get(source_id)
        return src.citation() if src else source_id


def compute_checksum(folder: Path) -> str:
    """SHA-256 over the reference files (name, NUL, bytes, NUL), in fixed order."""
    digest = hashlib.sha256()
    for name in REFERENCE_FILES:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update((folder / name).read_bytes().replace(b"\r\n", b"\n"))
        digest.update(b"\0")
    return digest.hexdigest()


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def read_municipality_csv(path: Path, source: str) -> MunicipalityTable:
    """Read a municipality table (code, name, inhabitants, households, dwellings, x, y)."""
    import numpy as np

    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return MunicipalityTable(
        codes=tuple(r["code"] for r in rows),
        names=tuple(r["name"] for r in rows),
        inhabitants=np.array([float(r["inhabitants"]) for r in rows]),
        households=np.array([float(r["households"]) for r in rows]),
        dwellings=np.array([float(r["dwellings"]) for r in rows]),
        x=np.array([float(r["x"]) for r in rows]),
        y=np.array([float(r["y"]) for r in rows]),
        source=source,
    )


def load_reference(folder: Path | None = None) -> ReferenceSet:
    """Load the reference set (cached per folder)."""
    return _load_cached(str(folder or reference_dir()))


def sector_label(key: str, lang: Lang = "nl") -> str:
    """The sector's name in ``lang`` (``distribution`` -> "distributie / logistiek"); an
    unknown key is shown as it is."""
    sector = load_reference().sectors.get(key)
    return sector.label(lang) if sector is not None else key


def source_label(source_id: str, lang: Lang = "nl") -> str:
    """A short readable name of a source id (``nza_2018`` -> "NZa (Nederlandse Zorgautoriteit)
    (2018)"); the special ids in ``lang``; an unknown id as it is."""
    special = {
        ASSUMPTION: "label.misc.assumption",
        "case": "label.misc.case_input",
        "definition": "label.misc.definition",
    }
    if source_id in special:
        return txt(special[source_id], lang)
    src = load_reference().sources.get(source_id)
    return f"{src.publisher} ({src.year})" if src is not None else source_id


@lru_cache(maxsize=8)
def _load_cached(folder_name: str) -> ReferenceSet:
    folder = Path(folder_name)
    manifest = _read_json(folder / "manifest.json")
    sources = {
        key: Source(
            id=key,
            publisher=v["publisher"],
            title=v["title"],
            year=int(v["year"]),
            url=v.get("url", ""),
        )
        for key, v in _read_json(folder / "sources.json").items()
    }
    norms = {}
    for row in _read_json(folder / "norms.json"):
        norms[row["key"]] = Norm(
            key=row["key"],
            value=float(row["value"]),
            low=float(row["low"]),
            high=float(row["high"]),
            unit=row["unit"],
            source=row["source"],
            label_nl=row["label_nl"],
            label_en=row["label_en"],
            note=row.get("note", ""),
            low_source=row.get("low_source", ""),
            high_source=row.get("high_source", ""),
        )
    sectors = {
        row["key"]: Sector(**{**row, "monthly_profile": tuple(row.get("monthly_profile", (1.0,) * 12))})
        for row in _read_json(folder / "sectors.json")
    }
    categories = {row["key"]: Category(**row) for row in _read_json(folder / "categories.json")}
    presets_doc = _read_json(folder / "presets.json")
    rules = tuple(
        ProvincialRule(**{**row, "sectors": tuple(row["sectors"])})
        for row in _read_json(folder / "provincial_rules.json")
    )
    return ReferenceSet(
        provincial_rules=rules,
        version=str(manifest["version"]),
        checksum=str(manifest["checksum"]),
        norms=norms,
        sources=sources,
        sectors=sectors,
        categories=categories,
        presets=presets_doc["presets"],
        default_preset=presets_doc["default"],
        folder=folder,
    )


def _profile_ok(sector: Sector) -> bool:
    """Twelve months, none negative, not all 0, and the peak within the sector's range."""
    profile = sector.monthly_profile
    if len(profile) != 12 or min(profile) < 0 or sum(profile) <= 0:
        return False
    return sector.peak_factor_low - 1e-9 <= sector.peak_factor <= sector.peak_factor_high + 1e-9


def check_reference(ref: ReferenceSet) -> list[Problem]:
    """Verify the checksum and that every row has a known source or the assumption mark."""
    problems: list[Problem] = []
    actual = compute_checksum(ref.folder)
    if actual != ref.checksum:
        problems.append(Problem("reference.checksum", params={"expected": ref.checksum, "actual": actual}))

    def known(source: str) -> bool:
        return source == ASSUMPTION or source in ref.sources

    for norm in ref.norms.values():
        if not known(norm.source):
            problems.append(Problem("reference.no_source", params={"key": norm.key}))
        for extra in (norm.low_source, norm.high_source):
            if extra and not known(extra):
                problems.append(Problem("reference.no_source", params={"key": norm.key}))
        if not (norm.low <= norm.value <= norm.high):
            problems.append(Problem("reference.bad_row", params={"key": norm.key}))
    for sector in ref.sectors.values():
        for _name, central, low, high, src in sector.ranges():
            if not known(src):
                problems.append(Problem("reference.no_source", params={"key": sector.key}))
            if not (low <= central <= high):
                problems.append(Problem("reference.bad_row", params={"key": sector.key}))
        if not known(sector.monthly_profile_source):
            problems.append(Problem("reference.no_source", params={"key": sector.key}))
        if not _profile_ok(sector):
            problems.append(Problem("reference.bad_row", params={"key": sector.key}))
    for rule in ref.provincial_rules:
        if not known(rule.source) or rule.source == ASSUMPTION or not rule.in_force:
            problems.append(Problem("reference.no_source", params={"key": rule.key}))
        if not rule.max_plot_ha > 0:
            problems.append(Problem("reference.bad_row", params={"key": rule.key}))
    for category in ref.categories.values():
        if not known(category.default_share_source):
            problems.append(Problem("reference.no_source", params={"key": f"categories.{category.key}"}))
        if not (0.0 <= category.default_share <= 1.0):
            problems.append(Problem("reference.bad_row", params={"key": f"categories.{category.key}"}))
    total = sum(c.default_share for c in ref.categories.values())
    if ref.categories and abs(total - 1.0) > 1e-9:
        problems.append(
            Problem("reference.share_sum", params={"key": "categories.json", "total": f"{total:g}"})
        )
    for preset in ref.presets.values():
        if preset["source"] not in ref.sources:
            problems.append(Problem("reference.no_source", params={"key": preset["source"]}))
    if ref.municipalities.source not in ref.sources:
        problems.append(Problem("reference.no_source", params={"key": "municipalities"}))
    return problems


def write_manifest(folder: Path, version: str) -> str:
    """Recompute the checksum and write manifest.json (developer tool)."""
    checksum = compute_checksum(folder)
    try:  # keep the other entries (e.g. ``datasets``: the national geodata file and its checksum)
        doc: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        doc = {}
    doc.update(
        {
            "version": version,
            "checksum": checksum,
            "algorithm": "sha256 over name NUL bytes NUL of each file, in this order",
            "files": list(REFERENCE_FILES),
        }
    )
    (folder / "manifest.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    _load_cached.cache_clear()
    return checksum
