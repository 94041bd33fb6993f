from talks.models import Talk


def test_fixtures_load_all_twelve_talks(container_camp):
    assert Talk.objects.filter(conference=container_camp).count() == 12
