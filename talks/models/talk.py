"""Talks, their speakers in billing order, and the querysets that list them."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Substr
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem

from confnotes.reversing import slug_url
from speakers.models import Speaker

from .conference import Conference
from .expressions import Playable, StarCount
from .links import Link
from .reader import Note, Star
from .schedule import (
    ENDS_AFTER_START,
    Scheduled,
    ScheduleQuerySet,
)
from .summary import triggers_on

# Where `TalkQuerySet.for_data()` puts each talk's tags (read through `Talk.tag_list()`).
PREFETCHED_TAGS = "prefetched_tags"


class TalkQuerySet(ScheduleQuerySet):
    def recommended(self):
        """Talks the write-up recommends (its editorial mark)."""
        return self.filter(recommended=True)

    def with_star_counts(self, user=None):
        """Talks annotated with `star_count` (people's stars) and `is_starred` (by `user`)."""
        stars = Star.objects.filter(talk=OuterRef("pk"))
        talks = self.annotate(star_count=StarCount())
        if user is not None and user.is_authenticated:
            return talks.annotate(is_starred=Exists(stars.filter(user=user)))
        return talks.annotate(is_starred=Value(False))

    def starred_by(self, user):
        """Talks `user` has starred (none for an anonymous visitor)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=Star.objects.filter(user=user).values("talk_id"))

    def most_starred(self):
        """Most people's stars first, then write-up order."""
        return self.alias(star_total=StarCount()).order_by(
            "-star_total", "conference_id", "position", "pk"
        )

    def with_notes_for(self, user):
        """Prefetch `visible_notes`: public notes and `user`'s own, in video order."""
        return self.prefetch_related(
            Prefetch(
                "notes",
                queryset=Note.objects.visible_to(user).select_related("author").in_video_order(),
                to_attr="visible_notes",
            )
        )

    def tagged(self, *slugs):
        """Talks that carry every one of the given tag slugs (no duplicates, no joins)."""
        return self._with_every_tag("tag__slug", slugs)

    def tagged_ids(self, *tag_ids):
        """Talks that carry every one of the given tag ids.

        With literal ids the planner sees how common each tag is (a join on the slug
        hides it and gives bad plans for popular tags on large tables).
        """
        return self._with_every_tag("tag_id", tag_ids)

    def tagged_any_ids(self, *tag_ids):
        """Talks that carry at least one of the given tag ids."""
        content_type = ContentType.objects.get_for_model(self.model)
        taggings = TaggedItem.objects.filter(content_type=content_type, tag_id__in=tag_ids)
        return self.filter(pk__in=taggings.values("object_id"))

    def _with_every_tag(self, lookup, values):
        """One `pk IN (talks tagged so)` filter per value of the tagging `lookup`."""
        queryset = self
        content_type = ContentType.objects.get_for_model(self.model)
        for value in values:
            taggings = TaggedItem.objects.filter(content_type=content_type, **{lookup: value})
            queryset = queryset.filter(pk__in=taggings.values("object_id"))
        return queryset

    def by_speaker(self, slug):
        """Talks given by the speaker with this slug."""
        return self.filter(pk__in=TalkSpeaker.objects.filter(speaker__slug=slug).values("talk_id"))

    def by_company(self, slug):
        """Talks given by anyone from the company with this slug."""
        return self.filter(
            pk__in=TalkSpeaker.objects.filter(speaker__company__slug=slug).values("talk_id")
        )

    def by_conference(self, slug):
        """Talks of the conference with this slug."""
        return self.filter(conference__slug=slug)

    def with_video(self):
        """Talks that can play: a recording link of their own, or a place in their
        conference's playlist."""
        return self.filter(Playable())

    def newest_first(self):
        """The most recent conferences first, each in write-up order."""
        return self.order_by(
            models.F("conference__start_date").desc(nulls_last=True),
            models.F("conference__year").desc(nulls_last=True),
            models.F("conference__month").desc(nulls_last=True),
            "conference_id",
            "position",
            "pk",
        )

    def related_to(self, talk, candidates=50):
        """Talks sharing the most tags with `talk`, then its speakers' or companies' talks,
        then the newest; never `talk` itself.

        Two small queries pick candidates: the `candidates` talks sharing most tags (from
        the tag rows, not by scanning talks) and the newest talks by the same speakers or
        companies; a third ranks them (the tie-break on id keeps the pre-selection exact).
        """
        tag_ids = [tag.pk for tag in talk.tag_list()]
        speaker_ids = [credit.speaker_id for credit in talk.credits.all()]
        company_ids = [
            credit.speaker.company_id for credit in talk.credits.all() if credit.speaker.company_id
        ]
        content_type = ContentType.objects.get_for_model(self.model)
        taggings = TaggedItem.objects.filter(content_type=content_type, tag_id__in=tag_ids)
        sharing_tags = list(
            taggings.exclude(object_id=talk.pk)
            .values("object_id")
            .annotate(shared=Count("pk"))
            .order_by("-shared", "-object_id")
            .values_list("object_id", flat=True)[:candidates]
        )
        by_same_people = list(
            TalkSpeaker.objects.filter(
                Q(speaker_id__in=speaker_ids) | Q(speaker__company_id__in=company_ids)
            )
            .exclude(talk_id=talk.pk)
            .order_by("-talk_id")
            .values_list("talk_id", flat=True)
            .distinct()[: candidates * 4]
        )
        shared = taggings.filter(object_id=OuterRef("pk"))
        return (
            self.filter(pk__in={*sharing_tags, *by_same_people})
            .exclude(pk=talk.pk)
            .annotate(
                shared_tags=Coalesce(
                    Subquery(
                        shared.order_by().values("object_id").annotate(n=Count("pk")).values("n")
                    ),
                    0,
                ),
                same_speaker=Exists(
                    TalkSpeaker.objects.filter(talk=OuterRef("pk"), speaker_id__in=speaker_ids)
                ),
                same_company=Exists(
                    TalkSpeaker.objects.filter(
                        talk=OuterRef("pk"), speaker__company_id__in=company_ids
                    )
                ),
            )
            .order_by("-shared_tags", "-same_speaker", "-same_company", "-pk")
        )

    def with_speakers(self):
        """Talks with their credits, speakers and companies prefetched, in billing order."""
        return self.defer("search_vector").prefetch_related(
            Prefetch(
                "credits",
                queryset=TalkSpeaker.objects.select_related("speaker__company").order_by(
                    "position", "pk"
                ),
            )
        )

    def for_data(self):
        """Everything a talk's data shows (`talks.schemas.talk_data`: the API, exports): its
        conference, speakers, tags and links, in a fixed number of queries."""
        return (
            self.select_related("conference")
            .with_speakers()
            .prefetch_related(
                # Into a list: a prefetch into taggit's manager would build one tags_for()
                # QuerySet per talk just to hold the results (~0.5 ms each).
                Prefetch("tags", to_attr=PREFETCHED_TAGS),
                Prefetch("links", queryset=Link.objects.order_by("position", "pk")),
            )
        )

    def for_list(self):
        """Everything a talk card shows: its data and whether it can play (`playable`)."""
        return self.for_data().annotate(playable=Playable())

    def with_summary_start(self, length):
        """Talks with `summary_start`, the first `length` characters of the summary, read
        instead of the whole summary (lists and feeds show an excerpt; a summary may be long)."""
        return self.defer("summary").annotate(summary_start=Substr("summary", 1, length))

    def for_detail(self):
        """Everything the detail page shows about one talk."""
        return self.for_list().prefetch_related(
            Prefetch("conference__links", queryset=Link.objects.order_by("position", "pk"))
        )


class Talk(Scheduled, models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="talks")
    title = models.CharField(max_length=300)
    topic = models.CharField(
        max_length=200,
        blank=True,
        help_text='The short label of the write-up heading, e.g. "CRDTs".',
    )
    slug = models.SlugField(max_length=200, unique=True)
    speakers = models.ManyToManyField(
        Speaker, through="TalkSpeaker", related_name="talks", blank=True
    )
    summary = models.TextField(blank=True, help_text="Markdown, as in the write-up.")
    recommended = models.BooleanField(
        "recommended", default=False, help_text="The write-up's author recommends this talk."
    )
    position = models.PositiveIntegerField(default=0, help_text="Order in the write-up.")
    recorded_on = models.DateField(null=True, blank=True)
    duration = models.PositiveIntegerField(
        null=True, blank=True, help_text="Length of the recording in seconds, if known."
    )
    thumbnail_url = models.URLField(max_length=500, blank=True)
    playlist_position = models.PositiveSmallIntegerField(
        "place in the conference playlist",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Without a recording link of its own: which video of the conference's "
        "playlist is this talk (1 is the first).",
    )
    video_start = models.PositiveIntegerField(
        "starts at",
        null=True,
        blank=True,
        help_text="Where the talk starts in its video (in a recording of a whole day, say).",
    )
    source_key = models.CharField(
        max_length=300,
        blank=True,
        editable=False,
        help_text="What the importer knows this talk by in its source (a write-up's speakers, "
        "a pyvideo file, a schedule's guid), so that importing again updates it instead of "
        "adding a copy.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # Kept up to date by talks.search.update_search_vectors (PostgreSQL only; GIN-indexed there).
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    tags = TaggableManager(blank=True)

    objects = TalkQuerySet.as_manager()

    class Meta:
        ordering = ["conference_id", "position", "pk"]
        indexes = [
            models.Index(fields=["conference", "position"]),
            models.Index(fields=["recommended"]),
            # The first page sorted by title without sorting every talk.
            models.Index(fields=["title", "id"], name="talk_title_idx"),
            models.Index(fields=["conference", "starts_at"], name="talk_schedule_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "source_key"],
                condition=~Q(source_key=""),
                name="talk_source_key_unique",
            ),
            ENDS_AFTER_START,
        ]
        # PostgreSQL: what keeps FacetCount and TalkFacets exact (talks.models.summary).
        triggers = triggers_on("talk")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("talks:detail", self.slug)

    def tag_list(self):
        """The talk's tags (prefetched by `for_data()` and what builds on it, else one query)."""
        prefetched = getattr(self, PREFETCHED_TAGS, None)
        return prefetched if prefetched is not None else list(self.tags.all())

    def speaker_list(self):
        """The speakers in billing order (uses the prefetched credits)."""
        return [credit.speaker for credit in self.credits.all()]

    def recording(self):
        """The first link to this talk's own recording, if any (uses the prefetched links)."""
        return next((link for link in self.links.all() if link.kind == Link.Kind.RECORDING), None)

    def video(self):
        """The video that plays this talk: its own recording's, else its place in the
        conference playlist (`playlist_position`); None when neither is known."""
        recording = self.recording()
        video = recording.video if recording else None
        if video is None and self.playlist_position:
            playlist = self.conference.playlist()
            video = playlist.at_position(self.playlist_position) if playlist else None
        if video is not None and self.video_start:
            video = video.starting_at(self.video_start)
        return video

    def neighbours(self):
        """The previous and next talk of the same conference in write-up order."""
        siblings = Talk.objects.filter(conference_id=self.conference_id).only(
            "title", "slug", "position"
        )
        before = Q(position__lt=self.position) | Q(position=self.position, pk__lt=self.pk)
        after = Q(position__gt=self.position) | Q(position=self.position, pk__gt=self.pk)
        previous = siblings.filter(before).order_by("-position", "-pk").first()
        following = siblings.filter(after).order_by("position", "pk").first()
        return previous, following


class TalkSpeaker(models.Model):
    """One speaker of one talk, in billing order."""

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="credits")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="credits")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["talk", "speaker"], name="talk_speaker_unique")
        ]
        # PostgreSQL: what keeps FacetCount, TalkCompany and TalkFacets exact
        # (talks.models.summary).
        triggers = triggers_on("credit")

    def __str__(self):
        return f"{self.speaker} – {self.talk}"


def tags_with_counts(talks=None):
    """Tags used on `talks` (default: all talks), each annotated with `talk_count`."""
    content_type = ContentType.objects.get_for_model(Talk)
    items = Q(taggit_taggeditem_items__content_type=content_type)
    if talks is not None:
        items &= Q(taggit_taggeditem_items__object_id__in=talks.values("pk"))
    return (
        Tag.objects.annotate(talk_count=Count("taggit_taggeditem_items", filter=items))
        .filter(talk_count__gt=0)
        .order_by("-talk_count", "name")
    )
