"""The business's identity and terms, printed on every quote and invoice (Paramètres > Entreprise)."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.errors import Problem, ValidationError
from extradesk.core.legal import (
    ClientFacts,
    CompanyIdentity,
    missing_mentions,
)
from extradesk.core.money import parse_decimal
from extradesk.core.workflow import DocumentKind
from extradesk.i18n import format as fmt
from extradesk.i18n import messages
from extradesk.services import company
from extradesk.ui.dialogs.company_tabs import CompanyTabs
from extradesk.ui.ops import company as company_ops
from extradesk.ui.style import primary
from extradesk.ui.tasks import Tasks
from extradesk.ui.widgets.form import FormErrors, fill_combo

LEGAL_FORMS = ("EI", "Micro-entreprise", "EURL", "SARL", "SASU", "SAS", "SA", "SNC", "SCOP")
_TEXTS = ("payment_terms", "late_penalty", "housing_vat_text")
_CHECKS = ("vat_exempt", "decennial_required", "recovery_indemnity")
_SPINS = ("payment_days", "quote_validity_days")
# The live list checks the settings alone: a client that lacks nothing keeps its lines out.
_ANY_CLIENT = ClientFacts("client", "1 rue de la Paix", "75002", "Paris")
_MISSING_PREFIX = "Mention obligatoire manquante : "
_PANEL_STYLE = """
QFrame#missingPanel { background: #fff4ce; border: 1px solid #e0b400; border-radius: 4px; }
QFrame#missingPanel[complete="true"] { background: #dff6dd; border-color: #107c10; }
QListWidget#missingList { background: transparent; border: none; }
QLabel#logoPreview { background: white; border: 1px dashed #8a8a8a; }
"""


def ask_logo_path(parent: QWidget | None) -> Path | None:
    """The system "Open" dialog for an image; module-level so tests can answer it."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, "Choisir le logo", folder, "Images PNG ou JPEG (*.png *.jpg *.jpeg)")
    return Path(chosen) if chosen else None


class CompanyDialog(CompanyTabs, QDialog):
    saved = Signal()

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companyDialog")
        self.setWindowTitle("Entreprise — mentions légales et conditions")
        self.setMinimumWidth(960)
        self.setStyleSheet(_PANEL_STYLE)
        self._tasks = tasks
        self._initial = CompanyIdentity()
        self._journal_id: int | None = None
        self.logo: bytes | None = None
        self.logo_name: str | None = None
        self.errors = FormErrors()
        self.edits: dict[str, QLineEdit] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        self.checks: dict[str, QCheckBox] = {}
        self.spins: dict[str, QSpinBox] = {}
        self._tab_of: dict[str, int] = {}

        self.tabs = QTabWidget()
        self.tabs.setObjectName("companyTabs")
        for title, build in (("Identité", self._identity_tab), ("Logo", self._logo_tab),
                             ("Banque", self._bank_tab),
                             ("Assurance décennale", self._insurance_tab),
                             ("Conditions", self._terms_tab)):
            self._add_tab(title, build())
        self.buttons = QDialogButtonBox()
        self.save_button = primary(self.buttons.addButton(
            "Enregistrer", QDialogButtonBox.ButtonRole.AcceptRole))
        self.save_button.setObjectName("saveCompany")
        self.save_button.setEnabled(False)  # until the current settings are loaded
        self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(self.tabs, 1)
        body.addWidget(self._missing_panel())
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.panel)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self._watch()
        self._load()

    # -- building ------------------------------------------------------------------------------

    def _watch(self) -> None:
        for edit in self.edits.values():
            edit.textChanged.connect(self.refresh_missing)
        for text in self.texts.values():
            text.textChanged.connect(self.refresh_missing)
        for check in self.checks.values():
            check.toggled.connect(self.refresh_missing)
        self.legal_form.currentTextChanged.connect(self.refresh_missing)
        self.checks["decennial_required"].toggled.connect(self._insurance_enabled)

    # -- data ----------------------------------------------------------------------------------

    def _load(self) -> None:
        company_ops.company_form(self._tasks, self, on_done=lambda result: self._fill(*result))

    def _fill(self, data: CompanyIdentity, journals, journal_id: int | None) -> None:
        self._initial, self._journal_id = data, journal_id
        for name, edit in self.edits.items():
            value = getattr(data, name)
            edit.setText(_capital_text(value) if name == "capital" else value or "")
        self.legal_form.setCurrentText(data.legal_form or "")
        for name, text in self.texts.items():
            text.setPlainText(getattr(data, name) or "")
        for name, check in self.checks.items():
            check.setChecked(getattr(data, name))
        for name, spin in self.spins.items():
            spin.setValue(getattr(data, name))
        fill_combo(self.journal, journals, journal_id)
        self.set_logo(data.logo, data.logo_name)
        self._insurance_enabled(data.decennial_required)
        self.save_button.setEnabled(True)
        self.refresh_missing()

    def _insurance_enabled(self, required: bool) -> None:
        for name in ("insurer", "insurance_policy", "insurance_coverage"):
            self.edits[name].setEnabled(required)

    def current_identity(self) -> tuple[CompanyIdentity, list[Problem]]:
        """What the form says, and what the form alone can tell is wrong (a capital in words)."""
        values = {f.name: getattr(self._initial, f.name) for f in fields(CompanyIdentity)}
        values.update({name: edit.text() for name, edit in self.edits.items()})
        values.update({name: text.toPlainText() for name, text in self.texts.items()})
        values.update({name: check.isChecked() for name, check in self.checks.items()})
        values.update({name: spin.value() for name, spin in self.spins.items()})
        values.update(legal_form=self.legal_form.currentText(), logo=self.logo,
                      logo_name=self.logo_name)
        problems = []
        try:
            values["capital"] = parse_decimal(values["capital"])
        except ValueError:
            problems.append(Problem("capital", "number.invalid", {"value": values["capital"]}))
            values["capital"] = None
        return CompanyIdentity(**values), problems

    def problems(self) -> tuple[CompanyIdentity, list[Problem]]:
        data, problems = self.current_identity()
        data, found = company.validate(data)  # pure: cleans and checks, no database
        return data, problems + found

    # -- logo ----------------------------------------------------------------------------------

    def choose_logo(self) -> None:
        path = ask_logo_path(self)
        if path is None:
            return
        try:  # a picked image is small (1 Mo at most): read here, refuse bigger before reading
            too_big = path.stat().st_size > company.MAX_LOGO
            data = None if too_big else path.read_bytes()
        except OSError as exc:
            self._logo_refused(Problem("logo", "company.logo_unreadable",
                                       {"path": str(path), "detail": exc.strerror or str(exc)}))
            return
        found = [p for p in company.validate(CompanyIdentity(logo=data))[1] if p.field == "logo"]
        if too_big or found or QImage.fromData(data).isNull():
            self._logo_refused(Problem("logo", "company.logo_invalid",
                                       {"max": company.MAX_LOGO // 1024}))
            return
        self.errors.clear()
        self.set_logo(data, path.name)

    def _logo_refused(self, problem: Problem) -> None:
        self.errors.show(ValidationError([problem]))
        self.tabs.setCurrentIndex(self._tab_of["logo"])

    def set_logo(self, data: bytes | None, name: str | None) -> None:
        self.logo, self.logo_name = data, name
        self.remove_logo_button.setEnabled(data is not None)
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("Aucun logo")
            self.logo_caption.setText("")
            return
        box = self.logo_preview.size().shrunkBy(self.logo_preview.contentsMargins())
        self.logo_preview.setPixmap(QPixmap.fromImage(image).scaled(
            box.width() - 16, box.height() - 16, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))
        self.logo_caption.setText(f"{name or 'logo'} — {image.width()} × {image.height()} px, "
                                  f"{fmt.integer(max(len(data) // 1024, 1))} Ko")

    # -- the live list of missing mentions -----------------------------------------------------

    def refresh_missing(self) -> None:
        data, problems = self.problems()
        rates = {Decimal("0")} if data.vat_exempt else {Decimal("20"), Decimal("10")}
        listed = missing_mentions(data, kind=DocumentKind.INVOICE, client=_ANY_CLIENT,
                                  rates=rates)
        listed += [p for p in problems if p not in listed]
        self.missing_list.clear()
        for problem in listed:
            text = messages.problem_text(problem).removeprefix(_MISSING_PREFIX)
            item = QListWidgetItem(f"• {text[:1].upper()}{text[1:]}")
            item.setData(Qt.ItemDataRole.UserRole, problem.field)
            self.missing_list.addItem(item)
        complete = not listed
        self.missing_title.setText("Toutes les mentions obligatoires sont renseignées."
                                   if complete else "Mentions manquantes pour facturer")
        if bool(self.missing_panel.property("complete")) != complete:
            self.missing_panel.setProperty("complete", complete)
            self.missing_panel.style().unpolish(self.missing_panel)
            self.missing_panel.style().polish(self.missing_panel)

    def missing_texts(self) -> list[str]:
        return [self.missing_list.item(i).text() for i in range(self.missing_list.count())]

    def _go_to_item(self, item: QListWidgetItem) -> None:
        self.go_to_field(item.data(Qt.ItemDataRole.UserRole))

    def go_to_field(self, name: str | None) -> None:
        if name not in self._tab_of:
            return
        self.tabs.setCurrentIndex(self._tab_of[name])
        widget = self.findChild(QWidget, name)
        if widget is not None and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        data, problems = self.problems()
        if problems:  # checked here first: the same checks the service makes, no round trip
            self._refused(ValidationError(problems))
            return
        self.errors.clear()
        self._mark_tabs(set())
        self.save_button.setEnabled(False)
        journal_id = self.journal.currentData()
        journal_changed = journal_id is not None and journal_id != self._journal_id
        company_ops.save(self._tasks, self, data=data,
                         default_journal_id=journal_id if journal_changed else None,
                         on_done=self._saved, on_error=self._refused)

    def _saved(self, _changes) -> None:
        self.saved.emit()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(error, ValidationError):
            self.errors.present(self, error)
            return
        self.errors.show(error)
        texts = [messages.problem_text(p) for p in error.problems]
        head = "La saisie contient une erreur" if len(texts) == 1 else \
            f"La saisie contient {len(texts)} erreurs"
        # Fields may sit on other tabs: the summary names every problem, not only loose ones.
        self.errors.summary.setText(f"{head} : rien n'a été enregistré.\n" + "\n".join(texts))
        self.layout().activate()  # room for the error lines before the window is measured
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        tabs = {self._tab_of[p.field] for p in error.problems if p.field in self._tab_of}
        self._mark_tabs(tabs)
        first = next((p.field for p in error.problems if p.field in self._tab_of), None)
        self.go_to_field(first)

    def _mark_tabs(self, indexes: set[int]) -> None:
        bar = self.tabs.tabBar()
        for index in range(self.tabs.count()):
            bar.setTabTextColor(index, QColor("#b3261e") if index in indexes else QColor())


def _capital_text(capital: Decimal | None) -> str:
    if capital is None:
        return ""
    whole = capital == capital.to_integral_value()
    return fmt.decimal(capital, 0 if whole else 2)

