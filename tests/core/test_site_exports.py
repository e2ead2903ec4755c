"""The site domains in the exports: the Excel sheet "Locatie" and the municipality records
of the GeoPackage / Excel (a site domain counts only in the site's municipality)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ber.case.demo import demo_case
from ber.case.figures import CapacityFigure
from ber.engine.assess import Context, assess
from ber.engine.domains import domains
from ber.engine.result import Assessment
from ber.io.excel import export_result_xlsx
from ber.io.result_table import municipality_records


@pytest.fixture(scope="module")
def result() -> Assessment:
    case = demo_case()
    sites = [case.sites[0].model_copy(update={"plot_area_ha": 20.0}), *case.sites[1:]]
    capacity = dict(case.capacity)
    venlo = "GM0983"
    capacity[venlo] = capacity[venlo].model_copy(update={"space": CapacityFigure(value=50.0)})
    return assess(case.copy_with(sites=sites, capacity=capacity), Context.default())


def test_excel_site_sheet(result: Assessment, tmp_path: Path) -> None:
    path = tmp_path / "uit.xlsx"
    export_result_xlsx(result, demo_case(), path, "nl")
    ws = openpyxl.load_workbook(path)["Locatie"]
    rows = {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["Kaveloppervlak"] == "20,0\u00a0ha"
    assert rows["Banen per hectare kavel"] == "45,0"  # 900 jobs / 20 ha
    assert "Limburg [1]" in rows


def test_site_domains_count_only_at_the_site(result: Assessment) -> None:
    host = result.site.host_municipality
    records = {r["code"]: r for r in municipality_records(result)}
    assert records[host]["space_demand"] == pytest.approx(20.0)
    assert records[host]["space_pressure"] == pytest.approx(0.4)  # 20 ha / 50 ha
    other = next(code for code in records if code != host)
    assert records[other]["space_demand"] == 0.0 and records[other]["space_capacity"] is None
    # the other municipality's coverage counts its municipal domains, not space and energy
    municipal = [d.key for d in domains() if not d.at_site]
    known = sum(records[other][f"{d}_capacity"] is not None for d in municipal)
    assert records[other]["capacity_coverage"] == pytest.approx(known / len(municipal))
    assert records[host]["capacity_coverage"] == pytest.approx(
        (sum(records[host][f"{d}_capacity"] is not None for d in municipal) + 1)
        / (len(municipal) + 2)  # space known, energy not
    )


def test_cli_summary_names_the_provincial_rule(result: Assessment) -> None:
    import io

    from ber.cli.common import print_summary

    out = io.StringIO()
    print_summary(result, "Demo", "nl", out)
    text = out.getvalue()
    assert "Provinciale regel (Limburg): de kavel van 20,0 ha is groter dan 5,0 ha" in text
    assert "Ruimte: kavel op de locatie" in text and "Vrachtbewegingen per werkdag" in text


def test_a_scan_host_keeps_the_plot_but_not_the_chosen_sites_grid_map() -> None:
    from ber.case.model import GridFigure
    from ber.engine.siteinputs import case_site

    case = demo_case()
    grid = GridFigure(area="OS X", match="postcode", available_mw=1.0, colour="red")
    chosen = case.sites[0].model_copy(update={"plot_area_ha": 12.0, "postcode": "5928RA", "grid": grid})
    case = case.copy_with(sites=[chosen, *case.sites[1:]])
    assert case_site(case, chosen.name).grid == grid  # a site of the case: its own map figure
    host = case_site(case, "Weert")  # a host of `ber scan`: the business's plot, no location data
    assert (host.plot_area_ha, host.postcode, host.grid) == (12.0, "", None)
