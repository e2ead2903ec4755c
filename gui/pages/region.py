"""Step 4, Regio en capaciteit: which municipalities form the region, and their spare capacity."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ber.engine.domains import domain_keys
from ber.io.capacity import Edit
from ber.texts.messages import Problem
from gui.binding import Binder, error_label
from gui.pages.common import notes_label, page_title
from gui.texts import language, tr

KINDS = ("arbeidsmarktregio", "provincie", "corop")


def matching_region(geo: Any, codes: list[str] | None, label: str = "") -> tuple[str, str] | None:
    """(kind, region code) of the geodata region whose members are exactly ``codes``.

    When no region has exactly these members, a ``label`` that names a region
    ("Arbeidsmarktregio Noord-Limburg", "Provincie Limburg", in either language)
    still counts, so a case whose member list was edited elsewhere shows its origin.
    A region the officer ticked by hand (its label says so) stays a ticked list.
    """
    if geo is None or not codes:
        return None
    from gui.texts import TEXTS

    hand = {TEXTS[key][lang] for key in ("region.own_label", "region.ticked_label") for lang in ("nl", "en")}
    if label.strip() in hand:
        return None

    wanted = set(codes)
    by_label: tuple[str, str] | None = None
    for kind in KINDS:
        try:
            regions = geo.regions(kind)
        except Exception:  # a geodata import without this region kind
            continue
        names = {TEXTS[f"region.kind.{kind}"][lang] for lang in ("nl", "en")}
        for code, (name, members) in regions.items():
            if set(members) == wanted:
                return kind, code
            if by_label is None and label and label.strip() in {f"{n} {name}" for n in names}:
                by_label = (kind, code)
    return by_label


class RegionPage(QWidget):
    #: cells of the capacity table were typed wrongly, or corrected (input problems changed)
    capacityInvalidChanged = Signal()

    def __init__(
        self,
        binder: Binder,
        municipalities: Callable[[], list[tuple[str, str]]],
        geodata: Callable[[], Any],
    ) -> None:
        super().__init__()
        self.setObjectName("page_region")
        self.binder = binder
        self.state = binder.state
        self.municipalities = municipalities
        self.geodata = geodata
        lay = QVBoxLayout(self)
        lay.addWidget(page_title(tr("step.region"), tr("region.intro")))

        box = QGroupBox(tr("region.group"))
        bl = QVBoxLayout(box)
        self.mode_group = QButtonGroup(self)
        self.radio_auto = QRadioButton(tr("region.auto"))
        self.radio_auto.setObjectName("radio_region_auto")
        self.radio_auto.setToolTip(tr("region.auto_tip"))
        self.radio_kind = QRadioButton(tr("region.kind"))
        self.radio_kind.setObjectName("radio_region_kind")
        self.radio_list = QRadioButton(tr("region.list"))
        self.radio_list.setObjectName("radio_region_list")
        for i, r in enumerate((self.radio_auto, self.radio_kind, self.radio_list)):
            self.mode_group.addButton(r, i)
        bl.addWidget(self.radio_auto)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.radio_kind)
        self.combo_kind = QComboBox()
        self.combo_kind.setObjectName("combo_region_kind")
        self.combo_kind.setAccessibleName(tr("region.kind"))
        for k in KINDS:
            self.combo_kind.addItem(tr(f"region.kind.{k}"), k)
        self.combo_region = QComboBox()
        self.combo_region.setObjectName("combo_region_code")
        self.combo_region.setAccessibleName(tr("region.which"))
        self.combo_region.setMinimumWidth(260)
        kind_row.addWidget(self.combo_kind)
        kind_row.addWidget(self.combo_region, 1)
        bl.addLayout(kind_row)
        self.kind_note = QLabel(tr("region.kind_needs_geodata"))
        self.kind_note.setWordWrap(True)
        self.kind_note.setStyleSheet("color: #555;")
        bl.addWidget(self.kind_note)
        list_row = QHBoxLayout()
        list_row.addWidget(self.radio_list)
        self.filter = QLineEdit()
        self.filter.setObjectName("edit_region_filter")
        self.filter.setPlaceholderText(tr("region.filter"))
        self.filter.setAccessibleName(tr("region.filter"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        list_row.addWidget(self.filter, 1)
        bl.addLayout(list_row)
        self.list = QListWidget()
        self.list.setObjectName("list_region_municipalities")
        self.list.setAccessibleName(tr("region.list"))
        self.list.setMaximumHeight(170)
        bl.addWidget(self.list)
        self.label_current = QLabel()
        self.label_current.setObjectName("label_region_current")
        self.label_current.setWordWrap(True)
        bl.addWidget(self.label_current)
        self.label_region_notes = notes_label("label_region_notes")
        bl.addWidget(self.label_region_notes)
        self.message = error_label(self)
        bl.addWidget(self.message)
        lay.addWidget(box)
        binder.custom("region", box, lambda _v: self.refresh(), self.message)

        cap_box = QGroupBox(tr("capacity.group"))
        cl = QVBoxLayout(cap_box)
        intro = QLabel(tr("capacity.intro"))
        intro.setWordWrap(True)
        cl.addWidget(intro)
        self.capacity_holder = QVBoxLayout()
        cl.addLayout(self.capacity_holder)
        self.capacity: Any = None
        self._capacity_codes: list[str] = []
        self.cap_message = error_label(self)
        cl.addWidget(self.cap_message)
        binder.custom("capacity", cap_box, lambda _v: self.refresh_capacity(), self.cap_message)
        source_label = QLabel(tr("capacity.source"))
        cl.addWidget(source_label)
        self.source = QPlainTextEdit()
        self.source.setObjectName("edit_capacity_source")
        self.source.setAccessibleName(tr("capacity.source"))
        self.source.setToolTip(tr("capacity.source_tip"))
        self.source.setMaximumHeight(70)
        source_label.setBuddy(self.source)
        binder.text(self.source, "meta.capacity_source")
        cl.addWidget(self.source)
        lay.addWidget(cap_box, 1)
        from gui.pages.rules import PolicyRulesBox

        self.rules = PolicyRulesBox(binder, lambda: list(zip(*self._region_names(), strict=True)))
        lay.addWidget(self.rules)

        self.radio_auto.toggled.connect(lambda on: self._choose_auto() if on else None)
        self.radio_kind.toggled.connect(lambda on: self._choose_kind() if on else None)
        self.radio_list.toggled.connect(lambda on: self._choose_list() if on else None)
        self.combo_kind.currentIndexChanged.connect(lambda _i: self._fill_regions())
        self.combo_region.activated.connect(lambda _i: self._choose_kind())
        self.list.itemChanged.connect(lambda _item: self._choose_list())
        self._result_codes: list[str] = []

    # --- capacity table -------------------------------------------------------------

    def ensure_capacity_widget(self) -> None:
        if self.capacity is not None:
            return
        try:
            from gui.capacity_table import CapacityTableWidget
        except ImportError:  # built by another helper; show a placeholder until it exists
            placeholder = QLabel(tr("capacity.placeholder"))
            placeholder.setObjectName("table_capacity")
            self.capacity_holder.addWidget(placeholder)
            self.capacity = placeholder
            return
        self.capacity = CapacityTableWidget(on_edits=self._on_capacity_edits, lang=language())
        self.capacity.model.invalidChanged.connect(self.capacityInvalidChanged)
        self.capacity.setMinimumHeight(280)
        self.capacity.on_provenance = self._on_capacity_provenance
        if hasattr(self.capacity, "label_source"):
            self.capacity.label_source.setVisible(False)  # the editable source field follows below
        self.capacity_holder.addWidget(self.capacity)
        from gui.capacity_request import CapacityRequestPanel

        self.request_panel = CapacityRequestPanel(self.state, self._region_names, self._request_message, self)
        self.capacity_holder.addWidget(self.request_panel)

    def capacity_problems(self) -> list[Problem]:
        """Cells of the capacity table typed wrongly: input problems until corrected."""
        from gui.capacity_table import CapacityTableWidget

        if isinstance(self.capacity, CapacityTableWidget):
            return self.capacity.model.invalid_problems()
        return []

    def _on_capacity_edits(self, edits: list[Edit]) -> None:
        capacity = {code: dict(values) for code, values in self.state.case.to_dict()["capacity"].items()}
        for code, domain, value in edits:
            row = capacity.setdefault(code, {d: None for d in domain_keys()})
            old = row.get(domain)  # a new number keeps the figure's provenance; unknown drops it
            row[domain] = {**old, "value": value} if isinstance(old, dict) and value is not None else value
        self.state.set_value("capacity", capacity, tr("capacity.group"))

    def _on_capacity_provenance(self, edits: list[tuple[str, str, str, str, str]]) -> None:
        """Source, reference date and supplier of cells (one undo step); the value stays."""
        capacity = {code: dict(values) for code, values in self.state.case.to_dict()["capacity"].items()}
        for code, domain, source, date, supplied_by in edits:
            row = capacity.setdefault(code, {d: None for d in domain_keys()})
            old = row.get(domain)
            value = old.get("value") if isinstance(old, dict) else old
            row[domain] = {
                "value": value,
                "source": source,
                "reference_date": date,
                "supplied_by": supplied_by,
            }
        self.state.set_value("capacity", capacity, tr("capacity.group"))

    def _region_names(self) -> tuple[list[str], list[str]]:
        names = dict(self.municipalities())
        codes = self.region_codes()
        return codes, [names.get(c, c) for c in codes]

    def _request_message(self, text: str, error: bool) -> None:
        self.cap_message.setStyleSheet("color: #B00020;" if error else "")
        self.cap_message.setText(text)
        self.cap_message.setVisible(bool(text))

    def region_codes(self) -> list[str]:
        return list(self.state.case.region.municipalities or self._result_codes)

    def set_result_region(self, codes: list[str]) -> None:
        self._result_codes = list(codes)
        self.refresh_capacity()

    def refresh_capacity(self) -> None:
        self.ensure_capacity_widget()
        self.rules.set_region()
        if not hasattr(self.capacity, "set_region"):
            return
        names = dict(self.municipalities())
        codes = self.region_codes()
        capacity = {
            code: {d: cap.get(d) for d in domain_keys()} for code, cap in self.state.case.capacity.items()
        }
        if codes != self._capacity_codes:
            self.capacity.set_region(codes, [names.get(c, c) for c in codes], capacity)
            self._capacity_codes = codes
        else:
            self.capacity.set_capacity(capacity)
        from ber.reference.data import load_reference
        from gui.capacity_provenance import cell_provenance

        self.capacity.model.set_provenance(*cell_provenance(self.state.case, load_reference()))

    # --- region choice --------------------------------------------------------------

    def refresh(self) -> None:
        geo = self.geodata()
        has_geo = geo is not None
        self.radio_kind.setEnabled(has_geo)
        self.combo_kind.setEnabled(has_geo)
        self.combo_region.setEnabled(has_geo)
        self.kind_note.setVisible(not has_geo)
        if has_geo and self.combo_region.count() == 0:
            self._fill_regions()
        region = self.state.case.region
        match = matching_region(geo, region.municipalities, region.label)
        blocked = (
            self.radio_auto,
            self.radio_kind,
            self.radio_list,
            self.list,
            self.combo_kind,
            self.combo_region,
        )
        for w in blocked:
            w.blockSignals(True)
        if region.municipalities is None:
            self.radio_auto.setChecked(True)
        elif match is not None:  # a labour-market region or province of the geodata, e.g. reopened
            self.radio_kind.setChecked(True)
            kind, code = match
            if self.combo_kind.currentData() != kind:
                self.combo_kind.setCurrentIndex(self.combo_kind.findData(kind))
                self._fill_regions()
            self.combo_region.setCurrentIndex(self.combo_region.findData(code))
        else:
            self.radio_list.setChecked(True)
        chosen = set(region.municipalities or [])
        self.list.clear()
        ordered = sorted(self.municipalities(), key=lambda cn: (cn[0] not in chosen, cn[1].lower()))
        for code, name in ordered:
            item = QListWidgetItem(f"{name} ({code})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        for w in blocked:
            w.blockSignals(False)
        self._apply_filter(self.filter.text())
        self.list.setEnabled(self.radio_list.isChecked())
        if region.municipalities is None:
            self.label_current.setText(tr("region.current_auto"))
        else:
            names = dict(self.municipalities())
            members = ", ".join(names.get(c, c) for c in region.municipalities)
            self.label_current.setText(tr("region.current", label=region.label or "–", members=members))
        self.refresh_capacity()

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def _fill_regions(self) -> None:
        geo = self.geodata()
        self.combo_region.clear()
        if geo is None:
            return
        try:
            regions = geo.regions(self.combo_kind.currentData())
        except Exception:  # a geodata import without this region kind
            return
        for code, (name, _members) in regions.items():
            self.combo_region.addItem(f"{name} ({code})", code)

    def _choose_auto(self) -> None:
        self.binder.commit("region", {"municipalities": None, "label": ""})

    def _choose_kind(self) -> None:
        geo = self.geodata()
        code = self.combo_region.currentData()
        if geo is None or not code:
            return
        from ber.geodata import region_from_kind

        region = region_from_kind(geo, self.combo_kind.currentData(), code, language())
        self.binder.commit("region", region.model_dump(mode="json"))

    def _choose_list(self) -> None:
        self.list.setEnabled(True)
        codes = [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
        if not codes:
            codes = self.region_codes()
        self.binder.commit("region", {"municipalities": codes, "label": tr("region.own_label")})
