"""factory_boy factories for test data (fixtures/ holds the site's data, not test setup)."""

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from speakers.models import Company, Speaker
from talks import services
from talks.models import Conference, Link, Note, Star, Talk, TalkSpeaker


class ServicesFactory(factory.django.DjangoModelFactory):
    """Rows written as the site writes them: through talks.services."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.save(model_class(*args, **kwargs))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


class CompanyFactory(ServicesFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")


class SpeakerFactory(ServicesFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    company = factory.SubFactory(CompanyFactory)


class ConferenceFactory(ServicesFactory):
    class Meta:
        model = Conference

    name = factory.Sequence(lambda n: f"Conference {n}")
    slug = factory.Sequence(lambda n: f"conference-{n}")
    city = "London"
    year = 2015
    month = 9


class TalkFactory(ServicesFactory):
    """A talk; pass `speakers=[...]` and `tags=[...]` to attach them."""

    class Meta:
        model = Talk
        skip_postgeneration_save = True

    conference = factory.SubFactory(ConferenceFactory)
    title = factory.Sequence(lambda n: f"Talk number {n}")
    slug = factory.Sequence(lambda n: f"talk-{n}")
    summary = "Some **bold** claims about containers."
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        if not create:
            return
        for position, speaker in enumerate(extracted or []):
            services.save(TalkSpeaker(talk=self, speaker=speaker, position=position))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            services.saved(self)


class LinkFactory(ServicesFactory):
    class Meta:
        model = Link

    talk = factory.SubFactory(TalkFactory)
    kind = Link.Kind.REFERENCE
    url = factory.Sequence(lambda n: f"https://example.com/{n}")
    label = factory.Sequence(lambda n: f"Reference {n}")


class StarFactory(ServicesFactory):
    class Meta:
        model = Star

    talk = factory.SubFactory(TalkFactory)
    user = factory.SubFactory(UserFactory)


class NoteFactory(ServicesFactory):
    class Meta:
        model = Note

    talk = factory.SubFactory(TalkFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Note number {n}")
    visibility = Note.Visibility.PRIVATE


def card_talk(conference, n):
    """Talk `talk-{n}` with all a card shows: two speakers, two tags (`tag{n}` and `shared`)
    and a recording (for tests that count a page's queries)."""
    talk = TalkFactory(
        conference=conference,
        slug=f"talk-{n}",
        speakers=[SpeakerFactory(), SpeakerFactory()],
        tags=[f"tag{n}", "shared"],
    )
    LinkFactory(talk=talk, kind=Link.Kind.RECORDING, url="https://youtu.be/dQw4w9WgXcQ")
    return talk


def notes_on_a_recorded_talk(person, *, private_body):
    """`person` stars "Docker content trust" (given a recording) and writes a public note at
    1:02 and a private one (`private_body`), beside Grace's public note at 2:05.

    A talk of that slug must exist: `sample_conference()`'s (or the site's fixture's).
    Returns the pks of `person`'s notes as {"public": …, "private": …}, the placeholders
    of the personal pages' paths.
    """
    talk = Talk.objects.get(slug="docker-content-trust")
    LinkFactory(talk=talk, kind=Link.Kind.RECORDING, url="https://youtu.be/dQw4w9WgXcQ")
    StarFactory(talk=talk, user=person)
    public = NoteFactory(
        talk=talk,
        author=person,
        time=62,
        visibility=Note.Visibility.PUBLIC,
        body="The **root key** stays offline; see [TUF](https://theupdateframework.io/).",
    )
    private = NoteFactory(talk=talk, author=person, body=private_body)
    NoteFactory(
        talk=talk,
        author=UserFactory(username="grace", first_name="Grace H."),
        time=125,
        visibility=Note.Visibility.PUBLIC,
        body="Threshold signatures:\n\n- two of three keys\n- rotate yearly",
    )
    return {"public": public.pk, "private": private.pk}


# --- A small sample catalogue -----------------------------------------------------------------

# One conference's talks in write-up order: (slug, title, speaker, company, tags, recommended,
# summary). Tests of pages, search, feeds and the API read it; what they assert about it
# follows from this table (the site's own data, fixtures/, is checked by test_fixtures.py).
SAMPLE_TALKS = [
    (
        "towards-a-containerized-future",
        "Towards a Containerized Future",
        "Bryan Cantrill",
        "Joyent",
        ["keynote", "virtualization"],
        True,
        "Run **Docker** containers on bare metal: the kernel gives them security and speed.",
    ),
    (
        "distributed-systems-with-almost-no-consensus",
        "Distributed systems with (almost) no consensus",
        "Bryan Boreham",
        "Weave",
        ["distributed-systems", "networking"],
        True,
        "Weave's DNS spreads between hosts without consensus, which engineers like.",
    ),
    (
        "kubernetes",
        "Kubernetes",
        "Mandy Waite",
        "Google",
        ["kubernetes", "orchestration"],
        False,
        "Kubernetes lets engineers manage apps, not machines, with security built in.",
    ),
    (
        "docker-network-performance-in-the-public-cloud",
        "Docker network performance in the public cloud",
        "Arjan Schaaf",
        "Luminis",
        ["kubernetes", "networking", "performance", "cloud"],
        False,
        "Measuring Weave and flannel between Docker hosts in the public cloud.",
    ),
    (
        "lessons-learnt-from-running-potentially-malicious-code",
        "Lessons learnt from running potentially malicious code",
        "Ben Hall",
        "Ocelot Uproar",
        ["security", "monitoring"],
        True,
        "Attacks such as **shutting down the host from a container**, and limits such as "
        "`--ulimit nproc`: building a sandbox for untrusted code.",
    ),
    (
        "docker-content-trust",
        "Docker content trust",
        "Diogo Mónica",
        "Docker",
        ["security", "images"],
        True,
        "Diogo is the security lead at Docker. Content trust means **verifying** images: "
        "Notary implements TUF, with signed collections of keys.",
    ),
    (
        "container-visibility",
        "Container visibility",
        "Loris Degioanni",
        "Sysdig",
        ["monitoring", "kubernetes"],
        True,
        "Sysdig captures system calls for the monitoring and security of containers.",
    ),
    (
        "containers-at-hyperspeed",
        "Containers at Hyperspeed",
        "Juan Batiz-Benet",
        "Protocol Labs",
        ["p2p", "images"],
        False,
        "IPFS moves **images** between hosts peer to peer, building on collections of blocks.",
    ),
]
# Topics as the write-up names them, where it names one.
SAMPLE_TOPICS = {
    "towards-a-containerized-future": "keynote",
    "kubernetes": "Kubernetes",
    "docker-content-trust": "Docker Content Trust",
}
SAMPLE_PLAYLIST = "https://www.youtube.com/playlist?list=PLsampleplaylist0000000000000000"


def sample_conference():
    """A conference with the eight talks of SAMPLE_TALKS, each by its own speaker and
    company, the conference's playlist and notes links and two references for "Docker
    content trust"; everything written through the services, as the site writes it, in one
    batch (each talk indexed once, not after each of its speakers and tags)."""
    from talks import changes

    with changes.batched():
        return _sample_conference()


def _sample_conference():
    conference = ConferenceFactory(
        name="Sample Camp London 2015",
        slug="sample-camp-london-2015",
        city="London",
        country="United Kingdom",
        year=2015,
        month=9,
        description="Notes from a day of talks about containers, kindly hosted by "
        "[YLD](https://www.yld.io/).",
        writeup_author="Ada Writer",
        writeup_author_url="https://ada.example.com",
        raw_notes_url="https://example.com/ada/sample-camp-notes",
    )
    LinkFactory(
        talk=None,
        conference=conference,
        kind=Link.Kind.PLAYLIST,
        url=SAMPLE_PLAYLIST,
        label="All talks: the conference playlist on YouTube",
        position=0,
    )
    LinkFactory(
        talk=None,
        conference=conference,
        kind=Link.Kind.NOTES,
        url="https://example.com/ada/sample-camp-notes",
        label="Ada's raw notes from the day",
        position=1,
    )
    for position, (slug, title, name, company, tags, recommended, summary) in enumerate(
        SAMPLE_TALKS, start=1
    ):
        speaker = SpeakerFactory(
            name=name,
            slug=slugify(name),
            company=CompanyFactory(name=company, slug=slugify(company)),
        )
        TalkFactory(
            conference=conference,
            slug=slug,
            title=title,
            topic=SAMPLE_TOPICS.get(slug, ""),
            source_key=f"by:{speaker.slug}",  # as an import of the write-up keys it
            summary=summary,
            position=position,
            recommended=recommended,
            speakers=[speaker],
            tags=tags,
        )
    trust = Talk.objects.get(slug="docker-content-trust")
    LinkFactory(
        talk=trust,
        url="https://theupdateframework.io/",
        label="The Update Framework (TUF)",
        position=0,
    )
    LinkFactory(
        talk=trust, url="https://github.com/notaryproject/notary", label="Notary", position=1
    )
    return conference
