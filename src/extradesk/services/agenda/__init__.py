"""The agenda: appointments, who may see and edit whose agenda, CalDAV accounts and sync, iCalendar files."""
