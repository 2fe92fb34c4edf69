"""ui widgets layer."""
