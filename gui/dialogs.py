"""Dialogs: preferences, manual, reference data, about."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ber.io.paths import docs_dir
from ber.reference.data import ReferenceSet
from gui.home import MunicipalityPicker
from gui.models import CellTableModel, reference_table
from gui.settings import MC_RANGE, Preferences, strip_password
from gui.texts import counted_suffix, language, tr

#: the user documentation: docs/ in a source checkout, ber/_data/docs when installed
DOCS = docs_dir()


class PreferencesDialog(QDialog):
    def __init__(
        self,
        prefs: Preferences,
        ref: ReferenceSet,
        parent: QWidget | None = None,
        municipalities: list[tuple[str, str]] | None = None,
    ) -> None:
        """``municipalities``: (code, name) choices for the home municipality (default: the
        built-in table of the reference set)."""
        super().__init__(parent)
        self.setObjectName("dialog_preferences")
        self.setWindowTitle(tr("prefs.title"))
        form = QFormLayout()
        self.combo_language = QComboBox()
        self.combo_language.setObjectName("combo_pref_language")
        self.combo_language.addItem("Nederlands", "nl")
        self.combo_language.addItem("English", "en")
        self.combo_language.setCurrentIndex(max(0, self.combo_language.findData(prefs.language)))
        form.addRow(tr("prefs.language"), self.combo_language)
        note = QLabel(tr("prefs.language_note"))
        note.setWordWrap(True)
        form.addRow("", note)
        self.edit_officer = QLineEdit(prefs.officer)
        self.edit_officer.setObjectName("edit_pref_officer")
        form.addRow(tr("prefs.officer"), self.edit_officer)
        if municipalities is None:
            table = ref.municipalities
            municipalities = sorted(zip(table.codes, table.names, strict=True), key=lambda cn: cn[1])
        self.home = MunicipalityPicker(municipalities, prefs.home_municipality)
        self.home.setObjectName("picker_pref_home")
        form.addRow(tr("prefs.home"), self.home)
        home_note = QLabel(tr("prefs.home_note"))
        home_note.setWordWrap(True)
        form.addRow("", home_note)
        logo_row = QHBoxLayout()
        self.edit_logo = QLineEdit(prefs.logo)
        self.edit_logo.setObjectName("edit_pref_logo")
        browse = QPushButton(tr("prefs.browse"))
        browse.clicked.connect(self._browse_logo)
        logo_row.addWidget(self.edit_logo, 1)
        logo_row.addWidget(browse)
        logo_box = QWidget()
        logo_box.setLayout(logo_row)
        form.addRow(tr("prefs.logo"), logo_box)
        self.combo_preset = QComboBox()
        self.combo_preset.setObjectName("combo_pref_preset")
        for key, p in ref.presets.items():
            self.combo_preset.addItem(p["label_nl"] if language() == "nl" else p["label_en"], key)
        self.combo_preset.setCurrentIndex(max(0, self.combo_preset.findData(prefs.family_preset)))
        form.addRow(tr("prefs.preset"), self.combo_preset)
        self.spin_draws = QSpinBox()
        self.spin_draws.setObjectName("spin_pref_draws")
        self.spin_draws.setRange(*MC_RANGE)
        self.spin_draws.setSingleStep(500)
        counted_suffix(self.spin_draws, "unit.draws")
        self.spin_draws.setValue(prefs.mc_draws)
        form.addRow(tr("prefs.draws"), self.spin_draws)
        self.check_pdfa = QCheckBox(tr("report.pdfa"))
        self.check_pdfa.setObjectName("check_pref_pdfa")
        self.check_pdfa.setChecked(prefs.pdfa)
        form.addRow(tr("prefs.pdfa"), self.check_pdfa)
        self._register_rows(form, prefs)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.prefs = prefs

    def _register_rows(self, form: QFormLayout, prefs: Preferences) -> None:
        from ber.io.paths import user_data_dir
        from gui.register_dialogs import env_register_url

        self.edit_register = QLineEdit(prefs.register_url)
        self.edit_register.setObjectName("edit_pref_register_url")
        self.edit_register.setAccessibleName(tr("prefs.register").rstrip(":"))
        sqlite_path = str(user_data_dir() / "register.sqlite")
        self.edit_register.setPlaceholderText(tr("prefs.register_placeholder", path=sqlite_path))
        self.edit_register.setMinimumWidth(460)
        form.addRow(tr("prefs.register"), self.edit_register)
        note = QLabel(tr("prefs.register_note", path=sqlite_path))
        note.setObjectName("label_pref_register_note")
        note.setWordWrap(True)
        form.addRow("", note)
        env = env_register_url()
        self.label_register_env = QLabel(tr("prefs.register_env", url=strip_password(env)) if env else "")
        self.label_register_env.setObjectName("label_pref_register_env")
        self.label_register_env.setWordWrap(True)
        self.label_register_env.setStyleSheet("color: #8a5a00;")
        self.label_register_env.setVisible(bool(env))
        form.addRow("", self.label_register_env)
        self.label_register_error = QLabel()
        self.label_register_error.setObjectName("label_pref_register_error")
        self.label_register_error.setWordWrap(True)
        self.label_register_error.setStyleSheet("color: #b71c1c;")
        self.label_register_error.setVisible(False)
        form.addRow("", self.label_register_error)

    def register_problem(self) -> str:
        """The message for an unusable register address ("" when it is fine or empty)."""
        text = self.edit_register.text().strip()
        if not text:
            return ""
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            backend = make_url(text).get_backend_name()
        except ArgumentError:
            backend = ""
        if backend in ("sqlite", "postgresql"):
            return ""
        return tr("prefs.register_invalid", value=strip_password(text))

    def accept(self) -> None:
        problem = self.register_problem()
        self.label_register_error.setText(problem)
        self.label_register_error.setVisible(bool(problem))
        if problem:
            self.edit_register.setFocus()
            return
        super().accept()

    def session_url(self) -> str | None:
        """The typed register URL when it holds a password (kept in memory only), else None."""
        text = self.edit_register.text().strip()
        return text if text and strip_password(text) != text else None

    def _browse_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("prefs.logo"), "", tr("prefs.logo_filter"))
        if path:
            self.edit_logo.setText(path)

    def result_preferences(self) -> Preferences:
        p = Preferences(**{**self.prefs.__dict__})
        p.language = str(self.combo_language.currentData())
        p.officer = self.edit_officer.text().strip()
        p.home_municipality = self.home.code() or self.prefs.home_municipality
        p.logo = self.edit_logo.text().strip()
        p.family_preset = str(self.combo_preset.currentData())
        p.mc_draws = self.spin_draws.value()
        p.pdfa = self.check_pdfa.isChecked()
        p.register_url = strip_password(self.edit_register.text())  # never a password on disk
        return p


def manual_path(lang: str) -> Path:
    return DOCS / ("user-guide.md" if lang == "nl" else "user-guide.en.md")


class ManualDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialog_manual")
        self.setWindowTitle(tr("manual.title"))
        self.resize(820, 700)
        self.browser = QTextBrowser()
        self.browser.setObjectName("text_manual")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(DOCS)])
        path = manual_path(language())
        try:
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        except OSError:
            self.browser.setPlainText(tr("manual.missing", path=str(path)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)


class ReferenceDialog(QDialog):
    def __init__(self, ref: ReferenceSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialog_reference")
        self.setWindowTitle(tr("reference.title"))
        self.resize(1100, 650)
        label = QLabel(tr("reference.intro", version=ref.version, checksum=ref.checksum[:16]))
        label.setWordWrap(True)
        self.model = CellTableModel()
        self.model.set_table(*reference_table(ref, language()))
        view = QTableView()
        view.setObjectName("table_reference")
        view.setModel(self.model)
        view.setWordWrap(True)
        view.verticalHeader().setVisible(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        view.setColumnWidth(0, 360)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        lay.addWidget(view)
        lay.addWidget(buttons)


def about_text(ref: ReferenceSet) -> str:
    from ber import __version__

    return tr("about.text", version=__version__, ref_version=ref.version, checksum=ref.checksum)
