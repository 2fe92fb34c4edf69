"""Payments, unpaid invoices and their reminders, cheque deposits, closings (issue 13)."""
