"""Issue 11 item 8: every reference value the engine uses has a source or the assumption
mark, and ``check_reference`` (``ber reference --check``) fails a row without one."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ber.case.model import Business
from ber.io.paths import reference_dir
from ber.reference.data import ASSUMPTION, check_reference, load_reference, write_manifest


def _broken_copy(tmp_path: Path, name: str, edit: Callable[[Any], None]) -> list[str]:
    """Copy the reference set, apply ``edit`` to one JSON file, re-sign it, run the check."""
    folder = tmp_path / "ref"
    shutil.copytree(reference_dir(), folder)
    path = folder / name
    doc = json.loads(path.read_text("utf-8"))
    edit(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    write_manifest(folder, "test")  # a valid checksum: only the missing source may fail
    return [p.text("en") for p in check_reference(load_reference(folder))]


def _row(rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return next(r for r in rows if r["key"] == key)


def test_shipped_reference_set_passes() -> None:
    assert [p.text("en") for p in check_reference(load_reference())] == []


ROWS = [
    ("categories.json", "eu_short", "default_share_source"),
    ("norms.json", "status.amber_threshold", "source"),
    ("norms.json", "status.red_threshold", "source"),
    ("norms.json", "business.shifts_per_day", "source"),
    ("sectors.json", "ecommerce_fulfilment", "m2_per_job_source"),
    ("sectors.json", "other", "value_added_per_job_source"),
]


@pytest.mark.parametrize(
    ("name", "key", "field", "bad"),
    [(*row, bad) for row in ROWS for bad in ("", "no_such_source")]
    # an empty low_source means "the row's own source"; an unknown one fails
    + [("norms.json", "care.gp_patients_per_fte", "low_source", "no_such_source")],
)
def test_row_without_source_or_assumption_fails(
    tmp_path: Path, name: str, key: str, field: str, bad: str
) -> None:
    def edit(doc: Any) -> None:
        _row(doc, key)[field] = bad

    problems = _broken_copy(tmp_path, name, edit)
    assert any("no source and no 'assumption' mark" in p and key in p for p in problems), problems


def test_category_default_shares_must_sum_to_one(tmp_path: Path) -> None:
    def edit(doc: Any) -> None:
        _row(doc, "eu_short")["default_share"] = 0.3  # 0.3 + 0.35 + 0.25 + 0.12 + 0.03 = 1.05

    problems = _broken_copy(tmp_path, "categories.json", edit)
    assert problems == ["Reference data: the default shares in categories.json add up to 1.05 instead of 1"]


def test_defaults_are_reference_rows() -> None:
    """Category shares, the shift default and the status thresholds come from the
    reference set, each with a source or the assumption mark."""
    ref = load_reference()
    shares = {c.key: c.default_share for c in ref.categories.values()}
    assert shares == {
        "eu_short": 0.25,
        "eu_mid": 0.35,
        "eu_long": 0.25,
        "third_country": 0.12,
        "knowledge": 0.03,
    }
    assert all(c.default_share_source == ASSUMPTION for c in ref.categories.values())
    for key, value in (
        ("business.shifts_per_day", 2.0),
        ("status.amber_threshold", 0.5),
        ("status.red_threshold", 1.0),
    ):
        assert ref.norms[key].value == value
        assert ref.norms[key].is_assumption
    # a case without shifts takes the reference row
    assert Business(name="x", sector="distribution", start_year=2030).shifts_per_day == 2


def test_corrected_citations() -> None:
    """GP norm: 2,095 (NZa 2018), low 1,800 (LHV), high 2,168 (NZa 2013-2017).
    Primary class size: 23.1 (2017) with 22.6 (2019) and 23.3 (2013-2016), each cited.
    Newcomer class size: an assumption with a range. Fulfilment split from warehousing."""
    ref = load_reference()
    gp = ref.norms["care.gp_patients_per_fte"]
    assert (gp.value, gp.low, gp.high) == (2095, 1800, 2168)
    assert (gp.source, gp.low_source, gp.high_source) == ("nza_2018", "lhv_1800", "nza_2013")
    assert "LHV" not in gp.label_nl + gp.label_en
    primary = ref.norms["education.class_size_primary"]
    assert (primary.value, primary.low, primary.high) == (23.1, 22.6, 23.3)
    assert primary.low_source == "duo_groepsgrootte_2019"
    assert ref.sources["duo_groepsgrootte_2019"].year == 2020
    newcomer = ref.norms["education.newcomer_class_size"]
    assert newcomer.is_assumption and newcomer.low < newcomer.value < newcomer.high
    dc, fc = ref.sectors["distribution"], ref.sectors["ecommerce_fulfilment"]
    assert (dc.m2_per_job_low, dc.m2_per_job, dc.m2_per_job_high) == (150, 160, 170)
    assert (fc.m2_per_job_low, fc.m2_per_job, fc.m2_per_job_high) == (90, 110, 125)
    assert fc.m2_per_job_source == "bolcom_waalwijk" and fc.label("nl") and fc.label("en")


CBS_VALUE_ADDED = "cbs_nr_2022_value_added_labour"


def test_value_added_per_job_from_cbs_tables() -> None:
    """Issue 18 item 3, hand-computed from CBS StatLine 84088NED (bruto toegevoegde waarde
    basisprijzen, mln euro) and 84164NED (x 1 000), reporting year 2022*, rounded to 100 euro:

    - A-U Alle economische activiteiten (sector ``other``): 859,803 mln euro;
      / 10,157 thousand persons employed = 84,652 -> 84,700 (central);
      / 11,377 thousand jobs = 75,574 -> 75,600 (low);
      / 8,145 thousand labour years = 105,562 -> 105,600 (high).
    - 01 Landbouw (sector ``greenhouse_horticulture``): 13,926 mln euro;
      / 198 = 70,333 -> 70,300; / 249 = 55,928 -> 55,900; / 174 = 80,034 -> 80,000.
    """
    ref = load_reference()
    expected = {"other": (84_700, 75_600, 105_600), "greenhouse_horticulture": (70_300, 55_900, 80_000)}
    for key, figures in expected.items():
        s = ref.sectors[key]
        assert (s.value_added_per_job, s.value_added_per_job_low, s.value_added_per_job_high) == figures
        assert (s.value_added_per_job_source, s.value_added_per_job_year) == (CBS_VALUE_ADDED, 2022)
    source = ref.sources[CBS_VALUE_ADDED]
    assert "84088NED" in source.title and "84164NED" in source.title
    assert source.url == "https://www.cbs.nl/nl-nl/cijfers/detail/84088NED"


def test_value_added_without_cbs_figure_stays_a_marked_assumption() -> None:
    """The sectors whose CBS value-added row was not found keep the assumption mark, and
    their note says so (no figure is presented as sourced that is not)."""
    ref = load_reference()
    for key in ("distribution", "ecommerce_fulfilment", "food_processing", "manufacturing"):
        s = ref.sectors[key]
        assert s.value_added_per_job_source == ASSUMPTION
        assert "Still an assumption" in s.value_added_per_job_note
