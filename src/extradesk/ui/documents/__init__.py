"""Commercial documents in the UI: the editor window, its line model, PDF preview/print."""
