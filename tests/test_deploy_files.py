"""The Containerfile, compose.yaml and docs/deploy.md agree with the code (issue 12).

deploy/build-image.sh builds and checks the image itself; these catch drift without a build:
a new app or folder the image would miss, a variable nobody documented, a typo in compose.
"""

import re
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
READERS = [ROOT / "confnotes" / "settings.py", ROOT / "confnotes" / "gunicorn.conf.py"]
VARIABLE = re.compile(
    r"""(?:environ(?:\.get)?\s*[\[(]\s*|env_(?:bool|int|list)\(\s*)["']([A-Z][A-Z0-9_]+)["']"""
)


def variables_read():
    """The environment variables the settings and gunicorn's configuration read."""
    names = {name for path in READERS for name in VARIABLE.findall(path.read_text())}
    return names | {"DATABASE_URL"}  # read by dj_database_url.config()


def final_stage():
    """The Containerfile's instructions after its last FROM, continuation lines joined."""
    text = (ROOT / "Containerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    last_from = max(i for i, line in enumerate(lines) if line.upper().startswith("FROM "))
    return lines[last_from + 1 :]


def app_service():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return compose["services"]["app"]


def test_the_variables_are_found():
    assert {"DJANGO_SECRET_KEY", "REDIS_URL", "WEB_CONCURRENCY", "PORT"} <= variables_read()


def test_every_variable_is_documented():
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", (ROOT / "docs/deploy.md").read_text()))

    assert variables_read() - documented == set()


def test_compose_sets_only_variables_the_site_reads():
    environment = set(app_service()["environment"])

    assert environment - variables_read() == set()
    assert {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY"} <= environment


def test_compose_runs_migrations_before_the_app():
    assert app_service()["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


def test_the_image_runs_as_a_user_other_than_root():
    users = [line.split()[1] for line in final_stage() if line.upper().startswith("USER ")]

    assert users, "no USER in the final stage"
    assert users[-1].split(":")[0] not in {"root", "0"}


def test_the_healthcheck_asks_healthz():
    checks = [line for line in final_stage() if line.upper().startswith("HEALTHCHECK ")]

    assert len(checks) == 1
    assert "/healthz" in checks[0]


def test_the_image_has_every_app_and_folder_the_settings_name():
    copied = {
        Path(line.split()[-2]).parts[0]
        for line in final_stage()
        if line.upper().startswith("COPY ") and "--from" not in line
    }
    apps = {app.split(".")[0] for app in settings.INSTALLED_APPS}
    needed = {app for app in apps if (ROOT / app).is_dir()}
    for folder in [
        *settings.STATICFILES_DIRS,
        *settings.FIXTURE_DIRS,
        *settings.TEMPLATES[0]["DIRS"],
    ]:
        needed.add(Path(folder).relative_to(ROOT).parts[0])

    assert needed - copied == set()
    assert "manage.py" in {
        name for line in final_stage() if line.upper().startswith("COPY ") for name in line.split()
    }
