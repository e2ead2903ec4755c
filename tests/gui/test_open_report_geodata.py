"""A report PDF made with imported geodata, opened in the desktop application on a
machine without that data set (an objector's lawyer, a colleague): the error dialog
names the set the report needs (``msg.geodata.report_needs``), as ``ber assess
REPORT.pdf`` does, instead of "onbekende gemeentecode"; the case in the window stays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.core.test_geodata_needed import made_elsewhere  # noqa: F401 (fixture)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", ("is berekend met de geodata", "ber geodata import BESTAND")),
        ("en", ("was computed with the geodata", "ber geodata import FILE")),
    ],
)
def test_opening_the_report_names_the_missing_geodata(
    made_elsewhere: tuple[Path, Path, dict[str, object]],  # noqa: F811
    lang: str,
    words: tuple[str, ...],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_window: Any,
) -> None:
    _, pdf, geodata = made_elsewhere
    monkeypatch.setenv("BER_DATA_DIR", str(tmp_path / "other-machine"))  # only the built-in set
    w = make_window(lang)
    before = w.state.case
    if lang == "nl":  # dropped on the window
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(pdf))])
        left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        w.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, left, none))
    else:  # File > Open
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pdf), ""))
        w.commands.action_open.trigger()
    dialog = w.findChild(QMessageBox, "dialog_error")
    assert dialog is not None and dialog.isVisible()
    assert str(pdf) in dialog.text()
    error = dialog.informativeText()
    assert "vierkanten.geojson" in error and str(geodata["checksum"])[:16] in error
    assert "GM0001, GM0002, GM0003" in error and all(word in error for word in words)
    assert "onbekende gemeentecode" not in error and "unknown municipality code" not in error
    assert w.state.case is before  # nothing opened: the window keeps its case


def test_the_report_opens_where_its_geodata_are(
    made_elsewhere: tuple[Path, Path, dict[str, object]],  # noqa: F811
    qtbot: Any,
) -> None:
    from gui.app import build_window

    _, pdf, _ = made_elsewhere  # the data folder still holds the imported squares
    window = build_window("nl", pdf)  # ber-desk REPORT.pdf
    qtbot.addWidget(window)
    assert window.state.case.meta.reference == "SQ-1"
    assert window.state.path is None  # a report is no case file: saving asks where
    window.close()
