"""The company dialog's tabs (identity, logo, bank, insurance, terms) and the list of what
is missing: a mixin of CompanyDialog, which owns the fields these build."""


from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from extradesk.core.legal import (
    MAX_PAYMENT_DAYS,
    MAX_VALIDITY_DAYS,
    RECOVERY_INDEMNITY_TEXT,
    ClientFacts,
)
from extradesk.ui.style import label
from extradesk.ui.widgets.form import form_layout, line_edit

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




class CompanyTabs:
    def _add_tab(self, title: str, page: QWidget) -> None:
        """Remember which tab holds each field, to show it when a problem names that field."""
        index = self.tabs.addTab(page, title)
        for widget in page.findChildren(QWidget):
            self._tab_of.setdefault(widget.objectName(), index)
        if page.findChild(QLabel, "logoPreview") is not None:
            self._tab_of["logo"] = index

    def _edit(self, form, text: str, name: str, **kwargs) -> QLineEdit:
        self.edits[name] = line_edit(name, **kwargs)
        form.addRow(text, self._cell(name, self.edits[name]))
        return self.edits[name]

    def _cell(self, name: str, editor: QWidget) -> QWidget:
        """The editor and its error line; a narrow editor keeps the full width for the error
        (unaligned, a fixed-width editor would make the whole cell, error included, as narrow)."""
        cell = self.errors.field(name, editor)
        if editor.maximumWidth() < 10_000:  # fixed or capped width (QWIDGETSIZE_MAX otherwise)
            cell.layout().setAlignment(editor, Qt.AlignmentFlag.AlignLeft)
        return cell

    def _text(self, form, text: str, name: str, height: int = 64) -> None:
        edit = QPlainTextEdit()
        edit.setObjectName(name)
        edit.setFixedHeight(height)
        edit.setTabChangesFocus(True)
        self.texts[name] = edit
        form.addRow(text, self.errors.field(name, edit))

    def _check(self, text: str, name: str) -> QCheckBox:
        self.checks[name] = QCheckBox(text)
        self.checks[name].setObjectName(name)
        return self.checks[name]

    def _spin(self, form, text: str, name: str, minimum: int, maximum: int) -> None:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(minimum, maximum)
        spin.setSuffix(" jours")
        spin.setFixedWidth(110)
        self.spins[name] = spin
        form.addRow(text, self._cell(name, spin))

    def _identity_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        legal = QGroupBox("Entreprise")
        form = form_layout(legal)
        self._edit(form, "Raison sociale", "name", placeholder="Nom imprimé sur les pièces")
        self.legal_form = QComboBox()
        self.legal_form.setObjectName("legal_form")
        self.legal_form.setEditable(True)
        self.legal_form.addItems(["", *LEGAL_FORMS])
        self.legal_form.setFixedWidth(200)
        form.addRow("Forme juridique", self._cell("legal_form", self.legal_form))
        self._edit(form, "Capital social (€)", "capital", placeholder="10 000", width=140)
        self._edit(form, "SIRET", "siret", placeholder="14 chiffres", width=200)
        self._edit(form, "RCS / RM", "rcs_rm", placeholder="RCS Lyon B 732 829 320 ou RM 69")
        self._edit(form, "TVA intracommunautaire", "vat_number", placeholder="FR44 732829320",
                   width=200)
        form.addRow("", self._check("TVA non applicable (franchise en base, art. 293 B du CGI)",
                                    "vat_exempt"))
        # Printed on every invoice when chosen (e-invoicing reform); VAT due at invoicing.
        form.addRow("", self._check("Option pour le paiement de la TVA d'après les débits",
                                    "vat_on_debits"))
        column.addWidget(legal)
        contact = QGroupBox("Coordonnées")
        form = form_layout(contact)
        self._edit(form, "Adresse", "line1", placeholder="N° et rue")
        self._edit(form, "Complément", "line2", placeholder="Bâtiment, ZA, BP…")
        postal, city = line_edit("postal_code", width=80), line_edit("city")
        self.edits.update(postal_code=postal, city=city)
        form.addRow("Code postal, ville", self.errors.pair(("postal_code", postal),
                                                           ("city", city)))
        self._edit(form, "Téléphone", "phone", placeholder="04 78 12 34 56", width=200)
        self._edit(form, "E-mail", "email", placeholder="contact@exemple.fr")
        self._edit(form, "Site web", "website", placeholder="www.exemple.fr")
        column.addWidget(contact)
        column.addStretch()
        _same_label_width(legal, contact)
        return page

    def _logo_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(label("Imprimé en haut à gauche des devis et factures. "
                               "Image PNG ou JPEG de 1 Mo au plus.", "hint", wrap=True))
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(320, 160)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.errors.field("logo", self.logo_preview))
        self.logo_caption = label("", "hint")
        column.addWidget(self.logo_caption)
        row = QHBoxLayout()
        self.choose_logo_button = QPushButton("Choisir une image…")
        self.choose_logo_button.setObjectName("chooseLogo")
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton("Retirer le logo")
        self.remove_logo_button.setObjectName("removeLogo")
        self.remove_logo_button.clicked.connect(lambda: self.set_logo(None, None))
        row.addWidget(self.choose_logo_button)
        row.addWidget(self.remove_logo_button)
        row.addStretch()
        column.addLayout(row)
        column.addStretch()
        return page

    def _bank_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(label("Imprimés sur les factures pour le paiement par virement.",
                               "hint", wrap=True))
        form = form_layout()
        self._edit(form, "IBAN", "iban", placeholder="FR76 3000 6000 0112 3456 7890 189")
        self._edit(form, "BIC", "bic", placeholder="AGRIFRPP", width=160)
        column.addLayout(form)
        column.addStretch()
        return page

    def _insurance_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self._check("Activité du bâtiment soumise à l'assurance décennale",
                                     "decennial_required"))
        column.addWidget(label("Les devis et factures doivent alors indiquer l'assureur, le "
                               "contrat et sa couverture géographique (loi Pinel, 2014).",
                               "hint", wrap=True))
        form = form_layout()
        self._edit(form, "Assureur", "insurer", placeholder="Nom et adresse de l'assureur")
        self._edit(form, "N° de contrat", "insurance_policy", width=220)
        self._edit(form, "Couverture géographique", "insurance_coverage",
                   placeholder="France métropolitaine")
        column.addLayout(form)
        column.addStretch()
        return page

    def _terms_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        form = form_layout()
        column.addLayout(form)
        column.addStretch()
        self._spin(form, "Délai de paiement", "payment_days", 0, MAX_PAYMENT_DAYS)
        self._text(form, "Conditions de paiement", "payment_terms")
        self._text(form, "Pénalités de retard", "late_penalty")
        form.addRow("", self._check("Indemnité forfaitaire de 40 € (clients professionnels)",
                                    "recovery_indemnity"))
        form.addRow("", label(RECOVERY_INDEMNITY_TEXT, "hint", wrap=True))
        self._spin(form, "Validité des devis", "quote_validity_days", 1, MAX_VALIDITY_DAYS)
        self.journal = QComboBox()
        self.journal.setObjectName("default_journal_id")
        form.addRow("Journal de ventes par défaut",
                    self.errors.field("default_journal_id", self.journal))
        self._text(form, "Mention TVA 10 % / 5,5 %", "housing_vat_text", 80)
        return page

    def _missing_panel(self) -> QFrame:
        self.missing_panel = QFrame()
        self.missing_panel.setObjectName("missingPanel")
        self.missing_panel.setFixedWidth(290)
        column = QVBoxLayout(self.missing_panel)
        column.setContentsMargins(10, 8, 10, 8)
        self.missing_title = label("Mentions manquantes pour facturer", "sectionTitle",
                                   wrap=True)
        column.addWidget(self.missing_title)
        self.missing_list = QListWidget()
        self.missing_list.setObjectName("missingList")
        self.missing_list.setWordWrap(True)
        self.missing_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.missing_list.itemClicked.connect(self._go_to_item)
        column.addWidget(self.missing_list, 1)
        return self.missing_panel


def _same_label_width(*boxes: QGroupBox) -> None:
    """Line up the fields of stacked forms: every label as wide as the widest."""
    labels = []
    for box in boxes:
        form = box.layout()
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                labels.append(item.widget())
    width = max((w.sizeHint().width() for w in labels), default=0)
    for widget in labels:
        widget.setMinimumWidth(width)
