"""SMS (issue 15): the gateway, texts and templates, consent and STOP, appointment reminders,
quote follow-ups and campaigns; every message leaves through the outbox."""
