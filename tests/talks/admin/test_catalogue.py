import pytest
from django.urls import reverse
from taggit.models import Tag
from taggit.utils import edit_string_for_tags

from talks.models import Talk
from tests.factories import SpeakerFactory, TalkFactory


def change_form_data(response):
    """The POST data an editor would send back unchanged from an admin change form."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, bool) or getattr(field.widget, "input_type", "") == "checkbox":
                if value:
                    data[key] = "on"
            elif name == "tags":
                data[key] = edit_string_for_tags(value or [])
            elif value is not None:
                data[key] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def test_talk_changelist_shows_speakers_conference_star_and_tags(admin_client, sample_conference):
    response = admin_client.get(reverse("admin:talks_talk_changelist"))
    assert response.status_code == 200
    assert "Diogo Mónica" in response.text
    assert "images, security" in response.text or "security, images" in response.text
    assert response.context["cl"].result_count == 8


def test_talk_changelist_filters_by_tag_and_star(admin_client, sample_conference):
    url = reverse("admin:talks_talk_changelist")
    security = Tag.objects.get(slug="security")
    tagged = admin_client.get(url, {"tags__id__exact": security.pk, "recommended__exact": "1"})
    assert {talk.title for talk in tagged.context["cl"].result_list} == {
        "Lessons learnt from running potentially malicious code",
        "Docker content trust",
    }


def test_talk_changelist_searches_speaker_names(admin_client, sample_conference):
    response = admin_client.get(reverse("admin:talks_talk_changelist"), {"q": "Mónica"})
    assert [talk.title for talk in response.context["cl"].result_list] == ["Docker content trust"]


@pytest.mark.parametrize("count", [1, 25])
def test_talk_changelist_runs_a_fixed_number_of_queries(
    admin_client, db, django_assert_max_num_queries, count
):
    for _ in range(count):
        TalkFactory(speakers=[SpeakerFactory()], tags=["a", "b"])
    with django_assert_max_num_queries(14):
        assert admin_client.get(reverse("admin:talks_talk_changelist")).status_code == 200


def test_bulk_actions_mark_and_unmark_the_star(admin_client, sample_conference):
    url = reverse("admin:talks_talk_changelist")
    ids = list(Talk.objects.filter(recommended=False).values_list("pk", flat=True))
    admin_client.post(url, {"action": "mark_recommended", "_selected_action": ids})
    assert Talk.objects.recommended().count() == 8
    admin_client.post(url, {"action": "unmark_recommended", "_selected_action": ids})
    assert Talk.objects.recommended().count() == 5


def test_speaker_autocomplete_answers_for_the_talk_inline(admin_client, sample_conference):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Hall",
            "app_label": "talks",
            "model_name": "talkspeaker",
            "field_name": "speaker",
        },
    )
    assert [result["text"] for result in response.json()["results"]] == ["Ben Hall"]


def test_admin_edit_of_a_title_shows_on_the_public_page(admin_client, client, sample_conference):
    talk = Talk.objects.get(slug="kubernetes")
    url = reverse("admin:talks_talk_change", args=[talk.pk])
    data = change_form_data(admin_client.get(url))
    data["title"] = "Kubernetes: manage apps, not machines"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    talk.refresh_from_db()
    assert talk.speaker_list()[0].name == "Mandy Waite"
    assert sorted(talk.tags.names()) == ["kubernetes", "orchestration"]
    assert "<h1>Kubernetes: manage apps, not machines</h1>" in client.get("/talks/kubernetes/").text


@pytest.mark.parametrize(
    "name",
    [
        "talks_conference",
        "talks_talk",
        "talks_link",
        "speakers_speaker",
        "speakers_company",
    ],
)
def test_every_model_has_a_working_admin(admin_client, sample_conference, name):
    assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{name}_add")).status_code == 200


def test_admin_is_for_staff_only(client, sample_conference):
    response = client.get(reverse("admin:talks_talk_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_editor_gives_a_talk_its_place_in_the_playlist_and_start(admin_client, db):
    talk = TalkFactory()
    url = reverse("admin:talks_talk_change", args=[talk.pk])
    data = change_form_data(admin_client.get(url))
    data.update(playlist_position="3", video_start="1:02:03")

    response = admin_client.post(url, data)

    assert response.status_code == 302
    talk.refresh_from_db()
    assert (talk.playlist_position, talk.video_start) == (3, 3723)
    assert 'value="1:02:03"' in admin_client.get(url).text
