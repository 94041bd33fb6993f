"""Fill the empty database in DATABASE_URL with synthetic talks for the benchmarks.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/make_synthetic.py
Options: --talks, --speakers, --tags, --companies, --seed (bench/synthetic.py).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "confnotes.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django

django.setup()

from bench.synthetic import Command  # noqa: E402

if __name__ == "__main__":
    Command().run_from_argv([sys.argv[0], "make_synthetic", *sys.argv[1:]])
