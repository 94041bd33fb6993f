"""factory_boy factories for test data (fixtures/ holds the site's data, not test setup)."""

import factory
from django.contrib.auth import get_user_model

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


def notes_on_a_recorded_talk(person, *, private_body):
    """`person` stars "Docker content trust" (given a recording) and writes a public note at
    1:02 and a private one (`private_body`), beside Grace's public note at 2:05.

    The Container Camp fixtures must be loaded. Returns the pks of `person`'s notes as
    {"public": …, "private": …}, the placeholders of the personal pages' paths.
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
