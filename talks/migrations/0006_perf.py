"""Exact counts for the facets of the whole catalogue, kept by the database.

FacetCount holds how many talks each tag, speaker and company has (and how many talks
there are); TalkCompany how many of a talk's speakers are from each company. On
PostgreSQL, triggers keep both exact whatever writes the tables (the admin, importers,
bulk_create, QuerySet.update, raw SQL; not TRUNCATE of one table alone), so the
unfiltered talk list reads its facets from a few rows instead of aggregating every
tagging and credit. Other databases get the (empty, unused) tables only; talks.facets
aggregates the tables there.

Also, on every database, an index of taggings by (content type, tag, object) for the
tag filters.
"""

from django.db import migrations, models


# --- PostgreSQL: triggers that keep FacetCount and TalkCompany exact ---------------------
#
# Statement-level AFTER triggers with transition tables: a bulk insert of 100,000
# taggings runs each trigger once. Counts change by deltas (`talks = talks + n` under
# ON CONFLICT), which stays exact when transactions write concurrently.

FUNCTIONS = """
CREATE OR REPLACE FUNCTION talks_talk_content_type() RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT id FROM django_content_type WHERE app_label = 'talks' AND model = 'talk'
$$;

CREATE OR REPLACE FUNCTION talks_facet_bump(k text, ids bigint[], deltas integer[])
RETURNS void LANGUAGE sql VOLATILE AS $$
    INSERT INTO talks_facetcount (kind, item_id, talks)
    SELECT k, u.id, SUM(u.d) FROM unnest(ids, deltas) AS u(id, d)
    WHERE u.id IS NOT NULL
    GROUP BY u.id HAVING SUM(u.d) <> 0 ORDER BY u.id
    ON CONFLICT (kind, item_id) DO UPDATE SET talks = talks_facetcount.talks + EXCLUDED.talks;
$$;

-- Credits of (talk, company) pairs change by the deltas; a company's talk count changes
-- by one for each of its pairs that went from no credits to some, or back.
CREATE OR REPLACE FUNCTION talks_pairs_bump(talk_ids bigint[], company_ids bigint[], deltas integer[])
RETURNS void LANGUAGE sql VOLATILE AS $$
    WITH delta AS (
        SELECT u.t AS talk_id, u.c AS company_id, SUM(u.d)::integer AS d
        FROM unnest(talk_ids, company_ids, deltas) AS u(t, c, d)
        WHERE u.c IS NOT NULL
        GROUP BY u.t, u.c HAVING SUM(u.d) <> 0
    ), changed AS (
        INSERT INTO talks_talkcompany (talk_id, company_id, credits)
        SELECT talk_id, company_id, d FROM delta ORDER BY talk_id, company_id
        ON CONFLICT (talk_id, company_id)
        DO UPDATE SET credits = talks_talkcompany.credits + EXCLUDED.credits
        RETURNING talk_id, company_id, credits
    )
    SELECT talks_facet_bump(
        'company',
        array_agg(changed.company_id),
        array_agg(CASE WHEN changed.credits > 0 THEN 1 ELSE -1 END)
    )
    FROM changed JOIN delta USING (talk_id, company_id)
    WHERE (changed.credits > 0) <> (changed.credits - delta.d > 0);
    DELETE FROM talks_talkcompany WHERE credits <= 0;
$$;

CREATE OR REPLACE FUNCTION talks_count_talks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM talks_facet_bump('talk', ARRAY[0::bigint], ARRAY[(SELECT COUNT(*) FROM new_rows)::integer]);
    ELSE
        PERFORM talks_facet_bump('talk', ARRAY[0::bigint], ARRAY[-(SELECT COUNT(*) FROM old_rows)::integer]);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION talks_count_taggings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM talks_facet_bump('tag', array_agg(tag_id), array_agg(1))
        FROM new_rows WHERE content_type_id = talks_talk_content_type();
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM talks_facet_bump('tag', array_agg(tag_id), array_agg(-1))
        FROM old_rows WHERE content_type_id = talks_talk_content_type();
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION talks_count_credits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM talks_facet_bump('speaker', array_agg(speaker_id), array_agg(1)) FROM new_rows;
        PERFORM talks_pairs_bump(array_agg(n.talk_id), array_agg(sp.company_id), array_agg(1))
        FROM new_rows n JOIN speakers_speaker sp ON sp.id = n.speaker_id;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM talks_facet_bump('speaker', array_agg(speaker_id), array_agg(-1)) FROM old_rows;
        PERFORM talks_pairs_bump(array_agg(o.talk_id), array_agg(sp.company_id), array_agg(-1))
        FROM old_rows o JOIN speakers_speaker sp ON sp.id = o.speaker_id;
    END IF;
    RETURN NULL;
END $$;

-- A speaker changing company moves their credits' talks from one company to the other.
CREATE OR REPLACE FUNCTION talks_count_speaker_companies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM talks_pairs_bump(array_agg(cr.talk_id), array_agg(moved.company_id), array_agg(moved.d))
    FROM (
        SELECT o.id, o.company_id, -1 AS d FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE o.company_id IS DISTINCT FROM n.company_id
        UNION ALL
        SELECT n.id, n.company_id, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE o.company_id IS DISTINCT FROM n.company_id
    ) moved
    JOIN talks_talkspeaker cr ON cr.speaker_id = moved.id;
    RETURN NULL;
END $$;

-- Recount everything from the tables (the migration's first fill; safe to call any time).
CREATE OR REPLACE FUNCTION talks_recount_facets() RETURNS void LANGUAGE sql VOLATILE AS $$
    DELETE FROM talks_facetcount;
    DELETE FROM talks_talkcompany;
    INSERT INTO talks_facetcount (kind, item_id, talks)
    SELECT 'talk', 0, COUNT(*) FROM talks_talk;
    INSERT INTO talks_facetcount (kind, item_id, talks)
    SELECT 'tag', tag_id, COUNT(*) FROM taggit_taggeditem
    WHERE content_type_id = talks_talk_content_type() GROUP BY tag_id;
    INSERT INTO talks_facetcount (kind, item_id, talks)
    SELECT 'speaker', speaker_id, COUNT(*) FROM talks_talkspeaker GROUP BY speaker_id;
    INSERT INTO talks_talkcompany (talk_id, company_id, credits)
    SELECT cr.talk_id, sp.company_id, COUNT(*) FROM talks_talkspeaker cr
    JOIN speakers_speaker sp ON sp.id = cr.speaker_id
    WHERE sp.company_id IS NOT NULL GROUP BY cr.talk_id, sp.company_id;
    INSERT INTO talks_facetcount (kind, item_id, talks)
    SELECT 'company', company_id, COUNT(*) FROM talks_talkcompany GROUP BY company_id;
$$;
"""

TRIGGERS = [
    # (table, function, event, transition tables)
    ("talks_talk", "talks_count_talks", "INSERT", "NEW TABLE AS new_rows"),
    ("talks_talk", "talks_count_talks", "DELETE", "OLD TABLE AS old_rows"),
    ("taggit_taggeditem", "talks_count_taggings", "INSERT", "NEW TABLE AS new_rows"),
    ("taggit_taggeditem", "talks_count_taggings", "DELETE", "OLD TABLE AS old_rows"),
    (
        "taggit_taggeditem",
        "talks_count_taggings",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    ),
    ("talks_talkspeaker", "talks_count_credits", "INSERT", "NEW TABLE AS new_rows"),
    ("talks_talkspeaker", "talks_count_credits", "DELETE", "OLD TABLE AS old_rows"),
    (
        "talks_talkspeaker",
        "talks_count_credits",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    ),
    (
        "speakers_speaker",
        "talks_count_speaker_companies",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    ),
]
DROP_FUNCTIONS = [
    "talks_recount_facets()",
    "talks_count_speaker_companies()",
    "talks_count_credits()",
    "talks_count_taggings()",
    "talks_count_talks()",
    "talks_pairs_bump(bigint[], bigint[], integer[])",
    "talks_facet_bump(text, bigint[], integer[])",
    "talks_talk_content_type()",
]


# Talks with a tag, as an index-only scan in object order: filtering by two tags merges
# two of these instead of probing every talk (taggit indexes tag_id alone).
TAG_INDEX = "taggit_taggeditem_type_tag_object_idx"


def create_tag_index(apps, schema_editor):
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TAG_INDEX} "
        "ON taggit_taggeditem (content_type_id, tag_id, object_id)"
    )


def drop_tag_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {TAG_INDEX}")


def trigger_name(table, event):
    return f"{table}_facet_counts_{event.lower()}"


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIONS)
    for table, function, event, transitions in TRIGGERS:
        schema_editor.execute(
            f"CREATE OR REPLACE TRIGGER {trigger_name(table, event)} AFTER {event} ON {table} "
            f"REFERENCING {transitions} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    schema_editor.execute("SELECT talks_recount_facets()")


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _, event, _ in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table, event)} ON {table}")
    for function in DROP_FUNCTIONS:
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}")


class Migration(migrations.Migration):
    dependencies = [
        ("talks", "0005_search"),
        ("speakers", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="FacetCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("talk", "Talk"),
                            ("tag", "Tag"),
                            ("speaker", "Speaker"),
                            ("company", "Company"),
                        ],
                        max_length=10,
                    ),
                ),
                ("item_id", models.BigIntegerField()),
                ("talks", models.IntegerField(default=0)),
            ],
            options={
                "indexes": [
                    models.Index(fields=["kind", "-talks", "item_id"], name="facet_count_top")
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "item_id"), name="facet_count_unique")
                ],
            },
        ),
        migrations.CreateModel(
            name="TalkCompany",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("talk_id", models.BigIntegerField()),
                ("company_id", models.BigIntegerField()),
                ("credits", models.IntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("talk_id", "company_id"), name="talk_company_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
        migrations.RunPython(create_tag_index, drop_tag_index, elidable=False),
        migrations.AddIndex(
            model_name="talk",
            index=models.Index(fields=["title", "id"], name="talk_title_idx"),
        ),
    ]
