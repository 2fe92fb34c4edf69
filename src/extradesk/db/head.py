"""The schema revision this version knows, importable without SQLAlchemy or alembic."""

# The newest revision in migrations/versions, known without importing alembic: alembic and
# its script directory cost ~300 ms at start-up, and an up-to-date database (every start
# but the first after an update) needs neither. A test keeps this equal to alembic's head.
HEAD = "0008"
