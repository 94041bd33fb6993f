"""Each talk's tag, speaker and company ids in one narrow row (TalkFacets), kept by the
database, for the facets of filtered lists; an index to number matching talks in
write-up order without reading the talk table; and FacetCount's company counts for
credits written before their speaker (a gap in 0006).

On PostgreSQL, statement-level triggers on taggings, credits, speakers and talks call
`talks_refresh_talk_facets(ids)`, which locks those talks and recomputes their rows from
the tables: writers of the same talk queue on the lock, and the recount (a new statement,
so a new snapshot under READ COMMITTED) sees what the one before them committed. A
TRUNCATE of one of those tables alone bypasses the triggers: then run
`SELECT talks_refresh_talk_facets(NULL)` to rebuild every row. Other databases get the
(empty, unused) table only.
"""

import django.contrib.postgres.fields
from django.db import migrations, models

FUNCTIONS = """
CREATE OR REPLACE FUNCTION talks_refresh_talk_facets(ids bigint[]) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF ids IS NULL THEN
        ids := ARRAY(SELECT id FROM talks_talk);
        DELETE FROM talks_talkfacets;
    END IF;
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    -- Speakers first, then talks, in id order, as a speaker's company change locks them:
    -- a writer that changes a speaker's company and one that credits the speaker queue
    -- instead of each reading the other's old state (or deadlocking).
    PERFORM 1 FROM speakers_speaker
    WHERE id IN (SELECT speaker_id FROM talks_talkspeaker WHERE talk_id = ANY(ids))
    ORDER BY id FOR SHARE;
    PERFORM 1 FROM talks_talk WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
    DELETE FROM talks_talkfacets WHERE talk_id = ANY(ids);
    INSERT INTO talks_talkfacets (talk_id, tag_ids, speaker_ids, company_ids)
    SELECT t.id, facets.tag_ids, facets.speaker_ids, facets.company_ids
    FROM talks_talk t
    CROSS JOIN LATERAL (
        SELECT
            ARRAY(
                SELECT ti.tag_id::bigint FROM taggit_taggeditem ti
                WHERE ti.object_id = t.id AND ti.content_type_id = talks_talk_content_type()
                ORDER BY ti.tag_id
            ) AS tag_ids,
            ARRAY(
                SELECT cr.speaker_id FROM talks_talkspeaker cr
                WHERE cr.talk_id = t.id ORDER BY cr.speaker_id
            ) AS speaker_ids,
            ARRAY(
                SELECT DISTINCT sp.company_id FROM talks_talkspeaker cr
                JOIN speakers_speaker sp ON sp.id = cr.speaker_id
                WHERE cr.talk_id = t.id AND sp.company_id IS NOT NULL ORDER BY sp.company_id
            ) AS company_ids
    ) facets
    WHERE t.id = ANY(ids)
    AND (facets.tag_ids <> '{}' OR facets.speaker_ids <> '{}' OR facets.company_ids <> '{}');
END $$;

CREATE OR REPLACE FUNCTION talks_talk_facets_of_taggings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
END $$;

CREATE OR REPLACE FUNCTION talks_talk_facets_of_credits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM talks_refresh_talk_facets(ARRAY(SELECT DISTINCT talk_id FROM new_rows));
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM talks_refresh_talk_facets(ARRAY(SELECT DISTINCT talk_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

-- A speaker changing company changes the companies of their talks.
CREATE OR REPLACE FUNCTION talks_talk_facets_of_speakers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM talks_refresh_talk_facets(ARRAY(
        SELECT DISTINCT cr.talk_id FROM old_rows o
        JOIN new_rows n ON n.id = o.id
        JOIN talks_talkspeaker cr ON cr.speaker_id = n.id
        WHERE o.company_id IS DISTINCT FROM n.company_id
    ));
    RETURN NULL;
END $$;

-- Foreign keys are checked at commit, so loaddata may write a talk's taggings and
-- credits before the talk, or credits before their speaker: count them when it arrives.
CREATE OR REPLACE FUNCTION talks_talk_facets_of_talks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM talks_refresh_talk_facets(ARRAY(SELECT id FROM new_rows));
    ELSE
        DELETE FROM talks_talkfacets WHERE talk_id IN (SELECT id FROM old_rows);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION talks_talk_facets_of_new_speakers() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM talks_refresh_talk_facets(ARRAY(
        SELECT DISTINCT cr.talk_id FROM new_rows n
        JOIN talks_talkspeaker cr ON cr.speaker_id = n.id
    ));
    -- The same gap in FacetCount's company counts (migration 0006): credits written
    -- before their speaker found no company to count.
    PERFORM talks_pairs_bump(array_agg(cr.talk_id), array_agg(n.company_id), array_agg(1))
    FROM new_rows n JOIN talks_talkspeaker cr ON cr.speaker_id = n.id;
    RETURN NULL;
END $$;
"""

TRIGGERS = [
    # (table, function, event, transition tables)
    ("taggit_taggeditem", "talks_talk_facets_of_taggings", "INSERT", "NEW TABLE AS new_rows"),
    ("taggit_taggeditem", "talks_talk_facets_of_taggings", "DELETE", "OLD TABLE AS old_rows"),
    (
        "taggit_taggeditem",
        "talks_talk_facets_of_taggings",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    ),
    ("talks_talkspeaker", "talks_talk_facets_of_credits", "INSERT", "NEW TABLE AS new_rows"),
    ("talks_talkspeaker", "talks_talk_facets_of_credits", "DELETE", "OLD TABLE AS old_rows"),
    (
        "talks_talkspeaker",
        "talks_talk_facets_of_credits",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    ),
    (
        "speakers_speaker",
        "talks_talk_facets_of_speakers",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    ),
    ("talks_talk", "talks_talk_facets_of_talks", "INSERT", "NEW TABLE AS new_rows"),
    ("talks_talk", "talks_talk_facets_of_talks", "DELETE", "OLD TABLE AS old_rows"),
    ("speakers_speaker", "talks_talk_facets_of_new_speakers", "INSERT", "NEW TABLE AS new_rows"),
]
DROP_FUNCTIONS = [
    "talks_talk_facets_of_new_speakers()",
    "talks_talk_facets_of_talks()",
    "talks_talk_facets_of_speakers()",
    "talks_talk_facets_of_credits()",
    "talks_talk_facets_of_taggings()",
    "talks_refresh_talk_facets(bigint[])",
]


# Numbering matching talks in write-up order from the index alone, without reading the
# talk table. PostgreSQL only: SQLite has no INCLUDE (and no need of it).
ORDER_INDEX = "talk_order_idx"


def create_order_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {ORDER_INDEX} "
            "ON talks_talk (id) INCLUDE (conference_id, position)"
        )


def drop_order_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {ORDER_INDEX}")


def trigger_name(table, event):
    return f"{table}_talk_facets_{event.lower()}"


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIONS)
    for table, function, event, transitions in TRIGGERS:
        schema_editor.execute(
            f"CREATE OR REPLACE TRIGGER {trigger_name(table, event)} AFTER {event} ON {table} "
            f"REFERENCING {transitions} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    schema_editor.execute("SELECT talks_refresh_talk_facets(NULL)")


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _, event, _ in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table, event)} ON {table}")
    for function in DROP_FUNCTIONS:
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}")


class Migration(migrations.Migration):
    dependencies = [
        ("speakers", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("talks", "0006_perf"),
    ]

    operations = [
        migrations.CreateModel(
            name="TalkFacets",
            fields=[
                ("talk_id", models.BigIntegerField(primary_key=True, serialize=False)),
                (
                    "tag_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
                (
                    "speaker_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
                (
                    "company_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
            ],
        ),
        migrations.RunPython(create_order_index, drop_order_index, elidable=False),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
