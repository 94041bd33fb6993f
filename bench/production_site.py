"""Serve the site as production does, for the checks in bench/: DEBUG off, a fresh SQLite
database seeded with the bundled fixtures, collectstatic, whitenoise."""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


@contextlib.contextmanager
def production_site():
    """Yield the base URL of a production-like server; stop it on exit."""
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"sqlite:///{Path(folder) / 'db.sqlite3'}",
            "DJANGO_DEBUG": "0",
            "DJANGO_LOG_LEVEL": "ERROR",
        }
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "seed", "--verbosity", "0")
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    with urllib.request.urlopen(f"{url}/talks/", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    time.sleep(0.2)
            else:
                raise SystemExit("The site did not start.")
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)
