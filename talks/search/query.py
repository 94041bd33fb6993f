"""A search query as people type it: words, "quoted phrases", -excluded terms and `or`."""

import re
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# A quoted phrase, or a run of anything that is neither space nor quote.
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD_CHARACTERS = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*")
# Markers ts_headline puts around matches; private-use characters never occur in talks.
MARK_START, MARK_END = "\ue000", "\ue001"


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
