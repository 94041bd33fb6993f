from io import StringIO

from django.core.management import call_command

from talks.models import Talk


def run_seed(*args):
    out = StringIO()
    call_command("seed", *args, stdout=out, verbosity=0)
    return out.getvalue()


def test_seed_loads_the_fixtures_into_an_empty_database(db):
    run_seed()
    assert Talk.objects.count() == 12


def test_seed_keeps_admin_edits_once_data_exists(db):
    run_seed()
    Talk.objects.filter(slug="kubernetes").update(title="Edited in admin")
    assert "not loaded" in run_seed()
    assert Talk.objects.get(slug="kubernetes").title == "Edited in admin"


def test_seed_force_reloads_without_duplicates(db):
    run_seed()
    run_seed("--force")
    assert Talk.objects.count() == 12
