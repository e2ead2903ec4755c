"""Adding a metric or a domain is one registry entry plus its calculation.

The fixture registers an extra metric (twice the extra residents) and an extra
domain (the extra residents per municipality, against a capacity in persons) for
one test; the test shows that each appears in every output without touching any
output's code: the result JSON, the CLI summary, the uncertainty and sensitivity
tables, the report, the GUI table models and the Excel export.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.case.model import save_case
from ber.cli import main
from ber.engine import domains, metrics
from ber.engine.assess import Context, assess
from ber.engine.domains import Domain
from ber.engine.metrics import ALL_OUTPUTS, Metric
from ber.io.excel import export_result_xlsx
from ber.texts.labels import DOMAIN_LABELS, TOTAL_LABELS
from gui.models import CellTableModel, key_figures_table, traffic_light_table, verdict_table

METRIC_NL = "Testkengetal dubbele inwoners"
DOMAIN_NL = "Testdomein: inwoners"


@pytest.fixture
def extra(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Metric, Domain]]:
    """An extra metric and an extra domain, registered for one test only."""
    metric = Metric(
        key="test_residents_twice",
        unit="persons",
        label="test_residents_twice",
        take=lambda raw: 2.0 * raw.local["residents"].sum(axis=1),
        decimals=0,
        shown_in=ALL_OUTPUTS,
    )
    domain = Domain(key="test_residents", demand="residents", unit="persons", label="test_residents")
    monkeypatch.setitem(
        TOTAL_LABELS, metric.label, {"nl": METRIC_NL, "en": "Test figure twice the residents"}
    )
    monkeypatch.setitem(DOMAIN_LABELS, domain.label, {"nl": DOMAIN_NL, "en": "Test domain: residents"})
    metrics.register(metric)
    domains.register(domain)
    try:
        yield metric, domain
    finally:
        metrics.unregister(metric.key)
        domains.unregister(domain.key)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_an_extra_metric_and_domain_appear_everywhere(
    extra: tuple[Metric, Domain], tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: Any
) -> None:
    metric, domain = extra
    case = demo_case("nl")
    case_file, json_file, pdf_file = tmp_path / "demo.ber", tmp_path / "result.json", tmp_path / "demo.pdf"
    save_case(case, case_file)

    # the CLI: summary on stdout, result JSON and report written
    code = main(
        ["assess", str(case_file), "--out", str(json_file), "--pdf", str(pdf_file), "--samples", "40"]
    )
    assert code == 0
    stdout = capsys.readouterr().out
    assert METRIC_NL in stdout
    assert DOMAIN_NL in stdout

    # the result JSON: totals, per year, per municipality, verdict, uncertainty, sensitivity
    doc = json.loads(json_file.read_text("utf-8"))
    assert doc["totals"][metric.key] == pytest.approx(2 * doc["totals"]["residents"])
    assert doc["per_year"][metric.key] == pytest.approx([2 * v for v in doc["per_year"]["residents"]])
    for m in doc["municipalities"]:
        assert m[domain.key]["demand"] == pytest.approx(m["residents"])
        assert m[domain.key]["unit"] == "persons"
        assert m[domain.key]["status"] in ("grey", "green")  # the demo case has no capacity for it
    assert doc["verdict"][domain.key]["status"] == "grey"
    assert set(doc["uncertainty"]["totals"][metric.key]) == {"p10", "p50", "p90"}
    assert domain.key in doc["uncertainty"]["pressure"]
    assert domain.key in doc["uncertainty"]["demand_per_year"]
    assert all(metric.key in row["outputs"] for row in doc["sensitivity"])
    assert domain.key in doc["mitigations"]["without"]["verdict"]

    # the report: key figures, verdict and results per domain, uncertainty tables
    report = _flat("".join(p.extract_text() for p in PdfReader(str(pdf_file)).pages))
    assert report.count(METRIC_NL) >= 2  # key figures and the uncertainty table
    assert report.count(DOMAIN_NL) >= 3  # summary, mitigations, results, uncertainty

    result = assess(case, Context.default(), samples=40, seed=1)

    # the GUI's table models (no window needed)
    model = CellTableModel()
    model.set_table(*key_figures_table(result, "nl"))
    texts = [model.cell(r, 0).text for r in range(model.rowCount())]
    assert METRIC_NL in texts
    headers, rows, keys = traffic_light_table(result, "nl")
    model.set_table(headers, rows, keys)
    assert DOMAIN_NL.replace(": ", ":\n") in [
        model.headerData(c, _horizontal()) for c in range(model.columnCount())
    ]
    model.set_table(*verdict_table(result, "nl"))
    assert DOMAIN_NL in [model.cell(r, 0).text for r in range(model.rowCount())]

    # the Excel export: summary, municipalities, per year, uncertainty
    xlsx = tmp_path / "demo.xlsx"
    export_result_xlsx(result, case, xlsx, "nl")
    wb = openpyxl.load_workbook(xlsx)
    seen = {ws.title: {c for row in ws.iter_rows(values_only=True) for c in row} for ws in wb.worksheets}
    assert {METRIC_NL, DOMAIN_NL} <= seen["Samenvatting"]
    assert DOMAIN_NL in seen["Gemeenten"]
    assert METRIC_NL in seen["Per jaar"]
    assert {METRIC_NL, DOMAIN_NL} <= seen["Onzekerheid"]


def test_registering_twice_is_refused(extra: tuple[Metric, Domain]) -> None:
    metric, domain = extra
    with pytest.raises(ValueError):
        metrics.register(metric)
    with pytest.raises(ValueError):
        domains.register(domain)


def test_the_fixture_leaves_the_registries_as_they_were() -> None:
    assert "test_residents_twice" not in metrics.metric_keys()
    assert "test_residents" not in domains.domain_keys()


def _horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal
