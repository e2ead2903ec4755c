"""The home municipality: a filterable municipality list (used in the preferences) and the
small dialog that asks for it when a new case is made before one was chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.texts import tr


class MunicipalityPicker(QWidget):
    """A filter field above a list of municipalities; ``code()`` is the chosen one ("" = none)."""

    def __init__(self, choices: list[tuple[str, str]], code: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit_filter = QLineEdit()
        self.edit_filter.setObjectName("edit_home_filter")
        self.edit_filter.setPlaceholderText(tr("home.filter"))
        self.edit_filter.setAccessibleName(tr("home.filter"))
        self.edit_filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("list_home_municipality")
        self.list.setAccessibleName(tr("prefs.home").rstrip(":"))
        self.list.setMinimumHeight(140)
        for c, name in choices:
            item = QListWidgetItem(f"{name} ({c})")
            item.setData(Qt.ItemDataRole.UserRole, c)
            self.list.addItem(item)
            if c == code:
                self.list.setCurrentItem(item)
        self.edit_filter.textChanged.connect(self.apply_filter)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit_filter)
        lay.addWidget(self.list)

    def apply_filter(self, text: str) -> None:
        """Show the municipalities whose name or code contains ``text``; choose the only one left."""
        needle = text.strip().casefold()
        shown: list[QListWidgetItem] = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            hide = bool(needle) and needle not in item.text().casefold()
            item.setHidden(hide)
            if not hide:
                shown.append(item)
        current = self.list.currentItem()
        if len(shown) == 1:
            self.list.setCurrentItem(shown[0])
        elif current is not None and current.isHidden():
            self.list.setCurrentRow(-1)

    def visible_codes(self) -> list[str]:
        return [
            str(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if not self.list.item(i).isHidden()
        ]

    def code(self) -> str:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return ""
        return str(item.data(Qt.ItemDataRole.UserRole))


class HomeMunicipalityDialog(QDialog):
    """Asks for the home municipality (stored in the preferences) before a first new case."""

    def __init__(self, choices: list[tuple[str, str]], code: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialog_home_municipality")
        self.setWindowTitle(tr("home.title"))
        intro = QLabel(tr("home.intro"))
        intro.setWordWrap(True)
        self.picker = MunicipalityPicker(choices, code, self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.picker.list.itemDoubleClicked.connect(lambda _item: self.accept())
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.picker, 1)
        lay.addWidget(self.buttons)

    def accept(self) -> None:
        if not self.picker.code():
            self.picker.edit_filter.setFocus()
            return
        super().accept()

    def chosen(self) -> str:
        return self.picker.code()
