"""Mail in the application: the SMTP account dialog, the send dialog, templates, the outbox
sender running in the background, the "Envoi" page and a client's mails."""
