"""The window's geodata: built-in national set at start, layer chooser for multi-layer files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest


def _two_layer_gpkg(shared_reference: Path, path: Path) -> Path:
    import geopandas as gpd
    import pandas as pd
    import pyogrio

    gem = gpd.read_file(shared_reference / "gemeenten_2024.geojson").to_crs(28992)
    stats = pd.read_csv(shared_reference / "gemeenten_2024_indicatoren.csv", dtype={"gemeentecode": str})
    cols = ["gemeentecode", "aantal_inwoners_2024", "huishoudens_2024", "woningvoorraad_2023"]
    gem = gem.merge(stats[cols], on="gemeentecode")
    pyogrio.write_dataframe(gem, path, layer="grenzen_gegeneraliseerd", driver="GPKG")
    points = gem.copy()
    points["geometry"] = gem.geometry.representative_point()
    pyogrio.write_dataframe(points, path, layer="labelpunten", driver="GPKG")
    return path


def _gpkg_and_window(
    make_window: Any, qtbot: Any, shared_reference: Path, tmp_path: Path
) -> tuple[Path, Any]:
    """The two-layer GeoPackage and a main window whose national map has loaded."""
    path = _two_layer_gpkg(shared_reference, tmp_path / "gebieden.gpkg")
    w = make_window()
    qtbot.waitUntil(lambda: w.geo is not None, timeout=20_000)
    return path, w


def test_layer_chooser_offers_the_layers_and_the_choice_is_imported(
    make_window: Any, qtbot: Any, shared_reference: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    path, w = _gpkg_and_window(make_window, qtbot, shared_reference, tmp_path)
    asked: dict[str, Any] = {}

    def get_item(parent: Any, title: str, label: str, items: list[str], current: int, editable: bool) -> Any:
        asked.update(title=title, label=label, items=list(items), current=current)
        return "labelpunten", True

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    with qtbot.waitSignal(w.mapReady, timeout=120_000):
        w.map_region.import_geodata_dialog()
    # neither name says gemeente+gegeneraliseerd and both carry codes: the user is asked
    assert asked["items"] == ["grenzen_gegeneraliseerd", "labelpunten"]
    assert "gebieden.gpkg" in asked["label"]
    # the chosen layer (label points) was imported: municipalities without polygons
    assert w.geo is not None and not w.geo.has_polygons and len(w.geo.table) == 342


def test_cancelled_layer_choice_imports_nothing(
    make_window: Any, qtbot: Any, shared_reference: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    path, w = _gpkg_and_window(make_window, qtbot, shared_reference, tmp_path)
    before = w.geo
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("", False))
    called: list[Any] = []
    monkeypatch.setattr(w.map_region, "import_geodata_from", lambda *a, **k: called.append(a))
    w.map_region.import_geodata_dialog()
    assert called == [] and w.geo is before


def test_damaged_builtin_file_falls_back_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ber.io.paths import reference_dir
    from ber.reference.data import load_reference
    from ber.reference.national import clear_cache, dataset_entry
    from gui import geodata_import

    folder = tmp_path / "reference_data"
    shutil.copytree(reference_dir(), folder)
    (folder / dataset_entry(folder)["file"]).write_bytes(b"half a file")
    monkeypatch.setenv("BER_REFERENCE_DIR", str(folder))
    clear_cache()
    try:
        ref = load_reference(folder)
        ctx = geodata_import.builtin_context(ref)
        assert len(ctx.table) == 7 and ctx.geo is None  # the demo table, no boundaries
        assert "damaged or incomplete" in geodata_import.startup_problem("en")
        assert "beschadigd of onvolledig" in geodata_import.startup_problem("nl")
    finally:
        monkeypatch.delenv("BER_REFERENCE_DIR")
        clear_cache()
        geodata_import.STARTUP_PROBLEMS.clear()
