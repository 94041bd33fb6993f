"""The issue's "Done when": sign up, star three talks, write a private and a public timed note,
see them in My stars / My notes, download the Markdown; a second person sees only the public
note. Through the site only, with CSRF checks on, on the sample conference of the factories."""

import re

from django.test import Client

from talks.models import Link, Note, Star, Talk

PASSWORD = "a-long-unusual-passphrase-42"


def csrf_token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', response.content.decode())[1]


def sign_up(client, username, display_name):
    page = client.get("/accounts/signup/")
    response = client.post(
        "/accounts/signup/",
        {
            "csrfmiddlewaretoken": csrf_token(page),
            "username": username,
            "first_name": display_name,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302


def test_story_sign_up_star_note_review_download_share(sample_conference):
    talks = list(Talk.objects.filter(conference=sample_conference)[:3])
    recorded = talks[0]
    # Seed talks only have the conference playlist; an editor adds one talk's own recording.
    Link.objects.create(
        talk=recorded, kind=Link.Kind.RECORDING, url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    ada = Client(enforce_csrf_checks=True)
    sign_up(ada, "ada", "Ada L.")

    # Star three talks from the list, without JavaScript: each POST comes back to the list.
    listing = ada.get("/talks/")
    for talk in talks:
        response = ada.post(
            f"/talks/{talk.slug}/star/",
            {
                "csrfmiddlewaretoken": csrf_token(listing),
                "action": "star",
                "next": f"/talks/#talk-{talk.slug}",
            },
        )
        assert response.url == f"/talks/#talk-{talk.slug}"
    # ... and once more with JavaScript on the first one: still one star.
    response = ada.post(
        f"/talks/{recorded.slug}/star/",
        {"csrfmiddlewaretoken": csrf_token(listing), "action": "star"},
        headers={"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"},
    )
    assert response.json() == {"starred": True, "count": 1}

    # A private and a public timed note on the talk with a recording.
    detail = ada.get(recorded.get_absolute_url())
    token = csrf_token(detail)
    for body, time, visibility in [
        ("Private: check the **seccomp** profile", "2:05", "private"),
        ("Public: great demo at this point", "12:34", "public"),
    ]:
        response = ada.post(
            f"/talks/{recorded.slug}/notes/new/",
            {"csrfmiddlewaretoken": token, "body": body, "time": time, "visibility": visibility},
        )
        assert response.status_code == 302
    assert Note.objects.filter(author__username="ada").count() == 2

    # My stars: the three talks, most recently starred first.
    stars = ada.get("/me/stars/")
    assert list(stars.context["talks"]) == talks[::-1]
    assert set(Star.objects.values_list("talk__slug", flat=True)) == {t.slug for t in talks}

    # My notes: grouped under the talk, in video order, timed links to the recording.
    notes = ada.get("/me/notes/")
    assert [(t, [n.timecode for n in t.my_notes]) for t in notes.context["talks"]] == [
        (recorded, ["2:05", "12:34"])
    ]
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=754s"' in (
        notes.content.decode()
    )

    # The Markdown download.
    download = ada.get("/me/notes.md").content.decode()
    assert f"## {recorded.title}" in download
    assert f"- Link: <http://testserver{recorded.get_absolute_url()}>" in download
    assert "### [2:05](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=125s) (private)" in download
    assert "### [12:34](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=754s) (public)" in download
    speakers = ", ".join(s.name for s in recorded.speakers.order_by("credits__position"))
    assert f"- Speakers: {speakers}" in download

    # Log out; a second person sees only the public note, under Ada's display name.
    ada.post("/accounts/logout/", {"csrfmiddlewaretoken": csrf_token(ada.get("/talks/"))})
    grace = Client(enforce_csrf_checks=True)
    sign_up(grace, "grace", "")
    page = grace.get(recorded.get_absolute_url())
    html = page.content.decode()
    assert [n.body for n in page.context["talk"].visible_notes] == [
        "Public: great demo at this point"
    ]
    assert "seccomp" not in html
    assert '<span class="note-author">Ada L. <span class="note-username">@ada</span></span>' in html
    assert 'data-seek="754"' in html
    assert grace.get("/me/notes/").context["talks"].count() == 0
    # ... and cannot touch Ada's notes.
    private = Note.objects.get(visibility="private")
    assert grace.get(f"/talks/{recorded.slug}/notes/{private.pk}/edit/").status_code == 404

    # Anonymous readers see the public note and the star count.
    anonymous = Client().get(recorded.get_absolute_url()).content.decode()
    assert "great demo" in anonymous
    assert "seccomp" not in anonymous
    assert "Starred by 1" in anonymous
