"""Storage: SQLModel tables, engines for SQLite and PostgreSQL, migrations and queries."""
