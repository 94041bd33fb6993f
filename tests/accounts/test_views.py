import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import UserFactory

User = get_user_model()
PASSWORD = "a-long-unusual-passphrase-42"


def signup_data(**changes):
    return {
        "username": "newbie",
        "first_name": "New Person",
        "email": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **changes,
    }


def test_signup_creates_account_signs_in_and_returns_to_next(client, db):
    response = client.post("/accounts/signup/", {**signup_data(), "next": "/talks/x/#notes"})

    user = User.objects.get()
    assert (user.username, user.first_name) == ("newbie", "New Person")
    assert response.status_code == 302
    assert response.url == "/talks/x/#notes"
    assert client.get("/me/notes/").status_code == 200


def test_signup_ignores_offsite_next(client, db):
    response = client.post("/accounts/signup/", {**signup_data(), "next": "https://evil.example/"})

    assert response.url == "/"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"username": ""}, "username"),
        ({"username": "bad name!"}, "username"),
        ({"password2": "something-else-entirely"}, "password2"),
        ({"password1": "short", "password2": "short"}, "password2"),
        ({"email": "not-an-email"}, "email"),
        ({"first_name": "x" * 151}, "first_name"),
        ({"username": "nul\x00"}, "username"),
    ],
)
def test_signup_bad_input_shows_errors_and_creates_nobody(client, db, changes, field):
    response = client.post("/accounts/signup/", signup_data(**changes))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert User.objects.count() == 0


def test_signup_existing_username_any_case_is_refused(client, db):
    UserFactory(username="Newbie")

    response = client.post("/accounts/signup/", signup_data())

    assert response.context["form"].errors["username"] == [
        "A user with that username already exists."
    ]


def test_signup_closed_by_setting(client, db, settings):
    settings.CONFNOTES_SIGNUP_OPEN = False

    page = client.get("/accounts/signup/")
    post = client.post("/accounts/signup/", signup_data())
    header = client.get("/talks/").content.decode()

    assert (page.status_code, post.status_code) == (403, 403)
    assert "Sign-up is closed" in page.content.decode()
    assert User.objects.count() == 0
    assert 'href="/accounts/signup/"' not in header


def test_signup_open_setting_follows_environment(monkeypatch):
    import importlib

    import confnotes.settings

    monkeypatch.setenv("CONFNOTES_SIGNUP_OPEN", "0")
    closed = importlib.reload(confnotes.settings).CONFNOTES_SIGNUP_OPEN
    monkeypatch.delenv("CONFNOTES_SIGNUP_OPEN")
    default = importlib.reload(confnotes.settings).CONFNOTES_SIGNUP_OPEN
    monkeypatch.undo()
    importlib.reload(confnotes.settings)

    assert (closed, default) == (False, True)


def test_login_then_back_to_next(client, db):
    UserFactory(username="ada", password=PASSWORD)

    response = client.post(
        "/accounts/login/", {"username": "ada", "password": PASSWORD, "next": "/talks/"}
    )

    assert response.url == "/talks/"


def test_login_wrong_password_shows_error(client, db):
    UserFactory(username="ada", password=PASSWORD)

    response = client.post("/accounts/login/", {"username": "ada", "password": "nope"})

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_logout_is_post_only(client, db):
    client.force_login(UserFactory())

    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")

    assert response.url == "/"
    assert client.get("/me/stars/").status_code == 302


def test_password_change_uses_our_template(client, db):
    user = UserFactory(username="ada", password=PASSWORD)
    client.force_login(user)

    page = client.get("/accounts/password_change/")
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase-7",
            "new_password2": "another-long-passphrase-7",
        },
    )

    assert page.templates[0].name == "registration/password_change_form.html"
    assert response.url == "/accounts/password_change/done/"
    user.refresh_from_db()
    assert user.check_password("another-long-passphrase-7")


def test_header_for_signed_in_person(client, db):
    client.force_login(UserFactory(username="ada", first_name="Ada"))

    html = client.get("/talks/").content.decode()

    assert (
        '<a class="account-name" href="/accounts/" title="Your account: password, your data">'
        "Ada</a>"
    ) in html
    assert '<a href="/me/stars/">My stars</a>' in html
    assert '<a href="/me/notes/">My notes</a>' in html
    assert '<form class="logout-form" method="post" action="/accounts/logout/">' in html
    assert ">Log in</a>" not in html


def test_header_for_anonymous_visitor(client, db):
    html = client.get("/talks/?tag=go").content.decode()

    assert '<a href="/accounts/login/?next=/talks/%3Ftag%3Dgo">Log in</a>' in html
    assert '<a href="/accounts/signup/?next=/talks/%3Ftag%3Dgo">Sign up</a>' in html
    assert "My notes" not in html


def test_login_form_enforces_csrf(db):
    UserFactory(username="ada", password=PASSWORD)
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "ada", "password": PASSWORD})

    assert response.status_code == 403


def test_deleting_a_person_in_the_admin_takes_their_public_notes_out_of_search(admin_client, db):
    from talks import search
    from talks.models import Talk
    from tests.factories import NoteFactory, TalkFactory

    talk = TalkFactory()
    author = UserFactory(username="leaver")
    NoteFactory(talk=talk, author=author, body="kiwifreshpg", visibility="public")
    assert search.search(Talk.objects.all(), search.parse_query("kiwifreshpg")).count() == 1

    admin_client.post(
        "/admin/auth/user/",
        {"action": "delete_selected", "_selected_action": [author.pk], "post": "yes"},
    )

    assert not type(author).objects.filter(pk=author.pk).exists()
    assert search.search(Talk.objects.all(), search.parse_query("kiwifreshpg")).count() == 0
