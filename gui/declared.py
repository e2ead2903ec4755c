"""Marks "(werkgever)" next to the fields whose value the employer declared in the intake.

``meta.declared_by_employer`` lists field paths (:mod:`ber.case.intake`); every bound
widget whose path is (part of) one of them gets its caption suffixed with
``gui.declared.suffix`` and the tooltip ``gui.declared.tip`` on the caption. The
caption is the label whose buddy is the widget (``gui.pages.common.add_row``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ber.case.intake import is_declared
from ber.case.model import Case
from gui.binding import Binder
from gui.texts import tr

_BASE = "declared_base_text"


class DeclaredMarks:
    """Keeps the captions of the window's bound fields in step with the provenance marks."""

    def __init__(self, root: QWidget, binder: Binder) -> None:
        self.root = root
        self.binder = binder
        self._captions: dict[int, QLabel] = {}
        self._seen = -1

    def _caption_map(self) -> dict[int, QLabel]:
        count = len(self.binder.bindings)
        if count != self._seen:
            self._captions = {}
            for label in self.root.findChildren(QLabel):
                buddy = label.buddy()
                if buddy is not None:
                    self._captions[id(buddy)] = label
            self._seen = count
        return self._captions

    def update(self, case: Case) -> None:
        captions = self._caption_map()
        for b in self.binder.bindings:
            label = captions.get(id(b.widget))
            if label is None:
                continue
            base = label.property(_BASE)
            if base is None:
                base = label.text()
                label.setProperty(_BASE, base)
            declared = is_declared(case, b.path)
            b.widget.setProperty("declared", declared)
            label.setText(_marked(str(base)) if declared else str(base))
            label.setToolTip(tr("declared.tip") if declared else "")

    def is_marked(self, widget: QWidget) -> bool:
        return bool(widget.property("declared"))


def _marked(caption: str) -> str:
    """ "Aantal banen:" -> "Aantal banen (werkgever):"."""
    colon = ":" if caption.endswith(":") else ""
    return f"{caption.removesuffix(':')} {tr('declared.suffix')}{colon}"
