"""Full-text search on SQLite: an FTS5 table of the talks' search documents.

One row per talk (rowid = the talk's id), one column per field of the document
(talks.search.document), words stemmed by the Porter stemmer, accents ignored. A trigger
drops a talk's row when the talk is deleted, whatever deletes it. Only on SQLite, and only
where the SQLite library has FTS5; elsewhere talks.search uses another backend. The model
is unmanaged: it lets searches join the table.
"""

import django.db.models.deletion
from django.db import migrations, models

CREATE_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS talks_talk_fts USING fts5(
    title, topic, tags, speakers, companies, summary, notes,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""
CREATE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS talks_talk_fts_delete AFTER DELETE ON talks_talk
BEGIN
    DELETE FROM talks_talk_fts WHERE rowid = OLD.id;
END
"""


def create_index(apps, schema_editor):
    from talks.search import sqlite

    if schema_editor.connection.vendor != "sqlite" or not sqlite.fts5_available():
        return
    schema_editor.execute(CREATE_TABLE)
    schema_editor.execute(CREATE_TRIGGER)
    # A fresh database has no talks; one that has gets its index filled here.
    if apps.get_model("talks", "Talk").objects.exists():
        sqlite.index_talks()


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS talks_talk_fts_delete")
        schema_editor.execute("DROP TABLE IF EXISTS talks_talk_fts")


class Migration(migrations.Migration):
    dependencies = [
        ("talks", "0009_schedule"),
    ]

    operations = [
        migrations.CreateModel(
            name="TalkIndexEntry",
            fields=[
                (
                    "talk",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="index_entry",
                        serialize=False,
                        to="talks.talk",
                    ),
                ),
                ("document", models.TextField(db_column="talks_talk_fts")),
                ("rank", models.FloatField(db_column="rank")),
            ],
            options={
                "db_table": "talks_talk_fts",
                "managed": False,
            },
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
