"""The talk list's filters, read from a query string and applied as one QuerySet chain."""

import re
from dataclasses import dataclass, field

MAX_TAGS = 10
MAX_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
TRUE_VALUES = {"1", "true", "yes", "on"}
SORTS = {"stars"}  # "" is write-up order


def clean_value(value):
    """A query value without control characters (PostgreSQL rejects NUL), trimmed and capped."""
    return CONTROL_CHARACTERS.sub("", value).strip()[:MAX_LENGTH]


@dataclass
class TalkFilters:
    tags: list = field(default_factory=list)
    speaker: str = ""
    company: str = ""
    conference: str = ""
    recommended: bool = False
    mine: bool = False  # only talks the signed-in person starred
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
            tags=tags[:MAX_TAGS],
            speaker=clean_value(query.get("speaker", "")),
            company=clean_value(query.get("company", "")),
            conference=clean_value(query.get("conference", "")),
            recommended=clean_value(query.get("starred", "")).lower() in TRUE_VALUES,
            mine=clean_value(query.get("mine", "")).lower() in TRUE_VALUES,
            sort=sort if sort in SORTS else "",
        )

    def apply(self, talks, user=None):
        """Narrow a Talk QuerySet to what the filters ask for (`mine` needs the `user`)."""
        if self.tags:
            talks = talks.tagged(*self.tags)
        if self.speaker:
            talks = talks.by_speaker(self.speaker)
        if self.company:
            talks = talks.by_company(self.company)
        if self.conference:
            talks = talks.filter(conference__slug=self.conference)
        if self.recommended:
            talks = talks.recommended()
        if self.mine:
            talks = talks.starred_by(user)
        if self.sort == "stars":
            talks = talks.most_starred()
        return talks

    @property
    def active(self):
        return (
            bool(self.tags or self.speaker or self.company or self.conference or self.recommended)
            or self.mine
        )
