"""ui pages layer."""
