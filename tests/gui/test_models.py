"""qtmodeltester on every table model of the GUI, and the content of the result tables."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from ber.case.demo import demo_case
from ber.engine.assess import assess
from ber.engine.domains import domain_keys
from ber.reference.data import load_reference
from gui.models import (
    CellTableModel,
    key_figures_table,
    mitigation_table,
    reference_table,
    sites_table,
    traffic_light_table,
    verdict_table,
)
from gui.texts import tr


@pytest.fixture(scope="module")
def result() -> Any:
    return assess(demo_case(), samples=100, seed=1)


def _model(headers: Any, rows: Any, keys: Any = None, row_headers: Any = None) -> CellTableModel:
    model = CellTableModel()
    model.set_table(headers, rows, keys, row_headers)
    return model


def test_empty_model(qtmodeltester: Any) -> None:
    qtmodeltester.check(CellTableModel())


@pytest.mark.parametrize("builder", [verdict_table, key_figures_table, mitigation_table])
def test_result_models(qtmodeltester: Any, result: Any, builder: Any) -> None:
    model = _model(*builder(result, "nl"))
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_traffic_light_model(qtmodeltester: Any, result: Any) -> None:
    model = _model(*traffic_light_table(result, "nl"))
    qtmodeltester.check(model)
    # 7 municipalities of the demo region x (name + every domain; space and energy only at the site)
    assert model.rowCount() == 7
    assert model.columnCount() == 1 + len(domain_keys()) == 10
    venray = model.row_of("GM0984")  # not the chosen site's municipality: "–", no status
    assert model.data(model.index(venray, 1 + domain_keys().index("energy"))) == "–"
    venlo = model.row_of("GM0983")
    dwellings = model.index(venlo, 2)  # column 2 = housing_dwellings
    status = result.municipality("GM0983").domains["housing_dwellings"].status
    word = {"green": "groen", "amber": "oranje", "red": "rood", "grey": "onbekend"}[status]
    assert word in model.data(dwellings)
    assert model.data(dwellings, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(dwellings, Qt.ItemDataRole.UserRole) == status


def test_sites_model(qtmodeltester: Any, result: Any) -> None:
    model = _model(*sites_table(result, "en"))
    qtmodeltester.check(model)
    # sites are columns, best first; rows: 8 criteria (with the demand share on unknown
    # capacity, ranking criterion 3) + one verdict per domain
    assert model.columnCount() == 1 + 3  # the criterion, then the sites
    assert model.rowCount() == 8 + len(domain_keys())
    ranks = [model.data(model.index(model.row_of("rank"), c), Qt.ItemDataRole.UserRole) for c in (1, 2, 3)]
    assert ranks == [1, 2, 3]
    assert model.data(model.index(model.row_of("commute"), 0)).startswith(tr("col.commute"))


def test_reference_model(qtmodeltester: Any) -> None:
    ref = load_reference()
    model = _model(*reference_table(ref, "nl"))
    qtmodeltester.check(model)
    assert model.rowCount() == len(ref.norms) + len(ref.sectors)
    # every row names a source (or says it is an assumption)
    assert all(model.cell(r, 4).text for r in range(model.rowCount()))


def test_key_figures_have_units(result: Any) -> None:
    _headers, rows = key_figures_table(result, "nl")
    texts = {r[0].text: r[1].text for r in rows}
    assert texts["Banen"] == "900 banen"
    assert texts["Arbeidsmigranten"].endswith("personen")
