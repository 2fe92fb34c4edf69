"""extradesk: offline-first office software for French trade businesses."""

APP_NAME = "extradesk"
APP_ID = "fr.extradesk.Extradesk"
__version__ = "0.1.0"
