"""Readers' lists as the services write them: Watch later, names, adding, moving, sharing."""

import pytest
from django.core.exceptions import ValidationError

from talks import services
from talks.models import TalkList, TalkListItem
from tests.factories import TalkFactory, UserFactory

pytestmark = pytest.mark.django_db


def slugs(talk_list):
    return list(talk_list.items.order_by("position", "pk").values_list("talk__slug", flat=True))


@pytest.fixture
def ada():
    return UserFactory(username="ada")


@pytest.fixture
def talks():
    return [TalkFactory(slug=f"t{n}") for n in range(4)]


def test_watch_later_is_made_once_and_found_after(ada):
    first = services.watch_later(owner=ada)
    again = services.watch_later(owner=ada)

    assert first == again
    assert list(TalkList.objects.values_list("name", "is_watch_later")) == [("Watch later", True)]


def test_watch_later_takes_over_a_list_of_that_name(ada):
    own, _ = services.list_create(owner=ada, name="watch LATER")

    found = services.watch_later(owner=ada)

    assert found.pk == own.pk
    assert found.is_watch_later is True
    assert TalkList.objects.count() == 1


def test_list_create_is_idempotent_by_name_in_any_case(ada):
    created, was_new = services.list_create(owner=ada, name="  Security   talks ")
    again, again_new = services.list_create(owner=ada, name="security TALKS")

    assert (created.name, was_new) == ("Security talks", True)
    assert (again.pk, again_new) == (created.pk, False)


def test_two_people_may_use_the_same_name(ada):
    services.list_create(owner=ada, name="Security")
    services.list_create(owner=UserFactory(), name="Security")

    assert TalkList.objects.filter(name="Security").count() == 2


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, None])
def test_list_create_refuses_a_bad_name_and_writes_nothing(ada, name):
    with pytest.raises(ValidationError):
        services.list_create(owner=ada, name=name)

    assert TalkList.objects.count() == 0


def test_list_create_stops_at_the_limit(ada, settings, monkeypatch):
    monkeypatch.setattr(services, "LISTS_PER_PERSON", 2)
    services.list_create(owner=ada, name="one")
    services.list_create(owner=ada, name="two")

    with pytest.raises(ValidationError):
        services.list_create(owner=ada, name="three")
    assert services.list_create(owner=ada, name="TWO")[1] is False  # an existing one is fine
    assert TalkList.objects.count() == 2


def test_list_rename_refuses_a_name_already_used_and_keeps_the_old_one(ada):
    first, _ = services.list_create(owner=ada, name="First")
    services.list_create(owner=ada, name="Second")

    with pytest.raises(ValidationError):
        services.list_rename(talk_list=first, name="second")

    first.refresh_from_db()
    assert first.name == "First"
    assert services.list_rename(talk_list=first, name="FIRST").name == "FIRST"


def test_watch_later_cannot_be_deleted_but_other_lists_can(ada, talks):
    watch_later = services.watch_later(owner=ada)
    other, _ = services.list_create(owner=ada, name="Other")
    services.list_add(talk_list=other, talk=talks[0])

    with pytest.raises(ValidationError):
        services.list_delete(talk_list=watch_later)
    services.list_delete(talk_list=other)

    assert list(TalkList.objects.values_list("name", flat=True)) == ["Watch later"]
    assert TalkListItem.objects.count() == 0


def test_list_add_appends_and_adding_again_changes_nothing(ada, talks):
    talk_list = services.watch_later(owner=ada)
    for talk in [talks[2], talks[0], talks[2], talks[1]]:
        assert services.list_add(talk_list=talk_list, talk=talk) is True

    assert slugs(talk_list) == ["t2", "t0", "t1"]
    assert list(talk_list.items.values_list("position", flat=True)) == [0, 1, 2]


def test_list_add_refuses_a_full_list(ada, talks, monkeypatch):
    monkeypatch.setattr(services, "TALKS_PER_LIST", 2)
    talk_list = services.watch_later(owner=ada)
    services.list_add(talk_list=talk_list, talk=talks[0])
    services.list_add(talk_list=talk_list, talk=talks[1])

    with pytest.raises(ValidationError):
        services.list_add(talk_list=talk_list, talk=talks[2])
    assert services.list_add(talk_list=talk_list, talk=talks[1]) is True  # already there
    assert slugs(talk_list) == ["t0", "t1"]


def test_list_remove_takes_a_talk_out_once(ada, talks):
    talk_list = services.watch_later(owner=ada)
    services.list_add(talk_list=talk_list, talk=talks[0])

    assert services.list_remove(talk_list=talk_list, talk=talks[0]) is False
    assert services.list_remove(talk_list=talk_list, talk=talks[0]) is False
    assert slugs(talk_list) == []


@pytest.fixture
def four(ada, talks):
    talk_list = services.watch_later(owner=ada)
    for talk in talks:
        services.list_add(talk_list=talk_list, talk=talk)
    return talk_list


@pytest.mark.parametrize(
    ("slug", "move", "expected", "position"),
    [
        ("t2", {"by": -1}, ["t0", "t2", "t1", "t3"], 1),
        ("t2", {"by": 1}, ["t0", "t1", "t3", "t2"], 3),
        ("t0", {"by": -1}, ["t0", "t1", "t2", "t3"], 0),  # first, up: stays
        ("t3", {"by": 1}, ["t0", "t1", "t2", "t3"], 3),  # last, down: stays
        ("t1", {"to": 99}, ["t0", "t2", "t3", "t1"], 3),
        ("t1", {"to": -7}, ["t1", "t0", "t2", "t3"], 0),
        ("t3", {"to": 1}, ["t0", "t3", "t1", "t2"], 1),
    ],
)
def test_list_move_is_clamped_to_the_list(four, talks, slug, move, expected, position):
    talk = next(talk for talk in talks if talk.slug == slug)

    assert services.list_move(talk_list=four, talk=talk, **move) == position
    assert slugs(four) == expected
    positions = list(four.items.order_by("position").values_list("position", flat=True))
    assert positions == [0, 1, 2, 3]


def test_moving_a_talk_that_is_not_in_the_list_does_nothing(four):
    outsider = TalkFactory()

    assert services.list_move(talk_list=four, talk=outsider, by=-1) is None
    assert slugs(four) == ["t0", "t1", "t2", "t3"]


def test_removing_then_moving_closes_the_gap(four, talks):
    services.list_remove(talk_list=four, talk=talks[1])
    services.list_move(talk_list=four, talk=talks[3], by=-1)

    assert slugs(four) == ["t0", "t3", "t2"]
    assert list(four.items.values_list("position", flat=True)) == [0, 1, 2]


def test_list_share_makes_renews_and_withdraws_a_secret_address(ada):
    talk_list = services.watch_later(owner=ada)

    services.list_share(talk_list=talk_list)
    first = talk_list.share_token
    services.list_share(talk_list=talk_list)  # sharing again keeps the address
    kept = talk_list.share_token
    services.list_share(talk_list=talk_list, renew=True)
    renewed = talk_list.share_token
    services.list_share(talk_list=talk_list, shared=False)

    assert len(first) >= 32
    assert kept == first
    assert renewed not in {"", first}
    talk_list.refresh_from_db()
    assert talk_list.share_token == ""
    assert talk_list.get_shared_url() == ""


def test_talk_lists_set_is_all_or_nothing(ada, talks):
    watch_later = services.watch_later(owner=ada)
    other, _ = services.list_create(owner=ada, name="Other")
    services.list_add(talk_list=other, talk=talks[0])

    with pytest.raises(ValidationError):
        services.talk_lists_set(
            talk=talks[0],
            owner=ada,
            lists=[watch_later, other],
            ticked={watch_later.pk},
            new_name="x" * 200,
        )

    assert slugs(watch_later) == []
    assert slugs(other) == ["t0"]

    lists = [watch_later, other]
    services.talk_lists_set(
        talk=talks[0], owner=ada, lists=lists, ticked={watch_later.pk}, new_name="New"
    )
    assert slugs(watch_later) == ["t0"]
    assert slugs(other) == []
    assert slugs(TalkList.objects.get(name="New")) == ["t0"]


def test_list_writes_do_not_change_the_data_version(ada, talks):
    from talks import version

    before = version.current()
    talk_list, _ = services.list_create(owner=ada, name="Mine")
    services.list_add(talk_list=talk_list, talk=talks[0])
    services.list_move(talk_list=talk_list, talk=talks[0], by=1)
    services.list_share(talk_list=talk_list)
    services.list_remove(talk_list=talk_list, talk=talks[0])

    assert version.current() == before
