"""Values of each talk in a talk query, with their SQL written out.

A list's cards show whether each talk can play and how many people starred it. Built
through the ORM, those correlated subqueries took 2-3 ms of Python to resolve and compile
on every list and search page: 10.7 ms to fetch 20 cards, against 9.1 ms written out here
(BENCHMARKS.md). tests/talks/models/test_talk.py checks which talks `Playable` picks, on
cards and in the video filter; tests/talks/models/test_reader.py checks the star counts,
with joins and without.
"""

from django.db.models import BooleanField, Expression, IntegerField

from .links import Link
from .reader import Star


class TalkSQL(Expression):
    """SQL about each talk of the query. `sql` names the query's talk table `{talk}` and
    the tables `{link}` and `{star}`; `params` are its values."""

    sql = ""
    params = ()

    def as_sql(self, compiler, connection):
        quote = connection.ops.quote_name
        names = {
            "talk": compiler.quote_name_unless_alias(compiler.query.get_initial_alias()),
            "link": quote(Link._meta.db_table),
            "star": quote(Star._meta.db_table),
        }
        return self.sql.format(**names), list(self.params)


class Playable(TalkSQL):
    """Whether the talk can play: a recording link of its own, or a place in a playlist of
    its conference. Cards show it (`for_list()`); `?has_video=1` filters on it (`with_video()`).
    EXISTS, not `id IN (recording links)`: in a list's SELECT the latter hashed every
    recording link of the catalogue (~25 ms at 23,000) to annotate 20 talks."""

    output_field = BooleanField()
    sql = (
        "(EXISTS (SELECT 1 FROM {link} own_link"
        " WHERE own_link.talk_id = {talk}.id AND own_link.kind = %s)"
        " OR ({talk}.playlist_position IS NOT NULL AND EXISTS (SELECT 1 FROM {link} playlist"
        " WHERE playlist.conference_id = {talk}.conference_id AND playlist.kind = %s)))"
    )
    params = (Link.Kind.RECORDING.value, Link.Kind.PLAYLIST.value)


class StarCount(TalkSQL):
    """How many people starred the talk (a subquery: no join, so no double counting)."""

    output_field = IntegerField()
    sql = "(SELECT COUNT(*) FROM {star} star WHERE star.talk_id = {talk}.id)"
