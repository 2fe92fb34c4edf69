"""Commercial documents: drafts, lines and options, totals, storage, numbering and issuing, conversions, printing."""
