"""Full-text search: a stored search vector on talks, GIN-indexed and filled on PostgreSQL.

SQLite (the embedded default) cannot build a GIN index and has no tsvector type; there the
column stays empty and talks.search falls back to `icontains`, so the PostgreSQL-only steps
below do nothing on other databases (and are not part of the model state, which keeps
`makemigrations --check` clean everywhere).
"""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "talks_talk_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON talks_talk USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def fill_vectors(apps, schema_editor):
    # Only databases that already hold talks need filling; a fresh one has none, and
    # skipping it keeps this step independent of tables later migrations add.
    Talk = apps.get_model("talks", "Talk")
    if schema_editor.connection.vendor == "postgresql" and Talk.objects.exists():
        from talks.search import postgres

        postgres.index_talks()


class Migration(migrations.Migration):
    dependencies = [
        ("talks", "0004_import"),
    ]

    operations = [
        migrations.AddField(
            model_name="talk",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True, editable=False, null=True
            ),
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
        migrations.RunPython(fill_vectors, migrations.RunPython.noop, elidable=True),
    ]
