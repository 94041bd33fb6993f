import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def import_settings(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment["DJANGO_SECRET_KEY_FILE"] = "/nonexistent/secret_key"
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import confnotes.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_settings_refuse_to_start_without_a_secret_key_in_production():
    result = import_settings()
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_settings_read_the_key_file_that_make_writes(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("k" * 50 + "\n")
    result = import_settings(DJANGO_SECRET_KEY_FILE=str(key_file))
    assert result.returncode == 0, result.stderr


def test_settings_allow_a_development_key_in_debug():
    result = import_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True")


def test_settings_read_allowed_hosts_from_the_environment():
    result = import_settings(
        DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="a.example, b.example"
    )
    assert result.stdout.strip() == "False ['a.example', 'b.example']"
