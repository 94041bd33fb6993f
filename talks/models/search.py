"""SQLite's full-text index of talks, as a model so that searches join it (talks.search.sqlite)."""

from django.db import models
from django.db.models import Lookup

from .talk import Talk


class Match(Lookup):
    """`column MATCH value`: an FTS5 query on the table's own column, a rank function on rank."""

    lookup_name = "match"
    prepare_rhs = False  # an FTS5 query or rank function, not a value of the column

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class TalkIndexEntry(models.Model):
    """A talk's row in the FTS5 table `talks_talk_fts` (SQLite only; created by a migration).

    Only what a search reads is declared: the row id (the talk's id), the hidden column
    named after the table (the left side of MATCH, the first argument of snippet()) and
    `rank`. The text columns are written by talks.search.sqlite, never through the ORM.
    """

    talk = models.OneToOneField(
        Talk,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="index_entry",
    )
    document = models.TextField(db_column="talks_talk_fts")
    rank = models.FloatField(db_column="rank")  # lower is better

    class Meta:
        managed = False
        db_table = "talks_talk_fts"

    def __str__(self):
        return f"Index entry of talk {self.talk_id}"


TalkIndexEntry._meta.get_field("document").register_lookup(Match)
TalkIndexEntry._meta.get_field("rank").register_lookup(Match)
