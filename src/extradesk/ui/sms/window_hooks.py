"""What SMS adds to the main window: the reminders queued while it is open, and the dialogs
of the Fichier and SMS menus (gateway, templates, quotes to follow up, campaigns)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from extradesk.ui.sms.reminder_runner import ReminderRunner
from extradesk.ui.sms.stop_runner import StopRunner

if TYPE_CHECKING:
    from extradesk.ui.main_window import MainWindow

REMINDERS_START_DELAY_MS = 4000  # after the first searches and the first drain
STOPS_START_DELAY_MS = 10_000


def install(window: MainWindow) -> None:
    """After the pages are built: window.reminder_runner and window.stop_runner, started
    once the session is up."""
    runner = ReminderRunner(window.tasks, window)
    window.reminder_runner = runner
    runner.failed.connect(lambda text: window.statusBar().showMessage(
        f"Rappels SMS non préparés : {text}", 15000))
    window.tasks.changed.connect(runner.on_changes)
    stops = StopRunner(window.tasks, window)
    window.stop_runner = stops
    stops.failed.connect(lambda text: window.statusBar().showMessage(
        f"Réponses STOP non relevées : {text}", 15000))

    def start_later() -> None:
        QTimer.singleShot(REMINDERS_START_DELAY_MS, runner, runner.start)
        QTimer.singleShot(STOPS_START_DELAY_MS, stops, stops.start)

    if window.ready:
        start_later()
    else:
        window.session_ready.connect(start_later)


def gateway_action(window, file_menu):
    """« Passerelle SMS… », beside the SMTP account in the Fichier menu."""
    action = file_menu.addAction("Passerelle SMS…")
    action.triggered.connect(lambda: open_gateway(window))
    return action


def build_menu(window) -> list:
    """The SMS menu; returns its actions, to enable once the database is open."""
    menu = window.menuBar().addMenu("&SMS")
    followups = menu.addAction("Devis à relancer…")
    campaign = menu.addAction("Nouvelle campagne SMS…")
    campaigns = menu.addAction("Campagnes SMS…")
    menu.addSeparator()
    templates = menu.addAction("Modèles de SMS…")
    settings = menu.addAction("Réglages SMS…")
    gateway = menu.addAction("Passerelle SMS…")
    window.sms_followups_action, window.sms_campaign_action = followups, campaign
    window.sms_campaigns_action = campaigns
    window.sms_templates_action, window.sms_settings_action = templates, settings
    followups.triggered.connect(lambda: open_followups(window))
    campaign.triggered.connect(lambda: open_campaign(window))
    campaigns.triggered.connect(lambda: open_campaigns(window))
    templates.triggered.connect(lambda: open_templates(window))
    settings.triggered.connect(lambda: open_settings(window))
    gateway.triggered.connect(lambda: open_gateway(window))
    return [followups, campaign, campaigns, templates, settings, gateway]


def open_gateway(window) -> None:
    from extradesk.ui.sms.gateway_dialog import GatewayDialog

    window._open(GatewayDialog(window.tasks, window))


def open_settings(window) -> None:
    from extradesk.ui.sms.settings_dialog import SmsSettingsDialog

    window._open(SmsSettingsDialog(window.tasks, window))


def open_templates(window) -> None:
    from extradesk.ui.sms.templates_dialog import SmsTemplatesDialog

    window._open(SmsTemplatesDialog(window.tasks, window))


def open_followups(window) -> None:
    from extradesk.ui.sms.followups_dialog import FollowupsDialog

    dialog = FollowupsDialog(window.tasks, window)
    dialog.open_document.connect(window.open_document)
    window._open(dialog)


def open_campaign(window) -> None:
    from extradesk.ui.sms.campaign_dialog import CampaignDialog

    window._open(CampaignDialog(window.tasks, window))


def open_campaigns(window) -> None:
    from extradesk.ui.sms.campaigns_dialog import CampaignsDialog

    window._open(CampaignsDialog(window.tasks, window))
