"""Try the map widget on its own: ``python -m gui.map_demo [--lang en] [--domain care_gp]``.

Opens a window with the national municipality map (CBS/PDOK boundaries from
``../shared/reference/gemeenten_2024.geojson`` when present, else ``--boundaries``),
coloured by the demo case's statuses for one domain: the demo region coloured,
the rest of the country faded. A domain chooser recolours, "Locatie toevoegen"
switches the add-site mode, and the status bar echoes hover, clicks and requested
sites. ``--screenshot PATH`` renders the window offscreen to a PNG and exits.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ber.texts.catalogue import LangTable
from ber.texts.messages import Lang
from gui.map_view import MapView

DEFAULT_BOUNDARIES = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "gemeenten_2024.geojson"
)

TEXTS: Mapping[str, dict[str, str]] = LangTable("gui.map_demo.")


def build_window(
    boundaries: Path, lang: Lang = "nl", domain: str = "housing_dwellings"
) -> tuple[QMainWindow, MapView]:
    """The demo window with the map, a domain chooser and toggles, and its map."""
    from ber.case.demo import demo_case
    from ber.engine.assess import assess
    from ber.engine.domains import domain_keys
    from ber.maplayer import load_geojson_layer, pressures_for, statuses_for, tooltips_for
    from ber.texts.labels import DOMAIN_LABELS

    t = {k: v[lang] for k, v in TEXTS.items()}
    layer = load_geojson_layer(boundaries)
    result = assess(demo_case(lang))

    window = QMainWindow()
    window.setWindowTitle(t["title"])
    view = MapView(lang=lang)
    view.set_layer(layer)
    view.set_region(result.region.municipalities)
    view.set_tooltips(tooltips_for(result, dict(layer.names), lang))
    view.set_sites(
        [(s.name, s.x, s.y, s.chosen) for s in result.sites]
        or [(result.site.name, result.site.x, result.site.y, True)]
    )

    chooser = QComboBox()
    chooser.setObjectName("map_domain")
    chooser.setAccessibleName(t["domain"])
    for d in domain_keys():
        chooser.addItem(DOMAIN_LABELS[d][lang], d)
    ramp = QCheckBox(t["ramp"])
    add_site = QPushButton(t["add_site"])
    add_site.setCheckable(True)
    fit = QPushButton(t["fit"])
    country = QPushButton(t["country"])

    def recolour() -> None:
        d = chooser.currentData()
        if ramp.isChecked():
            view.set_pressures(pressures_for(result, d), DOMAIN_LABELS[d][lang])
        else:
            view.set_statuses(statuses_for(result, d), DOMAIN_LABELS[d][lang])

    chooser.currentIndexChanged.connect(recolour)
    ramp.toggled.connect(recolour)
    add_site.toggled.connect(view.set_add_site_mode)
    fit.clicked.connect(view.fit_region)
    country.clicked.connect(view.fit_all)
    view.municipalityClicked.connect(
        lambda code: window.statusBar().showMessage(f"{t['clicked']}: {layer.name(code)} ({code})")
    )
    view.siteRequested.connect(
        lambda x, y: window.statusBar().showMessage(f"{t['site_requested']} {x:,.0f}; {y:,.0f} m")
    )
    view.hovered.connect(lambda code: window.statusBar().showMessage(layer.name(code) if code else ""))

    bar = QHBoxLayout()
    bar.addWidget(QLabel(t["domain"]))
    for w in (chooser, ramp, add_site, fit, country):
        bar.addWidget(w)
    bar.addStretch(1)
    central = QWidget()
    box = QVBoxLayout(central)
    box.addLayout(bar)
    box.addWidget(view, 1)
    window.setCentralWidget(central)
    window.resize(1100, 850)
    chooser.setCurrentIndex(list(domain_keys()).index(domain))
    recolour()
    return window, view


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.map_demo", description=__doc__.splitlines()[0])
    parser.add_argument("--boundaries", type=Path, default=DEFAULT_BOUNDARIES)
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    parser.add_argument("--domain", default="housing_dwellings")
    parser.add_argument("--region", action="store_true", help="start zoomed to the region")
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the window and exit")
    args = parser.parse_args(argv)
    lang: Lang = args.lang
    if not args.boundaries.is_file():
        print(TEXTS["missing"][lang].format(path=args.boundaries), file=sys.stderr)
        return 2
    if args.screenshot:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window, view = build_window(args.boundaries, lang, args.domain)
    window.show()

    def start() -> None:
        # runs once the event loop has laid out the window, so fitting uses its real size
        if args.region:
            view.fit_region()
        if args.screenshot:
            window.grab().save(str(args.screenshot))
            QApplication.quit()

    QTimer.singleShot(0, start)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
