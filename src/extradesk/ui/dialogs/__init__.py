"""ui dialogs layer."""
