"""Deterministic French demonstration data for every capability."""
