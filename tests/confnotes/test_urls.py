import xml.etree.ElementTree as ET

from django.urls import reverse

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_index_lists_every_section(client, db):
    index = ET.fromstring(client.get(reverse("sitemap")).content)  # noqa: S314

    locations = {element.text for element in index.iter(f"{SITEMAP}loc")}
    assert {
        f"http://testserver/sitemap-{section}.xml"
        for section in ("pages", "talks", "conferences", "speakers", "companies", "tags")
    } <= locations


def test_sitemap_of_talks_lists_every_talk(client, sample_conference):
    urlset = ET.fromstring(client.get("/sitemap-talks.xml").content)  # noqa: S314

    locations = [element.text for element in urlset.iter(f"{SITEMAP}loc")]
    assert len(locations) == 8
    assert "http://testserver/talks/docker-content-trust/" in locations


def test_sitemap_of_tags_and_speakers(client, sample_conference):
    tags = client.get("/sitemap-tags.xml").content.decode()
    speakers = client.get("/sitemap-speakers.xml").content.decode()

    assert "http://testserver/tags/security/" in tags
    assert "http://testserver/speakers/diogo-monica/" in speakers


def test_every_page_has_a_title_and_description(client, sample_conference):
    for url in ("/", "/talks/", "/speakers/", "/tags/security/", "/speakers/diogo-monica/"):
        html = client.get(url).content.decode()
        assert "<title>" in html and "· confnotes</title>" in html, url
        assert '<meta name="description" content="' in html, url
