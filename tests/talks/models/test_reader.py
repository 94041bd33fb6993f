from django.http import QueryDict

from talks.models import Note, Talk
from talks.search.filters import TalkFilters
from tests.factories import ConferenceFactory, NoteFactory, StarFactory, TalkFactory, UserFactory


def test_with_star_counts_counts_people_and_marks_mine(db):
    popular, quiet, lonely = TalkFactory(), TalkFactory(), TalkFactory()
    me = UserFactory()
    for _ in range(3):
        StarFactory(talk=popular)
    StarFactory(talk=quiet, user=me)

    talks = Talk.objects.filter(pk__in=[popular.pk, quiet.pk, lonely.pk]).with_star_counts(me)

    assert {t.pk: (t.star_count, t.is_starred) for t in talks} == {
        popular.pk: (3, False),
        quiet.pk: (1, True),
        lonely.pk: (0, False),
    }


def test_with_star_counts_is_not_multiplied_by_other_joins(db):
    talk = TalkFactory(tags=["go", "rust", "security"])
    StarFactory(talk=talk)
    StarFactory(talk=talk)

    talk = Talk.objects.filter(tags__slug__in=["go", "rust"]).with_star_counts().first()

    assert talk.star_count == 2


def test_with_star_counts_for_anonymous_marks_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    StarFactory()

    assert [t.is_starred for t in Talk.objects.with_star_counts(AnonymousUser())] == [False]


def test_starred_by_returns_only_that_persons_talks(db):
    me, mine, theirs = UserFactory(), TalkFactory(), TalkFactory()
    StarFactory(talk=mine, user=me)
    StarFactory(talk=theirs)

    assert list(Talk.objects.starred_by(me)) == [mine]


def test_most_starred_orders_by_stars_then_write_up_order(db):
    conference = ConferenceFactory()
    a, b, c, d = (TalkFactory(conference=conference, position=n) for n in range(1, 5))
    StarFactory(talk=c)
    StarFactory(talk=c)
    StarFactory(talk=b)
    StarFactory(talk=d)

    assert list(Talk.objects.most_starred()) == [c, b, d, a]


def test_notes_visible_to_author_and_public(db):
    me = UserFactory()
    mine_private = NoteFactory(author=me)
    public = NoteFactory(visibility=Note.Visibility.PUBLIC)
    NoteFactory()  # somebody else's private note

    assert set(Note.objects.visible_to(me)) == {mine_private, public}
    assert list(Note.objects.visible_to(None)) == [public]


def test_filters_read_mine_and_sort_and_ignore_junk():
    filters = TalkFilters.from_query(QueryDict("mine=1&sort=stars"))
    junk = TalkFilters.from_query(QueryDict("mine=maybe&sort=%00drop"))

    assert (filters.mine, filters.sort, filters.active) == (True, "stars", True)
    assert (junk.mine, junk.sort, junk.active) == (False, "", False)


def test_filters_mine_applies_starred_by(db):
    me, mine = UserFactory(), TalkFactory()
    TalkFactory()
    StarFactory(talk=mine, user=me)

    talks = TalkFilters.from_query(QueryDict("mine=1")).apply(Talk.objects.all(), user=me)

    assert list(talks) == [mine]


def test_talk_list_mine_shows_my_starred_talks(client, db):
    me, mine = UserFactory(), TalkFactory()
    TalkFactory()
    StarFactory(talk=mine, user=me)
    client.force_login(me)

    response = client.get("/talks/?mine=1")

    assert list(response.context["talks"]) == [mine]
    assert "my stars only" in response.content.decode()


def test_talk_list_mine_anonymous_goes_to_log_in(client, db):
    response = client.get("/talks/?mine=1&tag=go")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/talks/%3Fmine%3D1%26tag%3Dgo"


def test_talk_list_sort_by_stars(client, db):
    quiet, popular = TalkFactory(), TalkFactory()
    StarFactory(talk=popular)

    response = client.get("/talks/?sort=stars")

    assert list(response.context["talks"]) == [popular, quiet]
    assert '<strong aria-current="true">Most starred</strong>' in response.content.decode()


def test_talk_card_keeps_recommended_apart_from_people_stars(client, db):
    talk = TalkFactory(recommended=True)
    StarFactory(talk=talk)
    StarFactory(talk=talk)

    html = client.get("/talks/").content.decode()

    assert ">Recommended</span>" in html
    assert '<span class="star-count">Starred by 2</span>' in html


def test_talk_card_star_button_shows_pressed_state(client, db):
    me, talk = UserFactory(), TalkFactory()
    StarFactory(talk=talk, user=me)
    client.force_login(me)

    html = client.get("/talks/").content.decode()

    assert 'aria-pressed="true"' in html
    assert '<span aria-hidden="true" data-star-label>Starred</span>' in html
    assert 'name="action" value="unstar"' in html
    assert f'name="next" value="/talks/#talk-{talk.slug}"' in html
    assert '<span class="star-count" data-star-count aria-live="polite">Starred by 1</span>' in html


def test_speaker_and_company_pages_show_star_counts(client, db):
    from tests.factories import SpeakerFactory

    speaker = SpeakerFactory(slug="ada")
    talk = TalkFactory(speakers=[speaker])
    StarFactory(talk=talk)

    for url in ("/speakers/ada/", f"/companies/{speaker.company.slug}/"):
        html = client.get(url).content.decode()
        assert '<span class="star-count">Starred by 1</span>' in html, url
