"""Full-text search over talks: web-search syntax, a stored search vector, ranking and snippets.

On PostgreSQL each talk keeps a weighted `search_vector` (GIN-indexed) built from the
fields in `DOCUMENT`; queries go through `websearch_to_tsquery`, are ranked with
`ts_rank` and highlighted with `ts_headline`. Other databases (SQLite, the embedded
default) get a fallback that ANDs `icontains` lookups over the same fields, so plain
words find the same talks.

To search one more kind of text (public note bodies, say), add one `DocumentField` to
`DOCUMENT` and call `update_search_vectors()` when that text changes.
"""

import html
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from taggit.models import TaggedItem

from .rendering import markdown_to_text

CONFIG = "english"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# A quoted phrase, or a run of anything that is neither space nor quote.
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD_CHARACTERS = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*")
# Markers ts_headline puts around matches; private-use characters never occur in talks.
MARK_START, MARK_END = "\ue000", "\ue001"


def uses_postgres():
    return connection.vendor == "postgresql"


# --- The query --------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchTerms:
    """A parsed web-search query: every group must match (one of its alternatives), no excluded."""

    text: str = ""
    groups: tuple = ()  # of tuples of alternatives; an alternative is a word or a phrase
    excluded: tuple = ()

    def __bool__(self):
        return bool(self.groups or self.excluded)

    @property
    def words(self):
        """Every word that should be highlighted in a snippet."""
        return [word for group in self.groups for term in group for word in term.split()]


def clean_query(text):
    """A query without control characters, whitespace collapsed, capped in length."""
    text = CONTROL_CHARACTERS.sub(" ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def words_of(text):
    """The words in a piece of query text, lower-cased, punctuation dropped."""
    return [word.lower() for word in WORD_CHARACTERS.findall(text)]


def parse_query(text):
    """Parse words, "quoted phrases", -excluded terms and `or` the way search engines do."""
    text = clean_query(text)
    groups, excluded = [], []
    join_next = False
    for match in TOKEN.finditer(text):
        negated, phrase, bare = match.groups()
        if bare is not None:
            negated = bare.startswith("-") and len(bare) > 1
            if bare.lower() == "or":
                join_next = bool(groups)
                continue
            term = " ".join(words_of(bare))
        else:
            term = " ".join(words_of(phrase))
        if not term:
            continue
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1] = (*groups[-1], term)
        else:
            groups.append((term,))
        join_next = False
    return SearchTerms(
        text=text, groups=tuple(groups[:MAX_TERMS]), excluded=tuple(excluded[:MAX_TERMS])
    )


def as_websearch(terms):
    """The parsed terms written back as clean web-search syntax for websearch_to_tsquery."""

    def quoted(term):
        return f'"{term}"' if " " in term else term

    parts = [" or ".join(quoted(term) for term in group) for group in terms.groups]
    parts += [f"-{quoted(term)}" for term in terms.excluded]
    return " ".join(parts)


# --- The document -----------------------------------------------------------------------


def _talks():
    from .models import Talk  # models imports this module

    return Talk.objects


def _credits():
    from .models import TalkSpeaker

    return TalkSpeaker.objects


def _public_notes():
    from .models import Note

    return Note.objects.public()


def _taggings():
    return TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(_talks().model))


def _joined(queryset, path):
    """All values of `path` in a queryset correlated to the talk, space-separated."""
    aggregated = (
        queryset.order_by()
        .annotate(_group=Value(1))
        .values("_group")
        .annotate(text=StringAgg(path, delimiter=" "))
        .values("text")
    )
    return Coalesce(Subquery(aggregated), Value(""), output_field=TextField())


def _talks_whose(queryset, path, talk_field):
    """SQLite fallback: Q for talks with a related row whose `path` matches a pattern."""
    return lambda pattern: Q(
        pk__in=queryset().filter(**{f"{path}__iregex": pattern}).values(talk_field)
    )


@dataclass(frozen=True)
class DocumentField:
    """One kind of text in a talk's search document.

    `expression()` gives the text for PostgreSQL's vector (a field or a subquery correlated
    to the talk); `matches(pattern)` gives the fallback's Q for talks whose text matches a
    regular expression (`fallback_pattern`).
    """

    name: str
    weight: str  # A (most important) to D
    expression: object = field(repr=False)
    matches: object = field(repr=False)


# Markdown link targets, images' sources and emphasis/code/heading marks: not words anyone
# searches for, and noise in a snippet. (And the snippet's own markers, should a summary
# ever contain them.)
MARKDOWN_NOISE = "\\]\\([^)]*\\)|[*_`#>\\[\\]\ue000\ue001]+"


def plain_summary():
    """The summary with Markdown syntax and link targets removed, as a SQL expression."""
    return Func(
        F("summary"),
        Value(MARKDOWN_NOISE),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


DOCUMENT = (
    DocumentField("title", "A", lambda: F("title"), lambda pattern: Q(title__iregex=pattern)),
    DocumentField("topic", "A", lambda: F("topic"), lambda pattern: Q(topic__iregex=pattern)),
    DocumentField(
        "tags",
        "B",
        lambda: _joined(_taggings().filter(object_id=OuterRef("pk")), "tag__name"),
        _talks_whose(_taggings, "tag__name", "object_id"),
    ),
    DocumentField(
        "speakers",
        "B",
        lambda: _joined(_credits().filter(talk=OuterRef("pk")), "speaker__name"),
        _talks_whose(_credits, "speaker__name", "talk_id"),
    ),
    DocumentField(
        "companies",
        "B",
        lambda: _joined(_credits().filter(talk=OuterRef("pk")), "speaker__company__name"),
        _talks_whose(_credits, "speaker__company__name", "talk_id"),
    ),
    DocumentField("summary", "C", plain_summary, lambda pattern: Q(summary__iregex=pattern)),
    # Public notes: what readers wrote is searchable once its author shares it
    # (receivers in talks/signals.py keep this current).
    DocumentField(
        "notes",
        "D",
        lambda: _joined(_public_notes().filter(talk=OuterRef("pk")), "body"),
        _talks_whose(_public_notes, "body", "talk_id"),
    ),
)


def search_vector():
    """The weighted tsvector of a talk, as an expression usable in an UPDATE of Talk."""
    vector = None
    for part in DOCUMENT:
        piece = SearchVector(part.expression(), weight=part.weight, config=CONFIG)
        vector = piece if vector is None else vector + piece
    return vector


# Talk ids whose vectors wait for the end of `deferred_vector_updates()` (ALL: every talk).
_deferred = ContextVar("deferred_vector_updates", default=None)
ALL = object()


@contextmanager
def deferred_vector_updates():
    """Collect the vector updates of many writes and run them once, at the end.

    Loading a fixture saves each talk, credit and tagging separately, and each save would
    otherwise recompute its talk's vector: 80 updates for the 12 talks of the write-up.
    """
    if _deferred.get() is not None:  # already deferred by an outer block
        yield
        return
    token = _deferred.set(set())
    try:
        yield
        pending = _deferred.get()
    finally:
        _deferred.reset(token)
    if pending:
        update_search_vectors(None if ALL in pending else pending)


def update_search_vectors(talk_ids=None):
    """Recompute the stored search vector of these talks (all if None); no-op off PostgreSQL.

    `talk_ids` is an iterable of primary keys or a `values_list("…_id", flat=True)`
    QuerySet, which is used as a subquery so that the whole update is one statement. Within
    `deferred_vector_updates()` the talks are noted and updated when it ends.
    """
    if not uses_postgres():
        return 0
    pending = _deferred.get()
    if pending is not None:
        # A QuerySet is evaluated now: the talks it names at the time of the write.
        pending.update([ALL] if talk_ids is None else {pk for pk in talk_ids if pk is not None})
        return 0
    talks = _talks().all()
    if isinstance(talk_ids, QuerySet):
        talks = talks.filter(pk__in=talk_ids)
    elif talk_ids is not None:
        talk_ids = {pk for pk in talk_ids if pk is not None}
        if not talk_ids:
            return 0
        talks = talks.filter(pk__in=talk_ids)
    return talks.update(search_vector=search_vector())


# --- Searching --------------------------------------------------------------------------


# PostgreSQL's English stop words (Snowball's list): ignored by its search, so by ours too.
_STOP_WORDS = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
she her hers herself it its itself they them their theirs themselves what which who whom
this that these those am is are was were be been being have has had having do does did
doing a an the and but if or because as until while of at by for with about against between
into through during before after above below to from up down in out on off over under again
further then once here there when where why how all any both each few more most other some
such no nor not only own same so than too very s t can will just don should now
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
# Endings removed before the fallback's match at the start of words, so that, as with
# PostgreSQL's stemming, "containers" also finds "container" and "building" "builds".
_SUFFIXES = "ations ation ions ion ings ing ers er ies ied es ed s ly y"
SUFFIXES = tuple(_SUFFIXES.split())
MIN_STEM = 3


def fallback_stem(word):
    """A crude stem for the substring fallback: the word without one common ending."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def fallback_pattern(term):
    """The fallback's regular expression for a term: a phrase as written, or a word's stem,
    at the start of a word."""
    text = term if " " in term else fallback_stem(term)
    return r"\b" + re.escape(text)


def _text_matches(term):
    """SQLite fallback: talks whose document has the term at the start of a word."""
    pattern = fallback_pattern(term)
    return any_of(part.matches(pattern) for part in DOCUMENT)


def any_of(conditions):
    """Conditions ORed together (an empty Q when there are none)."""
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


def search_query(terms):
    return SearchQuery(as_websearch(terms), search_type="websearch", config=CONFIG)


def search(talks, terms):
    """Talks matching the terms, annotated with `rank` (higher is better)."""
    if not terms:
        return talks
    if uses_postgres():
        query = search_query(terms)
        return talks.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query, normalization=Value(1))
        )
    # As in PostgreSQL, stop words match nothing and are dropped from the query.
    groups = [[term for term in group if term not in STOP_WORDS] for group in terms.groups]
    groups = [group for group in groups if group]
    excluded = [term for term in terms.excluded if term not in STOP_WORDS]
    if not (groups or excluded):
        return talks.annotate(rank=Value(0.0, output_field=FloatField())).none()
    condition = Q()
    for group in groups:
        condition &= any_of(_text_matches(term) for term in group)
    for term in excluded:
        condition &= ~_text_matches(term)
    talks = talks.filter(condition)
    if not terms.words:
        return talks.annotate(rank=Value(0.0, output_field=FloatField()))
    # Without a ranking function, a hit in the title counts for more than one in the text.
    title_hit = any_of(Q(title__iregex=fallback_pattern(word)) for word in terms.words)
    return talks.annotate(
        rank=Case(When(title_hit, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
    )


def with_snippets(talks, terms):
    """Annotate `headline`: the summary's passage around the matches (PostgreSQL only)."""
    if not terms or not uses_postgres():
        return talks
    return talks.annotate(
        headline=SearchHeadline(
            plain_summary(),
            search_query(terms),
            config=CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    )


def snippet_html(talk, terms):
    """Safe HTML of a summary passage with the searched words in <mark>, or ""."""
    if not terms:
        return ""
    headline = getattr(talk, "headline", None)
    if headline is None:
        text = markdown_to_text(talk.summary).replace(MARK_START, "").replace(MARK_END, "")
        headline = _python_headline(text, terms)
    headline = " ".join(headline.split())
    if MARK_START not in headline:
        return ""
    escaped = html.escape(headline)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def _python_headline(text, terms, radius=120):
    """The fallback's snippet: the text around the first hit, hits wrapped in markers."""
    words = sorted({word for word in terms.words if word not in STOP_WORDS}, key=len, reverse=True)
    if not words:
        return text
    pattern = re.compile("|".join(fallback_pattern(word) + r"\w*" for word in words), re.IGNORECASE)
    first = pattern.search(text)
    if first is None:
        return text
    start = max(0, first.start() - radius)
    end = min(len(text), first.end() + radius)
    passage = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return pattern.sub(lambda hit: f"{MARK_START}{hit.group(0)}{MARK_END}", passage)
