"""Words for "Did you mean …?" (talks.search.suggest), each database from its own engine.

- SQLite: two fts5vocab tables over the FTS5 index of migration 0010 (the index's terms
  per column with their talk counts, and every occurrence of each): views of the index,
  nothing to keep up to date.
- PostgreSQL: the pg_trgm extension, if it can be installed here, and a list of the
  catalogue's words with a trigram index (GiST, which orders by distance), filled from
  the talks; talks.search.postgres adds the words of every talk it re-indexes. Where
  pg_trgm cannot be installed (not shipped, or no right to create it), nothing is
  created and searches offer no suggestions.
"""

from django.db import DatabaseError, migrations, transaction

VOCABULARY = """
CREATE VIRTUAL TABLE IF NOT EXISTS talks_talk_fts_vocabulary
USING fts5vocab(talks_talk_fts, 'col')
"""
OCCURRENCES = """
CREATE VIRTUAL TABLE IF NOT EXISTS talks_talk_fts_occurrences
USING fts5vocab(talks_talk_fts, 'instance')
"""
WORDS = "CREATE TABLE IF NOT EXISTS talks_search_word (word text PRIMARY KEY)"
WORDS_INDEX = """
CREATE INDEX IF NOT EXISTS talks_search_word_trgm
ON talks_search_word USING gist (word gist_trgm_ops)
"""


def create_words(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        from talks.search import sqlite

        if sqlite.fts5_available():
            schema_editor.execute(VOCABULARY)
            schema_editor.execute(OCCURRENCES)
    elif connection.vendor == "postgresql":
        try:
            with transaction.atomic(using=connection.alias):
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            return  # no suggestions here
        schema_editor.execute(WORDS)
        schema_editor.execute(WORDS_INDEX)
        from talks.search import postgres

        talks = apps.get_model("talks", "Talk").objects
        if talks.exists():
            postgres.index_words(postgres.Talk.objects.all(), everything=True)


def drop_words(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS talks_talk_fts_occurrences")
        schema_editor.execute("DROP TABLE IF EXISTS talks_talk_fts_vocabulary")
    elif connection.vendor == "postgresql":
        # pg_trgm stays: it may have been there before, or serve something else.
        schema_editor.execute("DROP TABLE IF EXISTS talks_search_word")


class Migration(migrations.Migration):
    dependencies = [
        ("talks", "0011_talk_lists"),
    ]

    operations = [
        migrations.RunPython(create_words, drop_words, elidable=False),
    ]
