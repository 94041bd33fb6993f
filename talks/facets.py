"""Facets of a talk list: how many talks match, and the tags, speakers and companies
present among them with counts; and the cached order of long lists' first pages.

Everything comes from one SQL statement: the matching talks are computed once (a
materialised CTE) and grouped three ways, so a list page costs the same number of
queries for 1 or 100,000 talks. Aggregating 100,000 talks still takes tens of
milliseconds, so results are cached per query until the data changes
(`data_changed()`, called whenever talks, credits, tags or links are written) or for
CACHE_SECONDS at most, for writes that bypass signals.
"""

import hashlib
import time
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from taggit.models import Tag, TaggedItem

from speakers.models import Company, Speaker

from .models import Talk, TalkSpeaker

LIMIT = 20
CACHE_SECONDS = 300
VERSION_KEY = "talks:facets:version"


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


def data_changed():
    """Forget cached facets: call after writing talks, credits, tags or links."""
    cache.set(VERSION_KEY, time.time_ns(), None)


def _tables():
    return {
        "talk": Talk._meta.db_table,
        "tagged": TaggedItem._meta.db_table,
        "tag": Tag._meta.db_table,
        "credit": TalkSpeaker._meta.db_table,
        "speaker": Speaker._meta.db_table,
        "company": Company._meta.db_table,
    }


# Each facet groups by id only (cheap), then joins names for the top rows.
SQL = """
WITH matching AS MATERIALIZED ({matching})
SELECT 'count', '', '', (SELECT COUNT(*) FROM {talk_source})
UNION ALL
SELECT 'tag', t.slug, t.name, top.n FROM (
    SELECT tag_id, COUNT(*) AS n FROM {tagged}
    WHERE content_type_id = %s AND {tagged_filter}
    GROUP BY tag_id ORDER BY n DESC, tag_id LIMIT %s
) top JOIN {tag} t ON t.id = top.tag_id
UNION ALL
SELECT 'speaker', s.slug, s.name, top.n FROM (
    SELECT speaker_id, COUNT(*) AS n FROM {credit}
    WHERE {credit_filter}
    GROUP BY speaker_id ORDER BY n DESC, speaker_id LIMIT %s
) top JOIN {speaker} s ON s.id = top.speaker_id
UNION ALL
SELECT 'company', c.slug, c.name, top.n FROM (
    SELECT company_id, COUNT(*) AS n FROM (
        SELECT DISTINCT cr.talk_id, sp.company_id FROM {credit} cr
        JOIN {speaker} sp ON sp.id = cr.speaker_id
        WHERE sp.company_id IS NOT NULL AND {company_filter}
    ) pairs
    GROUP BY company_id ORDER BY n DESC, company_id LIMIT %s
) top JOIN {company} c ON c.id = top.company_id
"""


def _statement(talks, limit):
    tables = _tables()
    content_type = ContentType.objects.get_for_model(Talk).pk
    if talks.query.where:
        matching, params = talks.order_by().values("pk").query.sql_with_params()
        filters = {
            "talk_source": "matching",
            "tagged_filter": "object_id IN (SELECT * FROM matching)",
            "credit_filter": "talk_id IN (SELECT * FROM matching)",
            "company_filter": "cr.talk_id IN (SELECT * FROM matching)",
        }
    else:
        # All talks: aggregate the link tables directly, no need to list every talk.
        matching, params = "SELECT 1", ()
        filters = {
            "talk_source": tables["talk"],
            "tagged_filter": "TRUE",
            "credit_filter": "TRUE",
            "company_filter": "TRUE",
        }
    sql = SQL.format(matching=matching, **tables, **filters)
    return sql, (*params, content_type, limit, limit, limit)


def _compute(sql, params):
    by_kind = {"tag": [], "speaker": [], "company": []}
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, slug, name, n in cursor.fetchall():
            if kind == "count":
                count = n
            else:
                by_kind[kind].append(Facet(slug, name, n))

    def ordered(facets):
        return sorted(facets, key=lambda facet: (-facet.count, facet.name))

    return Facets(
        count=count,
        tags=ordered(by_kind["tag"]),
        speakers=ordered(by_kind["speaker"]),
        companies=ordered(by_kind["company"]),
    )


def _version():
    """The current data version; a lost one (evicted, restarted cache) starts a new one."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def _cached(kind, sql, params, compute):
    version = _version()
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    key = f"talks:{kind}:{version}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def facets_of(talks, limit=LIMIT, *, cached=True):
    """How many talks match and their top tags, speakers and companies (one query, cached)."""
    if talks.query.is_empty():
        return Facets()
    sql, params = _statement(talks, limit)
    if not cached:
        return _compute(sql, params)
    return _cached("facets", sql, params, lambda: _compute(sql, params))


def count_of(talks, *, cached=True):
    """How many talks match (one query, cached like the facets)."""
    if talks.query.is_empty():
        return 0
    if not cached:
        return talks.count()
    sql, params = talks.order_by().values("pk").query.sql_with_params()
    return _cached("count", sql, params, talks.count)


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


def with_cached_order(talks, ordered, count, limit):
    """`talks` (the displayable form of `ordered`), its first `limit` served in cached order
    when there are more than that many; short lists are cheap to sort every time."""
    if count <= limit:
        return talks
    return CachedOrderResults(talks, first_ids(ordered, limit))
