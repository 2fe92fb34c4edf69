"""Clients and their ouvrages: records, phones, the search index and the start-up first page."""
