"""Facets of a talk list: how many talks match, and the tags, speakers and companies
present among them with counts; and the cached order of long lists' first pages.

Everything comes from one SQL statement: the matching talks are computed once (a
materialised CTE) and grouped three ways, so a list page costs the same number of
queries for 1 or 100,000 talks. Aggregating 100,000 talks still takes tens of
milliseconds, so results are cached per query under the data version (`talks.version`), which every
write through `talks.services` bumps.

A search's list is its BEST_MATCHES best matches (`among_best`): its count and facets are
those of the talks listed, exact up to that many, and the page says when more match.
Counting, ranking and faceting every match of a common word (a quarter of 100,000 talks)
takes over 100 ms on PostgreSQL whatever the index, as reading 25,000 rows does; the
first thousand come from the RUM index in order (talks.search.postgres) in ~10 ms.

On PostgreSQL, two things kept exact by triggers (talks.models.summary) replace most of
that work: the facets of all talks (the unfiltered list) are a read of FacetCount, and a
filtered list counts the ids in its matching talks' TalkFacets rows instead of joining the
tagging and credit tables. Other databases aggregate the tables.
"""

import hashlib
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.cache import cache
from django.db import connection
from django.db.models import BigIntegerField, BooleanField, F, Func, Value, Window
from django.db.models.functions import RowNumber
from taggit.models import Tag, TaggedItem

from speakers.models import Company, Speaker

from .. import version
from ..models import FacetCount, Talk, TalkFacets, TalkSpeaker
from . import best_first, search

LIMIT = 20
# A search lists, counts and facets at most this many of its best matches.
BEST_MATCHES = 1000
# Entries are keyed on the data version (talks.version), so they are right until the data
# changes; the expiry only frees memory.
CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Facet:
    slug: str
    name: str
    count: int


@dataclass(frozen=True)
class Facets:
    count: int = 0
    tags: list = field(default_factory=list)
    speakers: list = field(default_factory=list)
    companies: list = field(default_factory=list)
    # Ids of the first talks in the order asked for (`facets_of(…, ordered=…)`), else None.
    first_ids: list | None = None


def _tables():
    return {
        "talk": Talk._meta.db_table,
        "tagged": TaggedItem._meta.db_table,
        "tag": Tag._meta.db_table,
        "credit": TalkSpeaker._meta.db_table,
        "speaker": Speaker._meta.db_table,
        "company": Company._meta.db_table,
        "summary": FacetCount._meta.db_table,
        "talk_facets": TalkFacets._meta.db_table,
    }


# Each facet groups by id only (cheap), then joins names for the top rows. The matching
# talks are joined (not `IN (…)`: the planner then knows how many there are and merges or
# hashes instead of probing an index once per talk), and their credits are read once for
# both the speaker and the company facet. (Other databases than PostgreSQL; and all talks.)
SQL = """
WITH matching AS MATERIALIZED ({matching}),
credits AS MATERIALIZED (
    SELECT cr.talk_id, cr.speaker_id, sp.company_id FROM {credit_source}
    JOIN {speaker} sp ON sp.id = cr.speaker_id
)
SELECT 'count', '', '', (SELECT COUNT(*) FROM {talk_source})
UNION ALL{first_ids}
SELECT 'tag', t.slug, t.name, top.n FROM (
    SELECT ti.tag_id, COUNT(*) AS n FROM {tagged_source}
    WHERE ti.content_type_id = %s
    GROUP BY ti.tag_id ORDER BY n DESC, ti.tag_id LIMIT %s
) top JOIN {tag} t ON t.id = top.tag_id
UNION ALL
SELECT 'speaker', s.slug, s.name, top.n FROM (
    SELECT speaker_id, COUNT(*) AS n FROM credits
    GROUP BY speaker_id ORDER BY n DESC, speaker_id LIMIT %s
) top JOIN {speaker} s ON s.id = top.speaker_id
UNION ALL
SELECT 'company', c.slug, c.name, top.n FROM (
    SELECT company_id, COUNT(*) AS n FROM (
        SELECT DISTINCT talk_id, company_id FROM credits WHERE company_id IS NOT NULL
    ) pairs
    GROUP BY company_id ORDER BY n DESC, company_id LIMIT %s
) top JOIN {company} c ON c.id = top.company_id
"""


# Matching talks on PostgreSQL: their ids of each kind from TalkFacets (one narrow row per
# talk, kept by triggers), unnested and counted; no join of the tagging and credit tables.
ARRAY_SQL = """
WITH matching AS MATERIALIZED ({matching}),
facet_rows AS MATERIALIZED (
    SELECT f.tag_ids, f.speaker_ids, f.company_ids FROM matching m
    JOIN {talk_facets} f ON f.talk_id = m.pk
)
SELECT 'count', '', '', (SELECT COUNT(*) FROM matching)
UNION ALL{first_ids}
SELECT 'tag', t.slug, t.name, top.n FROM (
    SELECT id, COUNT(*) AS n FROM (SELECT unnest(tag_ids) AS id FROM facet_rows) ids
    GROUP BY id ORDER BY n DESC, id LIMIT %s
) top JOIN {tag} t ON t.id = top.id
UNION ALL
SELECT 'speaker', s.slug, s.name, top.n FROM (
    SELECT id, COUNT(*) AS n FROM (SELECT unnest(speaker_ids) AS id FROM facet_rows) ids
    GROUP BY id ORDER BY n DESC, id LIMIT %s
) top JOIN {speaker} s ON s.id = top.id
UNION ALL
SELECT 'company', c.slug, c.name, top.n FROM (
    SELECT id, COUNT(*) AS n FROM (SELECT unnest(company_ids) AS id FROM facet_rows) ids
    GROUP BY id ORDER BY n DESC, id LIMIT %s
) top JOIN {company} c ON c.id = top.id
"""


# All talks on PostgreSQL: the counts kept by triggers, top rows from an index.
SUMMARY_SQL = """
SELECT 'count', '', '', COALESCE(
    (SELECT talks FROM {summary} WHERE kind = 'talk' AND item_id = 0), 0
)
UNION ALL
SELECT 'tag', t.slug, t.name, top.talks FROM (
    SELECT item_id, talks FROM {summary} WHERE kind = 'tag' AND talks > 0
    ORDER BY talks DESC, item_id LIMIT %s
) top JOIN {tag} t ON t.id = top.item_id
UNION ALL
SELECT 'speaker', s.slug, s.name, top.talks FROM (
    SELECT item_id, talks FROM {summary} WHERE kind = 'speaker' AND talks > 0
    ORDER BY talks DESC, item_id LIMIT %s
) top JOIN {speaker} s ON s.id = top.item_id
UNION ALL
SELECT 'company', c.slug, c.name, top.talks FROM (
    SELECT item_id, talks FROM {summary} WHERE kind = 'company' AND talks > 0
    ORDER BY talks DESC, item_id LIMIT %s
) top JOIN {company} c ON c.id = top.item_id
"""


def uses_facet_counts():
    """Whether FacetCount is kept by the database (PostgreSQL's triggers), for all talks."""
    return connection.vendor == "postgresql"


def uses_talk_facets():
    """Whether TalkFacets is kept by the database (PostgreSQL's triggers), for filtered lists."""
    return connection.vendor == "postgresql"


# The first ids in order, numbered by the matching talks' `_row` (see `_numbered`).
FIRST_IDS_SQL = """
SELECT 'id', CAST(_row AS TEXT), '', pk FROM matching WHERE _row <= %s
UNION ALL"""


def _numbered(ordered):
    """`ordered` as (pk, _row): each talk's place in the order, from 1."""
    order_by = ordered.query.order_by or ordered.model._meta.ordering
    window = Window(RowNumber(), order_by=[_order_expression(item) for item in order_by])
    return ordered.annotate(_row=window).order_by().values("pk", "_row")


def _order_expression(item):
    if not isinstance(item, str):
        return item
    return F(item[1:]).desc() if item.startswith("-") else F(item).asc()


def _statement(talks, limit, ordered=None, first=0):
    tables = _tables()
    if not talks.query.where and uses_facet_counts():
        return SUMMARY_SQL.format(**tables), (limit, limit, limit)
    first_ids, first_params = "", ()
    if talks.query.where:
        if ordered is not None and first:
            # Sorting the matches here costs less than matching them again to sort.
            matching, params = _numbered(ordered).query.sql_with_params()
            first_ids, first_params = FIRST_IDS_SQL, (first,)
        else:
            matching, params = talks.order_by().values("pk").query.sql_with_params()
        if uses_talk_facets():
            sql = ARRAY_SQL.format(matching=matching, first_ids=first_ids, **tables)
            return sql, (*params, *first_params, limit, limit, limit)
        sources = {
            "talk_source": "matching",
            "tagged_source": "matching m JOIN {tagged} ti ON ti.object_id = m.pk",
            "credit_source": "matching m JOIN {credit} cr ON cr.talk_id = m.pk",
        }
    else:
        # All talks: aggregate the link tables directly, no need to list every talk.
        matching, params = "SELECT 1", ()
        sources = {
            "talk_source": "{talk}",
            "tagged_source": "{tagged} ti",
            "credit_source": "{credit} cr",
        }
    sources = {name: source.format(**tables) for name, source in sources.items()}
    content_type = ContentType.objects.get_for_model(Talk).pk
    sql = SQL.format(matching=matching, first_ids=first_ids, **tables, **sources)
    return sql, (*params, *first_params, content_type, limit, limit, limit)


def _compute(sql, params, with_ids=False):
    by_kind = {"tag": [], "speaker": [], "company": []}
    count = 0
    ids = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, slug, name, n in cursor.fetchall():
            if kind == "count":
                count = n
            elif kind == "id":
                ids.append((int(slug), n))
            else:
                by_kind[kind].append(Facet(slug, name, n))

    def ordered(facets):
        return sorted(facets, key=lambda facet: (-facet.count, facet.name))

    return Facets(
        count=count,
        tags=ordered(by_kind["tag"]),
        speakers=ordered(by_kind["speaker"]),
        companies=ordered(by_kind["company"]),
        first_ids=[pk for _, pk in sorted(ids)] if with_ids else None,
    )


def _cached(kind, sql, params, compute):
    key = version.cache_key(kind, hashlib.sha256(repr((sql, params)).encode()).hexdigest())
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def facets_of(talks, limit=LIMIT, *, cached=True, ordered=None, first=0):
    """How many talks match and their top tags, speakers and companies (one query, cached).

    Given `ordered` (the same talks, sorted) and `first`, a filtered list also gets the
    ids of its first `first` talks in that order (`first_ids`) from the same statement,
    which finds the matching talks once for both.
    """
    if talks.query.is_empty():
        return Facets(first_ids=[] if ordered is not None and first else None)
    sql, params = _statement(talks, limit, ordered, first)
    with_ids = bool(talks.query.where and ordered is not None and first)
    if not cached:
        return _compute(sql, params, with_ids)
    return _cached("facets", sql, params, lambda: _compute(sql, params, with_ids))


def count_of(talks, *, cached=True):
    """How many talks match (one query, cached like the facets; all talks: one summary row)."""
    if talks.query.is_empty():
        return 0
    if not talks.query.where and uses_facet_counts():
        return _talk_total()  # one row by its key: cheaper than a cache entry
    if not cached:
        return talks.count()
    sql, params = talks.order_by().values("pk").query.sql_with_params()
    return _cached("count", sql, params, talks.count)


@dataclass(frozen=True)
class Best:
    """The best matches of a search (`among_best`)."""

    ids: list  # best first: by rank, then by the ties asked for
    more: bool  # whether more talks match


def best_ids(searched, terms, *, ties=(), limit, cached=True):
    """Ids of the first `limit` + 1 talks of `searched` (the talks of a search for `terms`)
    best first, by rank then `ties` (one query, cached like the facets).

    The engine picks them (`search.best_first`: equal ranks at the limit in its order);
    they are then sorted here by rank and `ties`, from the values that query read."""
    rows = best_first(searched, terms, ties).values_list("pk", "rank", *ties)[: limit + 1]

    def compute():
        found = list(rows)
        kept = sorted(found[:limit], key=lambda row: (-row[1], *row[2:]))
        return [row[0] for row in kept + found[limit:]]

    if not cached:
        return compute()
    sql, params = rows.query.sql_with_params()
    return _cached("best", sql, params, compute)


def talks_with_ids(ids):
    """Talks with these ids (at most a thousand or so). On PostgreSQL one array parameter
    (`id = ANY(…)`): Django's `pk__in` prepares and binds each id on every clone and
    compile, ~5 ms of Python for 1,000 ids on a page that builds three such queries."""
    if not ids:
        return Talk.objects.none()
    if connection.vendor != "postgresql":
        return Talk.objects.filter(pk__in=ids)
    ids = Value(list(ids), output_field=ArrayField(BigIntegerField()))
    return Talk.objects.filter(AnyOf(F("pk"), ids))


class AnyOf(Func):
    """`value = ANY(array)` (PostgreSQL)."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s))"
    output_field = BooleanField()


def among_best(searched, terms, *, ties=(), limit=None, cached=True):
    """`searched` (the talks of a search for `terms`) narrowed to its `limit` (by default
    BEST_MATCHES) best matches, and those (`Best`)."""
    limit = BEST_MATCHES if limit is None else limit
    if searched.query.is_empty():
        return searched, Best([], False)
    ids = best_ids(searched, terms, ties=ties, limit=limit, cached=cached)
    best = Best(ids[:limit], len(ids) > limit)
    if not best.ids:
        return searched.none(), best
    # Those talks by id, ranked again (a few hundred rows); not their filters again.
    return search(talks_with_ids(best.ids), terms), best


def _talk_total():
    """How many talks there are, from the summary the triggers keep (PostgreSQL)."""
    row = FacetCount.objects.filter(kind=FacetCount.Kind.TALK, item_id=0).values("talks").first()
    return row["talks"] if row else 0


def first_ids(ordered, limit):
    """Ids of the first `limit` talks of an ordered QuerySet (one query, cached like the facets).

    Ranking every match of a common word is the slow part of a search; with the order
    cached, the first pages of a repeated search are a primary-key lookup.
    """
    ids = ordered.values_list("pk", flat=True)[:limit]
    sql, params = ids.query.sql_with_params()
    return _cached("ids", sql, params, lambda: list(ids))


class CachedOrderResults:
    """Talks whose first ids are known in order (`first_ids`): slices within them fetch
    those talks by primary key; later slices fall back to the ordered QuerySet."""

    def __init__(self, talks, ids):
        self.talks, self.ids = talks, ids

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.stop is None or key.stop > len(self.ids):
            return self.talks[key]
        wanted = self.ids[key]
        found = self.talks.order_by().in_bulk(wanted)
        return [found[pk] for pk in wanted if pk in found]


def with_cached_order(talks, ordered, count, limit, ids=None):
    """`talks` (the displayable form of `ordered`), its first `limit` served in cached order
    when there are more than that many; short lists are cheap to sort every time.

    `ids`: those first ids when already known (`Facets.first_ids`)."""
    if count <= limit:
        return talks
    return CachedOrderResults(talks, ids[:limit] if ids is not None else first_ids(ordered, limit))
