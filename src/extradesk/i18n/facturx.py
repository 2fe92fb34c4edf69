"""French texts of electronic invoicing (issue 18): Factur-X production and its checks, the
EN 16931 terms they name. Merged into i18n.messages."""

from __future__ import annotations

TERMS = {
    "BT-1": "numéro de facture", "BT-2": "date de facture", "BT-3": "type de facture",
    "BT-5": "devise", "BT-24": "profil (cadre de facturation)", "BT-27": "nom du vendeur",
    "BT-40": "pays du vendeur", "BT-44": "nom de l'acheteur", "BT-55": "pays de l'acheteur",
    "BT-106": "somme des montants HT des lignes", "BT-109": "total HT",
    "BT-112": "total TTC", "BT-115": "net à payer", "BT-126": "numéro de ligne",
    "BT-129": "quantité", "BT-131": "montant HT de la ligne", "BT-146": "prix unitaire net",
    "BT-151": "catégorie de TVA", "BT-152": "taux de TVA", "BT-153": "désignation",
}

NAMED_PARAMS = {"facturx.missing": {"term": "facturx.term."},
                "facturx.line_missing": {"term": "facturx.term."}}

MESSAGES = {
    **{f"facturx.term.{term}": label for term, label in TERMS.items()},
    "facturx.not_an_invoice": "{name} : seules les factures, factures d'acompte et avoirs "
                              "ont une facture électronique (Factur-X).",
    "facturx.not_issued": "{name} n'est pas émise : sa facture électronique (Factur-X) "
                          "n'existe qu'une fois la pièce émise.",
    "facturx.no_xml": "{name} a été émise avant la facture électronique : son PDF ne contient "
                      "pas de XML Factur-X.",
    "facturx.file_unreadable": "Impossible de lire le fichier {path} : {detail}",
    "facturx.ok": "{path} : facture électronique conforme (XSD Factur-X EN 16931 et règles "
                  "métier vérifiables hors ligne).",
    "facturx.failed": "{path} : {count|problème|problèmes} :",
    "facturx.bad_pdf": "PDF illisible : {detail}",
    "facturx.no_xml_in_pdf": "Ce PDF ne contient pas de facture électronique (pas de fichier "
                             "factur-x.xml joint).",
    "facturx.not_xml": "Ce fichier n'est ni un PDF ni un XML lisible : {detail}",
    "facturx.xsd": "Non conforme au schéma XSD Factur-X EN 16931 : {detail}",
    "facturx.missing": "Information obligatoire absente : {term}.",
    "facturx.line_missing": "Ligne {line} : information obligatoire absente : {term}.",
    "facturx.not_a_number": "« {value} » n'est pas un nombre.",
    "facturx.decimals": "{term} : « {value} » a plus de {places} décimales.",
    "facturx.bad_type": "Type de facture inconnu : « {value} » (380 facture, 381 avoir, "
                        "386 facture d'acompte…).",
    "facturx.bad_profile": "Profil « {value} » : le profil EN 16931 attend « {expected} ».",
    "facturx.not_euro": "Devise « {value} » : extradesk ne facture qu'en euros (EUR).",
    "facturx.credit_without_invoice": "Avoir sans référence à la facture qu'il corrige.",
    "facturx.bad_iban": "IBAN invalide : « {value} ».",
    "facturx.bad_siren": "SIREN invalide : « {value} » (9 chiffres, clé de Luhn).",
    "facturx.no_lines": "La facture n'a aucune ligne.",
    "facturx.negative_price": "Ligne {line} : prix unitaire net négatif.",
    "facturx.sum_lines": "Somme des lignes HT annoncée {stated}, les lignes font {computed}.",
    "facturx.tax_basis": "Total HT annoncé {stated}, attendu {computed} (lignes, remises "
                         "et frais du document).",
    "facturx.no_vat_breakdown": "Aucun récapitulatif de TVA.",
    "facturx.vat_base": "TVA {rate} : base annoncée {stated}, les lignes à ce taux font "
                        "{computed}.",
    "facturx.vat_amount": "TVA {rate} : montant annoncé {stated}, la base au taux donne "
                          "{computed} (arrondi au centime).",
    "facturx.exemption_reason": "TVA {rate} : le motif d'exonération manque.",
    "facturx.line_without_breakdown": "Ligne {line} : pas de récapitulatif de TVA pour {rate}.",
    "facturx.vat_total": "Total TVA annoncé {stated}, le récapitulatif fait {computed}.",
    "facturx.grand_total": "Total TTC annoncé {stated}, HT + TVA font {computed}.",
    "facturx.due_total": "Net à payer annoncé {stated}, attendu {computed} (TTC moins les "
                         "acomptes versés).",
    "facturx.due_terms": "Un montant reste à payer : il faut une échéance ou des conditions "
                         "de paiement.",
    "facturx.seller_vat_id": "Le numéro de TVA intracommunautaire du vendeur manque.",
    "facturx.buyer_vat_id": "Autoliquidation : le numéro de TVA (ou le SIREN) de l'acheteur "
                            "manque.",
}

FIELD_LABELS = {
    "siren": "SIREN",
    "client_vat_number": "N° de TVA du client",
    "operation_category": "Catégorie de l'opération",
    "service_date": "Date de la prestation ou de la livraison",
    "vat_on_debits": "TVA d'après les débits",
    "reverse_charge": "Autoliquidation",
}

MESSAGES.update({
    "client.siren_invalid": "SIREN : « {value} » n'est pas un SIREN valide (9 chiffres, "
                            "clé de contrôle).",
    "client.vat_number_invalid": "N° de TVA du client : « {value} » n'est pas un numéro de "
                                 "TVA intracommunautaire valide.",
    # the reform's mentions, checked before issuing (core.legal.missing_mentions' style)
    "mention.client_siren": "Mention obligatoire manquante : le SIREN du client "
                            "professionnel {client} (fiche client).",
    "mention.operation_category": "Mention obligatoire manquante : la catégorie de "
                                  "l'opération (livraison de biens, prestation de services "
                                  "ou mixte).",
    "mention.reverse_charge_vat_number": "Autoliquidation : le numéro de TVA "
                                         "intracommunautaire du client {client} est "
                                         "obligatoire (fiche client).",
    "document.service_date_after": "La date de la prestation ({service}) ne peut pas suivre "
                                   "la date de la facture ({date}).",
    # what the PDF prints
    "print.operation.goods": "Opération : livraison de biens",
    "print.operation.services": "Opération : prestation de services",
    "print.operation.mixed": "Opération : mixte (livraison de biens et prestation de "
                             "services)",
    "print.service_date": "Date de la prestation ou de la livraison : {day}",
    "print.vat_on_debits": "Option pour le paiement de la TVA d'après les débits.",
    "print.reverse_charge": "Autoliquidation — TVA due par le preneur (art. 283-2 nonies "
                            "du CGI).",
    "print.client_siren": "SIREN {siren}",
    "print.client_vat_number": "TVA {number}",
    "operation.goods": "Livraison de biens",
    "operation.services": "Prestation de services",
    "operation.mixed": "Mixte (biens et services)",
})

FIELD_LABELS["retention_percent"] = "Retenue de garantie (%)"
MESSAGES.update({
    "retention.percent_invalid": "Retenue de garantie : {value} % ; elle est comprise entre "
                                 "0 et 5 % (loi n° 71-584 du 16 juillet 1971).",
    "print.retention": "Retenue de garantie {percent} % (libérable le {day})",
    "print.retention_mention": "Retenue de garantie (loi n° 71-584 du 16 juillet 1971) : "
                               "libérée un an après la réception des travaux, sauf réserves ; "
                               "elle peut être remplacée par une caution bancaire.",
    "retention.not_held": "{name} n'a pas de retenue de garantie à libérer.",
    "retention.already_released": "La retenue de garantie de {name} a déjà été libérée le "
                                  "{day}.",
    "retention.release_kind": "Libération de la retenue : « {value} » (paiement ou caution).",
    "retention.release.paiement": "paiement",
    "retention.release.caution": "caution bancaire",
    "retention.none": "Aucune retenue de garantie en cours.",
    "retention.released": "Retenue de garantie de {name} libérée ({how}) le {day}.",
})
MESSAGES["facturx.retention_note"] = "{label} : {amount} retenus ; net à payer {due}."

MESSAGES.update({
    "situation.percent_invalid": "Avancement : « {value} » n'est pas un pourcentage entre 0 "
                                 "et 100.",
    "situation.backwards": "« {label} » : l'avancement cumulé ne peut pas redescendre "
                           "({previous} % déjà facturés, {value} % demandés).",
    "situation.no_progress": "Aucun avancement depuis la situation précédente : rien à "
                             "facturer.",
    "situation.draft_pending": "{name} : une situation en brouillon attend d'être émise ou "
                               "supprimée.",
    "situation.subject": "Situation n° {step} — commande {number}",
    "situation.line": "Avancement cumulé {cumulative} % (précédent {previous} %) sur "
                      "{net} HT",
    "print.situation": "Situation n° {step} — avancement cumulé {overall} %",
    "print.situation_amounts": "Travaux cumulés HT {cumulative} — situations précédentes HT "
                               "{previous} — cette situation HT {step}",
})

FIELD_LABELS["vat_attestation"] = "Attestation TVA réduite"
FIELD_LABELS["vat_attestation_date"] = "Date de l'attestation TVA réduite"
MESSAGES.update({
    "mention.vat_attestation": "TVA à taux réduit ({rates}) : l'attestation du client "
                               "(logement achevé depuis plus de deux ans) doit être "
                               "enregistrée sur le devis ou la pièce (« Attestation TVA "
                               "réduite… ») avant d'émettre la facture.",
    "attestation.future": "La date de l'attestation TVA réduite ne peut pas être dans le "
                          "futur.",
    "attestation.unreadable": "Le fichier « {path} » n'est pas un fichier lisible : "
                              "l'attestation n'a pas été enregistrée.",
    "attestation.recorded": "Attestation TVA réduite du {day} enregistrée sur {name}.",
    "attestation.none": "Aucune attestation TVA réduite enregistrée.",
})
