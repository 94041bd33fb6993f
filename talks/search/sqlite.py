"""Search on SQLite (the embedded default): word-start matches over the document's fields."""

import re

from django.db.models import Case, FloatField, Q, Value, When

from .document import DOCUMENT
from .query import MARK_END, MARK_START

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


def index_talks(talk_ids=None):
    """Nothing is stored: matches read the tables."""
    return 0


def search(talks, terms):
    """Talks matching the terms, annotated with `rank` (higher is better)."""
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
    """No annotation: `headline()` cuts the snippet in Python."""
    return talks


def headline(text, terms, radius=120):
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
