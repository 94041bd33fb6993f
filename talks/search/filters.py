"""The talk list's filters, read from a query string and applied as one QuerySet chain.

The same parsing serves the HTML list and the JSON API, so `/talks/?…` and
`/api/talks?…` always mean the same talks.
"""

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from taggit.models import Tag

from .. import search
from . import facets

MAX_TAGS = 10
MAX_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
TRUE_VALUES = {"1", "true", "yes", "on"}
SORTS = {"stars"}  # "" is write-up order


def clean_value(value):
    """A query value without control characters (PostgreSQL rejects NUL), trimmed and capped."""
    return CONTROL_CHARACTERS.sub("", value).strip()[:MAX_LENGTH]


@dataclass(frozen=True)
class Sort:
    label: str
    apply: object  # TalkQuerySet -> TalkQuerySet


WRITEUP_ORDER = ("conference_id", "position", "pk")

# The `sort` values; "relevance" only makes sense with a search and is its default.
SORTS = {
    "relevance": Sort("Best match", lambda talks: talks.order_by("-rank", *WRITEUP_ORDER)),
    "writeup": Sort("Write-up order", lambda talks: talks.order_by(*WRITEUP_ORDER)),
    "title": Sort("Title", lambda talks: talks.order_by("title", "pk")),
    "newest": Sort("Newest", lambda talks: talks.newest_first()),
    "stars": Sort("Most starred", lambda talks: talks.most_starred()),
}


@dataclass
class TalkFilters:
    q: str = ""
    tags: list = field(default_factory=list)
    match_any: bool = False  # talks with any of the tags (`match=any`), else with all of them
    speaker: str = ""
    company: str = ""
    conference: str = ""
    recommended: bool = False
    mine: bool = False  # only talks the signed-in person starred
    has_video: bool = False
    sort: str = ""

    @classmethod
    def from_query(cls, query):
        """Filters from a QueryDict; junk values are cleaned, never an error."""
        tags = []
        for value in query.getlist("tag"):
            tag = clean_value(value).lower()
            if tag and tag not in tags:
                tags.append(tag)
        sort = clean_value(query.get("sort", "")).lower()
        return cls(
            q=search.clean_query(query.get("q", "")),
            tags=tags[:MAX_TAGS],
            match_any=clean_value(query.get("match", "")).lower() == "any",
            speaker=clean_value(query.get("speaker", "")),
            company=clean_value(query.get("company", "")),
            conference=clean_value(query.get("conference", "")),
            # `starred` is the old name of `recommended`, kept for links made before.
            recommended=any(
                clean_value(query.get(name, "")).lower() in TRUE_VALUES
                for name in ("recommended", "starred")
            ),
            mine=clean_value(query.get("mine", "")).lower() in TRUE_VALUES,
            has_video=clean_value(query.get("has_video", "")).lower() in TRUE_VALUES,
            sort=sort if sort in SORTS else "",
        )

    @cached_property
    def terms(self):
        """The parsed search (falsy when `q` holds no searchable word)."""
        return search.parse_query(self.q)

    @property
    def sort_key(self):
        """The sort in effect: the one asked for, else relevance for a search, else write-up."""
        terms = self.terms
        if self.sort and (self.sort != "relevance" or terms):
            return self.sort
        return "relevance" if terms else "writeup"

    def sort_choices(self):
        """(value, label) of the sorts that make sense for these filters."""
        return [
            (key, sort.label) for key, sort in SORTS.items() if key != "relevance" or self.terms
        ]

    def apply(self, talks, user=None):
        """Narrow a Talk QuerySet to what the filters ask for (unordered; see `order`).

        `mine` needs the `user`.
        """
        unknown_tag = False
        if self.tags:
            tag_ids = dict(Tag.objects.filter(slug__in=self.tags).values_list("slug", "pk"))
            if self.match_any:
                unknown_tag = not tag_ids
                talks = talks.tagged_any_ids(*tag_ids.values())
            else:
                unknown_tag = len(tag_ids) < len(self.tags)
                talks = talks.tagged_ids(*tag_ids.values())
        if self.speaker:
            talks = talks.by_speaker(self.speaker)
        if self.company:
            talks = talks.by_company(self.company)
        if self.conference:
            talks = talks.by_conference(self.conference)
        if self.recommended:
            talks = talks.recommended()
        if self.mine:
            talks = talks.starred_by(user)
        if self.has_video:
            talks = talks.with_video()
        if self.terms:
            talks = search.search(talks, self.terms)
        # Empty, but annotated like any other result (a sort by rank still works).
        return talks.none() if unknown_tag else talks

    def apply_best(self, talks, user=None):
        """`apply`, and for a search only its best matches (`facets.among_best`): the
        talks a list page shows. Returns them and, for a search, its `facets.Best`."""
        matching = self.apply(talks, user=user)
        if not self.terms:
            return matching, None
        return facets.among_best(matching, self.terms, ties=WRITEUP_ORDER, cached=self.cacheable)

    def without_tags(self):
        """The same filters but the tags: what the tag facets count in `match=any` mode,
        so that each tag's count says what choosing it would give (disjunctive facets)."""
        return replace(self, tags=[], match_any=False)

    @property
    def tags_text(self):
        """The tags as a reader says them: "security or networking", "go and dns"."""
        joiner = " or " if self.match_any else " and "
        return joiner.join(self.tags)

    @property
    def counts_tags_disjunctively(self):
        return self.match_any and bool(self.tags)

    def order(self, talks):
        """Sort filtered talks as asked."""
        return SORTS[self.sort_key].apply(talks)

    @property
    def cacheable(self):
        """Whether counts, facets and order may come from the cache (talks.search.facets).

        Cached results are keyed on the data version; a filter that depends on who is
        asking (a person's own stars) must answer False.
        """
        return not self.mine

    @property
    def active(self):
        return bool(
            self.q
            or self.tags
            or self.speaker
            or self.company
            or self.conference
            or self.recommended
            or self.has_video
            or self.mine
        )
