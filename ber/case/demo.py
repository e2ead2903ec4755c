"""The built-in demo: a 900-job distribution centre in Noord-Limburg.

Needs no file from outside the repository: the region figures are the CBS rows in
``reference_data/municipalities_noord_limburg.csv``. Sites and the capacity table
are illustrative and labelled so in the case and the report.
"""

from __future__ import annotations

from ber.case.model import Case
from ber.texts.catalogue import text

#: Illustrative spare capacity per municipality (None = unknown to the municipality).
DEMO_CAPACITY: dict[str, dict[str, float | None]] = {
    "GM0983": {
        "housing_flex": 120,
        "housing_dwellings": 60,
        "care_gp": 400,
        "education_primary": 30,
        "education_secondary": 40,
        "transport_peak": 150,
        "childcare": 15,
    },
    "GM1507": {
        "housing_flex": 60,
        "housing_dwellings": 40,
        "care_gp": 250,
        "education_primary": 25,
        "education_secondary": 20,
        "transport_peak": 120,
        "childcare": 6,
    },
    "GM0984": {
        "housing_flex": 80,
        "housing_dwellings": 35,
        "care_gp": 300,
        "education_primary": 20,
        "education_secondary": 25,
        "transport_peak": 200,
        "childcare": 8,
    },
    "GM1894": {
        "housing_flex": 40,
        "housing_dwellings": 25,
        "care_gp": 150,
        "education_primary": 15,
        "education_secondary": 15,
        "transport_peak": None,
        "childcare": 5,
    },
    "GM0889": {
        "housing_flex": 10,
        "housing_dwellings": 8,
        "care_gp": 60,
        "education_primary": 8,
        "education_secondary": None,
        "transport_peak": None,
        "childcare": 2,
    },
    "GM0893": {
        "housing_flex": 15,
        "housing_dwellings": 10,
        "care_gp": None,
        "education_primary": 6,
        "education_secondary": None,
        "transport_peak": None,
        "childcare": None,
    },
    "GM0907": {
        "housing_flex": 20,
        "housing_dwellings": None,
        "care_gp": None,
        "education_primary": 10,
        "education_secondary": 10,
        "transport_peak": None,
        "childcare": None,
    },
}


#: reference date and supplier of the demo's (invented) capacity figures
DEMO_REFERENCE_DATE = "2026-10-01"
DEMO_SUPPLIED_BY = "BER-desk (demo, fictief)"


def _demo_figures(lang: str) -> dict[str, dict[str, dict[str, object] | None]]:
    note = text("demo.capacity_source", "en" if lang == "en" else "nl")
    return {
        code: {
            domain: None
            if value is None
            else {
                "value": value,
                "source": note,
                "reference_date": DEMO_REFERENCE_DATE,
                "supplied_by": DEMO_SUPPLIED_BY,
            }
            for domain, value in row.items()
        }
        for code, row in DEMO_CAPACITY.items()
    }


def demo_case_dict(language: str = "nl") -> dict[str, object]:
    return {
        "schema": "ber-case/2",
        "meta": {
            "title": "Distributiecentrum Trade Port West (demo)",
            "reference": "DEMO-2026-001",
            "officer": "M. de Vries (demo)",
            "date": "2026-11-24",
            "language": language,
            "capacity_source": text("demo.capacity_source", "en" if language == "en" else "nl"),
            "notes": text("demo.notes", "en" if language == "en" else "nl"),
        },
        "business": {
            "name": "Demo Logistics B.V. (fictief)",
            "sector": "distribution",
            "start_year": 2027,
            "jobs": 900,
            "floor_area_m2": 144000,
            "ramp_up": [0.4, 0.7, 1.0],
            "horizon_years": 10,
            "shifts_per_day": 3,
        },
        "sites": [
            {
                "name": "Venlo – Trade Port West (illustratief)",
                "x": 205021,
                "y": 379119,
                "crs": "EPSG:28992",
                "chosen": True,
            },
            {
                "name": "Venray – De Blakt (illustratief)",
                "x": 195591,
                "y": 392107,
                "crs": "EPSG:28992",
                "chosen": False,
            },
            {
                "name": "Horst aan de Maas – Sevenum (illustratief)",
                "x": 201656,
                "y": 381757,
                "crs": "EPSG:28992",
                "chosen": False,
            },
        ],
        "workforce": {
            "migrant_share": 0.6,
            "category_shares": {
                "eu_short": 0.25,
                "eu_mid": 0.35,
                "eu_long": 0.25,
                "third_country": 0.12,
                "knowledge": 0.03,
            },
            "employer_beds": [{"municipality": "GM0983", "beds": 150}],
            "mode_shares": None,
            "residence": {"method": "gravity", "shares": {}},
            "cross_border_share": 0.05,
            "family_preset": "rijksoverheid_2023",
        },
        "region": {
            "municipalities": ["GM0889", "GM0893", "GM0907", "GM0983", "GM0984", "GM1507", "GM1894"],
            "label": "Arbeidsmarktregio Noord-Limburg",
        },
        "capacity": _demo_figures(language),
        "overrides": {},
        "mitigations": {"shuttle_share": 0.3, "employer_gp_share": 0.0, "local_recruitment_share": 0.0},
    }


def demo_case(language: str = "nl") -> Case:
    return Case.model_validate(demo_case_dict(language))
