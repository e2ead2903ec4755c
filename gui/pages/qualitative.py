"""Step Kwalitatief oordeel: public order and safety and social cohesion, per theme.

Per theme of ``reference_data/qualitative_themes.json`` (its guiding question and the
sources it was derived from above the fields): the officer's rating (niet beoordeeld /
geen / beperkt / aanzienlijk), the evidence text and its source. The fields are bound
to ``qualitative.<theme>.rating|evidence|source`` through the window's
:class:`~gui.binding.Binder`: every edit is an undo step (consecutive typing in one
field merges into one) and is autosaved like any other field; a rating without
evidence is marked at the evidence field with the message naming the theme.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ber.case.qualitative import RATINGS
from ber.reference.themes import Theme, load_themes
from ber.texts.catalogue import text
from gui.binding import Binder, error_label
from gui.pages.common import page_title
from gui.texts import language, tr

EVIDENCE_HEIGHT = 70


class QualitativePage(QWidget):
    def __init__(self, binder: Binder) -> None:
        super().__init__()
        self.setObjectName("page_qualitative")
        self.binder = binder
        lay = QVBoxLayout(self)
        lay.addWidget(page_title(tr("step.qualitative"), tr("qualitative.intro")))
        themes = load_themes()
        #: per theme: its rating combo, evidence edit and source edit
        self.combos: dict[str, QComboBox] = {}
        self.evidence: dict[str, QPlainTextEdit] = {}
        self.sources: dict[str, QLineEdit] = {}
        for theme in themes.themes.values():
            lay.addWidget(self._theme_group(theme, themes.citations(theme.key)))
        lay.addStretch(1)

    def _theme_group(self, theme: Theme, citations: list[str]) -> QGroupBox:
        lang = language()
        key = theme.key
        group = QGroupBox(theme.label(lang))
        group.setObjectName(f"group_qualitative_{key}")
        outer = QVBoxLayout(group)
        question = QLabel(tr("qualitative.question", question=theme.question(lang)))
        question.setWordWrap(True)
        question.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(question)
        origin = QLabel(tr("qualitative.theme_sources", sources="; ".join(citations)))
        origin.setWordWrap(True)
        origin.setTextFormat(Qt.TextFormat.PlainText)
        origin.setStyleSheet("color: #555; font-size: small;")
        outer.addWidget(origin)
        form = QFormLayout()
        outer.addLayout(form)

        combo = QComboBox()
        combo.setObjectName(f"combo_rating_{key}")
        combo.setMaximumWidth(260)
        combo.addItem(tr("qualitative.unrated"), None)
        for rating in RATINGS:
            combo.addItem(text(f"label.rating.{rating}", lang), rating)
        self._caption(form, tr("qualitative.rating"), combo, tr("qualitative.rating_tip"), theme)
        combo.currentIndexChanged.connect(lambda _i: self.commit(key, "rating", combo.currentData()))
        self.binder.custom(f"qualitative.{key}.rating", combo, lambda v: _select(combo, v), None)

        evidence = QPlainTextEdit()
        evidence.setObjectName(f"edit_evidence_{key}")
        evidence.setTabChangesFocus(True)
        evidence.setFixedHeight(EVIDENCE_HEIGHT)
        message = error_label()
        box = QWidget()
        box_lay = QVBoxLayout(box)
        box_lay.setContentsMargins(0, 0, 0, 0)
        box_lay.addWidget(evidence)
        box_lay.addWidget(message)
        self._caption(form, tr("qualitative.evidence"), evidence, tr("qualitative.evidence_tip"), theme, box)
        evidence.textChanged.connect(lambda: self.commit(key, "evidence", evidence.toPlainText()))
        self.binder.custom(f"qualitative.{key}.evidence", evidence, lambda v: _set_text(evidence, v), message)

        source = QLineEdit()
        source.setObjectName(f"edit_source_{key}")
        self._caption(form, tr("qualitative.source"), source, tr("qualitative.source_tip"), theme)
        source.editingFinished.connect(lambda: self.commit(key, "source", source.text()))
        self.binder.custom(
            f"qualitative.{key}.source", source, lambda v: source.setText("" if v is None else str(v)), None
        )
        self.combos[key], self.evidence[key], self.sources[key] = combo, evidence, source
        return group

    @staticmethod
    def _caption(
        form: QFormLayout, label: str, widget: QWidget, tip: str, theme: Theme, box: QWidget | None = None
    ) -> None:
        widget.setAccessibleName(f"{label} – {theme.label(language())}")
        widget.setToolTip(tip)
        widget.setAccessibleDescription(tip)
        caption = QLabel(label)
        caption.setBuddy(widget)
        form.addRow(caption, box or widget)

    def commit(self, key: str, field: str, value: Any) -> None:
        """One field of a theme; the theme's entry is made on its first edit."""
        binder = self.binder
        if binder._updating:
            return
        current = binder.state.case.qualitative
        if key in current:
            binder.commit(f"qualitative.{key}.{field}", value)
            return
        if value in (None, ""):
            return  # nothing to record yet
        doc = {k: v.model_dump(mode="json") for k, v in current.items()}
        doc[key] = {field: value}
        binder.state.set_value("qualitative", doc, binder.label_of(f"qualitative.{key}.{field}"))


def _select(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(0 if value is None else max(combo.findData(value), 0))


def _set_text(edit: QPlainTextEdit, value: Any) -> None:
    if edit.toPlainText() != (value or ""):
        edit.setPlainText(value or "")
