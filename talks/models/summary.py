"""Summaries PostgreSQL keeps by triggers so that facet counts read a few rows, and the
triggers that keep them.

Two sets of statement-level AFTER triggers (django-pgtrigger), each kept because a benchmark
at 100,000 talks showed what it buys (BENCHMARKS.md, "Triggers and summary tables"):

- FACET_COUNTS keep FacetCount and TalkCompany: the facets of the whole catalogue (the
  unfiltered list and the API's) read a few rows instead of aggregating every tagging
  and credit;
- TALK_FACETS keep TalkFacets: a filtered list counts the ids in its matching talks' rows
  instead of joining the tagging and credit tables.

They are declared in the Meta of the models whose tables they watch: Talk and TalkSpeaker
(talks.models.talk), and two proxies below for the tables of other apps (taggit's
taggings, the speakers app's speakers, which must not know about talks). Each trigger
sees every write that goes through SQL (the admin, importers, bulk_create,
QuerySet.update, raw statements), so the summaries are exact whatever writes the tables;
only a TRUNCATE of one of those tables alone bypasses them (then
`SELECT talks_recount_facets(); SELECT talks_refresh_talk_facets(NULL);`).

The triggers call SQL functions that migrations create (they are functions, not
triggers, and a trigger's body is easier to read as a call): `talks_facet_bump`,
`talks_recount_facets` and `talks_talk_content_type` (0006_perf),
`talks_refresh_talk_facets` (0007_talk_facets) and `talks_pairs_bump` (0013_pgtrigger).
Transition tables make a bulk insert of 100,000 taggings run each trigger once. Other
databases than PostgreSQL get the (empty, unused) tables and no trigger.
"""

import pgtrigger
from django.contrib.postgres.fields import ArrayField
from django.db import models
from taggit.models import TaggedItem

from speakers.models import Speaker


class FacetCount(models.Model):
    """How many talks each tag, speaker and company has, and how many talks there are.

    Kept exact by PostgreSQL triggers on the talk, tagging, credit and speaker tables
    (FACET_COUNTS below), whatever writes them, so the facets of the whole catalogue are
    a read of a few rows instead of an aggregation of every tagging and credit. Unused
    (and empty) on other databases, where talks.search.facets aggregates the tables themselves.
    """

    class Kind(models.TextChoices):
        TALK = "talk"  # one row, item 0: the number of talks
        TAG = "tag"  # taggings of talks per tag
        SPEAKER = "speaker"  # credits per speaker
        COMPANY = "company"  # talks with at least one speaker from the company

    kind = models.CharField(max_length=10, choices=Kind)
    item_id = models.BigIntegerField()
    talks = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "item_id"], name="facet_count_unique")
        ]
        indexes = [models.Index(fields=["kind", "-talks", "item_id"], name="facet_count_top")]

    def __str__(self):
        return f"{self.kind} {self.item_id}: {self.talks}"


class TalkCompany(models.Model):
    """How many of a talk's credits are speakers of a company (PostgreSQL triggers keep it):
    a company's talk count changes only when one of these goes from 0 to more, or back."""

    talk_id = models.BigIntegerField()
    company_id = models.BigIntegerField()
    credits = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["talk_id", "company_id"], name="talk_company_unique")
        ]

    def __str__(self):
        return f"talk {self.talk_id}, company {self.company_id}: {self.credits}"


class TalkFacets(models.Model):
    """A talk's tag, speaker and company ids, one row per talk with any.

    Kept by PostgreSQL triggers on the tagging, credit, speaker and talk tables (TALK_FACETS
    below), so that the facets of a filtered list count the ids of the matching
    talks' rows in one narrow table (`unnest`) instead of joining every tagging and credit.
    The triggers recompute a talk's row from the tables after locking the talk, so two
    transactions tagging the same talk at once cannot leave a stale row. The table exists
    on every database (as SearchVectorField does), but only PostgreSQL fills and reads it.
    """

    talk_id = models.BigIntegerField(primary_key=True)
    tag_ids = ArrayField(models.BigIntegerField(), default=list)
    speaker_ids = ArrayField(models.BigIntegerField(), default=list)
    company_ids = ArrayField(models.BigIntegerField(), default=list)

    def __str__(self):
        return f"facets of talk {self.talk_id}"


# --- The triggers ------------------------------------------------------------------------
#
# Each body is PL/pgSQL between BEGIN and END, shared by a table's INSERT, UPDATE and DELETE
# triggers (TG_OP tells which; a statement-level trigger may only have transition tables
# for one event). Counts change by deltas (`talks = talks + n` under ON CONFLICT), which
# stays exact when transactions write concurrently; TalkFacets rows are recomputed from
# the tables after locking their talks (see talks_refresh_talk_facets).

TRANSITION_TABLES = {
    pgtrigger.Insert: pgtrigger.Referencing(new="new_rows"),
    pgtrigger.Update: pgtrigger.Referencing(old="old_rows", new="new_rows"),
    pgtrigger.Delete: pgtrigger.Referencing(old="old_rows"),
}


def after_each_statement(name, func, *operations):
    """One statement-level AFTER trigger per operation, named `name_<operation>`, running
    `func` with the statement's rows in `new_rows` and/or `old_rows`."""
    return [
        pgtrigger.Trigger(
            name=f"{name}_{str(operation).lower()}",
            level=pgtrigger.Statement,
            when=pgtrigger.After,
            operation=operation,
            referencing=TRANSITION_TABLES[operation],
            func=func,
        )
        for operation in operations
    ]


INSERT, UPDATE, DELETE = pgtrigger.Insert, pgtrigger.Update, pgtrigger.Delete

# FacetCount and TalkCompany (talks, taggings of talks, credits, companies of credits).
FACET_COUNTS = {
    "talk": after_each_statement(
        "facet_counts",
        """
        IF TG_OP = 'INSERT' THEN
            PERFORM talks_facet_bump('talk', ARRAY[0::bigint],
                ARRAY[(SELECT COUNT(*) FROM new_rows)::integer]);
        ELSE
            PERFORM talks_facet_bump('talk', ARRAY[0::bigint],
                ARRAY[-(SELECT COUNT(*) FROM old_rows)::integer]);
        END IF;
        RETURN NULL;
        """,
        INSERT,
        DELETE,
    ),
    "tagging": after_each_statement(
        "facet_counts",
        """
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM talks_facet_bump('tag', array_agg(tag_id), array_agg(1))
            FROM new_rows WHERE content_type_id = talks_talk_content_type();
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            PERFORM talks_facet_bump('tag', array_agg(tag_id), array_agg(-1))
            FROM old_rows WHERE content_type_id = talks_talk_content_type();
        END IF;
        RETURN NULL;
        """,
        INSERT,
        UPDATE,
        DELETE,
    ),
    "credit": after_each_statement(
        "facet_counts",
        """
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM talks_facet_bump('speaker', array_agg(speaker_id), array_agg(1))
            FROM new_rows;
            PERFORM talks_pairs_bump(array_agg(n.talk_id), array_agg(sp.company_id), array_agg(1))
            FROM new_rows n JOIN speakers_speaker sp ON sp.id = n.speaker_id;
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            PERFORM talks_facet_bump('speaker', array_agg(speaker_id), array_agg(-1))
            FROM old_rows;
            PERFORM talks_pairs_bump(array_agg(o.talk_id), array_agg(sp.company_id), array_agg(-1))
            FROM old_rows o JOIN speakers_speaker sp ON sp.id = o.speaker_id;
        END IF;
        RETURN NULL;
        """,
        INSERT,
        UPDATE,
        DELETE,
    ),
    "speaker": [
        # Foreign keys are checked at commit, so loaddata may write credits before their
        # speaker: the speaker's company is counted for them when it arrives.
        *after_each_statement(
            "facet_counts",
            """
            PERFORM talks_pairs_bump(array_agg(cr.talk_id), array_agg(n.company_id), array_agg(1))
            FROM new_rows n JOIN talks_talkspeaker cr ON cr.speaker_id = n.id;
            RETURN NULL;
            """,
            INSERT,
        ),
        # A speaker changing company moves their credits' talks from one company to the other.
        *after_each_statement(
            "facet_counts",
            """
            PERFORM talks_pairs_bump(
                array_agg(cr.talk_id), array_agg(moved.company_id), array_agg(moved.d)
            )
            FROM (
                SELECT o.id, o.company_id, -1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE o.company_id IS DISTINCT FROM n.company_id
                UNION ALL
                SELECT n.id, n.company_id, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE o.company_id IS DISTINCT FROM n.company_id
            ) moved
            JOIN talks_talkspeaker cr ON cr.speaker_id = moved.id;
            RETURN NULL;
            """,
            UPDATE,
        ),
    ],
}

# TalkFacets: the rows of the talks a statement touched are recomputed.
TALK_FACETS = {
    # Foreign keys are checked at commit, so loaddata may write a talk's taggings and
    # credits before the talk: they are counted when it arrives.
    "talk": after_each_statement(
        "talk_facets",
        """
        IF TG_OP = 'INSERT' THEN
            PERFORM talks_refresh_talk_facets(ARRAY(SELECT id FROM new_rows));
        ELSE
            DELETE FROM talks_talkfacets WHERE talk_id IN (SELECT id FROM old_rows);
        END IF;
        RETURN NULL;
        """,
        INSERT,
        DELETE,
    ),
    "tagging": after_each_statement(
        "talk_facets",
        """
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM talks_refresh_talk_facets(ARRAY(
                SELECT DISTINCT object_id::bigint FROM new_rows
                WHERE content_type_id = talks_talk_content_type()
            ));
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            PERFORM talks_refresh_talk_facets(ARRAY(
                SELECT DISTINCT object_id::bigint FROM old_rows
                WHERE content_type_id = talks_talk_content_type()
            ));
        END IF;
        RETURN NULL;
        """,
        INSERT,
        UPDATE,
        DELETE,
    ),
    "credit": after_each_statement(
        "talk_facets",
        """
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM talks_refresh_talk_facets(ARRAY(SELECT DISTINCT talk_id FROM new_rows));
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            PERFORM talks_refresh_talk_facets(ARRAY(SELECT DISTINCT talk_id FROM old_rows));
        END IF;
        RETURN NULL;
        """,
        INSERT,
        UPDATE,
        DELETE,
    ),
    "speaker": [
        # Credits loaded before their speaker (as above).
        *after_each_statement(
            "talk_facets",
            """
            PERFORM talks_refresh_talk_facets(ARRAY(
                SELECT DISTINCT cr.talk_id FROM new_rows n
                JOIN talks_talkspeaker cr ON cr.speaker_id = n.id
            ));
            RETURN NULL;
            """,
            INSERT,
        ),
        # A speaker changing company changes the companies of their talks.
        *after_each_statement(
            "talk_facets",
            """
            PERFORM talks_refresh_talk_facets(ARRAY(
                SELECT DISTINCT cr.talk_id FROM old_rows o
                JOIN new_rows n ON n.id = o.id
                JOIN talks_talkspeaker cr ON cr.speaker_id = n.id
                WHERE o.company_id IS DISTINCT FROM n.company_id
            ));
            RETURN NULL;
            """,
            UPDATE,
        ),
    ],
}


def triggers_on(table):
    """Both sets' triggers on `table` ("talk", "tagging", "credit" or "speaker")."""
    return [*FACET_COUNTS[table], *TALK_FACETS[table]]


class TaggingTriggers(TaggedItem):
    """taggit's taggings, as far as the summaries go: only their triggers (a proxy, so that
    the triggers are declared and migrated in this app, not in taggit's)."""

    class Meta:
        proxy = True
        default_permissions = ()
        triggers = triggers_on("tagging")


class SpeakerTriggers(Speaker):
    """The speakers app's speakers, as far as the summaries go: only their triggers (the
    speakers app knows nothing of talks)."""

    class Meta:
        proxy = True
        default_permissions = ()
        triggers = triggers_on("speaker")
