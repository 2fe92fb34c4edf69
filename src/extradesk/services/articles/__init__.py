"""The article base: articles, families, accounting accounts, notices, checks, listing and CSV."""
