"""French texts of the article base (issue 4): articles, families, accounts, notices,
suppliers, article CSV files. Merged into i18n.messages."""

from __future__ import annotations

# The article CSV file (services.articles.csv_io): its column names, written and read back
# (accents and case aside), and the words of its "actif" column (the first one is written).
CSV_HEADER = ("code", "désignation", "description", "unité", "prix d'achat HT",
              "prix de vente HT", "coefficient", "TVA", "famille", "sous-famille", "compte",
              "fournisseur", "réf. fournisseur", "actif", "date prix")
CSV_YES = ("oui", "o", "1", "vrai", "x", "")
CSV_NO = ("non", "n", "0", "faux")

FIELD_LABELS = {
    "code": "Code",
    "description": "Description",
    "unit": "Unité",
    "purchase_price": "Prix d'achat HT",
    "sale_price": "Prix de vente HT",
    "margin": "Coefficient de marge",
    "family_id": "Famille",
    "sub_family_id": "Sous-famille",
    "account_id": "Compte comptable",
    "account_code": "Numéro de compte",
    "supplier_id": "Fournisseur",
    "supplier_ref": "Réf. fournisseur",
    "parent_id": "Famille parente",
    "contact": "Contact",
    "phone": "Téléphone",
    "customer_number": "N° de client chez le fournisseur",
    "notice": "Notice",
}

MESSAGES = {
    "article.hit_price": "{price} HT",
    "article.hit_to_classify": "à classer",
    "article.hit_inactive": "inactif",
    "article.not_found": "L'article n° {id} n'existe pas (ou plus).",
    "article.some_missing": "Certains articles sélectionnés n'existent plus ; rien n'a été "
                            "modifié.",
    "article.code_required": "Indiquez le code de l'article.",
    "article.code_reserved": "Code : « {value} » est réservé aux lignes de texte (txt_…).",
    "article.code_taken": "Le code « {value} » est déjà celui de l'article « {existing} » "
                          "(les majuscules ne comptent pas).",
    "article.label_required": "Indiquez la désignation de l'article.",
    "article.number_invalid": "{field} : « {value} » n'est pas un nombre.",
    "article.negative": "{field} : {value} est négatif ; saisissez une valeur positive ou "
                        "nulle.",
    "article.too_big": "{field} : {value} dépasse le maximum autorisé. Erreur de frappe ?",
    "article.vat_unknown": "TVA : {value} % n'est pas un taux en vigueur ({choices}).",
    "article.margin_without_purchase": "Un coefficient de marge s'applique au prix d'achat : "
                                       "indiquez le prix d'achat ou un prix de vente.",
    "article.family_unknown": "Cette famille n'existe pas (ou c'est une sous-famille).",
    "article.sub_family_unknown": "Cette sous-famille n'existe pas.",
    "article.sub_family_elsewhere": "Cette sous-famille n'appartient pas à la famille choisie.",
    "article.account_unknown": "Ce compte comptable n'existe pas.",
    "article.supplier_unknown": "Ce fournisseur n'existe pas.",
    "article.none_selected": "Sélectionnez au moins un article.",
    "article.classify_nothing": "Choisissez une famille ou un compte comptable.",
    "article.deactivated": "L'article « {code} » figure sur des pièces : il est désactivé, "
                           "pas supprimé.",
    "family.not_found": "La famille n° {id} n'existe pas.",
    "family.too_deep": "Une sous-famille ne peut pas contenir de sous-famille.",
    "family.label_taken": "La famille « {value} » existe déjà à cet endroit.",
    "account.not_found": "Le compte n° {id} n'existe pas.",
    "account.no_waiting": "Aucun compte d'attente n'est défini pour les articles à classer "
                          "(Fichier › Plan comptable…).",
    "account.code_invalid": "Numéro de compte : « {value} » doit compter de 3 à 10 chiffres.",
    "account.code_taken": "Le compte {value} existe déjà.",
    "notice.unreadable": "Le fichier « {path} » n'est pas un fichier lisible : aucune notice "
                         "n'a été ajoutée.",
    "notice.too_big": "Le fichier « {path} » est trop volumineux ({size}) : {limit} au "
                      "maximum.",
    "notice.not_found": "Cette notice n'est plus attachée à l'article.",
    "notice.missing_file": "Le fichier de la notice « {name} » a disparu du dossier des "
                           "données ({path}).",
    "notice.storage_failed": "Impossible d'enregistrer la notice dans le dossier des données "
                             "({detail}).",
    "supplier.not_found": "Le fournisseur n° {id} n'existe pas.",
    "csv.unreadable": "Impossible de lire le fichier « {path} » ({detail}).",
    "csv.encoding": "Le fichier « {path} » n'est ni en UTF-8, ni en UTF-16, ni en "
                    "Windows-1252.",
    "csv.empty": "Le fichier « {path} » est vide.",
    "csv.no_code_column": "Le fichier n'a pas de colonne « code » sur sa première ligne : "
                          "est-ce bien un export d'articles (séparateur « ; ») ?",
    "csv.line": "Ligne {line} : {text}",
    "csv.family_is_sub": "la famille « {value} » est une sous-famille",
    "csv.unknown_account": "compte comptable « {value} » inconnu",
    "csv.duplicate_code": "le code « {value} » figure déjà ligne {first}",
    "csv.active_invalid": "colonne « actif » : « {value} » (oui ou non attendu)",
}
