"""Site comparison: engine function, ranking JSON/CSV, and the ``ber compare`` / ``ber geodata`` CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ber.case.demo import demo_case
from ber.case.model import save_case
from ber.cli import main
from ber.engine.assess import Context, assess
from ber.engine.progress import Cancelled
from ber.geodata import compare_sites
from ber.texts.messages import InputError
from tests.core.progress_stub import CancelAfter


def test_same_order_as_the_assessment_ranking() -> None:
    case = demo_case()
    ctx = Context.default()
    expected = [(s.name, s.host_municipality) for s in assess(case, ctx).sites]
    ranking = compare_sites(case, case.sites, ctx)
    assert [(s.name, s.host_municipality) for s in ranking.sites] == expected
    assert ranking.region == "case"
    assert ranking.case_sha256 == case.sha256()


def test_progress_and_cancel() -> None:
    case = demo_case()
    sites = [s.model_copy(update={"name": f"{s.name} {i}"}) for i in range(8) for s in case.sites]  # 24 sites
    progress = CancelAfter(calls=100)
    compare_sites(case, sites, Context.default(), progress)
    assert progress.fractions == pytest.approx([10 / 24, 20 / 24, 1.0])
    with pytest.raises(Cancelled):
        compare_sites(case, sites, Context.default(), CancelAfter(calls=1))


def test_invalid_candidate_reported(tmp_path: Path) -> None:
    from ber.case.model import Site
    from ber.texts.messages import InputError

    case = demo_case()
    bad = [case.sites[0], Site(name="Parijs", x=2.35, y=48.85, crs="EPSG:4326")]
    with pytest.raises(InputError) as err:
        compare_sites(case, bad, Context.default())
    assert [p.code for p in err.value.problems] == ["site.outside"]
    assert "sites[1]" in err.value.texts("en")[0]


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.ber"
    save_case(demo_case(), path)
    return path


def _hosts(path: Path) -> list[tuple[str, str]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [(doc["site"]["name"], doc["site"]["host_municipality"])] + [
        (s["name"], s["host_municipality"]) for s in doc["sites"]
    ]


def test_cli_assess_with_national_geodata_same_hosts(
    demo_file: Path, tmp_path: Path, shared_reference: Path
) -> None:
    builtin, national = tmp_path / "builtin.json", tmp_path / "national.json"
    assert main(["assess", str(demo_file), "--out", str(builtin), "--quiet"]) == 0
    assert (
        main(
            ["assess", str(demo_file), "--geodata", str(shared_reference), "--out", str(national), "--quiet"]
        )
        == 0
    )
    assert _hosts(builtin) == _hosts(national)
    assert {h for _, h in _hosts(national)} == {"GM0983", "GM0984", "GM1507"}
    doc = json.loads(national.read_text(encoding="utf-8"))
    assert doc["region"]["data_source"].startswith("Geodata: gemeenten_2024.geojson")


def test_cli_compare_writes_json_and_excel_csv(
    demo_file: Path, tmp_path: Path, shared_reference: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sites = tmp_path / "kavels.csv"
    # Groningen, Venlo, Middelburg, Enschede in WGS84
    sites.write_text(
        "naam,lon,lat\nGroningen,6.5683,53.2194\nVenlo,6.1720,51.3704\nMiddelburg,3.6136,51.4988\n"
        "Enschede,6.8937,52.2215\n",
        encoding="utf-8",
    )
    out, table = tmp_path / "ranking.json", tmp_path / "ranking.csv"
    code = main(
        ["compare", str(demo_file), "--sites", str(sites), "--geodata", str(shared_reference), "--region", "cutoff",
         "--out", str(out), "--csv", str(table)]
    )  # fmt: skip
    assert code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "ber-ranking/1"
    hosts = {s["name"]: s["host_municipality"] for s in doc["sites"]}
    assert hosts == {"Groningen": "GM0014", "Venlo": "GM0983", "Middelburg": "GM0687", "Enschede": "GM0153"}
    for key in ("rank", "name", "host_municipality", "host_name", "x", "y", "red", "amber", "grey", "max_pressure",
                "commute_vehicle_km_per_day", "verdict"):  # fmt: skip
        assert key in doc["sites"][0]
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("rang;naam;gastgemeente;")
    first = lines[1].split(";")
    best = doc["sites"][0]
    assert first[:4] == ["1", best["name"], best["host_municipality"], best["host_name"]]
    # decimal comma, no thousands separator
    assert first[10] == f"{best['commute_vehicle_km_per_day']:.0f}"
    if best["max_pressure"] is not None:
        assert first[9] == f"{best['max_pressure']:.2f}".replace(".", ",")
    # after the six verdicts: the share on unknown capacity and the coverage per domain, as in the JSON
    header = lines[0].split(";")
    k = 11 + len(best["verdict"])  # rank … verdict columns, then one verdict per domain
    assert header[k] == "aandeel_op_onbekende_capaciteit"
    assert header[k + 1] == "dekking_bekende_capaciteit: Huisvesting: flexbedden"
    assert len(header) == k + 1 + len(best["verdict"])
    assert first[k] == f"{best['unknown_share']:.3f}".replace(".", ",")
    assert first[k + 1 :] == [f"{best['coverage'][d]:.3f}".replace(".", ",") for d in best["verdict"]]
    printed = capsys.readouterr().out
    assert "Groningen" in printed and "voertuig-km/dag" in printed


def test_cli_compare_bad_sites_file_exit_2(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sites = tmp_path / "kavels.geojson"
    sites.write_text("dit is geen geojson", encoding="utf-8")
    assert main(["--lang", "en", "compare", str(demo_file), "--sites", str(sites)]) == 2
    err = capsys.readouterr().err
    assert "kavels.geojson" in err and "Traceback" not in err


def test_cli_geodata_import_info_clear(demo_file: Path, tmp_path: Path, shared_reference: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    assert main(["geodata", "info"]) == 0
    assert "Geen geïmporteerde geodata" in capsys.readouterr().out
    assert main(["geodata", "import", str(shared_reference)]) == 0
    out = capsys.readouterr().out
    assert "342 gemeenten" in out and "35 arbeidsmarktregio's" in out and "woningvoorraad" in out
    assert main(["--lang", "en", "geodata", "info"]) == 0
    assert "342 municipalities" in capsys.readouterr().out
    # the stored import is used without --geodata
    result = tmp_path / "r.json"
    assert main(["assess", str(demo_file), "--out", str(result), "--quiet"]) == 0
    assert json.loads(result.read_text(encoding="utf-8"))["region"]["data_source"].startswith("Geodata:")
    assert main(["geodata", "clear"]) == 0
    assert "verwijderd" in capsys.readouterr().out
    assert main(["assess", str(demo_file), "--out", str(result), "--quiet"]) == 0
    assert not json.loads(result.read_text(encoding="utf-8"))["region"]["data_source"].startswith("Geodata:")


def test_sites_far_from_the_builtin_region_are_refused() -> None:
    # With only the seven-row demo table (no boundaries) the host would be the nearest built-in centroid (Gennep, ~174 km
    # from Groningen): assess and compare refuse such a site instead of guessing.
    from ber.case.model import Site

    case = demo_case()
    far = Site(name="Groningen", x=6.5683, y=53.2194, crs="EPSG:4326")
    with pytest.raises(InputError) as err:
        compare_sites(case, [case.sites[0], far], Context.demo_region())
    assert [p.code for p in err.value.problems] == ["site.far_from_region"]
    assert "ber geodata import" in err.value.texts("nl")[0]
    assert "ber geodata import" in err.value.texts("en")[0]


def test_sites_anywhere_with_the_builtin_national_data() -> None:
    """The default context is the whole country: the same Groningen site is ranked, hosted in Groningen."""
    from ber.case.model import Site

    case = demo_case()
    far = Site(name="Groningen", x=6.5683, y=53.2194, crs="EPSG:4326")
    ranking = compare_sites(case, [case.sites[0], far], Context.default())
    hosts = {s["name"]: s["host_municipality"] for s in ranking.to_dict()["sites"]}
    assert hosts["Groningen"] == "GM0014"
