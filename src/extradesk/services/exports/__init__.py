"""Revenue reports and exports: queries that stream rows (never ORM entities), to the cent;
the writers in reports/ turn them into CSV or xlsx."""
