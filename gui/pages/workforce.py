"""Step 2, Personeel: migrant share, categories, family preset, commuting, residence, measures."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QVBoxLayout, QWidget

from ber.reference.data import CATEGORIES, MODES, ReferenceSet
from ber.texts.labels import format_number
from gui.binding import Binder, error_label
from gui.fields import NumberEdit
from gui.pages.code_table import CodeValueTable, Municipalities
from gui.pages.common import add_row, form_group, norm_tip, page_title
from gui.pages.season import ProfileEditor
from gui.state import CaseState
from gui.texts import language, tr


def percent_edit(optional: bool = False) -> NumberEdit:
    """A share typed as a percentage (0–100 %), stored as a fraction."""
    edit = NumberEdit(optional=optional, scale=100.0, low=0.0, high=100.0, unit="%")
    edit.setMaximumWidth(120)
    return edit


class SumLabel(QLabel):
    """Live sum of a group of percentage spin boxes ("Totaal: 100 %")."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)

    def show_sum(self, total_percent: float) -> None:
        ok = abs(total_percent - 100.0) < 0.1
        text = tr("shares.total", total=format_number(total_percent, language(), 1))
        self.setText(("✓ " if ok else "✗ ") + text)
        self.setStyleSheet(
            "color: #1b5e20; font-weight: bold;" if ok else "color: #b71c1c; font-weight: bold;"
        )


class WorkforcePage(QWidget):
    def __init__(self, binder: Binder, ref: ReferenceSet, municipalities: Municipalities) -> None:
        super().__init__()
        self.setObjectName("page_workforce")
        self.state: CaseState = binder.state
        self.ref = ref
        lang = language()
        lay = QVBoxLayout(self)
        lay.addWidget(page_title(tr("step.workforce"), tr("workforce.intro")))

        group, form = form_group(tr("workforce.group"))
        migrant = percent_edit(optional=True)
        self.migrant_edit = migrant
        migrant.setPlaceholderText(tr("workforce.migrant_default"))
        binder.number(
            migrant,
            "workforce.migrant_share",
            add_row(
                form,
                tr("workforce.migrant_share"),
                migrant,
                tr("workforce.migrant_tip"),
                "edit_migrant_share",
                "%",
            ),
        )
        preset = QComboBox()
        for key, p in ref.presets.items():
            preset.addItem(p["label_nl"] if lang == "nl" else p["label_en"], key)
        binder.combo(
            preset,
            "workforce.family_preset",
            add_row(form, tr("workforce.preset"), preset, tr("workforce.preset_tip"), "combo_family_preset"),
        )
        self.preset_note = QLabel(tr("workforce.preset_note"))
        self.preset_note.setObjectName("label_preset_note")
        self.preset_note.setWordWrap(True)
        self.preset_note.setStyleSheet("color: #555;")
        form.addRow(self.preset_note)
        cross = percent_edit()
        binder.number(
            cross,
            "workforce.cross_border_share",
            add_row(
                form,
                tr("workforce.cross_border"),
                cross,
                norm_tip(ref, "transport.cross_border_distance_km", tr("workforce.cross_border_tip")),
                "edit_cross_border",
                "%",
            ),
        )
        lay.addWidget(group)

        # the seasonal peak: staff per month (flex beds are judged at the peak month)
        season_group, season_form = form_group(tr("season.group"))
        self.profile = ProfileEditor(binder, ref)
        season_form.addRow(self.profile)
        lay.addWidget(season_group)

        # categories: percentages that must sum to 100 %
        cat_group, cat_form = form_group(tr("workforce.categories"))
        self.category_edits = {}
        for key in CATEGORIES:
            cat = ref.categories[key]
            spin = percent_edit()
            self.category_edits[key] = spin
            tip = tr(
                "workforce.category_tip",
                default=f"{cat.default_share * 100:g}",
                housing=tr(f"housing.{cat.housing}"),
            )
            binder.number(
                spin,
                f"workforce.category_shares.{key}",
                add_row(cat_form, cat.label(lang), spin, tip, f"edit_share_{key}", "%"),
            )
        self.category_sum = SumLabel("label_category_sum")
        cat_form.addRow(QLabel(""), self.category_sum)
        cat_message = error_label()
        cat_message.setObjectName("message_category_shares")
        cat_message.setWordWrap(False)
        cat_form.addRow(QLabel(""), cat_message)
        binder.group("workforce.category_shares", cat_message)
        lay.addWidget(cat_group)

        # commuting: own mode shares or the norm
        mode_group, mode_form = form_group(tr("workforce.modes"))
        self.own_modes = QCheckBox(tr("workforce.own_modes"))
        self.own_modes.setObjectName("check_own_modes")
        self.own_modes.setToolTip(tr("workforce.own_modes_tip"))
        mode_form.addRow(self.own_modes)
        self.mode_edits = {}
        for mode in MODES:
            spin = percent_edit()
            self.mode_edits[mode] = spin
            binder.number(
                spin,
                f"workforce.mode_shares.{mode}",
                add_row(
                    mode_form,
                    tr(f"mode.{mode}"),
                    spin,
                    norm_tip(ref, f"transport.mode_share.{mode}"),
                    f"edit_mode_{mode}",
                    "%",
                ),
            )
        self.mode_sum = SumLabel("label_mode_sum")
        mode_form.addRow(QLabel(""), self.mode_sum)
        mode_message = error_label()
        mode_message.setWordWrap(False)
        mode_form.addRow(QLabel(""), mode_message)
        binder.group("workforce.mode_shares", mode_message)
        self.own_modes.toggled.connect(self._toggle_modes)
        binder.custom(
            "workforce.mode_shares", self.own_modes, lambda v: self.own_modes.setChecked(v is not None), None
        )
        lay.addWidget(mode_group)

        # where the workers live
        res_group, res_form = form_group(tr("workforce.residence"))
        method = QComboBox()
        method.addItem(tr("residence.gravity"), "gravity")
        method.addItem(tr("residence.manual"), "manual")
        binder.combo(
            method,
            "workforce.residence.method",
            add_row(
                res_form,
                tr("residence.method"),
                method,
                norm_tip(ref, "gravity.half_distance_km", tr("residence.method_tip")),
                "combo_residence_method",
            ),
        )
        self.residence_table = CodeValueTable(
            binder, "workforce.residence.shares", "shares", municipalities, "table_residence"
        )
        res_form.addRow(QLabel(tr("residence.shares")), self.residence_table)
        beds = CodeValueTable(
            binder, "workforce.employer_beds", "beds", municipalities, "table_employer_beds"
        )
        beds.setToolTip(tr("workforce.beds_tip"))
        res_form.addRow(QLabel(tr("workforce.beds")), beds)
        lay.addWidget(res_group)

        # mitigating measures (Voorwaarden)
        mit_group, mit_form = form_group(tr("mitigations.group"))
        for key in ("shuttle_share", "employer_gp_share", "local_recruitment_share"):
            spin = percent_edit()
            binder.number(
                spin,
                f"mitigations.{key}",
                add_row(
                    mit_form, tr(f"mitigations.{key}"), spin, tr(f"mitigations.{key}_tip"), f"edit_{key}", "%"
                ),
            )
        lay.addWidget(mit_group)
        lay.addStretch(1)
        self.state.changed.connect(self.update_derived)

    def _toggle_modes(self, on: bool) -> None:
        current = self.state.case.workforce.mode_shares
        if on and current is None:
            defaults = {m: self.ref.value(f"transport.mode_share.{m}") for m in MODES}
            self.state.set_value("workforce.mode_shares", defaults, tr("workforce.own_modes"))
        elif not on and current is not None:
            self.state.set_value("workforce.mode_shares", None, tr("workforce.own_modes"))

    def update_derived(self, _path: str = "") -> None:
        w = self.state.case.workforce
        sector = self.ref.sectors.get(self.state.case.business.sector)
        if sector is not None:  # the tooltip names the default that "sector default" means
            lang = language()
            self.migrant_edit.setToolTip(
                tr("workforce.migrant_tip")
                + "\n"
                + tr(
                    "workforce.migrant_sector",
                    sector=sector.label(lang),
                    share=format_number(sector.migrant_share * 100, lang, 0),
                    low=format_number(sector.migrant_share_low * 100, lang, 0),
                    high=format_number(sector.migrant_share_high * 100, lang, 0),
                    source=self.ref.citation(sector.migrant_share_source, lang),
                )
            )
        self.category_sum.show_sum(sum(w.category_shares.values()) * 100.0)
        own = w.mode_shares is not None
        for mode, edit in self.mode_edits.items():
            edit.setEnabled(own)
            if not own:  # show the reference shares that the calculation uses
                edit.show_value(self.ref.value(f"transport.mode_share.{mode}"), language())
        self.mode_sum.setVisible(own)
        if own:
            self.mode_sum.show_sum(sum((w.mode_shares or {}).values()) * 100.0)
        self.residence_table.setEnabled(w.residence.method == "manual")
