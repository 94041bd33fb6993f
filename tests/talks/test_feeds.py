import xml.etree.ElementTree as ET

from django.urls import reverse

from tests.factories import TalkFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    return feed, [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]


def test_feed_of_all_talks_lists_the_newest_first(client, db):
    TalkFactory(title="First")
    TalkFactory(title="Second")

    feed, titles = entries(client.get(reverse("feeds:talks")))

    assert titles == ["Second", "First"]
    assert feed.find(f"{ATOM}title").text == "confnotes: new talks"


def test_tag_feed_lists_only_talks_with_the_tag(client, sample_conference):
    feed, titles = entries(client.get(reverse("feeds:tag", args=["security"])))

    # Newest first; the sample's talks were all added at once, so the latest id leads.
    assert titles == [
        "Docker content trust",
        "Lessons learnt from running potentially malicious code",
    ]
    assert feed.find(f"{ATOM}title").text == "confnotes: talks tagged security"


def test_conference_feed_follows_the_write_up_order(client, sample_conference):
    _, titles = entries(client.get(reverse("feeds:conference", args=[sample_conference.slug])))

    assert len(titles) == 8
    assert titles[0] == "Towards a Containerized Future"
    assert titles[-1] == "Containers at Hyperspeed"


def test_feed_entries_carry_summary_and_author(client, sample_conference):
    feed, _ = entries(client.get(reverse("feeds:tag", args=["p2p"])))
    entry = next(feed.iter(f"{ATOM}entry"))

    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Juan Batiz-Benet"
    assert "<strong>" in entry.find(f"{ATOM}summary").text
    assert entry.find(f"{ATOM}link").get("href").endswith("/talks/containers-at-hyperspeed/")


def test_feed_of_an_unknown_tag_is_a_404(client, db):
    assert client.get(reverse("feeds:tag", args=["nope"])).status_code == 404
    assert client.get(reverse("feeds:conference", args=["nope"])).status_code == 404


def test_feed_query_count_does_not_grow_with_talks(client, db, django_assert_num_queries):
    from tests.factories import SpeakerFactory

    TalkFactory(speakers=[SpeakerFactory()])
    with django_assert_num_queries(3):  # talks, credits, speakers
        client.get(reverse("feeds:talks"))
    for _ in range(3):
        TalkFactory(speakers=[SpeakerFactory(), SpeakerFactory()])
    with django_assert_num_queries(3):
        client.get(reverse("feeds:talks"))


def test_feed_and_tag_page_of_a_nul_slug_are_404s(client, db):
    assert client.get("/feeds/tags/%00/").status_code == 404
    assert client.get("/tags/%00/").status_code == 404
