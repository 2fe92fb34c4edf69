"""The dashboard: the home page's figures and charts, and the same by e-mail."""
