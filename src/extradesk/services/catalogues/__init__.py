"""Supplier catalogues: suppliers, reading and importing price files, the stored lines and their lookup."""
