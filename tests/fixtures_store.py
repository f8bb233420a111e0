"""Database fixtures (filled in by the store): every store test runs on SQLite and PostgreSQL."""
