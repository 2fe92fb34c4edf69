"""Mail through the business's own SMTP: accounts (presets, test), templates with fields,
document mails (PDF, notices, copy, read receipt) queued in the outbox, deliverability hints."""
