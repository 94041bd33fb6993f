import threading

import pytest
from django.test import Client
from django.urls import reverse

from talks import services
from talks.models import Star, Talk
from tests.factories import StarFactory, TalkFactory, UserFactory


@pytest.fixture
def talk(db):
    return TalkFactory(slug="crdts", title="CRDTs in practice")


@pytest.fixture
def user(db):
    return UserFactory(username="ada")


def star_url(talk):
    return reverse("talks:star", kwargs={"slug": talk.slug})


def test_star_add_twice_keeps_one_star(talk, user):
    services.star_add(talk=talk, user=user)
    services.star_add(talk=talk, user=user)

    assert list(Star.objects.values_list("talk__slug", "user__username")) == [("crdts", "ada")]


def test_star_remove_without_star_is_a_no_op(talk, user):
    assert services.star_remove(talk=talk, user=user) is False
    assert Star.objects.count() == 0


def test_star_toggle_flips_state(talk, user):
    assert services.star_toggle(talk=talk, user=user) is True
    assert Star.objects.filter(talk=talk, user=user).count() == 1
    assert services.star_toggle(talk=talk, user=user) is False
    assert Star.objects.count() == 0


def test_star_set_is_idempotent(talk, user):
    results = [services.star_set(talk=talk, user=user, starred=True) for _ in range(3)]

    assert results == [True, True, True]
    assert Star.objects.count() == 1


def test_star_unique_constraint_rejects_duplicates(talk, user):
    from django.db import IntegrityError, transaction

    StarFactory(talk=talk, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Star.objects.create(talk=talk, user=user)


def test_star_post_without_js_redirects_to_safe_next(client, talk, user):
    client.force_login(user)

    response = client.post(star_url(talk), {"action": "star", "next": "/talks/?tag=go#talk-crdts"})

    assert response.status_code == 302
    assert response.url == "/talks/?tag=go#talk-crdts"
    assert list(user.stars.values_list("talk__slug", flat=True)) == ["crdts"]


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "", "\\\\evil.example"],
)
def test_star_post_with_unsafe_next_goes_to_the_talk(client, talk, user, next_url):
    client.force_login(user)

    response = client.post(star_url(talk), {"action": "star", "next": next_url})

    assert response.status_code == 302
    assert response.url == "/talks/crdts/"


def test_star_post_twice_with_star_action_keeps_it_starred(client, talk, user):
    client.force_login(user)

    client.post(star_url(talk), {"action": "star"})
    client.post(star_url(talk), {"action": "star"})

    assert Star.objects.filter(talk=talk, user=user).count() == 1


def test_star_post_unstar_removes_star(client, talk, user):
    StarFactory(talk=talk, user=user)
    client.force_login(user)

    client.post(star_url(talk), {"action": "unstar"})

    assert Star.objects.count() == 0


def test_star_post_without_action_toggles(client, talk, user):
    client.force_login(user)

    client.post(star_url(talk))
    assert Star.objects.count() == 1
    client.post(star_url(talk))
    assert Star.objects.count() == 0


def test_star_post_with_unknown_action_is_bad_request(client, talk, user):
    client.force_login(user)

    response = client.post(star_url(talk), {"action": "explode"})

    assert response.status_code == 400
    assert Star.objects.count() == 0


def test_star_json_answers_state_and_count(client, talk, user):
    StarFactory(talk=talk)
    client.force_login(user)

    response = client.post(
        star_url(talk),
        {"action": "star"},
        headers={"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"},
    )

    assert response.status_code == 200
    assert response.json() == {"starred": True, "count": 2}


def test_star_json_unstar_answers_new_count(client, talk, user):
    StarFactory(talk=talk, user=user)
    client.force_login(user)

    response = client.post(
        star_url(talk), {"action": "unstar"}, headers={"Accept": "application/json"}
    )

    assert response.json() == {"starred": False, "count": 0}


def test_star_anonymous_is_sent_to_log_in_and_back_to_the_talk(client, talk):
    response = client.post(star_url(talk), {"action": "star"})

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/talks/crdts/"
    assert Star.objects.count() == 0


def test_star_anonymous_json_gets_401_with_login_url(client, talk):
    response = client.post(star_url(talk), headers={"Accept": "application/json"})

    assert response.status_code == 401
    assert response.json() == {"login_url": "/accounts/login/?next=/talks/crdts/"}


def test_star_get_is_not_allowed(client, talk, user):
    client.force_login(user)

    assert client.get(star_url(talk)).status_code == 405
    assert Star.objects.count() == 0


def test_star_unknown_talk_is_404(client, user):
    client.force_login(user)

    assert client.post("/talks/no-such-talk/star/").status_code == 404


def test_star_without_csrf_token_is_forbidden(talk, user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(star_url(talk), {"action": "star"})

    assert response.status_code == 403
    assert Star.objects.count() == 0


def test_star_with_csrf_token_from_the_page_works(talk, user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(talk.get_absolute_url())
    token = client.cookies["csrftoken"].value

    response = client.post(star_url(talk), {"action": "star", "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert Star.objects.count() == 1


@pytest.mark.postgres("SQLite serialises writers with a database lock; real concurrency needs it")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("operation", ["star_add", "star_set", "star_toggle_once"])
def test_star_concurrent_requests_leave_one_star_per_person(operation):
    from django.db import connections

    talk = TalkFactory()
    users = [UserFactory() for _ in range(4)]
    threads_per_user = 6
    barrier = threading.Barrier(len(users) * threads_per_user)
    errors = []

    def worker(user, index):
        try:
            barrier.wait(timeout=10)
            if operation == "star_add":
                services.star_add(talk=talk, user=user)
            elif operation == "star_set":
                services.star_set(talk=talk, user=user, starred=True)
            # star_toggle from many threads at once: each ends starred or not, never twice.
            else:
                services.star_toggle(talk=talk, user=user)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=worker, args=(user, index))
        for user in users
        for index in range(threads_per_user)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    per_user = {user.pk: Star.objects.filter(talk=talk, user=user).count() for user in users}
    if operation == "star_toggle_once":
        assert set(per_user.values()) <= {0, 1}
    else:
        assert per_user == {user.pk: 1 for user in users}
    assert Talk.objects.with_star_counts().get(pk=talk.pk).star_count == sum(per_user.values())
