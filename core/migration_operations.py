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


class PadSearchColumns(migrations.RunPython):
    """Bring stored search columns to the whole-word form (core.text.padded): the folded
    text with a space at each end, and the folded name in `search_name`.

    Uses only the rows' own columns, so it is safe at any point of the migration history;
    what search_parts() adds since (phone numbers, OCOP ratings) comes with each row's next
    save, or at once with `manage.py rebuild_search`.
    """

    def __init__(self, *model_names: str):
        self.model_names = model_names
        super().__init__(self.forwards, migrations.RunPython.noop)

    def deconstruct(self):
        return (f"{self.__class__.__module__}.{self.__class__.__name__}", list(self.model_names), {})

    def forwards(self, apps, schema_editor):
        from core.text import padded

        for label in self.model_names:
            model = apps.get_model(label)
            changed = []
            for row in model.objects.only("pk", "name", "search_text", "search_name").iterator(
                chunk_size=1000
            ):
                text = row.search_text.strip()
                row.search_text = f" {text} " if text else ""
                row.search_name = padded(row.name)[:255]
                changed.append(row)
            model.objects.bulk_update(changed, ["search_text", "search_name"], batch_size=1000)

    def describe(self):
        return f"Pad the search columns of {', '.join(self.model_names)}"
