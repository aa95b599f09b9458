"""Migration operations that apply to one database engine only."""

from django.db import migrations


class PostgresTrigramIndex(migrations.RunSQL):
    """A GIN trigram index on a text column, so `LIKE '%word%'` searches use an index.

    PostgreSQL only: SQLite scans its (small) tables, and its results are the same.
    pg_trgm ships with PostgreSQL and is a trusted extension (any database owner may
    create it since PostgreSQL 13).
    """

    reduces_to_sql = False

    def __init__(self, *, table: str, column: str, name: str):
        self.table, self.column, self.name = table, column, name
        super().__init__(
            sql=[
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)',
            ],
            reverse_sql=[f'DROP INDEX IF EXISTS "{name}"'],
        )

    def deconstruct(self):
        return (
            f"{self.__class__.__module__}.{self.__class__.__name__}",
            [],
            {"table": self.table, "column": self.column, "name": self.name},
        )

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Trigram index {self.name} on {self.table}.{self.column} (PostgreSQL)"
