"""ui tablemodels layer."""
