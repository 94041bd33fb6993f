"""PostgreSQL: a RUM index of the talks' search vectors, where the RUM extension exists.

RUM (https://github.com/postgrespro/rum; Debian: postgresql-NN-rum) is GIN with each
lexeme's positions kept in the index, so that it can return a search's matches best
first (`ORDER BY search_vector <=> query LIMIT n`) without reading and ranking every
match. talks.search.postgres uses it when this index exists, and otherwise ranks with
`ts_rank` over the GIN index of 0005_search, which stays either way.

The extension is optional: it is created here when the server offers it and this
connection may create it (a superuser, or the extension already created by one); if
not, nothing happens and the search works, more slowly, without it. Applying this
migration again once the extension is available creates the index (migrate to 0011,
then forward). Reversing drops the index and leaves the extension.
"""

from django.db import DatabaseError, migrations, transaction

INDEX = "talks_talk_search_vector_rum"


def _exists(cursor, sql, params=()):
    cursor.execute(sql, params)
    return cursor.fetchone() is not None


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if not _exists(cursor, "SELECT 1 FROM pg_available_extensions WHERE name = 'rum'"):
            return
        if not _exists(cursor, "SELECT 1 FROM pg_extension WHERE extname = 'rum'"):
            try:
                with transaction.atomic(using=connection.alias):  # a savepoint
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
            except DatabaseError:
                # Not allowed (CREATE EXTENSION needs a superuser): search without RUM.
                return
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON talks_talk "
            "USING rum (search_vector rum_tsvector_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("talks", "0013_pgtrigger"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
