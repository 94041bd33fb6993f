"""Readers' lists in the admin: listed with their counts, edited with their talks in order."""

import pytest

from talks import services
from talks.models import TalkList
from tests.factories import TalkFactory, UserFactory


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(username="editor", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def shared_list(db):
    talk_list, _ = services.list_create(owner=UserFactory(username="ada"), name="Security")
    for slug in ("a", "b"):
        services.list_add(talk_list=talk_list, talk=TalkFactory(slug=slug))
    return services.list_share(talk_list=talk_list)


@pytest.mark.parametrize("lists", [1, 3])
def test_list_admin_shows_counts_in_a_fixed_number_of_queries(
    staff_client, shared_list, django_assert_num_queries, lists
):
    for n in range(lists - 1):
        services.list_create(owner=UserFactory(), name=f"Other {n}")

    with django_assert_num_queries(5):  # the session comes from the cache
        response = staff_client.get("/admin/talks/talklist/")

    rows = {(row.name, row.item_count) for row in response.context["cl"].result_list}
    assert ("Security", 2) in rows
    assert len(rows) == lists


def test_list_admin_search_finds_name_and_owner(staff_client, shared_list):
    services.list_create(owner=UserFactory(username="bob"), name="Other")

    for query in ("secur", "ada"):
        response = staff_client.get("/admin/talks/talklist/", {"q": query})
        assert list(response.context["cl"].result_list) == [shared_list]


def test_list_admin_edits_the_order_of_talks(staff_client, shared_list):
    items = list(shared_list.items.order_by("position"))
    page = staff_client.get(f"/admin/talks/talklist/{shared_list.pk}/change/")
    assert page.status_code == 200

    response = staff_client.post(
        f"/admin/talks/talklist/{shared_list.pk}/change/",
        {
            "owner": shared_list.owner_id,
            "name": "Security, reordered",
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "2",
            "items-0-id": items[0].pk,
            "items-0-talk_list": shared_list.pk,
            "items-0-talk": items[0].talk_id,
            "items-0-position": "5",
            "items-1-id": items[1].pk,
            "items-1-talk_list": shared_list.pk,
            "items-1-talk": items[1].talk_id,
            "items-1-position": "1",
        },
    )

    assert response.status_code == 302
    shared_list.refresh_from_db()
    assert shared_list.name == "Security, reordered"
    assert list(shared_list.items.values_list("talk__slug", flat=True)) == ["b", "a"]


def test_list_admin_makes_lists_private(staff_client, shared_list):
    staff_client.post(
        "/admin/talks/talklist/",
        {"action": "make_private", "_selected_action": [shared_list.pk]},
    )

    shared_list.refresh_from_db()
    assert shared_list.share_token == ""


def test_list_admin_deletes_a_list(staff_client, shared_list):
    staff_client.post(f"/admin/talks/talklist/{shared_list.pk}/delete/", {"post": "yes"})

    assert not TalkList.objects.filter(pk=shared_list.pk).exists()
