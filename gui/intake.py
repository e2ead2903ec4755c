"""The employer intake: the VNG conversation guide's questions as a guided first step.

:class:`IntakeWizard` asks, page by page, what the employer declares: the business and
its sector, the site, the jobs and the ramp-up, the share of labour migrants and their
categories, recruitment, the seasonal pattern, employer beds, transport and the agency
with its admission under the Wtta. The question texts are ``gui.intake.q_*`` in the
catalogue; their source (the VNG guide) is named on the first page.

Every field is bound to its case field through the window's :class:`~gui.binding.Binder`
(the same undo steps, autosave and messages as the pages); a page cannot be left while
one of its fields has a problem (the message names the field and the allowed range).
Leaving a page records the fields the user answered on it in
``meta.declared_by_employer`` (one undo step), so the application and the report mark
them "opgegeven door de werkgever". The free-text answers (arrangements, agency,
seasonal pattern) go into the evidence of the qualitative themes and the notes when a
page is left or the wizard is closed, also on Cancel: nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ber.case.intake import INTAKE_FIELDS
from ber.case.validate import MAX_BEDS, MAX_FLOOR_AREA_M2, MAX_JOBS, SHIFTS_RANGE, START_YEAR_RANGE
from ber.reference.data import CATEGORIES, ReferenceSet
from ber.reference.themes import load_themes
from ber.texts.catalogue import text
from ber.texts.messages import Problem
from gui.binding import INVALID_STYLE, Binder, error_label
from gui.fields import NumberEdit, searchable
from gui.intake_text import TextAnswers
from gui.pages.business import RampUpEditor
from gui.pages.common import add_row
from gui.pages.workforce import percent_edit
from gui.texts import language, title, tr

#: page ids, in order
PAGES = ("business", "site", "jobs", "workforce", "housing", "done")
W = TypeVar("W", bound=QWidget)
Centroid = Callable[[str], tuple[float, float] | None]


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def _free_text(name: str) -> QPlainTextEdit:
    """A short free-text answer: a few lines high, Tab moves on to the next field."""
    edit = _named(QPlainTextEdit(), name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(60)
    return edit


def declarable(path: str) -> str | None:
    """The intake field a bound path belongs to ("business.ramp_up[1]" -> "business.ramp_up")."""
    for key in INTAKE_FIELDS:
        if path == key or path.startswith((key + ".", key + "[")):
            return key
    return None


class IntakePage(QWizardPage):
    """One page: its questions, a form, and the problems that keep it from being left."""

    def __init__(self, wizard: IntakeWizard, key: str) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.key = key
        self.setObjectName(f"intake_page_{key}")
        self.setTitle(tr(f"intake.page_{key}"))
        self.lay = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.message = error_label(self)
        self.message.setObjectName(f"intake_message_{key}")

    def ask(self, key: str) -> None:
        label = QLabel(tr(f"intake.{key}"))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("font-weight: bold;")
        self.lay.addWidget(label)

    def new_form(self) -> QFormLayout:
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.lay.addLayout(self.form)
        return self.form

    def finish(self) -> None:
        self.lay.addStretch(1)
        self.lay.addWidget(self.message)

    def validatePage(self) -> bool:
        return self.wizard_.leave_page(self)


class IntakeWizard(QWizard):
    def __init__(
        self,
        binder: Binder,
        ref: ReferenceSet,
        municipalities: list[tuple[str, str]],
        centroid: Centroid,
        problems: Callable[[], list[Problem]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wizard_intake")
        self.setWindowTitle(title("intake.title"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.binder = binder
        self.state = binder.state
        self.ref = ref
        self.centroid = centroid
        self.problems = problems
        self.municipalities = municipalities
        #: the intake fields the user answered, per page (recorded when the page is left)
        self.touched: dict[str, set[str]] = {k: set() for k in PAGES}
        self.pages: dict[str, IntakePage] = {}
        self.answers = TextAnswers(binder)
        self.state.changed.connect(self._state_changed)
        self._current = "business"
        for key in PAGES:
            page = IntakePage(self, key)
            getattr(self, f"_build_{key}")(page)
            page.finish()
            self.pages[key] = page
            self.addPage(page)
        self.currentIdChanged.connect(self._page_changed)
        self.finished.connect(lambda _r: self.close_down())
        self.resize(720, 560)

    # --- pages ------------------------------------------------------------------------

    def _bind_number(self, page: IntakePage, edit: NumberEdit, path: str, label: str, name: str) -> None:
        self.binder.number(edit, path, add_row(page.form, label, edit, "", name, edit.unit))
        edit.textEdited.connect(lambda _t: self._touch(path))

    def _bind_percent(self, page: IntakePage, path: str, name: str, label: str = "") -> None:
        """A share typed as a percentage, labelled with the text of its path unless ``label`` is given."""
        self._bind_number(page, percent_edit(), path, label or tr(path), name)

    def _build_business(self, page: IntakePage) -> None:
        intro = QLabel(tr("intake.intro"))
        intro.setWordWrap(True)
        page.lay.addWidget(intro)
        guide = load_themes().sources.get("vng_effectrapportage")
        source = QLabel(tr("intake.source", source=guide.citation() if guide else ""))
        source.setObjectName("label_intake_source")
        source.setWordWrap(True)
        source.setStyleSheet("color: #555;")
        page.lay.addWidget(source)
        page.ask("q_business")
        form = page.new_form()
        name = QLineEdit()
        self.binder.line(name, "business.name", add_row(form, tr("business.name"), name, "", "intake_name"))
        name.textEdited.connect(lambda _t: self._touch("business.name"))
        sector = QComboBox()
        for key, s in self.ref.sectors.items():
            sector.addItem(s.label(language()), key)
        self.binder.combo(
            sector, "business.sector", add_row(form, tr("business.sector"), sector, "", "intake_sector")
        )
        sector.activated.connect(lambda _i: self._touch("business.sector"))

    def _build_site(self, page: IntakePage) -> None:
        page.ask("q_site")
        form = page.new_form()
        index = self._site_index()
        name = QLineEdit()
        path = f"sites[{index}].name"
        self.binder.line(name, path, add_row(form, tr("intake.site_name"), name, "", "intake_site_name"))
        name.textEdited.connect(lambda _t: self._touch("sites"))
        combo = QComboBox()
        for code, mname in self.municipalities:
            combo.addItem(f"{mname} ({code})", code)
        message = add_row(form, tr("intake.site_municipality"), combo, "", "intake_site_municipality")
        self.binder.custom(
            f"sites[{index}].municipality", combo, lambda v: combo.setCurrentIndex(combo.findData(v)), message
        )
        searchable(combo)  # 342 municipalities: type a part of the name
        combo.currentIndexChanged.connect(
            lambda _i: (
                None if combo.currentData() is None else self._set_municipality(str(combo.currentData()))
            )
        )

    def _build_jobs(self, page: IntakePage) -> None:
        page.ask("q_jobs")
        page.new_form()
        jobs = NumberEdit(optional=True, low=0, high=MAX_JOBS, unit=tr("unit.jobs", count=2))
        self._bind_number(page, jobs, "business.jobs", tr("business.jobs"), "intake_jobs")
        area = NumberEdit(optional=True, low=0, high=MAX_FLOOR_AREA_M2, unit="m²")
        self._bind_number(page, area, "business.floor_area_m2", tr("business.area"), "intake_area")
        start = NumberEdit(integer=True, low=START_YEAR_RANGE[0], high=START_YEAR_RANGE[1], grouping=False)
        self._bind_number(page, start, "business.start_year", tr("business.start_year"), "intake_start")
        shifts = NumberEdit(
            integer=True, low=SHIFTS_RANGE[0], high=SHIFTS_RANGE[1], unit=tr("unit.shifts", count=2)
        )
        self._bind_number(page, shifts, "business.shifts_per_day", tr("business.shifts"), "intake_shifts")
        page.ask("q_ramp")
        ramp = RampUpEditor(self.binder)
        ramp.setObjectName("intake_ramp")
        page.lay.addWidget(ramp)

    def _build_workforce(self, page: IntakePage) -> None:
        page.ask("q_workforce")
        page.new_form()
        migrant = percent_edit(optional=True)
        migrant.setPlaceholderText(tr("workforce.migrant_default"))
        self._bind_number(
            page, migrant, "workforce.migrant_share", tr("workforce.migrant_share"), "intake_migrant_share"
        )
        for key in CATEGORIES:
            edit = percent_edit()
            label = self.ref.categories[key].label(language())
            self._bind_number(page, edit, f"workforce.category_shares.{key}", label, f"intake_share_{key}")
        page.ask("q_recruitment")
        page.new_form()
        self._bind_percent(page, "mitigations.local_recruitment_share", "intake_local")
        self._bind_percent(
            page, "workforce.cross_border_share", "intake_cross_border", tr("workforce.cross_border")
        )
        page.ask("q_seasonal")
        form = page.new_form()
        self.answers.seasonal = _free_text("intake_seasonal")
        form.addRow(QLabel(tr("intake.seasonal")), self.answers.seasonal)

    def _build_housing(self, page: IntakePage) -> None:
        page.ask("q_housing")
        page.new_form()
        beds = NumberEdit(optional=True, low=0, high=MAX_BEDS, unit=text("label.unit.beds", language()))
        beds.setObjectName("intake_beds")
        message = add_row(page.form, tr("intake.beds"), beds, tr("intake.beds_tip"), "intake_beds", beds.unit)
        self.answers.bind_beds(beds, message, self._host)
        beds.textEdited.connect(lambda _t: self._touch("workforce.employer_beds"))
        self.answers.facilities = _free_text("intake_facilities")
        page.form.addRow(QLabel(tr("intake.facilities")), self.answers.facilities)
        page.ask("q_transport")
        page.new_form()
        self._bind_percent(page, "mitigations.shuttle_share", "intake_shuttle")
        page.ask("q_agency")
        form = page.new_form()
        self.answers.agency = _named(QLineEdit(), "intake_agency")
        form.addRow(QLabel(tr("intake.agency")), self.answers.agency)
        self.answers.wtta = _named(QComboBox(), "intake_wtta")
        for status in ("unknown", "admitted", "applied", "not_admitted", "no_agency"):
            self.answers.wtta.addItem(tr(f"intake.wtta.{status}"), status)
        form.addRow(QLabel(tr("intake.wtta")), self.answers.wtta)

    def _build_done(self, page: IntakePage) -> None:
        self.label_done = QLabel()
        self.label_done.setObjectName("label_intake_done")
        self.label_done.setWordWrap(True)
        page.lay.addWidget(self.label_done)

    # --- helpers ----------------------------------------------------------------------

    def _site_index(self) -> int:
        sites = self.state.case.sites
        return next((i for i, s in enumerate(sites) if s.chosen), 0)

    def _host(self) -> str | None:
        site = self.state.case.chosen_site()
        return site.municipality

    def _set_municipality(self, code: str) -> None:
        """The chosen site moves to the municipality's centroid (the employer names no address)."""
        if self.binder._updating:
            return
        index = self._site_index()
        sites = [s.model_dump(mode="json") for s in self.state.case.sites]
        if sites[index].get("municipality") == code:
            return
        sites[index]["municipality"] = code
        point = self.centroid(code)
        if point is not None:
            sites[index].update({"x": round(point[0]), "y": round(point[1]), "crs": "EPSG:28992"})
        self._touch("sites")
        self.binder.commit("sites", sites)

    def _touch(self, path: str) -> None:
        key = declarable(path)
        if key is not None:
            self.touched[self._current].add(key)

    def _state_changed(self, path: str) -> None:
        if path and not self.binder._updating:
            self._touch(path)
        page = self.pages.get(self._current)
        if page is not None and page.message.isVisible():
            self.show_problems(page)  # a corrected value clears the message

    def _page_changed(self, _id: int) -> None:
        page = self.currentPage()
        if isinstance(page, IntakePage):
            self._current = page.key
            if page.key == "done":
                self._show_done()

    def page_problems(self, page: IntakePage) -> list[Problem]:
        """The window's current problems in the fields of this page."""
        paths = [
            str(w.property("field_path")) for w in page.findChildren(QWidget) if w.property("field_path")
        ]
        if page.key == "workforce":
            paths.append("workforce.category_shares")  # the shares must add up to 100 %
        if page.key == "housing":
            paths.append("workforce.employer_beds")
        out = []
        for p in self.problems() + self.answers.problems(page.key):
            if any(p.field == x or p.field.startswith((x + ".", x + "[")) for x in paths):
                out.append(p)
        return out

    def leave_page(self, page: IntakePage) -> bool:
        """Refuse to leave a page with a problem; else store its free text and its marks."""
        self.answers.commit(page.key, self.touched[page.key])
        if self.show_problems(page):
            return False
        self.record_declared(page.key)
        return True

    def show_problems(self, page: IntakePage) -> bool:
        """The page's problems under it, its fields with a problem outlined; True when any."""
        problems = self.page_problems(page)
        lines = [self.binder.located_text(p) for p in problems]
        page.message.setText(tr("intake.fix_first") + "\n" + "\n".join(lines) if lines else "")
        page.message.setVisible(bool(lines))
        for widget in page.findChildren(QLineEdit):
            path = widget.property("field_path")
            bad = bool(path) and any(p.field == path or p.field.startswith(str(path) + ".") for p in problems)
            widget.setStyleSheet(INVALID_STYLE if bad else "")
        return bool(problems)

    def record_declared(self, key: str) -> None:
        fields = self.touched[key]
        current = list(self.state.case.meta.declared_by_employer)
        new = current + [f for f in INTAKE_FIELDS if f in fields and f not in current]
        new += [f for f in sorted(fields) if f not in INTAKE_FIELDS and f not in new]
        if new != current:
            self.state.set_value("meta.declared_by_employer", new, tr("intake.declared_step"))

    def _show_done(self) -> None:
        declared = self.state.case.meta.declared_by_employer
        names = [text(INTAKE_FIELDS[p], language()) for p in declared if p in INTAKE_FIELDS]
        self.label_done.setText(tr("intake.done_text", fields=", ".join(names) or tr("intake.done_none")))

    def close_down(self) -> None:
        """Closed (Finish or Cancel): keep what was typed, then forget the wizard's fields."""
        page = self.pages[self._current]  # currentPage() is None once the wizard closed
        self.answers.commit(page.key, self.touched[page.key])
        self.record_declared(page.key)  # declared, also when a value is still out of range
        self.state.changed.disconnect(self._state_changed)
        for widget in self.findChildren(QWidget):
            self.binder.unbind(widget)
