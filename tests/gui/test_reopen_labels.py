"""Full domain names, site labels and headers on the results and map pages at 1366×768,
also after saving and reopening a case (issue 13: "Huisvesting: …" twice, cut labels)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QTableView

from ber.engine.domains import domain_keys
from ber.texts.labels import DOMAIN_LABELS
from gui.actions import STEPS

#: the tables whose first column (domain or criterion) must never be cut
FIRST_COLUMN_FITS = ("table_verdict", "table_key_figures", "table_mitigations", "table_site_ranking")


def _reopened_window(make_window: Any, qtbot: Any, tmp_path: Path) -> Any:
    w = make_window()
    w.resize(1366, 768)
    path = tmp_path / "demo.ber"
    assert w.documents.save_to(path)
    assert w.documents.open_path(path, ask=False)
    calc = w.calculation
    qtbot.waitUntil(lambda: w.result is not None and not calc.running and not calc.wanted, timeout=10_000)
    return w


def _shown_views(w: Any, qtbot: Any, step: str) -> list[QTableView]:
    w.steps.setCurrentRow(STEPS.index(step))
    page = w.page_results if step == "results" else w.page_map
    views = [v for v in page.findChildren(QTableView) if v.isVisible()]
    qtbot.wait(50)  # the layout settles
    return views


def _fits(view: QTableView, column: int, text: str) -> bool:
    metrics = view.fontMetrics()
    widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    return view.columnWidth(column) >= widest


def test_domain_names_whole_and_once_after_reopening(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    w = _reopened_window(make_window, qtbot, tmp_path)
    names = [DOMAIN_LABELS[d]["nl"] for d in domain_keys()]
    seen = set()
    for step in ("results", "map"):
        for view in _shown_views(w, qtbot, step):
            model = view.model()
            for r in range(model.rowCount()):
                for c in range(model.columnCount()):
                    text = str(model.data(model.index(r, c)) or "")
                    flat = text.replace("\n", " ")
                    for name in names:
                        assert flat.count(name.split(":")[0] + ":") <= 1, (view.objectName(), text)
                    if flat in names:
                        seen.add((view.objectName(), flat))
                        # the domain's full name is readable: the column fits it, no "…"
                        assert _fits(view, c, text), (view.objectName(), text, view.columnWidth(c))
                        assert model.data(model.index(r, c), Qt.ItemDataRole.ToolTipRole) == flat
    assert {v for v, _n in seen} >= {"table_verdict", "table_site_ranking"}
    assert {n for _v, n in seen} == set(names)


def test_site_labels_and_headers_readable_at_1366(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    w = _reopened_window(make_window, qtbot, tmp_path)
    views = {v.objectName(): v for step in ("results", "map") for v in _shown_views(w, qtbot, step)}
    assert set(FIRST_COLUMN_FITS) <= set(views)
    for name in FIRST_COLUMN_FITS:
        view = views[name]
        model = view.model()
        for r in range(model.rowCount()):
            text = str(model.data(model.index(r, 0)) or "")
            assert _fits(view, 0, text), (name, text, view.columnWidth(0))
    # the verdict word is whole on one line ("? onbekend" does not wrap)
    verdicts = views["table_verdict"]
    for r in range(verdicts.model().rowCount()):
        word = str(verdicts.model().data(verdicts.model().index(r, 1)) or "")
        # with the cell's margins (a few pixels each side), or it wraps
        width = verdicts.fontMetrics().horizontalAdvance(word)
        assert verdicts.columnWidth(1) >= width + 8, (word, verdicts.columnWidth(1), width)
    # every header either fits its section or carries its full text as a tooltip
    for name, view in views.items():
        model = view.model()
        header = view.horizontalHeader()
        for c in range(model.columnCount()):
            text = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            if not text:
                continue
            tip = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            assert tip == text.replace("\n", " "), (name, text)
            # the label wraps at spaces: every word fits the section, the header is tall enough
            metrics = header.fontMetrics()
            widest_word = max(metrics.horizontalAdvance(word) for word in text.split())
            assert header.sectionSize(c) >= widest_word, (name, text, header.sectionSize(c))
            flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
            wrapped = metrics.boundingRect(QRect(0, 0, header.sectionSize(c) - 16, 10_000), flags, text)
            assert header.height() >= wrapped.height(), (name, text, header.height(), wrapped.height())
    # the site comparison's headers (site names) are whole in their tooltips
    sites = views["table_site_ranking"].model()
    for s in w.result.sites:
        tips = [
            str(sites.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
            for c in range(1, sites.columnCount())
        ]
        assert any(s.name.replace(" – ", " ") in t or s.name in t for t in tips), (s.name, tips)
