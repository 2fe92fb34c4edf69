"""The payment screens (issue 13): entry, the client's panel, Relances, deposits, closings."""
