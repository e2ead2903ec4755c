"""Small helpers shared by the pages: titled groups, form rows, scroll areas."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ber.reference.data import ReferenceSet
from ber.texts.labels import unit_label
from gui.binding import with_message
from gui.texts import language, tr


def page_title(text: str, intro: str = "") -> QWidget:
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 6)
    title = QLabel(f"<h2>{text}</h2>")
    lay.addWidget(title)
    if intro:
        label = QLabel(intro)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(label)
    return box


def form_group(title: str) -> tuple[QGroupBox, QFormLayout]:
    group = QGroupBox(title)
    form = QFormLayout(group)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return group, form


def add_row(
    form: QFormLayout, label: str, widget: QWidget, tip: str = "", name: str = "", unit: str = ""
) -> QLabel:
    """A labelled row (``unit`` after the widget) with an error label under it; returns the label."""
    if name:
        widget.setObjectName(name)
    widget.setAccessibleName(label.rstrip(":"))
    if tip:
        widget.setToolTip(tip)
        widget.setAccessibleDescription(tip)
    box, message = with_message(widget, unit)
    caption = QLabel(label)
    caption.setBuddy(widget)
    form.addRow(caption, box)
    return message


def show_all_rows(view: QTableView) -> None:
    """Make a table tall enough for all its rows (the key figures: readable without scrolling);
    again whenever its columns change width (rows wrap differently)."""
    if not view.property("show_all_rows"):
        view.setProperty("show_all_rows", True)
        view.horizontalHeader().sectionResized.connect(lambda *_a: show_all_rows(view))
    view.resizeRowsToContents()
    model = view.model()
    rows = model.rowCount() if model is not None else 0
    height = view.horizontalHeader().height() + sum(view.rowHeight(r) for r in range(rows))
    view.setMinimumHeight(height + 2 * view.frameWidth() + 2)


def scrolled(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setObjectName(page.objectName() + "_scroll")
    return area


def norm_tip(ref: ReferenceSet, key: str, extra: str = "") -> str:
    """Tooltip text: meaning, default value with range and its source."""
    lang = language()
    n = ref.norms.get(key)
    if n is None:
        return extra
    source = tr("ref.assumption") if n.is_assumption else ref.citation(n.source, lang)
    text = tr(
        "tip.norm",
        label=n.label(lang),
        value=f"{n.value:g}",
        low=f"{n.low:g}",
        high=f"{n.high:g}",
        unit=unit_label(n.unit, lang),
        source=source,
    )
    return f"{extra}\n{text}" if extra else text


class WrappingHeader(QHeaderView):
    """A horizontal header whose labels wrap at spaces when their section is narrow (the
    site names and long column titles are never cut), as tall as the tallest label."""

    MARGIN = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        # the style draws the label with these flags: centred, wrapped at spaces
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.sectionResized.connect(lambda *_args: self.updateGeometries())

    def _label_rect(self, section: int, width: int) -> QRect:
        model = self.model()
        text = str(model.headerData(section, self.orientation()) or "") if model is not None else ""
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        return self.fontMetrics().boundingRect(QRect(0, 0, max(width, 1), 10_000), flags, text)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        rect = self._label_rect(logicalIndex, self.sectionSize(logicalIndex) - 2 * self.MARGIN)
        size.setHeight(max(size.height(), rect.height() + self.MARGIN))
        return size


def notes_label(name: str) -> QLabel:
    """A hidden label for warnings about the result (e.g. municipalities the employer beds
    add to the region); ``show_notes`` fills and shows it."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #8a4b00;")
    label.setVisible(False)
    return label


def show_notes(label: QLabel, notes: list[str]) -> None:
    """One warning per line, each with a warning sign; hidden when there are none."""
    label.setText("\n".join("⚠ " + n for n in notes))
    label.setVisible(bool(notes))
