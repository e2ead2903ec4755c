"""Step 7, Rapport: export the PDF (progress, cancel, PDF/A) and the Excel workbook."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.pages.common import page_title
from gui.texts import Lang, language, tr


class ReportPage(QWidget):
    pdfRequested = Signal()
    excelRequested = Signal()
    cancelRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("page_report")
        lay = QVBoxLayout(self)
        lay.addWidget(page_title(tr("step.report"), tr("report.intro")))

        box = QGroupBox(tr("report.pdf_group"))
        bl = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("report.language")))
        self.combo_language = QComboBox()
        self.combo_language.setObjectName("combo_report_language")
        self.combo_language.setAccessibleName(tr("report.language"))
        self.combo_language.addItem("Nederlands", "nl")
        self.combo_language.addItem("English", "en")
        self.combo_language.setCurrentIndex(0 if language() == "nl" else 1)
        row.addWidget(self.combo_language)
        row.addStretch(1)
        bl.addLayout(row)
        self.check_pdfa = QCheckBox(tr("report.pdfa"))
        self.check_pdfa.setObjectName("check_pdfa")
        self.check_pdfa.setToolTip(tr("report.pdfa_tip"))
        bl.addWidget(self.check_pdfa)
        self.label_officer = QLabel()
        self.label_officer.setObjectName("label_report_officer")
        self.label_officer.setWordWrap(True)
        bl.addWidget(self.label_officer)
        buttons = QHBoxLayout()
        self.button_pdf = QPushButton(tr("action.export_pdf"))
        self.button_pdf.setObjectName("button_export_pdf")
        self.button_pdf.clicked.connect(self.pdfRequested.emit)
        buttons.addWidget(self.button_pdf)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress_report")
        self.progress.setAccessibleName(tr("report.progress"))
        self.progress.setVisible(False)
        buttons.addWidget(self.progress, 1)
        self.button_cancel = QPushButton(tr("button.cancel"))
        self.button_cancel.setObjectName("button_report_cancel")
        self.button_cancel.setVisible(False)
        self.button_cancel.clicked.connect(self.cancelRequested.emit)
        buttons.addWidget(self.button_cancel)
        buttons.addStretch(1)
        bl.addLayout(buttons)
        self.label_status = QLabel()
        self.label_status.setObjectName("label_report_status")
        self.label_status.setWordWrap(True)
        bl.addWidget(self.label_status)
        lay.addWidget(box)

        xbox = QGroupBox(tr("report.excel_group"))
        xl = QVBoxLayout(xbox)
        note = QLabel(tr("report.excel_intro"))
        note.setWordWrap(True)
        xl.addWidget(note)
        xrow = QHBoxLayout()
        self.button_excel = QPushButton(tr("action.export_excel"))
        self.button_excel.setObjectName("button_export_excel")
        self.button_excel.clicked.connect(self.excelRequested.emit)
        xrow.addWidget(self.button_excel)
        xrow.addStretch(1)
        xl.addLayout(xrow)
        lay.addWidget(xbox)
        self.label_blocked = QLabel()
        self.label_blocked.setObjectName("label_report_blocked")
        self.label_blocked.setWordWrap(True)
        self.label_blocked.setStyleSheet("color: #b71c1c;")
        lay.addWidget(self.label_blocked)
        lay.addStretch(1)

    def report_language(self) -> Lang:
        return "en" if self.combo_language.currentData() == "en" else "nl"

    def set_enabled_exports(self, enabled: bool, reason: str = "") -> None:
        self.button_pdf.setEnabled(enabled)
        self.button_excel.setEnabled(enabled)
        self.label_blocked.setText("" if enabled else reason)

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.button_cancel.setVisible(busy)
        self.button_pdf.setEnabled(not busy)
        if busy:
            self.progress.setValue(0)

    def set_progress(self, fraction: float, message: str = "") -> None:
        self.progress.setValue(int(fraction * 100))
        if message:
            self.progress.setFormat(f"%p % – {message}")
