"""Did you mean …? A search that finds nothing, or little, with its mistyped words corrected
from the catalogue's own words (titles, topics, tags, speakers, companies, summaries).

Each database finds the candidates with its own engine (`similar_words` of the search
backend: FTS5's vocabulary on SQLite, pg_trgm over a word list on PostgreSQL); the choice
among them is made here, the same for both:

- a word is suspect when, searched alone, it finds fewer than LITTLE talks (stop words,
  numbers and words with digits or hyphens are left as typed);
- a suspect word is replaced by the nearest candidate (`spelling.distance`, at most
  `spelling.allowed_distance`) that finds at least CORRECTION_FACTOR times as many talks
  (at least one if the word finds none), the one that finds most among equally near;
- the corrected search is offered if, with the page's other filters, it finds more talks
  than the search typed.

It runs only for searches that find fewer than LITTLE talks; its answer is part of the page,
so cached pages change with the data as the rest does.
"""

import re
from dataclasses import dataclass, replace

from ..models import Talk
from . import backend, search
from .facets import count_of
from .query import STOP_WORDS, WORD_CHARACTERS, SearchTerms
from .spelling import allowed_distance, distance

LITTLE = 3  # a search finding fewer talks than this may get a suggestion
CORRECTION_FACTOR = 10
CANDIDATES = 8  # similar words asked of the engine, per suspect word
COUNTED = 3  # of which the nearest this many are counted
MAX_WORDS = 12  # words of a search counted, the first ones (`a or b or …` may have many)
MAX_SUSPECTS = 4  # suspect words looked at per search, the first ones
MAX_WORD_LENGTH = 40
COUNT_CAP = 1000  # talks counted per word at most: enough to compare words
WORD = re.compile(r"[^\W\d_]+")  # letters only


@dataclass(frozen=True)
class Suggestion:
    q: str  # the corrected search, as the query to link to
    count: int  # how many talks it finds with the other filters


def correctable_words(terms):
    """The words of the search that may be corrected, each once, in order."""
    words = []
    for group in terms.groups:
        for term in group:
            for word in term.split():
                if (
                    WORD.fullmatch(word)
                    and 3 <= len(word) <= MAX_WORD_LENGTH
                    and word not in STOP_WORDS
                    and word not in words
                ):
                    words.append(word)
    return words[:MAX_WORDS]


def talks_found(word, cap=COUNT_CAP):
    """How many talks a search for this one word finds (up to `cap`)."""
    terms = SearchTerms(text=word, groups=((word,),))
    # Unordered: in write-up order, a LIMIT makes PostgreSQL walk that order's index through
    # every talk looking for a word that is in none (0.5 s at 100,000 talks).
    return search(Talk.objects.order_by(), terms).values("pk")[:cap].count()


def correction(word, found):
    """The word that `word`, which alone finds `found` talks, was likely meant to be, or None."""
    allowed = allowed_distance(word)
    near = []
    for candidate in backend().similar_words(word, CANDIDATES):
        candidate = candidate.lower()
        apart = distance(word, candidate)
        if candidate != word and apart <= allowed:
            near.append((apart, candidate))
    near.sort(key=lambda pair: pair[0])  # stable: the engine's order among equals
    best, best_key = None, None
    for apart, candidate in near[:COUNTED]:
        count = talks_found(candidate)
        if count < max(1, CORRECTION_FACTOR * found):
            continue
        key = (apart, -count)
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    return best


def corrected_query(text, corrections):
    """The query text with each corrected word replaced, the rest as typed."""

    def replaced(match):
        typed = match.group()
        word = corrections.get(typed.lower())
        if word is None:
            return typed
        return word.capitalize() if typed[:1].isupper() else word

    return WORD_CHARACTERS.sub(replaced, text)


def suggestion(filters, found, user=None):
    """The corrected search for a list filtered by `filters` (talks.search.filters) that
    found `found` talks, as a Suggestion, or None."""
    terms = filters.terms
    if found >= LITTLE or not terms.groups:
        return None
    corrections, suspects = {}, 0
    for word in correctable_words(terms):
        found_alone = talks_found(word, cap=LITTLE)
        if found_alone >= LITTLE:
            continue
        better = correction(word, found_alone)
        if better:
            corrections[word] = better
        suspects += 1
        if suspects == MAX_SUSPECTS:
            break
    if not corrections:
        return None
    q = corrected_query(terms.text, corrections)
    corrected = replace(filters, q=q)
    count = count_of(corrected.apply(Talk.objects.all(), user=user), cached=filters.cacheable)
    return Suggestion(q=q, count=count) if count > found else None
