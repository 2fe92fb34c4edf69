"""The SMS screens: gateway settings, reminders, quote follow-ups, templates, campaigns."""
